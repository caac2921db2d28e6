//! Students' own pages, for people without an account: the public registration (a form
//! token, the per-address limit of [`crate::pages::public`]), and the personal link that
//! confirms the address and then shows the profile to change, download or delete. The
//! agency's list of students is here too.

use super::form::{Field, FormPage, Posted, said};
use crate::pages::public::{form_token, form_token_fits, with_form_cookie};
use crate::pages::{Layout, Page, PageError, PageResult, locale, render};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use service::ServiceError;
use service::alliance::students::{self, StudentOut, StudentRequest};
use store::accounts::Role;
use store::{Store, StoreError};

/// The profile form's fields, in order.
const FIELDS: [&str; 9] = [
    "name",
    "email",
    "education",
    "skills",
    "hours_free",
    "languages",
    "postcode",
    "consent",
    "language",
];

/// The profile's fields; the address only when registering.
async fn fields(
    store: &Store,
    page: &Page,
    posted: &Posted,
    registering: bool,
) -> Result<Vec<Field>, PageError> {
    let t = page.t;
    let mut out = vec![Field::new(t, "name", "text", posted)];
    if registering {
        out.push(Field::new(t, "email", "email", posted));
    }
    out.push(
        Field::new(t, "education", "text", posted)
            .hint(t.get("alliance.hint_education").to_string()),
    );
    let skills = super::form::skill_choices(store, t).await?;
    out.push(Field::new(t, "skills", "checks", posted).options(skills, posted));
    out.push(
        Field::new(t, "esco_skills", "text", posted).hint(t.get("alliance.hint_esco").to_string()),
    );
    out.push(
        Field::new(t, "hours_free", "number", posted)
            .hint(t.get("alliance.hint_hours").to_string()),
    );
    out.push(
        Field::new(t, "languages", "text", posted)
            .hint(t.get("alliance.hint_languages").to_string()),
    );
    out.push(Field::new(t, "postcode", "text", posted));
    out.push(Field::new(t, "consent", "checkbox", posted));
    if registering {
        let languages = vec![
            ("da".to_string(), "Dansk".to_string()),
            ("en".to_string(), "English".to_string()),
        ];
        out.push(Field::new(t, "language", "select", posted).options(languages, posted));
    }
    Ok(out)
}

/// The form read into the request the service checks.
fn request(posted: &Posted) -> Result<StudentRequest, Vec<domain::FieldError>> {
    let hours = posted
        .number("hours_free")
        .map_err(|f| vec![domain::FieldError::new(f, "is no number")])?;
    Ok(StudentRequest {
        name: posted.one("name").to_string(),
        email: posted.one("email").to_string(),
        education: posted.one("education").to_string(),
        skills: posted
            .all("skills")
            .into_iter()
            .chain(posted.listed("esco_skills"))
            .collect(),
        hours_free: hours,
        languages: posted.listed("languages"),
        postcode: posted.one("postcode").to_string(),
        consent: posted.ticked("consent"),
        language: posted.one("language").to_string(),
    })
}

/// The registration form with its form token.
async fn register_form(
    store: &Store,
    page: &Page,
    token: String,
    posted: &Posted,
    errors: Vec<crate::pages::FieldError>,
) -> PageResult {
    let t = page.t;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FormPage {
        layout: page.layout(),
        csrf: token.clone(),
        heading: t.get("alliance.register_title").to_string(),
        intro: t.get("alliance.register_intro").to_string(),
        action: "/students/register".into(),
        fields: fields(store, page, posted, true).await?,
        submit: t.get("alliance.register_submit").to_string(),
        errors,
        back: None,
    };
    Ok(with_form_cookie(
        (status, render(&body)).into_response(),
        &token,
    ))
}

/// `GET /students/register`: the public form.
pub async fn register_page(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
) -> PageResult {
    let posted = Posted::with(&[
        ("language", page.t.lang.code().to_string()),
        ("languages", "da".into()),
    ]);
    register_form(&store, &page, form_token(&headers), &posted, Vec::new()).await
}

/// `POST /students/register`: kept and e-mailed, or shown again naming what is wrong.
pub async fn register(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    let t = page.t;
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        let errors = vec![crate::pages::FieldError::new(
            "name",
            t.get("sign_in.expired"),
        )];
        return Ok((
            StatusCode::FORBIDDEN,
            register_form(
                &state.store,
                &page,
                form_token(&HeaderMap::new()),
                &posted,
                errors,
            )
            .await?,
        )
            .into_response());
    }
    let token = posted.one("csrf").to_string();
    let result = match request(&posted) {
        Ok(r) => {
            students::register(
                &state.store,
                &r,
                &state.public_url.join("/students/me/"),
                page.now,
            )
            .await
        }
        Err(wrong) => Err(ServiceError::Invalid(wrong)),
    };
    match result {
        Ok(_) => {
            let body = crate::pages::Message {
                layout: page.layout(),
                title: t.get("alliance.registered_title").to_string(),
                text: t.fill(
                    "alliance.registered_text",
                    &[("email", posted.one("email").trim())],
                ),
            };
            Ok(render(&body).into_response())
        }
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "name");
            register_form(&state.store, &page, token, &posted, errors).await
        }
        Err(ServiceError::Store(StoreError::Conflict(_))) => {
            let errors = vec![crate::pages::FieldError::new(
                "email",
                t.get("alliance.bad_email_taken"),
            )];
            register_form(&state.store, &page, token, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "alliance/me.html")]
struct MePage {
    layout: Layout,
    csrf: String,
    token: String,
    student: StudentOut,
    form: FormPage,
    notice: Option<String>,
}

/// The student's own page: the profile, the form to change it, download and delete.
async fn me_page(
    store: &Store,
    page: &Page,
    headers: &HeaderMap,
    link: &str,
    posted: Option<Posted>,
    errors: Vec<crate::pages::FieldError>,
    notice: Option<String>,
) -> PageResult {
    let t = page.t;
    let student = students::by_link(store, link, page.now, locale(t))
        .await
        .map_err(|_| PageError::NotFound)?;
    let posted = posted.unwrap_or_else(|| {
        let mut values = vec![
            ("name", student.name.clone()),
            ("education", student.education.clone()),
            ("hours_free", student.hours_free.to_string()),
            ("languages", student.languages.join(", ")),
            ("postcode", student.postcode.clone()),
        ];
        if student.consent {
            values.push(("consent", "1".into()));
        }
        values.extend(student.skills.iter().map(|s| ("skills", s.skill.clone())));
        let esco: Vec<String> = student
            .skills
            .iter()
            .filter(|s| s.skill.starts_with("esco:"))
            .map(|s| s.skill.clone())
            .collect();
        values.push(("esco_skills", esco.join(", ")));
        Posted::with(&values)
    });
    let token = form_token(headers);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let form = FormPage {
        layout: page.layout(),
        csrf: token.clone(),
        heading: t.get("alliance.me_change").to_string(),
        intro: String::new(),
        action: format!("/students/me/{link}"),
        fields: fields(store, page, &posted, false).await?,
        submit: t.get("alliance.save").to_string(),
        errors,
        back: None,
    };
    let body = MePage {
        layout: page.layout(),
        csrf: token.clone(),
        token: link.to_string(),
        student,
        form,
        notice,
    };
    Ok(with_form_cookie(
        (status, render(&body)).into_response(),
        &token,
    ))
}

/// `GET /students/me/{token}`: confirms the registration the first time, then shows it.
pub async fn me(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
    Path(link): Path<String>,
) -> PageResult {
    me_page(&store, &page, &headers, &link, None, Vec::new(), None).await
}

/// `POST /students/me/{token}`: the profile changed.
pub async fn change(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
    Path(link): Path<String>,
    body: Bytes,
) -> PageResult {
    let t = page.t;
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        return Err(PageError::Forbidden);
    }
    let result = match request(&posted) {
        Ok(r) => students::change(&store, &link, &r, page.now, locale(t))
            .await
            .map(|_| ()),
        Err(wrong) => Err(ServiceError::Invalid(wrong)),
    };
    match result {
        Ok(()) => {
            me_page(
                &store,
                &page,
                &headers,
                &link,
                None,
                Vec::new(),
                Some(t.get("alliance.saved").to_string()),
            )
            .await
        }
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "name");
            me_page(&store, &page, &headers, &link, Some(posted), errors, None).await
        }
        Err(ServiceError::NotFound(_)) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `GET /students/me/{token}/export`: everything held, as JSON to keep.
pub async fn export(
    State(store): State<Store>,
    page: Page,
    Path(link): Path<String>,
) -> PageResult {
    let id = students::id_of_link(&store, &link, page.now)
        .await
        .map_err(|_| PageError::NotFound)?;
    let held = students::export(&store, id, locale(page.t)).await?;
    let json = serde_json::to_vec_pretty(&held).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"profil.json\"",
            ),
        ],
        json,
    )
        .into_response())
}

/// `POST /students/me/{token}/delete`: the profile and everything on it deleted.
pub async fn delete(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
    Path(link): Path<String>,
    body: Bytes,
) -> PageResult {
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        return Err(PageError::Forbidden);
    }
    let id = students::id_of_link(&store, &link, page.now)
        .await
        .map_err(|_| PageError::NotFound)?;
    students::erase(&store, id).await?;
    let body = crate::pages::Message {
        layout: page.layout(),
        title: page.t.get("alliance.deleted_title").to_string(),
        text: page.t.get("alliance.deleted_text").to_string(),
    };
    Ok(render(&body).into_response())
}

#[derive(Template)]
#[template(path = "alliance/students.html")]
struct StudentsPage {
    layout: Layout,
    students: Vec<StudentOut>,
}

/// `GET /alliance/students`: the confirmed students, for the agency.
pub async fn list(State(store): State<Store>, page: Page) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let students = students::list(&store, &caller.actor(), locale(page.t)).await?;
    Ok(render(&StudentsPage {
        layout: page.layout(),
        students,
    })
    .into_response())
}
