//! Every failure answers as RFC 9457 `application/problem+json`, with the invalid
//! fields listed when input was at fault.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use serde::Serialize;
use service::{CheckInRefusal, ServiceError};
use store::StoreError;

/// A failed request, as the client will see it.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 422: input that parsed as JSON but is not valid; every bad field is named.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// 400: a body that is not JSON at all.
    #[error("{0}")]
    BadRequest(String),
    /// 401: no session or token, or one that has ended.
    #[error("sign in first: send a session cookie or an `Authorization: Bearer` API token")]
    Unauthorized,
    /// 403: signed in, but this role does not use this route, or a form without its token.
    #[error("{0}")]
    Forbidden(String),
    /// 404
    #[error("{0}")]
    NotFound(String),
    /// 409: a stale version, a duplicate, a forbidden status move.
    #[error("{0}")]
    Conflict(String),
    /// 405: a route that exists, asked with a method it does not answer.
    #[error("this route does not answer that method; the OpenAPI document lists the ones it does")]
    MethodNotAllowed,
    /// 413: a body over the limit (2 MB for JSON, 1 MB for a page's form).
    #[error("the body is larger than this route accepts")]
    PayloadTooLarge,
    /// 415: a body sent without `Content-Type: application/json`.
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    /// 429: a client address sent more public requests this hour than allowed.
    #[error("too many requests from this address this hour; try again later")]
    TooManyRequests,
    /// 503: every engine is busy; `Retry-After` says when to try again.
    #[error("every planner is busy; try again in {retry_after_seconds} seconds")]
    Busy { retry_after_seconds: u64 },
    /// 500: logged in full, told in brief.
    #[error("internal error")]
    Internal(String),
}

/// The problem document's shape, for the OpenAPI document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[schema(example = "https://kommune.example/problems/invalid-input")]
    pub r#type: String,
    #[schema(example = "Invalid input")]
    pub title: String,
    #[schema(example = 422)]
    pub status: u16,
    pub detail: String,
    /// Every invalid field, when the input was at fault.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl AppError {
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, reason)])
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            Self::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-input",
                "Invalid input",
            ),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized", "Sign in first"),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            Self::Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            Self::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            ),
            Self::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            ),
            Self::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "busy", "Service busy"),
            Self::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            // Said as the service says a record the caller may not see, so that another
            // company's record and a missing one answer alike.
            StoreError::NotFound { what, .. } | StoreError::NoSuch { what, .. } => {
                Self::NotFound(format!("no such {what}"))
            }
            StoreError::Conflict(message) => Self::Conflict(message),
            StoreError::Refused(refusal) => Self::Conflict(refusal.reason()),
            StoreError::Invalid(errors) => Self::Invalid(errors),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<ServiceError> for AppError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Invalid(errors) => Self::Invalid(errors),
            ServiceError::NotFound(message) => Self::NotFound(message),
            ServiceError::Conflict(message) => Self::Conflict(message),
            refused @ (ServiceError::NothingToReplan { .. } | ServiceError::TooLarge { .. }) => {
                Self::Conflict(refused.to_string())
            }
            ServiceError::CheckIn(refusal @ CheckInRefusal::NotOnTheDay) => {
                Self::Invalid(vec![FieldError::new("at", refusal.reason())])
            }
            ServiceError::CheckIn(refusal) => Self::Conflict(refusal.reason().to_string()),
            ServiceError::Busy {
                retry_after_seconds,
            } => Self::Busy {
                retry_after_seconds,
            },
            ServiceError::Store(e) => e.into(),
            ServiceError::Rows(rows) => Self::Invalid(
                rows.into_iter()
                    .map(|r| FieldError::new(format!("line {}: {}", r.line, r.column), r.reason))
                    .collect(),
            ),
            other @ (ServiceError::Write { .. } | ServiceError::Internal(_)) => {
                Self::Internal(other.to_string())
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, slug, title) = self.parts();
        let retry_after = match &self {
            Self::Busy {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            Self::TooManyRequests => Some(3600),
            _ => None,
        };
        let (detail, errors) = match self {
            Self::Invalid(errors) => {
                let n = errors.len();
                (
                    format!(
                        "{n} field{} invalid; nothing was stored",
                        if n == 1 { " is" } else { "s are" }
                    ),
                    errors,
                )
            }
            Self::Internal(message) => {
                tracing::error!(%message, "request failed");
                (
                    "something went wrong on our side; it has been logged".into(),
                    Vec::new(),
                )
            }
            other => (other.to_string(), Vec::new()),
        };
        let body = Problem {
            r#type: format!("https://kommune.example/problems/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors,
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            json,
        )
            .into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_engines_answer_503_with_when_to_try_again() {
        let answer = AppError::from(ServiceError::Busy {
            retry_after_seconds: 5,
        })
        .into_response();
        assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(answer.headers()[header::RETRY_AFTER], "5");
    }
}
