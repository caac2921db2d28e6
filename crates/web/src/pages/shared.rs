//! What several roles' pages show alike: form errors, cookies, clock times and hours,
//! catalogue labels, records deleted since, and downloads of issued invoices.

use super::i18n::{Lang, Tr};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate, Weekday};
use domain::contact::Locale;
use service::billing::{self, Format};
use store::invoices::Invoice;
use store::time::EntryStatus;
use store::{Refusal, StoreError};

use super::{PageError, PageResult};

/// The holiday pay rate as the reader's language writes a percentage: "12,5 %".
pub fn holiday_pay_rate(t: Tr) -> String {
    let per_mille = domain::payroll::HOLIDAY_PAY_PER_MILLE;
    let text = if per_mille % 10 == 0 {
        format!("{} %", per_mille / 10)
    } else {
        format!("{}.{} %", per_mille / 10, per_mille % 10)
    };
    match t.lang {
        Lang::Da => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A form's wrong fields are collected as the API's are, by the domain's one collector;
/// the reason is said in the page's language and the summary links to the field's id.
pub use domain::problem::{Errors, FieldError};

/// Whether `errors` names `field`: templates mark that field invalid.
pub fn names(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// A cookie for the pages: only over this site's own requests, never to scripts.
pub fn cookie(name: &str, value: &str, max_age_seconds: i64) -> String {
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}")
}

/// The catalogues' locale for a page language: task types and skills carry their own labels.
pub fn locale(t: Tr) -> Locale {
    match t.lang {
        Lang::Da => Locale::Da,
        Lang::En => Locale::En,
    }
}

/// An instant's clock time in Copenhagen, `09:00`.
pub use domain::calendar::clock_time as clock;

/// Minutes as hours and minutes, `2:05`: the domain's one formatter, as the PDF writes them.
pub use domain::money::hours_minutes;

/// A file to save rather than show.
pub fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// An invoice's file from a page's path, `2027-0001.pdf` or `2027-0001.xml`: the number
/// and the extension. Any other name is no file.
pub fn invoice_file(file: &str) -> Result<(&str, &str), PageError> {
    match file.rsplit_once('.') {
        Some((number, extension)) if matches!(extension, "pdf" | "xml") => Ok((number, extension)),
        _ => Err(PageError::NotFound),
    }
}

/// The invoice or credit note as the buyer receives it, to save: its PDF, or for `xml`
/// its Peppol UBL.
pub fn invoice_download(invoice: &Invoice, extension: &str) -> PageResult {
    let format = if extension == "pdf" {
        Format::Pdf
    } else {
        Format::Ubl
    };
    let file = billing::file(invoice, format)?;
    Ok(download(file.content_type, &file.name, file.bytes))
}

/// Why the records refused a step, said in the page's language; a refusal the records
/// give only in English (a clash of two writers, say) is said generally.
pub fn refusal_said(t: Tr, error: &StoreError) -> String {
    let Some(refusal) = (match error {
        StoreError::Refused(refusal) => Some(refusal),
        _ => None,
    }) else {
        return t.get("refusal.other").into();
    };
    match refusal {
        Refusal::SellerMissing => t.get("refusal.seller_missing").into(),
        Refusal::NoAgreement { company, task_type } => {
            let kind = domain::catalogue::TaskType::parse(task_type)
                .map_or_else(|_| task_type.clone(), |k| k.label(locale(t)).to_string());
            let company = company.to_string();
            t.fill(
                "refusal.no_agreement",
                &[("company", &company), ("task_type", &kind)],
            )
        }
        Refusal::TooLarge { company } => {
            t.fill("refusal.too_large", &[("company", &company.to_string())])
        }
        Refusal::DateBackwards { latest } => {
            t.fill("refusal.date_backwards", &[("date", &latest.to_string())])
        }
        Refusal::IsCreditNote => t.get("refusal.is_credit_note").into(),
        Refusal::AlreadyRecorded => t.get("refusal.already_recorded").into(),
        Refusal::Overlaps { .. } => t.get("refusal.overlaps").into(),
        Refusal::AlreadyCredited => t.get("refusal.already_credited").into(),
        Refusal::AlreadySubscribed { .. } => t.get("refusal.already_subscribed").into(),
        Refusal::AlreadyOrdered { .. } => t.get("refusal.already_ordered").into(),
        Refusal::AlreadyCancelled => t.get("refusal.already_cancelled").into(),
        Refusal::AlreadyCollected => t.get("refusal.already_collected").into(),
        Refusal::DayClosed { day } => t.fill(
            "refusal.day_closed",
            &[("date", &crate::pages::day_label(t, *day, true))],
        ),
        Refusal::ForCoordinator => t.get("refusal.for_coordinator").into(),
        Refusal::AlreadyEnded { on } => {
            t.fill("refusal.already_ended", &[("date", &on.to_string())])
        }
        Refusal::NotWaiting(status) => t
            .get(match status {
                EntryStatus::Open => "refusal.hours_open",
                EntryStatus::Registered => "refusal.hours_registered",
                EntryStatus::Confirmed => "refusal.hours_confirmed",
                EntryStatus::Corrected => "refusal.hours_corrected",
            })
            .into(),
    }
}

/// OpenStreetMap's directions to a place, the start left to the map (the phone's
/// position): no map is drawn or fetched by kommune itself.
pub fn directions(latitude: f64, longitude: f64) -> String {
    format!("https://www.openstreetmap.org/directions?route=%3B{latitude:.5}%2C{longitude:.5}")
}

/// A `geo:` link (RFC 5870): a phone opens it in its own maps app.
pub fn geo_link(latitude: f64, longitude: f64) -> String {
    format!("geo:{latitude:.5},{longitude:.5}")
}

/// A weekday's name, short (`tir`) or `long` (`tirsdag`).
pub fn weekday_name(t: Tr, day: Weekday, long: bool) -> &'static str {
    let key = match (day, long) {
        (Weekday::Mon, false) => "board.mon",
        (Weekday::Tue, false) => "board.tue",
        (Weekday::Wed, false) => "board.wed",
        (Weekday::Thu, false) => "board.thu",
        (Weekday::Fri, false) => "board.fri",
        (Weekday::Sat, false) => "board.sat",
        (Weekday::Sun, false) => "board.sun",
        (Weekday::Mon, true) => "board.monday",
        (Weekday::Tue, true) => "board.tuesday",
        (Weekday::Wed, true) => "board.wednesday",
        (Weekday::Thu, true) => "board.thursday",
        (Weekday::Fri, true) => "board.friday",
        (Weekday::Sat, true) => "board.saturday",
        (Weekday::Sun, true) => "board.sunday",
    };
    t.get(key)
}

/// A date as a column heading or in a sentence: `tir 1/12`, or `tirsdag 1/12` when `long`.
pub fn day_label(t: Tr, date: NaiveDate, long: bool) -> String {
    t.fill(
        "board.day",
        &[
            ("weekday", weekday_name(t, date.weekday(), long)),
            ("day", &date.day().to_string()),
            ("month", &date.month().to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holiday_pay_rate_reads_as_each_language_writes_it() {
        assert_eq!(holiday_pay_rate(Tr::new(Lang::Da)), "12,5 %");
        assert_eq!(holiday_pay_rate(Tr::new(Lang::En)), "12.5 %");
    }
}
