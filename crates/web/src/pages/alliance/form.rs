//! One form for the Alliance's pages: a list of fields of a few kinds (text, number, date,
//! long text, a choice, boxes to tick, one box), read back as the posted text, so a form
//! with a wrong field is shown again as typed, each wrong field named in the page's
//! language.

use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, names};
use askama::Template;
use std::collections::BTreeMap;

/// A choice in a list or a box among boxes.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

/// One field of a form.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// `text`, `number`, `date`, `email`, `textarea`, `select`, `checks` or `checkbox`.
    pub kind: &'static str,
    pub value: String,
    pub hint: String,
    pub options: Vec<Opt>,
}

impl Field {
    /// A field of `kind` labelled by the catalogue key `alliance.field_{name}`.
    pub fn new(t: Tr, name: &'static str, kind: &'static str, posted: &Posted) -> Self {
        Self {
            name,
            label: t.get(&format!("alliance.field_{name}")).to_string(),
            kind,
            value: posted.one(name).to_string(),
            hint: String::new(),
            options: Vec::new(),
        }
    }

    /// With a hint under its label.
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = hint;
        self
    }

    /// With choices `(value, label)`; the posted ones chosen.
    pub fn options(mut self, options: Vec<(String, String)>, posted: &Posted) -> Self {
        let chosen = posted.all(self.name);
        self.options = options
            .into_iter()
            .map(|(value, label)| Opt {
                chosen: chosen.contains(&value),
                value,
                label,
            })
            .collect();
        self
    }
}

/// A form page: heading, intro, fields, and where it posts.
#[derive(Template)]
#[template(path = "alliance/form.html")]
pub struct FormPage {
    pub layout: Layout,
    /// The session's CSRF token, or a public form's token.
    pub csrf: String,
    pub heading: String,
    pub intro: String,
    pub action: String,
    pub fields: Vec<Field>,
    pub submit: String,
    pub errors: Vec<FieldError>,
    pub back: Option<(String, String)>,
}

impl FormPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// A form's fields as posted, by name; a name may come more than once (boxes).
#[derive(Debug, Clone, Default)]
pub struct Posted(BTreeMap<String, Vec<String>>);

impl Posted {
    /// Reads an `application/x-www-form-urlencoded` body.
    pub fn read(body: &[u8]) -> Self {
        let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(body) {
            fields
                .entry(k.into_owned())
                .or_default()
                .push(v.into_owned());
        }
        Self(fields)
    }

    /// A form shown first, filled with these values.
    pub fn with(values: &[(&str, String)]) -> Self {
        let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in values {
            fields.entry((*k).to_string()).or_default().push(v.clone());
        }
        Self(fields)
    }

    /// The first value of `name`, or empty.
    pub fn one(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map_or("", String::as_str)
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.get(name).cloned().unwrap_or_default()
    }

    /// A number, or none when empty; text that is no number is `Err` with the field.
    pub fn number(&self, name: &'static str) -> Result<Option<i64>, &'static str> {
        match self.one(name).trim() {
            "" => Ok(None),
            text => text.parse().map(Some).map_err(|_| name),
        }
    }

    /// A comma-separated field as its items, trimmed, the empty ones dropped: `da, en`.
    pub fn listed(&self, name: &str) -> Vec<String> {
        self.one(name)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }

    /// Whether a box was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        !self.one(name).is_empty()
    }
}

/// One error per wrong field, each said by `alliance.bad_{field}`; a field the service
/// names by an index (`must[2]`) or a path (`follow_ups[0].due_on`) is the form's field
/// before it, or `fallback` when the form has no such field.
pub fn said(
    t: Tr,
    wrong: &[domain::FieldError],
    fields: &[&'static str],
    fallback: &'static str,
) -> Vec<FieldError> {
    let mut named: Vec<&'static str> = wrong
        .iter()
        .map(|e| {
            let base = e.field.split(['[', '.']).next().unwrap_or_default();
            fields
                .iter()
                .copied()
                .find(|f| *f == base)
                .unwrap_or(fallback)
        })
        .collect();
    named.sort_by_key(|f| fields.iter().position(|o| o == f));
    named.dedup();
    named
        .into_iter()
        .map(|f| FieldError::new(f, t.get(&format!("alliance.bad_{f}")).to_string()))
        .collect()
}

/// The agency's local skills as choices, `(code, name)`, named in the page's language.
pub async fn skill_choices(
    store: &store::Store,
    t: Tr,
) -> Result<Vec<(String, String)>, store::StoreError> {
    Ok(store
        .local_skills()
        .await?
        .into_iter()
        .map(|s| {
            let name = if t.lang.code() == "da" {
                s.name_da
            } else {
                s.name_en
            };
            (s.code, name)
        })
        .collect())
}
