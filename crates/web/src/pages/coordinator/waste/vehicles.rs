//! Flex Waste's vehicles in the pages (`/waste/vehicles`): each with what it carries,
//! how far it goes and when it is out, the people who may drive it (active, with its
//! driving skill) and who drives it today; a new vehicle; a change; and taking one out
//! of service from a day. The form is read into the API's `VehicleRequest`.

use super::form::{Ending, FormPage, ending_day, field, one_of, saved, window_fields};
use crate::pages::coordinator::records::form::{self, Select, choices};
use crate::pages::coordinator::records::{coordinator, record_id};
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, locale, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use domain::person::PersonStatus;
use domain::waste::{VEHICLE_KINDS, driving_skill};
use service::flexwaste::changes::{self, RetireRequest};
use service::flexwaste::records::{self, VehicleOut, VehicleRequest};
use service::{Clock, ServiceError};
use std::collections::BTreeMap;
use store::{PageRequest, Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/waste/vehicles", get(list))
        .route("/waste/vehicles/new", get(new).post(create))
        .route("/waste/vehicles/{id}", get(one).post(change))
        .route("/waste/vehicles/{id}/retire", post(retire))
}

const FIELD_ORDER: [&str; 10] = [
    "name",
    "kind",
    "capacity_kg",
    "capacity_litres",
    "range_km",
    "speed_kmh",
    "shift_from",
    "shift_to",
    "wh_per_km",
    "ends",
];

/// One vehicle as the list shows it.
struct Row {
    id: i64,
    name: String,
    kind: String,
    facts: String,
    shift: String,
    drivers: String,
    today: String,
    retired: String,
}

#[derive(Template)]
#[template(path = "coordinator/waste_vehicles.html")]
struct ListPage {
    layout: Layout,
    notice: Option<String>,
    rows: Vec<Row>,
}

fn kind_said(t: Tr, kind: &str) -> String {
    t.get(&format!("waste.vehicle_kind_{kind}")).to_string()
}

/// `GET /waste/vehicles`.
async fn list(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let people = store
        .people(&Default::default(), PageRequest::all())
        .await?
        .items;
    let today = store.day_plan(page.today()).await?;
    let mut rows = Vec::new();
    for v in records::vehicles(&store, &by).await? {
        let skill = driving_skill(&v.kind);
        let drivers: Vec<&str> = people
            .iter()
            .filter(|p| p.value.status == PersonStatus::Active && p.value.skills.contains(&skill))
            .map(|p| p.value.name.as_str())
            .collect();
        let driving: Vec<&str> = today
            .iter()
            .flat_map(|plan| &plan.routes)
            .filter(|r| r.vehicle_id == v.id)
            .filter_map(|r| r.driver_id)
            .filter_map(|id| people.iter().find(|p| p.meta.id == id))
            .map(|p| p.value.name.as_str())
            .collect();
        rows.push(Row {
            id: v.id,
            name: v.name.clone(),
            kind: kind_said(t, &v.kind),
            facts: t.fill(
                "waste.vehicle_facts",
                &[
                    ("kg", &v.capacity_kg.to_string()),
                    ("litres", &v.capacity_litres.to_string()),
                    ("km", &v.range_km.to_string()),
                    ("speed", &v.speed_kmh.to_string()),
                ],
            ),
            shift: v.shift.replace('-', "–"),
            drivers: if drivers.is_empty() {
                t.fill(
                    "waste.vehicle_no_drivers",
                    &[("skill", skill.label(locale(t)))],
                )
            } else {
                drivers.join(", ")
            },
            today: driving.join(", "),
            retired: v
                .retired_on
                .map(|d| t.fill("waste.vehicle_retired_on", &[("date", &d)]))
                .unwrap_or_default(),
        });
    }
    Ok(render(&ListPage {
        layout: page.layout(),
        notice: saved(t, &query),
        rows,
    })
    .into_response())
}

/// The form as sent, as text.
#[derive(Debug, Clone, Default)]
struct VehicleForm {
    name: String,
    kind: String,
    capacity_kg: String,
    capacity_litres: String,
    range_km: String,
    speed_kmh: String,
    shift_from: String,
    shift_to: String,
    wh_per_km: String,
}

impl VehicleForm {
    fn read(body: &[u8]) -> Self {
        Self {
            name: one_of(body, "name"),
            kind: one_of(body, "kind"),
            capacity_kg: one_of(body, "capacity_kg"),
            capacity_litres: one_of(body, "capacity_litres"),
            range_km: one_of(body, "range_km"),
            speed_kmh: one_of(body, "speed_kmh"),
            shift_from: one_of(body, "shift_from"),
            shift_to: one_of(body, "shift_to"),
            wh_per_km: one_of(body, "wh_per_km"),
        }
    }

    fn of(v: &VehicleOut) -> Self {
        let (from, to) = v.shift.split_once('-').unwrap_or_default();
        Self {
            name: v.name.clone(),
            kind: v.kind.clone(),
            capacity_kg: v.capacity_kg.to_string(),
            capacity_litres: v.capacity_litres.to_string(),
            range_km: v.range_km.to_string(),
            speed_kmh: v.speed_kmh.to_string(),
            shift_from: from.to_string(),
            shift_to: to.to_string(),
            wh_per_km: v.wh_per_km.to_string(),
        }
    }

    /// The API's request, or the wrong fields: those not read and those refused.
    fn checked(&self, t: Tr) -> Result<VehicleRequest, Vec<FieldError>> {
        let mut wrong = Vec::new();
        let mut number = |name: &'static str, text: &str| -> u32 {
            text.trim().parse().unwrap_or_else(|_| {
                wrong.push(name);
                0
            })
        };
        let request = VehicleRequest {
            name: self.name.clone(),
            kind: self.kind.clone(),
            capacity_kg: number("capacity_kg", &self.capacity_kg),
            capacity_litres: number("capacity_litres", &self.capacity_litres),
            range_km: number("range_km", &self.range_km),
            speed_kmh: number("speed_kmh", &self.speed_kmh),
            shift: format!("{}-{}", self.shift_from.trim(), self.shift_to.trim()),
            wh_per_km: number("wh_per_km", &self.wh_per_km),
        };
        if let Err(refused) = request.parse() {
            wrong.extend(refused.iter().map(|e| form_field(&e.field)));
        }
        if wrong.is_empty() {
            Ok(request)
        } else {
            Err(form::errors(t, wrong, &FIELD_ORDER, "waste.vehicle_bad_"))
        }
    }
}

fn form_field(api: &str) -> &'static str {
    match api {
        "kind" => "kind",
        "capacity_kg" => "capacity_kg",
        "capacity_litres" => "capacity_litres",
        "range_km" => "range_km",
        "speed_kmh" => "speed_kmh",
        "shift" => "shift_from",
        "wh_per_km" => "wh_per_km",
        _ => "name",
    }
}

/// Where a form posts: a new vehicle, or vehicle `id`.
fn shown(
    page: &Page,
    changing: Option<&VehicleOut>,
    form: VehicleForm,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = coordinator(page)?;
    let t = page.t;
    let status = form::status(&errors);
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: match changing {
            Some(v) => t.fill("waste.vehicle_change_title", &[("name", &v.name)]),
            None => t.get("waste.vehicle_new_title").to_string(),
        },
        intro: t.get("waste.vehicle_intro").to_string(),
        back: ("/waste/vehicles", "waste.vehicle_back"),
        action: changing.map_or_else(
            || "/waste/vehicles/new".into(),
            |v| format!("/waste/vehicles/{}", v.id),
        ),
        site: None,
        selects: vec![Select {
            field: "kind",
            label: "waste.vehicle_kind",
            blank: None,
            choices: choices(t, &VEHICLE_KINDS, "waste.vehicle_kind_", &form.kind),
        }],
        checks: Vec::new(),
        fields: vec![
            field("name", "waste.vehicle_name", &form.name, "text"),
            field(
                "capacity_kg",
                "waste.vehicle_capacity_kg",
                &form.capacity_kg,
                "text",
            ),
            field(
                "capacity_litres",
                "waste.vehicle_capacity_litres",
                &form.capacity_litres,
                "text",
            ),
            field("range_km", "waste.vehicle_range_km", &form.range_km, "text"),
            field(
                "speed_kmh",
                "waste.vehicle_speed_kmh",
                &form.speed_kmh,
                "text",
            ),
        ]
        .into_iter()
        .chain(window_fields(
            ("shift_from", "shift_to"),
            ("waste.vehicle_shift_from", "waste.vehicle_shift_to"),
            (&form.shift_from, &form.shift_to),
        ))
        .chain([field(
            "wh_per_km",
            "waste.vehicle_wh_per_km",
            &form.wh_per_km,
            "text",
        )])
        .collect(),
        submit: "waste.vehicle_save",
        ending: changing.filter(|v| v.retired_on.is_none()).map(|v| Ending {
            action: format!("/waste/vehicles/{}/retire", v.id),
            heading: "waste.vehicle_retire_title",
            help: t.get("waste.vehicle_retire_help").to_string(),
            label: "waste.vehicle_retire_label",
            value: String::new(),
            button: "waste.vehicle_retire",
        }),
        errors,
    };
    Ok((status, render(&body)).into_response())
}

async fn new(page: Page) -> PageResult {
    let form = VehicleForm {
        kind: VEHICLE_KINDS[0].into(),
        shift_from: "07:00".into(),
        shift_to: "15:00".into(),
        ..Default::default()
    };
    shown(&page, None, form, Vec::new())
}

/// A vehicle name used already, beside the name.
fn refused(t: Tr, error: ServiceError) -> Result<Vec<FieldError>, ServiceError> {
    match error {
        ServiceError::Store(StoreError::Conflict(_)) => Ok(vec![FieldError::new(
            "name",
            t.get("waste.vehicle_name_taken"),
        )]),
        other => Err(other),
    }
}

async fn create(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let by = coordinator(&page)?.actor();
    let form = VehicleForm::read(&body);
    let request = match form.checked(page.t) {
        Ok(request) => request,
        Err(errors) => return shown(&page, None, form, errors),
    };
    match records::add_vehicle(&store, &by, &request).await {
        Ok(_) => Ok(Redirect::to("/waste/vehicles?saved=1").into_response()),
        Err(e) => shown(&page, None, form, refused(page.t, e)?),
    }
}

async fn found(store: &Store, page: &Page, id: &str) -> Result<VehicleOut, PageError> {
    let by = coordinator(page)?.actor();
    let id = record_id(id)?;
    records::vehicles(store, &by)
        .await?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or(PageError::NotFound)
}

async fn one(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let v = found(&store, &page, &id).await?;
    shown(&page, Some(&v), VehicleForm::of(&v), Vec::new())
}

async fn change(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let v = found(&store, &page, &id).await?;
    let by = coordinator(&page)?.actor();
    let form = VehicleForm::read(&body);
    let request = match form.checked(page.t) {
        Ok(request) => request,
        Err(errors) => return shown(&page, Some(&v), form, errors),
    };
    match changes::change_vehicle(&store, &by, v.id, &request).await {
        Ok(_) => Ok(Redirect::to("/waste/vehicles?saved=1").into_response()),
        Err(e) => shown(&page, Some(&v), form, refused(page.t, e)?),
    }
}

async fn retire(
    State(store): State<Store>,
    State(clock): State<Clock>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let v = found(&store, &page, &id).await?;
    let by = coordinator(&page)?.actor();
    let request = RetireRequest {
        from: ending_day(&body, clock.today()),
    };
    match changes::retire_vehicle(&store, &by, v.id, &request, clock.today()).await {
        Ok(_) => Ok(Redirect::to("/waste/vehicles?saved=1").into_response()),
        Err(ServiceError::Invalid(_)) => {
            let errors = form::errors(page.t, vec!["ends"], &FIELD_ORDER, "waste.vehicle_bad_");
            shown(&page, Some(&v), VehicleForm::of(&v), errors)
        }
        Err(e) => Err(e.into()),
    }
}
