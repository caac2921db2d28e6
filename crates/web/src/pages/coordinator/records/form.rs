//! What the record forms share: text fields and lists as the templates show them, numbers
//! read as Danes write them, and wrong fields summarised in the form's order.

use crate::pages::FieldError;
use crate::pages::i18n::Tr;

/// One choice in a list or a box to tick.
pub(in crate::pages::coordinator) struct Choice {
    pub value: &'static str,
    pub label: String,
    pub chosen: bool,
}

/// A text field: its name, label key, what it holds, and its input type and autocomplete.
/// Names are owned: a row's fields are numbered (`site_2_address`).
pub(in crate::pages::coordinator) struct TextField {
    pub field: String,
    pub label: String,
    pub value: String,
    pub kind: &'static str,
    pub auto: &'static str,
}

/// A list to choose from; `blank` is the choice of nothing, when there is one.
pub(in crate::pages::coordinator) struct Select {
    pub field: &'static str,
    pub label: &'static str,
    pub blank: Option<&'static str>,
    pub choices: Vec<Choice>,
}

pub(in crate::pages::coordinator) fn text(
    field: &'static str,
    label: &'static str,
    value: &str,
    kind: &'static str,
) -> TextField {
    let auto = match field {
        "name" => "name",
        "phone" => "tel",
        "email" => "email",
        "address" => "street-address",
        _ => "off",
    };
    TextField {
        field: field.to_string(),
        label: label.to_string(),
        value: value.to_string(),
        kind,
        auto,
    }
}

/// The choices of `codes`, each labelled by the key `prefix` + code.
pub(in crate::pages::coordinator) fn choices(
    t: Tr,
    codes: &[&'static str],
    prefix: &str,
    chosen: &str,
) -> Vec<Choice> {
    codes
        .iter()
        .map(|code| Choice {
            value: code,
            label: t.get(&format!("{prefix}{code}")).to_string(),
            chosen: *code == chosen,
        })
        .collect()
}

/// A number as typed, with a decimal comma or point; empty is none. One that is not a
/// number is none too, and its field joins `unread`.
pub(in crate::pages::coordinator) fn decimal(
    field: &'static str,
    text: &str,
    unread: &mut Vec<&'static str>,
) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let read = text
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite());
    if read.is_none() {
        unread.push(field);
    }
    read
}

/// One error per wrong field, in `order`, each said by the key `prefix` + field.
pub(in crate::pages::coordinator) fn errors(
    t: Tr,
    mut fields: Vec<&'static str>,
    order: &[&str],
    prefix: &str,
) -> Vec<FieldError> {
    fields.sort_by_key(|f| order.iter().position(|o| o == f));
    fields.dedup();
    fields
        .into_iter()
        .map(|f| FieldError::new(f, t.get(&format!("{prefix}{f}")).to_string()))
        .collect()
}

/// A form shown clean is 200; shown again with what is wrong, 422.
pub(in crate::pages::coordinator) fn status(errors: &[FieldError]) -> axum::http::StatusCode {
    if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A draft's record, or the form fields that are wrong: those the form could not read
/// (`unread`) and those the domain refused, each named by `field` (the form's own name for
/// a draft field). Every refused field is listed once, by `said`.
pub(in crate::pages::coordinator) fn checked<T, F>(
    parsed: Result<T, Vec<domain::FieldError>>,
    mut unread: Vec<F>,
    field: impl Fn(&str) -> F,
    said: impl FnOnce(Vec<F>) -> Vec<FieldError>,
) -> Result<T, Vec<FieldError>> {
    match parsed {
        Ok(record) if unread.is_empty() => Ok(record),
        Ok(_) => Err(said(unread)),
        Err(refused) => {
            unread.extend(refused.iter().map(|e| field(&e.field)));
            Err(said(unread))
        }
    }
}
