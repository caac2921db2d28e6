//! The matching engine's reasons in words, through the catalogues: pages, the API and the
//! command line all say a reason the same way.

use crate::pages::i18n::Tr;
use matching::{CandidateKind, Reason};

/// A candidate kind's code, as the API and the command line write it.
pub fn kind_code(kind: CandidateKind) -> &'static str {
    match kind {
        CandidateKind::Person => "person",
        CandidateKind::Student => "student",
    }
}

/// Hours and minutes as whole hours, rounded down: evidence counts full hours.
fn hours(minutes: u32) -> String {
    (minutes / 60).to_string()
}

/// One reason in the language of `t`.
pub fn reason(t: Tr, reason: &Reason) -> String {
    match reason {
        Reason::MustHave { met, of } => t.fill(
            "alliance.reason_must_have",
            &[("met", &met.to_string()), ("of", &of.to_string())],
        ),
        Reason::NiceToHave { met, of } => t.fill(
            "alliance.reason_nice_to_have",
            &[("met", &met.to_string()), ("of", &of.to_string())],
        ),
        Reason::Evidence { minutes, companies } => t.fill(
            "alliance.reason_evidence",
            &[
                ("hours", &hours(*minutes)),
                ("companies", &companies.to_string()),
            ],
        ),
        Reason::HoursFit { free, asked } => t.fill(
            "alliance.reason_hours_fit",
            &[("free", &free.to_string()), ("asked", &asked.to_string())],
        ),
        Reason::HoursShort { free, asked } => t.fill(
            "alliance.reason_hours_short",
            &[("free", &free.to_string()), ("asked", &asked.to_string())],
        ),
        Reason::Travel { km_tenths } => {
            let km = format!("{},{}", km_tenths / 10, km_tenths % 10);
            let km = if t.get("alliance.decimal_point") == "." {
                km.replace(',', ".")
            } else {
                km
            };
            t.fill("alliance.reason_travel", &[("km", &km)])
        }
        Reason::TravelUnknown => t.get("alliance.reason_travel_unknown").to_string(),
        Reason::StartFit => t.get("alliance.reason_start_fit").to_string(),
        Reason::StartLate { days } => {
            t.fill("alliance.reason_start_late", &[("days", &days.to_string())])
        }
        Reason::LimitsChecked => t.get("alliance.reason_limits_checked").to_string(),
    }
}
