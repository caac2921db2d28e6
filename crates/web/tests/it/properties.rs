//! Property tests of the two doors any stranger can knock on: JSON bodies, decoded and
//! checked as every record's draft, and the sign-in form. Whatever arrives, nothing
//! panics, a refusal names what it refuses, and nothing sent comes back at length.

use crate::helpers::{cookie_browser, form_token, spawn_app};
use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::{Map, Value};

/// Member names the drafts use, so that generated objects reach the rules and not only
/// the decoder.
const MEMBERS: &[&str] = &[
    "name",
    "email",
    "phone",
    "address",
    "latitude",
    "longitude",
    "status",
    "skills",
    "languages",
    "availability",
    "absences",
    "weekly_target_hours",
    "weekly_cap_hours",
    "cvr",
    "billing_email",
    "sites",
    "contacts",
    "p_number",
    "role",
    "company_id",
    "site_id",
    "task_type",
    "title",
    "description",
    "lift_kg",
    "people_needed",
    "duration_minutes",
    "fixed_start",
    "window_start",
    "window_end",
    "recurrence",
    "price_per_hour_ore",
    "wage_per_hour_ore",
    "min_billable_minutes",
    "max_lift_kg",
    "not_before",
    "fractions",
    "weekdays",
    "window",
    "expected_kg",
    "expected_litres",
    "price_per_pickup_ore",
    "monthly_fee_ore",
    "starts_on",
    "date",
    "price_ore",
    "kind",
    "opening",
    "capacity_kg",
    "capacity_litres",
    "range_km",
    "speed_kmh",
    "shift",
    "wh_per_km",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        Just("2026-12-01T09:00:00+01:00".to_string()),
        Just("9999-12-31".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        Just("\u{202E}\r\u{0}".to_string()),
        "[a-z]{1,8}@[a-z]{1,8}\\.dk",
        Just("x".repeat(5_000)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(MEMBERS).prop_map(str::to_string),
                        text()
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Decodes `value` as `T` and parses it, as the API does; a refusal names a field and
/// says it briefly.
fn door<T: serde::de::DeserializeOwned, R>(
    value: &Value,
    parse: impl Fn(&T) -> Result<R, Vec<domain::FieldError>>,
) -> Result<(), TestCaseError> {
    let errors = match web::extract::decode::<T>(value.clone()) {
        Ok(draft) => match parse(&draft) {
            Ok(_) => return Ok(()),
            Err(errors) => errors,
        },
        Err(web::problem::AppError::Invalid(errors)) => errors,
        Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
    };
    prop_assert!(!errors.is_empty());
    for e in &errors {
        prop_assert!(!e.field.is_empty());
        prop_assert!(e.reason.chars().count() <= 301, "{} chars", e.reason.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_json_body_is_a_record_or_a_named_refusal(value in json()) {
        use domain::{agreement::AgreementDraft, company::CompanyDraft, person::{FunctionalLimitsDraft, PersonDraft}, task::TaskDraft};
        door::<PersonDraft, _>(&value, PersonDraft::parse)?;
        door::<CompanyDraft, _>(&value, CompanyDraft::parse)?;
        door::<AgreementDraft, _>(&value, AgreementDraft::parse)?;
        door::<TaskDraft, _>(&value, TaskDraft::parse)?;
        door::<FunctionalLimitsDraft, _>(&value, FunctionalLimitsDraft::parse)?;
        door::<service::flexwaste::records::VehicleRequest, _>(&value, |v| v.parse())?;
        door::<service::flexwaste::records::PlaceRequest, _>(&value, |p| p.parse())?;
    }
}

/// A form body as a stranger might send it: fields that exist or not, values of any
/// length and bytes, and the form token right, wrong or missing.
fn sign_in_body() -> impl Strategy<Value = (Vec<(String, String)>, u8)> {
    let field = prop_oneof![
        Just("email".to_string()),
        Just("password".to_string()),
        Just("csrf".to_string()),
        "[a-z]{1,6}",
    ];
    let value = prop_oneof![
        text(),
        Just("k@example.dk".to_string()),
        Just("a".repeat(3_000)),
    ];
    (prop::collection::vec((field, value), 0..5), 0u8..3)
}

#[test]
fn any_sign_in_form_is_answered_without_a_fault_and_without_an_echo() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let app = runtime.block_on(spawn_app());
    let browser = cookie_browser();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let seen = std::cell::RefCell::new(std::collections::BTreeSet::new());
    runner
        .run(&sign_in_body(), |(mut fields, token)| {
            runtime.block_on(async {
                let html = app.page(&browser, "/sign-in").await.html;
                match token {
                    0 => fields.push(("csrf".into(), form_token(&html))),
                    1 => fields.push(("csrf".into(), "0".repeat(64))),
                    _ => {}
                }
                let answer = browser
                    .post(format!("{}/sign-in", app.base))
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                let status = answer.status();
                seen.borrow_mut().insert(status.as_u16());
                let body = answer.text().await.unwrap();
                prop_assert!(
                    matches!(
                        status,
                        StatusCode::BAD_REQUEST
                            | StatusCode::FORBIDDEN
                            | StatusCode::UNPROCESSABLE_ENTITY
                            | StatusCode::TOO_MANY_REQUESTS
                    ),
                    "{status}"
                );
                prop_assert!(body.len() < 20_000, "{} bytes came back", body.len());
                Ok(())
            })
        })
        .unwrap();
    // Both sides of the token check were reached: refused forms and checked ones.
    let seen = seen.into_inner();
    assert!(seen.contains(&403) && seen.contains(&422), "{seen:?}");
}
