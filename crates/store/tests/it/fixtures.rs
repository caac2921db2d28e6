//! Fresh databases and sample records for the store tests.

use domain::agreement::AgreementDraft;
use domain::company::{CompanyDraft, ContactDraft, SiteDraft};
use domain::person::PersonDraft;
use domain::task::TaskDraft;
use store::Store;
use store::connect::parse_url;

pub struct TestDb {
    pub store: Store,
    /// The URL the store was opened with, for a test that looks at the database itself.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    admin_url: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let store = Store::connect(&url).await.unwrap();
        Self {
            store,
            url,
            _dir: Some(dir),
            admin_url: None,
        }
    }

    /// A new, empty database on the test server, or `None` when there is no server to use.
    pub async fn postgres() -> Option<Self> {
        let Ok(admin) = std::env::var("KOMMUNE_TEST_POSTGRES_URL") else {
            if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") {
                panic!(
                    "KOMMUNE_TEST_POSTGRES_URL is not set under CI: the PostgreSQL tests must run"
                );
            }
            eprintln!("skipped: KOMMUNE_TEST_POSTGRES_URL is not set");
            return None;
        };
        let name = format!("kommune_test_{}_{}", std::process::id(), rand_suffix());
        let admin_store = sqlx_admin(&admin).await;
        sqlx::query(database_sql(format!("CREATE DATABASE {name}")))
            .execute(&admin_store)
            .await
            .unwrap();
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
        let url = format!("{base}/{name}");
        assert_eq!(parse_url(&url).unwrap().0, store::Backend::Postgres);
        let store = Store::connect(&url).await.unwrap();
        Some(Self {
            store,
            url,
            _dir: None,
            admin_url: Some((admin, name)),
        })
    }

    pub async fn drop_database(self) {
        self.store.close().await;
        if let Some((admin, name)) = self.admin_url {
            let pool = sqlx_admin(&admin).await;
            sqlx::query(database_sql(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&pool)
            .await
            .unwrap();
        }
    }
}

/// `CREATE DATABASE` and `DROP DATABASE` take no parameters, so the name goes into the
/// text. Safe to assert: the name is made here from `kommune_test_`, the process id and a
/// counter, never read from anywhere else.
fn database_sql(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}

async fn sqlx_admin(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    nanos * 1000 + NEXT.fetch_add(1, Ordering::Relaxed)
}

pub fn person(email: &str) -> PersonDraft {
    PersonDraft {
        name: "Mette Larsen".into(),
        phone: "20 30 40 50".into(),
        email: email.into(),
        preferred_language: "da".into(),
        address: "Vesterbro 14, 9000 Aalborg".into(),
        latitude: Some(57.0479),
        longitude: Some(9.9187),
        status: "active".into(),
        employment_form: "flex_job".into(),
        flex_approved_hours: Some(10.0),
        weekly_target_hours: Some(6.5),
        weekly_cap_hours: Some(8.25),
        availability: "Mon 09:00-13:00, Wed 10:00-12:00".into(),
        absences: "2026-12-24..2026-12-31 holiday".into(),
        skills: vec!["cleaning".into(), "sorting".into()],
        languages: vec!["da".into(), "en".into()],
        ..Default::default()
    }
}

pub fn site(name: &str, p_number: &str) -> SiteDraft {
    SiteDraft {
        name: name.into(),
        p_number: p_number.into(),
        address: "Nytorv 8, 9000 Aalborg".into(),
        latitude: Some(57.0481),
        longitude: Some(9.9205),
    }
}

pub fn company(cvr: &str) -> CompanyDraft {
    CompanyDraft {
        name: "Aalborg Kommune".into(),
        cvr: cvr.into(),
        billing_email: "faktura@aalborg.dk".into(),
        einvoice_address: Some("0184:29189420".into()),
        task_force: true,
        sites: vec![site("Rådhuset", "1003388394"), site("Nytorv", "1003388395")],
        contacts: vec![ContactDraft {
            name: "Jens Holm".into(),
            email: "jens@aalborg.dk".into(),
            phone: "98 12 34 56".into(),
            role: "HR".into(),
        }],
    }
}

pub fn agreement(company_id: i64, task_type: &str) -> AgreementDraft {
    AgreementDraft {
        company_id: Some(company_id),
        task_type: task_type.into(),
        price_per_hour_ore: Some(24500),
        wage_per_hour_ore: Some(15500),
        min_billable_minutes: Some(60),
        invoicing_period: None,
    }
}

pub fn task(company_id: i64, site_id: i64, start: &str) -> TaskDraft {
    TaskDraft {
        company_id: Some(company_id),
        site_id: Some(site_id),
        task_type: "cleaning".into(),
        title: "Rengøring af frokoststue".into(),
        duration_minutes: Some(120),
        fixed_start: Some(start.into()),
        required_skills: vec!["cleaning".into()],
        ..Default::default()
    }
}

/// A company with a cleaning agreement: (company id, its first site id).
pub async fn company_with_agreement(store: &Store, cvr: &str) -> (i64, i64) {
    let c = store
        .create_company(&company(cvr).parse().unwrap())
        .await
        .unwrap();
    store
        .create_agreement(&agreement(c.meta.id, "cleaning").parse().unwrap())
        .await
        .unwrap();
    (c.meta.id, c.value.site_ids[0])
}
