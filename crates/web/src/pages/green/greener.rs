//! "Making us greener": `/greener`, the public page where citizens and households
//! pledge an action (a public form with its token and the per-address limit), with the
//! campaign's totals — CO2 only as an estimate with its source, and only for actions
//! that have one — and `/green/pledges`, the agents' list with who pledged.

use crate::pages::alliance::form::{Field, Posted, said};
use crate::pages::public::{form_token, form_token_fits, with_form_cookie};
use crate::pages::{FieldError, Layout, Message, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use service::ServiceError;
use service::green::pledges::{self, Campaign, PledgeRequest};

/// The pledge form's fields, in order.
pub(super) const FIELDS: [&str; 5] = ["action", "name", "email", "household", "community_id"];

/// An action as the page lists it.
struct ActionRow {
    name: String,
    pledges: i64,
    people: i64,
    confirmed: i64,
    /// The estimate as said, or that there is none.
    co2: String,
    source: Option<String>,
}

#[derive(Template)]
#[template(path = "green/greener.html")]
struct GreenerPage {
    layout: Layout,
    csrf: String,
    totals: String,
    co2: String,
    rows: Vec<ActionRow>,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

impl GreenerPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::shared::names(&self.errors, field)
    }
}

fn kg(t: crate::pages::i18n::Tr, kg: f64) -> String {
    t.fill("green.kg_estimate", &[("kg", &format!("{kg:.0}"))])
}

fn rows(t: crate::pages::i18n::Tr, campaign: &Campaign) -> Vec<ActionRow> {
    let lang = t.lang.code();
    campaign
        .actions
        .iter()
        .map(|a| ActionRow {
            name: a.action.name(lang).to_string(),
            pledges: a.pledges,
            people: a.people,
            confirmed: a.confirmed,
            co2: match a.estimated_kg {
                Some(n) => kg(t, n),
                None => t.get("green.no_estimate").to_string(),
            },
            source: a.action.source(lang).map(String::from),
        })
        .collect()
}

async fn shown(
    state: &AppState,
    page: &Page,
    token: String,
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let t = page.t;
    let lang = t.lang.code();
    let campaign = pledges::campaign(&state.store).await?;
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("green.field_pledge_{name}")).to_string();
        f
    };
    let actions = pledges::actions()?
        .into_iter()
        .map(|a| (a.code.clone(), a.name(lang).to_string()))
        .collect();
    let mut communities = vec![(String::new(), t.get("green.no_community").to_string())];
    communities.extend(
        state
            .store
            .communities()
            .await?
            .into_iter()
            .map(|c| (c.id.to_string(), c.name)),
    );
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = GreenerPage {
        layout: page.layout(),
        csrf: token.clone(),
        totals: t.fill(
            "green.campaign_totals",
            &[
                ("pledges", &campaign.pledges.to_string()),
                ("people", &campaign.people.to_string()),
                ("confirmed", &campaign.confirmed.to_string()),
            ],
        ),
        co2: t.fill(
            "green.campaign_co2",
            &[
                ("kg", &format!("{:.0}", campaign.estimated_kg)),
                ("without", &campaign.without_estimate.to_string()),
            ],
        ),
        rows: rows(t, &campaign),
        fields: vec![
            field("action", "select").options(actions, posted),
            field("name", "text"),
            field("email", "email").hint(t.get("green.hint_pledge_email").to_string()),
            field("household", "number"),
            field("community_id", "select").options(communities, posted),
        ],
        errors,
    };
    Ok(with_form_cookie(
        (status, render(&body)).into_response(),
        &token,
    ))
}

/// `GET /greener`.
pub async fn form(State(state): State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    let posted = Posted::with(&[("household", "1".to_string())]);
    shown(&state, &page, form_token(&headers), &posted, Vec::new()).await
}

/// `POST /greener`: thanked, or the form again naming what is wrong.
pub async fn pledge(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    let t = page.t;
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        let errors = vec![FieldError::new("action", t.get("sign_in.expired"))];
        let response = shown(
            &state,
            &page,
            form_token(&HeaderMap::new()),
            &posted,
            errors,
        )
        .await?;
        return Ok((StatusCode::FORBIDDEN, response).into_response());
    }
    let request = PledgeRequest {
        action: posted.one("action").into(),
        name: posted.one("name").into(),
        email: posted.one("email").into(),
        household: posted.one("household").trim().parse().unwrap_or(0),
        community_id: posted.one("community_id").trim().parse().ok(),
        lang: t.lang.code().into(),
    };
    match pledges::pledge(&state.store, &request, page.now).await {
        Ok(_) => Ok(render(&Message {
            layout: page.layout(),
            title: t.get("green.thanks_title").to_string(),
            text: t.get("green.thanks_text").to_string(),
        })
        .into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "action")
                .into_iter()
                .map(|e| {
                    let text = t.get(&format!("green.bad_pledge_{}", e.field)).to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            let token = posted.one("csrf").to_string();
            shown(&state, &page, token, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A pledge as the agents list it.
struct PledgeRow {
    made: String,
    name: String,
    email: String,
    action: String,
    household: i64,
    community: String,
    confirmed: String,
}

#[derive(Template)]
#[template(path = "green/pledges.html")]
struct PledgesPage {
    layout: Layout,
    totals: String,
    rows: Vec<PledgeRow>,
}

/// `GET /green/pledges`: every pledge with who made it, for the agents' follow-ups.
pub async fn pledges(State(state): State<AppState>, page: Page) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let lang = t.lang.code();
    let all = pledges::all(&state.store, &caller.actor()).await?;
    let campaign = pledges::campaign(&state.store).await?;
    let actions = pledges::actions()?;
    let communities = state.store.communities().await?;
    let date = |iso: &str| {
        domain::calendar::parse_date(iso.get(..10).unwrap_or(iso))
            .map(|d| crate::pages::company::day_text(t, d))
            .unwrap_or_default()
    };
    let rows = all
        .iter()
        .map(|p| PledgeRow {
            made: domain::calendar::parse_instant(&p.made_at)
                .map(|at| crate::pages::company::day_text(t, domain::calendar::local_date(at)))
                .unwrap_or_default(),
            // An erased pledger keeps only a placeholder address.
            name: if p.email.starts_with("erased-") {
                t.get("green.erased").to_string()
            } else {
                p.name.clone()
            },
            email: if p.email.starts_with("erased-") {
                String::new()
            } else {
                p.email.clone()
            },
            action: actions
                .iter()
                .find(|a| a.code == p.action)
                .map_or(p.action.clone(), |a| a.name(lang).to_string()),
            household: p.household,
            community: communities
                .iter()
                .find(|c| Some(c.id) == p.community_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            confirmed: p.confirmed_on.as_deref().map(date).unwrap_or_default(),
        })
        .collect();
    let body = PledgesPage {
        layout: page.layout(),
        totals: t.fill(
            "green.campaign_totals",
            &[
                ("pledges", &campaign.pledges.to_string()),
                ("people", &campaign.people.to_string()),
                ("confirmed", &campaign.confirmed.to_string()),
            ],
        ),
        rows,
    };
    Ok(render(&body).into_response())
}
