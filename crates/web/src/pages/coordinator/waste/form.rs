//! What Flex Waste's record forms share: one template for a form of lists, boxes to
//! tick and text fields, with an optional second form that ends the record (a
//! subscription's last day, a vehicle's first day out of service), and the lists a form
//! reads and a site is chosen from. The sub-menu joining the Flex Waste pages is the
//! template `coordinator/waste_nav.html`.

use crate::pages::coordinator::records::form::{Choice, Select, TextField};
use crate::pages::{FieldError, Layout, names};
use askama::Template;

/// Boxes to tick under one legend, sent under one name.
pub(super) struct Checks {
    pub field: &'static str,
    pub legend: &'static str,
    pub choices: Vec<Choice>,
}

/// A list of sites to choose one from: "company – site", by id.
pub(super) struct SiteSelect {
    pub label: &'static str,
    pub choices: Vec<(String, String, bool)>,
}

impl SiteSelect {
    /// Every live company's sites, the one with id `chosen` chosen.
    pub async fn of(
        store: &store::Store,
        label: &'static str,
        chosen: &str,
    ) -> Result<Self, store::StoreError> {
        let choices = store
            .waste_sites()
            .await?
            .into_iter()
            .map(|s| {
                let id = s.site_id.to_string();
                let chosen = id == chosen.trim();
                (id, format!("{} – {}", s.company, s.name), chosen)
            })
            .collect();
        Ok(Self { label, choices })
    }
}

/// The second form: a day that ends the record.
pub(super) struct Ending {
    pub action: String,
    pub heading: &'static str,
    pub help: String,
    pub label: &'static str,
    pub value: String,
    pub button: &'static str,
}

/// A Flex Waste record form.
#[derive(Template)]
#[template(path = "coordinator/waste_form.html")]
pub(super) struct FormPage {
    pub layout: Layout,
    pub csrf: String,
    pub heading: String,
    pub intro: String,
    pub back: (&'static str, &'static str),
    pub action: String,
    pub site: Option<SiteSelect>,
    pub selects: Vec<Select>,
    pub checks: Vec<Checks>,
    pub fields: Vec<TextField>,
    pub submit: &'static str,
    pub ending: Option<Ending>,
    pub errors: Vec<FieldError>,
}

impl FormPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// A text field labelled by `label`, holding `value`, of input type `kind`.
pub(super) fn field(
    name: &'static str,
    label: &'static str,
    value: &str,
    kind: &'static str,
) -> TextField {
    TextField {
        field: name.to_string(),
        label: label.to_string(),
        value: value.to_string(),
        kind,
        auto: "off",
    }
}

/// The choices of `codes`, each labelled by `label`, those in `chosen` ticked.
pub(super) fn ticked(
    codes: &[&'static str],
    label: impl Fn(&'static str) -> String,
    chosen: &[String],
) -> Vec<Choice> {
    codes
        .iter()
        .map(|code| Choice {
            value: code,
            label: label(code),
            chosen: chosen.iter().any(|c| c == code),
        })
        .collect()
}

/// The values sent under `name`, in order (boxes ticked share one name).
pub(super) fn all_of(body: &[u8], name: &str) -> Vec<String> {
    form_urlencoded::parse(body)
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .collect()
}

/// The first value sent under `name`, or empty.
pub(super) fn one_of(body: &[u8], name: &str) -> String {
    all_of(body, name).into_iter().next().unwrap_or_default()
}

/// "Saved." after a form, when the address says so.
pub(super) fn saved(
    t: crate::pages::i18n::Tr,
    query: &std::collections::BTreeMap<String, String>,
) -> Option<String> {
    query
        .contains_key("saved")
        .then(|| t.get("waste.saved").to_string())
}

/// The day typed in the end form (`ends`), as ISO when it reads as a day (`24/12` is the
/// coming one from `today`), else as typed, for the service to name.
pub(super) fn ending_day(body: &[u8], today: chrono::NaiveDate) -> String {
    let ends = one_of(body, "ends");
    match domain::calendar::typed_date(&ends, today) {
        Ok(day) => day.to_string(),
        Err(_) => ends,
    }
}

/// A time window as two time fields, `{name}_from` and `{name}_to`.
pub(super) fn window_fields(
    names: (&'static str, &'static str),
    labels: (&'static str, &'static str),
    values: (&str, &str),
) -> [TextField; 2] {
    [
        field(names.0, labels.0, values.0, "time"),
        field(names.1, labels.1, values.1, "time"),
    ]
}
