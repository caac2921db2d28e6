//! Why the routing engine left a stop out, in the page's language: the engine gives a
//! value with seconds since the day's midnight and metres; the words are the catalogues'.

use crate::pages::clock;
use crate::pages::i18n::Tr;
use chrono::NaiveDate;
use service::flexwaste::DayClock;
use service::flexwaste::why::{Infeasible, Why};

/// The reason as the page says it; a reason kept as text by an older plan is said
/// generally, since its words are the engine's English.
pub fn said(t: Tr, why: &Result<Why, String>, day: NaiveDate) -> String {
    match why {
        Ok(Why::CheaperToSkip) => t.get("waste.why.cheaper_to_skip").to_string(),
        Ok(Why::NoRoomOrTime) => t.get("waste.why.no_room").to_string(),
        Ok(Why::NoVehicleAlone { vehicles }) => {
            let each: Vec<String> = vehicles
                .iter()
                .map(|(vehicle, rule)| {
                    t.fill(
                        "waste.why.vehicle",
                        &[
                            ("vehicle", vehicle),
                            ("rule", &rule_said(t, rule.as_ref(), day)),
                        ],
                    )
                })
                .collect();
            t.fill("waste.why.no_vehicle", &[("vehicles", &each.join("; "))])
        }
        Err(_) => t.get("waste.why.kept_as_text").to_string(),
    }
}

fn rule_said(t: Tr, rule: Option<&Infeasible>, day: NaiveDate) -> String {
    let at = |seconds: i64| clock(DayClock::new(day).instant(seconds));
    let km = |metres: i64| format!("{:.1}", metres as f64 / 1000.0).replace('.', ",");
    match rule {
        None | Some(Infeasible::NoBreak { .. }) => t.get("waste.rule.break").to_string(),
        Some(Infeasible::NeedsFeature { feature, .. }) => {
            t.fill("waste.rule.feature", &[("feature", feature)])
        }
        Some(Infeasible::AfterLastWindow { arrival, .. }) => {
            t.fill("waste.rule.late", &[("time", &at(*arrival))])
        }
        Some(Infeasible::OverCapacity {
            load,
            dimension,
            capacity,
            ..
        }) => t.fill(
            if *dimension == 0 {
                "waste.rule.capacity_kg"
            } else {
                "waste.rule.capacity_litres"
            },
            &[
                ("load", &load.to_string()),
                ("capacity", &capacity.to_string()),
            ],
        ),
        Some(Infeasible::ReturnsLate { back, latest }) => t.fill(
            "waste.rule.returns_late",
            &[("back", &at(*back)), ("latest", &at(*latest))],
        ),
        Some(Infeasible::OverRange { distance, max }) => t.fill(
            "waste.rule.range",
            &[("km", &km(*distance)), ("max", &km(*max))],
        ),
        Some(_) => t.get("waste.rule.other").to_string(),
    }
}
