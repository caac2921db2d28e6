//! A running server per test, and a client that returns status and JSON; accounts, and
//! the browser's side of the pages (a page as shown, a form sent, a file downloaded).

use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HeaderMap, HeaderName};
use serde_json::{Value, json};
use store::Store;
use store::accounts::{NewAccount, Role, SessionKind};

pub struct TestApp {
    pub base: String,
    /// The server's store, for what the API does not do (the agency's seller details).
    pub store: Store,
    /// The server's clock: the system's, or one the test set with [`spawn_app_at`].
    pub clock: service::Clock,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// The coordinator every test app's client acts as; histories name this address.
pub const COORDINATOR: &str = "koordinator@test.dk";

/// The moment every test app's clock stands at unless a test sets its own: the fixtures'
/// December 2026 stays "near" (dates are refused five years back) on whatever day the
/// tests run.
pub const TEST_NOW: &str = "2026-12-04T10:00:00+01:00";

/// Starts kommune on a free port with an empty database and a coordinator's account;
/// the client sends the coordinator's API token. Its clock stands at [`TEST_NOW`].
pub async fn spawn_app() -> TestApp {
    spawn_app_at(TEST_NOW).await
}

/// Starts kommune as [`spawn_app`] does, on the machine's clock: for journeys that
/// happen now, in a browser that checks in by the minute.
pub async fn spawn_app_in_real_time() -> TestApp {
    spawn_app_with(service::Clock::system(), web::Reached::default()).await
}

/// Starts kommune as [`spawn_app`] does, letting one client address send `limit` public
/// requests an hour.
pub async fn spawn_app_with_public_limit(limit: i64) -> TestApp {
    let reached = web::Reached {
        public_limit: Some(limit),
        ..Default::default()
    };
    spawn_app_with(test_clock(), reached).await
}

/// Starts kommune as [`spawn_app`] does, as if people reached it at `public_url` (a
/// proxy's https address, say).
pub async fn spawn_app_reached_at(public_url: &str) -> TestApp {
    let public_url = web::PublicUrl::parse(public_url).unwrap();
    let reached = web::Reached {
        public_url: Some(public_url),
        ..Default::default()
    };
    spawn_app_with(test_clock(), reached).await
}

/// Starts kommune as [`spawn_app`] does, on a clock standing at `now` (ISO 8601) until the
/// test moves it.
pub async fn spawn_app_at(now: &str) -> TestApp {
    let at = domain::calendar::parse_instant(now).unwrap();
    spawn_app_with(service::Clock::fixed(at), web::Reached::default()).await
}

/// Starts kommune as [`spawn_app`] does, behind a reverse proxy on this machine: the
/// tests' `X-Forwarded-For` header names the client.
pub async fn spawn_app_behind_proxy() -> TestApp {
    let reached = web::Reached {
        trusted_proxies: web::TrustedProxies::parse("127.0.0.1").unwrap(),
        ..Default::default()
    };
    spawn_app_with(test_clock(), reached).await
}

fn test_clock() -> service::Clock {
    service::Clock::fixed(domain::calendar::parse_instant(TEST_NOW).unwrap())
}

async fn spawn_app_with(clock: service::Clock, reached: web::Reached) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("web.db").display());
    let app = spawn_server(&url, clock, reached, dir).await;
    app.client_for_coordinator().await
}

/// Starts one more server on the database at `url`, as a second `kommune serve` would:
/// its own pool, clock and port. Its client is anonymous.
pub async fn spawn_server(
    url: &str,
    clock: service::Clock,
    reached: web::Reached,
    dir: tempfile::TempDir,
) -> TestApp {
    let store = Store::connect(url).await.unwrap();
    // Bound first, so the public address is the one the tests reach.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let state = web::AppState {
        store: store.clone(),
        clock: clock.clone(),
        public_url: reached
            .public_url
            .unwrap_or_else(|| web::PublicUrl::listening(addr)),
        trusted_proxies: reached.trusted_proxies,
        public_limit: reached
            .public_limit
            .unwrap_or(web::pages::public::DEFAULT_LIMIT),
        // The tests' feeds are served on this machine.
        feeds: service::cases::subscriptions::Policy {
            allow_loopback: true,
            ..Default::default()
        },
        metrics: reached.metrics,
    };
    let addr = web::spawn_with(state, addr).await.unwrap();
    TestApp {
        base: format!("http://{addr}"),
        store,
        clock,
        client: reqwest::Client::new(),
        _dir: dir,
    }
}

impl TestApp {
    /// The app whose client sends a new coordinator's API token.
    async fn client_for_coordinator(mut self) -> Self {
        self.client = self
            .client_for(account(COORDINATOR, Role::Coordinator))
            .await;
        self
    }
}

/// The password of every account a test creates.
pub const PASSWORD: &str = "test password";

/// An account to create in a test; the password is always [`PASSWORD`].
pub fn account(email: &str, role: Role) -> NewAccount {
    NewAccount {
        email: email.into(),
        password: PASSWORD.into(),
        role,
        person_id: None,
        company_id: None,
        language: "da".into(),
    }
}

/// A worker's account, for the person `person`.
pub fn worker_account(email: &str, person: i64) -> NewAccount {
    NewAccount {
        person_id: Some(person),
        ..account(email, Role::Worker)
    }
}

/// A company contact's account, for the company `company`.
pub fn contact_account(email: &str, company: i64) -> NewAccount {
    NewAccount {
        company_id: Some(company),
        ..account(email, Role::Company)
    }
}

/// A browser's client: it follows no redirects, so tests see them.
pub fn no_redirects() -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
}

/// A browser nobody has signed in with (following no redirects).
pub fn anonymous() -> reqwest::Client {
    no_redirects().build().unwrap()
}

/// A browser that keeps the cookies it is given, as signing in with the form needs
/// (following no redirects).
pub fn cookie_browser() -> reqwest::Client {
    no_redirects().cookie_store(true).build().unwrap()
}

/// How the pages write the form token's hidden field, up to the token.
const CSRF_FIELD: &str = "name=\"csrf\" value=\"";

/// The form token's hidden field as the pages write it: `name="csrf" value="…"`.
pub fn csrf_field(token: &str) -> String {
    format!("{CSRF_FIELD}{token}\"")
}

/// The form token in a page (its first form's).
pub fn form_token(html: &str) -> String {
    html.split(CSRF_FIELD)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string()
}

impl TestApp {
    /// Creates the account and gives a client that sends its API token.
    pub async fn client_for(&self, new: NewAccount) -> reqwest::Client {
        let created = self.store.create_account(&new).await.unwrap();
        let session = self
            .store
            .open_session(created, SessionKind::Api, self.clock.now())
            .await
            .unwrap();
        let mut headers = reqwest::header::HeaderMap::new();
        let bearer = format!("Bearer {}", session.token);
        headers.insert(reqwest::header::AUTHORIZATION, bearer.parse().unwrap());
        reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap()
    }

    /// Creates the account and signs it in as a browser would: a client that sends the
    /// session cookie (and follows no redirects, so tests see them), and the session's
    /// CSRF token for forms.
    pub async fn signed_in(&self, new: NewAccount) -> (reqwest::Client, String) {
        let created = self.store.create_account(&new).await.unwrap();
        let session = self
            .store
            .open_session(created, SessionKind::Browser, self.clock.now())
            .await
            .unwrap();
        let mut headers = reqwest::header::HeaderMap::new();
        let cookie = format!("kommune_session={}", session.token);
        headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
        let client = no_redirects().default_headers(headers).build().unwrap();
        (client, session.csrf)
    }

    /// The same app, seen by another client (another role, or nobody).
    pub fn as_client(&self, client: reqwest::Client) -> TestApp {
        TestApp {
            base: self.base.clone(),
            store: self.store.clone(),
            clock: self.clock.clone(),
            client,
            _dir: tempfile::tempdir().unwrap(),
        }
    }
}

/// What a request answered.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Value,
}

impl Answer {
    /// The fields a 422 named, in order.
    pub fn invalid_fields(&self) -> Vec<String> {
        assert_eq!(self.status, StatusCode::UNPROCESSABLE_ENTITY, "{self:?}");
        assert_eq!(self.content_type, "application/problem+json");
        self.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_string())
            .collect()
    }

    pub fn id(&self) -> i64 {
        self.body["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("no id in {self:?}"))
    }
}

impl TestApp {
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            content_type,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.client.get(format!("{}{path}", self.base)))
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(self.client.post(format!("{}{path}", self.base)).json(body))
            .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Answer {
        self.send(self.client.put(format!("{}{path}", self.base)).json(body))
            .await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(self.client.delete(format!("{}{path}", self.base)))
            .await
    }

    /// A download with the app's client, which must answer 200: the content type, the
    /// content disposition and the bytes.
    pub async fn download(&self, path: &str) -> (String, String, Vec<u8>) {
        let file = self.file(&self.client, path).await;
        assert_eq!(file.status, StatusCode::OK, "{path}");
        (file.content_type, file.disposition, file.bytes)
    }

    /// Sends a raw body with a chosen content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: &str) -> Answer {
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .body(body.to_string());
        let request = if content_type.is_empty() {
            request
        } else {
            request.header("content-type", content_type)
        };
        self.send(request).await
    }

    /// How many records a list holds in all.
    pub async fn total(&self, path: &str) -> i64 {
        let answer = self.get(path).await;
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        answer.body["total"].as_i64().unwrap()
    }

    /// A company with a cleaning agreement: (company id, first site id).
    pub async fn company_with_agreement(&self, cvr: &str) -> (i64, i64) {
        let company = self.post("/api/companies", &company(cvr)).await;
        assert_eq!(company.status, StatusCode::CREATED, "{company:?}");
        let id = company.id();
        let agreement = self
            .post("/api/agreements", &agreement(id, "cleaning"))
            .await;
        assert_eq!(agreement.status, StatusCode::CREATED, "{agreement:?}");
        (id, company.body["sites"][0]["id"].as_i64().unwrap())
    }
}

/// A page as a browser got it: its status, headers and text.
#[derive(Debug)]
pub struct Shown {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub html: String,
}

impl Shown {
    async fn of(response: reqwest::Response) -> Shown {
        Shown {
            status: response.status(),
            headers: response.headers().clone(),
            html: response.text().await.unwrap(),
        }
    }

    /// A header's value, or empty.
    pub fn header(&self, name: HeaderName) -> &str {
        header(&self.headers, name)
    }
}

/// A file as a browser got it.
#[derive(Debug)]
pub struct File {
    pub status: StatusCode,
    pub content_type: String,
    pub disposition: String,
    pub bytes: Vec<u8>,
}

fn header(headers: &HeaderMap, name: HeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The pages, as a browser (`client`) uses them.
impl TestApp {
    /// Opens the page at `path`.
    pub async fn page(&self, client: &reqwest::Client, path: &str) -> Shown {
        let response = client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        Shown::of(response).await
    }

    /// Sends a form of text fields to `path`.
    pub async fn submit(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Shown {
        self.submit_form(client, path, fields).await
    }

    /// Sends a form, any that serde writes (fields of owned strings, say), to `path`.
    pub async fn submit_form<F: serde::Serialize + ?Sized>(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &F,
    ) -> Shown {
        let response = client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap();
        Shown::of(response).await
    }

    /// Downloads the file at `path`, whatever the answer.
    pub async fn file(&self, client: &reqwest::Client, path: &str) -> File {
        let response = client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the server answers");
        File {
            status: response.status(),
            content_type: header(response.headers(), CONTENT_TYPE).to_string(),
            disposition: header(response.headers(), CONTENT_DISPOSITION).to_string(),
            bytes: response.bytes().await.expect("a body").to_vec(),
        }
    }

    /// The invoice `number` downloads at `{prefix}/{number}.pdf` and `.xml` as the buyer
    /// receives it: the PDF and the UBL, each named as a file to save.
    pub async fn assert_invoice_files(&self, client: &reqwest::Client, prefix: &str, number: &str) {
        let pdf = self.file(client, &format!("{prefix}/{number}.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.content_type, "application/pdf");
        assert_eq!(
            pdf.disposition,
            format!("attachment; filename=\"faktura-{number}.pdf\"")
        );
        assert!(pdf.bytes.starts_with(b"%PDF"));
        let xml = self.file(client, &format!("{prefix}/{number}.xml")).await;
        assert_eq!(xml.status, StatusCode::OK);
        assert_eq!(xml.content_type, "application/xml");
        assert_eq!(
            xml.disposition,
            format!("attachment; filename=\"faktura-{number}.xml\"")
        );
        let ubl = String::from_utf8_lossy(&xml.bytes);
        assert!(ubl.contains(&format!("<cbc:ID>{number}</cbc:ID>")), "{ubl}");
    }
}

pub fn person(email: &str) -> Value {
    json!({
        "name": "Mette Larsen",
        "phone": "+45 20 30 40 50",
        "email": email,
        "preferred_language": "da",
        "address": "Vesterbro 14, 9000 Aalborg",
        "latitude": 57.0479,
        "longitude": 9.9187,
        "status": "active",
        "employment_form": "small_job",
        "weekly_target_hours": 6,
        "weekly_cap_hours": 8.5,
        "availability": "Mon 09:00-13:00, Wed 10:00-12:00",
        "absences": "2026-12-24..2026-12-31 holiday",
        "skills": ["sorting", "cleaning"],
        "languages": ["da"]
    })
}

pub fn company(cvr: &str) -> Value {
    json!({
        "name": "Salling Aalborg",
        "cvr": cvr,
        "billing_email": "faktura@salling.example.dk",
        "einvoice_address": "5798000416604",
        "task_force": true,
        "sites": [
            {"name": "Butik Nytorv", "p_number": "1003456789", "address": "Nytorv 8, 9000 Aalborg", "latitude": 57.0481, "longitude": 9.9205},
            {"name": "Lager", "p_number": "1003456790", "address": "Hobrovej 20, 9000 Aalborg", "latitude": 57.03, "longitude": 9.91}
        ],
        "contacts": [{"name": "Jens Holm", "email": "jens@salling.example.dk", "phone": "98 12 34 56", "role": "butikschef"}]
    })
}

pub fn agreement(company_id: i64, task_type: &str) -> Value {
    json!({
        "company_id": company_id,
        "task_type": task_type,
        "price_per_hour_ore": 24500,
        "wage_per_hour_ore": 15500,
        "min_billable_minutes": 60
    })
}

pub fn task(company_id: i64, site_id: i64, start: &str) -> Value {
    json!({
        "company_id": company_id,
        "site_id": site_id,
        "task_type": "cleaning",
        "title": "Rengøring af frokoststue",
        "description": "Mød ind ved personaleindgangen.",
        "lift_kg": 5,
        "standing": true,
        "required_skills": ["cleaning"],
        "people_needed": 1,
        "duration_minutes": 120,
        "fixed_start": start
    })
}

/// Sets one member of a JSON object.
pub fn with(mut value: Value, key: &str, member: Value) -> Value {
    value[key] = member;
    value
}
