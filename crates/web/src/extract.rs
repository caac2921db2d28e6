//! Reading requests so that what is wrong is named: a JSON body whose bad member is
//! reported by its path, and query parameters parsed one by one into domain values.

use crate::problem::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header;
use axum::http::request::Parts;
use domain::problem::Errors;
use domain::{FieldError, Invalid};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// A JSON body. Members of the wrong type are a 422 naming each of them; a body that
/// is not JSON is a 400; a body without a JSON content type is a 415.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let value = json_value(req, state).await?;
        decode(value).map(Self)
    }
}

/// Reads a request body as JSON, checking its content type first.
pub async fn json_value<S: Send + Sync>(req: Request, state: &S) -> Result<Value, AppError> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let essence = v.split(';').next().unwrap_or("").trim();
            essence == "application/json" || essence.ends_with("+json")
        });
    if !is_json {
        return Err(AppError::UnsupportedMediaType);
    }
    let bytes = Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadRequest(e.to_string())
        }
    })?;
    let value = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::BadRequest(format!("the body is not valid JSON: {e}")))?;
    let mut errors = Errors::new();
    refuse_controls(&value, "", &mut errors);
    errors.done().map_err(AppError::Invalid)?;
    Ok(value)
}

/// Names every string in `value` (members' names too) that holds a control character:
/// no record keeps one, whichever field it is sent for.
fn refuse_controls(value: &Value, path: &str, errors: &mut Errors) {
    let at = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    match value {
        Value::String(text) => {
            let field = if path.is_empty() { "body" } else { path };
            errors.check(field, domain::problem::plain_text(text));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                refuse_controls(item, &format!("{path}[{i}]"), errors);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                errors.check(&at(name), domain::problem::plain_text(name));
                refuse_controls(member, &at(name), errors);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Turns a JSON value into `T`, naming every member of the wrong type. The drafts give
/// every member a default, so each member can be tried on its own to find all the bad ones.
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, AppError> {
    // Every body is an object: a record also decodes from an array of its members in
    // order, and `[]` would quietly be a record of defaults (it once cleared a person's
    // functional limits).
    if !value.is_object() {
        return Err(AppError::invalid("body", "must be a JSON object"));
    }
    let first = match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(decoded) => return Ok(decoded),
        Err(error) => error,
    };
    let mut errors = Errors::new();
    if let Value::Object(members) = &value {
        for (name, member) in members {
            let alone = Value::Object([(name.clone(), member.clone())].into_iter().collect());
            if let Err(error) = serde_path_to_error::deserialize::<_, T>(&alone) {
                errors.add(field_error(error));
            }
        }
    }
    if errors.is_empty() {
        errors.add(field_error(first));
    }
    Err(AppError::Invalid(errors.into_vec()))
}

fn field_error(error: serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let path = error.path().to_string();
    // The body itself, or a member whose name is empty: either way the body is named.
    let field = if path == "." || path.is_empty() {
        "body".to_string()
    } else {
        path
    };
    FieldError::new(field, error.into_inner().to_string())
}

/// A record id from the path; anything but a whole number names no record (404).
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::NotFound(e.to_string()))?;
        text.parse().map(Id).map_err(|_| {
            AppError::NotFound(format!(
                "'{text}' is not a record id: ids are whole numbers"
            ))
        })
    }
}

/// Query parameters, taken as text and parsed one at a time so each failure names its parameter.
pub struct Params {
    values: BTreeMap<String, String>,
    errors: Errors,
}

impl Params {
    pub fn new(values: BTreeMap<String, String>) -> Self {
        Self {
            values,
            errors: Errors::new(),
        }
    }

    /// Parses parameter `name` if present and not empty; a failure is remembered under its name.
    pub fn get<T>(
        &mut self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        let text = self
            .values
            .get(name)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())?;
        self.errors.check(name, parse(text))
    }

    /// Hands back the parsed values, or every failure as one 422.
    pub fn finish<T>(self, value: T) -> Result<T, AppError> {
        self.errors.done().map_err(AppError::Invalid)?;
        Ok(value)
    }
}

/// Parses a whole number, as query parameters carry ids and page numbers.
pub fn integer(text: &str) -> Result<i64, Invalid> {
    text.parse()
        .map_err(|_| Invalid::new(format!("'{text}' is not a whole number")))
}

/// Parses `true`/`false`.
pub fn boolean(text: &str) -> Result<bool, Invalid> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(Invalid::new(format!("'{other}' is neither true nor false"))),
    }
}
