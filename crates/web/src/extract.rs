//! Reading requests so that what is wrong is named: a JSON body whose bad member is
//! reported by its path, and query parameters parsed one by one into domain values.

use crate::problem::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use domain::{FieldError, Invalid};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// A JSON body. A member of the wrong type is a 422 naming it; a body that is not
/// JSON is a 400; a body without a JSON content type is a 415.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
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
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(value) => Ok(Self(value)),
            Err(error) => {
                let path = error.path().to_string();
                let inner = error.into_inner();
                if inner.is_syntax() || inner.is_eof() {
                    Err(AppError::BadRequest(format!(
                        "the body is not valid JSON: {inner}"
                    )))
                } else {
                    let field = if path == "." {
                        "body".to_string()
                    } else {
                        path
                    };
                    Err(AppError::Invalid(vec![FieldError::new(
                        field,
                        inner.to_string(),
                    )]))
                }
            }
        }
    }
}

/// Query parameters, taken as text and parsed one at a time so each failure names its parameter.
pub struct Params {
    values: BTreeMap<String, String>,
    errors: Vec<FieldError>,
}

impl Params {
    pub fn new(values: BTreeMap<String, String>) -> Self {
        Self {
            values,
            errors: Vec::new(),
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
        match parse(text) {
            Ok(value) => Some(value),
            Err(Invalid(reason)) => {
                self.errors.push(FieldError::new(name, reason));
                None
            }
        }
    }

    /// Hands back the parsed values, or every failure as one 422.
    pub fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self.errors))
        }
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
