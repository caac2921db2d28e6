//! The background jobs a server runs beside the pages: sending the outbox's mail,
//! confirming hours nobody confirmed in time, purging ended sessions, sign-in attempts
//! and reset links, queuing the newsletter's monthly digest, fetching other
//! municipalities' feeds, and planning a Flex Waste day when its page asks. Each job is a row
//! in the store's job table; every server ticks, takes whatever is due (on PostgreSQL
//! with `FOR UPDATE SKIP LOCKED`), and runs it, so with several servers each runs once.

use crate::mail::{self, Smtp};
use crate::state::AppState;
use chrono::Duration;
use domain::actor::Actor;
use service::agency::time::{DEFAULT_AUTO_CONFIRM_DAYS, auto_confirm};
use store::jobs::Job;

/// Sends the outbox's mail.
pub const SEND_MAIL: &str = "send_mail";
/// Confirms complete hours that waited [`DEFAULT_AUTO_CONFIRM_DAYS`] days.
pub const AUTO_CONFIRM: &str = "auto_confirm";
/// Purges ended sessions, old sign-in attempts and expired reset links.
pub const PURGE: &str = "purge";
/// Queues last month's newsletter digest to whoever has not had it (hourly; once each).
pub use service::cases::newsletter::DIGEST_JOB as NEWSLETTER_DIGEST;
/// Fetches every followed feed (every [`Background::feed_every`]).
pub use service::cases::subscriptions::FETCH_JOB as FETCH_FEEDS;
/// Lets the festival's holds and offers run out and offers the places on (every minute).
pub use service::festival::registration::EXPIRE_JOB as FESTIVAL_EXPIRE;
/// Reminds confirmed registrations of tomorrow's festival events (hourly; once each).
pub use service::festival::registration::REMIND_JOB as FESTIVAL_REMIND;
/// Plans a Flex Waste day, as the day page's button asks (one-off, payload the day).
pub use service::flexwaste::board::PLAN_JOB as PLAN_WASTE_DAY;

/// Every kind of job a server runs.
pub const KINDS: [&str; 8] = [
    SEND_MAIL,
    AUTO_CONFIRM,
    PURGE,
    NEWSLETTER_DIGEST,
    FETCH_FEEDS,
    FESTIVAL_EXPIRE,
    FESTIVAL_REMIND,
    PLAN_WASTE_DAY,
];

/// What the background runs with.
#[derive(Debug, Clone)]
pub struct Background {
    /// The mail relay; without one, mail waits in the outbox.
    pub smtp: Option<Smtp>,
    /// How often a server looks for due jobs.
    pub tick: std::time::Duration,
    /// How long after one sending of mail the next is due.
    pub mail_every: Duration,
    /// How often the followed feeds are fetched (`KOMMUNE_FEED_MINUTES`, 5–10080, default 60).
    pub feed_every: Duration,
    /// How long the routing engine may search when a day is planned from its page.
    pub plan_seconds: f64,
}

/// How long a server plans a Flex Waste day asked for from its page: the engine's time
/// limit, the whole planning's.
pub const PLAN_SECONDS: f64 = 10.0;

impl Background {
    /// Mail from the environment (`KOMMUNE_SMTP_URL`, `KOMMUNE_MAIL_FROM`), looked for
    /// every second and sent every five.
    pub fn from_env() -> Result<Self, String> {
        // Checked here so a wrong setting stops the server at its start.
        service::festival::registration::offer_hours()?;
        Ok(Self::with(Smtp::from_env()?, feed_minutes()?))
    }

    /// Mail through `smtp`, feeds fetched every `feed_minutes`, looked for every second
    /// and mail sent every five.
    pub fn with(smtp: Option<Smtp>, feed_minutes: i64) -> Self {
        Self {
            smtp,
            tick: std::time::Duration::from_secs(1),
            mail_every: Duration::seconds(5),
            feed_every: Duration::minutes(feed_minutes),
            plan_seconds: PLAN_SECONDS,
        }
    }
}

/// `KOMMUNE_FEED_MINUTES`, or the default.
fn feed_minutes() -> Result<i64, String> {
    match std::env::var("KOMMUNE_FEED_MINUTES") {
        Err(_) => Ok(service::cases::subscriptions::DEFAULT_FETCH_MINUTES),
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|m| (5..=10_080).contains(m))
            .ok_or_else(|| format!("KOMMUNE_FEED_MINUTES '{text}' is not 5–10080 minutes")),
    }
}

/// Makes sure each recurring job exists, then runs due jobs every tick, for ever.
pub async fn run(state: AppState, background: Background) {
    if let Err(e) = keep(&state, &background).await {
        tracing::error!("background jobs cannot start: {e}");
        return;
    }
    loop {
        run_due(&state, &background).await;
        tokio::time::sleep(background.tick).await;
    }
}

/// The recurring jobs this server runs, each due now if none is due yet.
pub async fn keep(state: &AppState, background: &Background) -> Result<(), store::StoreError> {
    let now = state.clock.now();
    if background.smtp.is_some() {
        state
            .store
            .keep_recurring(SEND_MAIL, background.mail_every, now)
            .await?;
    }
    state
        .store
        .keep_recurring(AUTO_CONFIRM, Duration::hours(1), now)
        .await?;
    state
        .store
        .keep_recurring(NEWSLETTER_DIGEST, Duration::hours(1), now)
        .await?;
    state
        .store
        .keep_recurring(FETCH_FEEDS, background.feed_every, now)
        .await?;
    state
        .store
        .keep_recurring(FESTIVAL_EXPIRE, Duration::minutes(1), now)
        .await?;
    state
        .store
        .keep_recurring(FESTIVAL_REMIND, Duration::hours(1), now)
        .await?;
    state
        .store
        .keep_recurring(PURGE, Duration::hours(1), now)
        .await
}

/// Takes and runs every job due now, one after another: how many ran.
pub async fn run_due(state: &AppState, background: &Background) -> usize {
    let worker = worker_name();
    let mut ran = 0;
    loop {
        let job = match state.store.take_job(&worker, state.clock.now()).await {
            Ok(Some(job)) => job,
            Ok(None) => return ran,
            Err(e) => {
                tracing::warn!("cannot take a job: {e}");
                return ran;
            }
        };
        let outcome = run_one(state, background, &job).await;
        crate::observe::job_ran(&job.kind, outcome.is_ok());
        if let Err(e) = &outcome {
            tracing::warn!(job = job.id, kind = job.kind, "job failed: {e}");
        }
        if let Err(e) = state
            .store
            .finish_job(&job, state.clock.now(), outcome)
            .await
        {
            tracing::warn!(job = job.id, "cannot mark the job finished: {e}");
            return ran;
        }
        ran += 1;
    }
}

async fn run_one(state: &AppState, background: &Background, job: &Job) -> Result<(), String> {
    let now = state.clock.now();
    match job.kind.as_str() {
        SEND_MAIL => match &background.smtp {
            Some(smtp) => mail::send_outbox(&state.store, smtp, now).await.map(|_| ()),
            // Another server with a relay sends it.
            None => Ok(()),
        },
        AUTO_CONFIRM => {
            let by = Actor::agency("kommune");
            auto_confirm(&state.store, &by, DEFAULT_AUTO_CONFIRM_DAYS, now)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        PURGE => state
            .store
            .purge_expired(now)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        PLAN_WASTE_DAY => {
            let day = service::flexwaste::board::PlanJob::read(&job.payload)
                .ok_or_else(|| format!("{} is not a day to plan", job.payload))?;
            service::flexwaste::board::run_plan(&state.store, day, background.plan_seconds, now)
                .await
                .map_err(|e| e.to_string())
        }
        FESTIVAL_EXPIRE => {
            let links = crate::api::festival::links(state);
            let hours = service::festival::registration::offer_hours()
                .unwrap_or(service::festival::DEFAULT_OFFER_HOURS);
            service::festival::registration::expire(&state.store, hours, &links, now)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        FESTIVAL_REMIND => {
            let links = crate::api::festival::links(state);
            service::festival::registration::remind(&state.store, &links, now)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        FETCH_FEEDS => service::cases::subscriptions::fetch_all(&state.store, &state.feeds, now)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        NEWSLETTER_DIGEST => {
            let links = service::cases::newsletter::Links::of(&state.public_url.join(""));
            service::cases::newsletter::send_digest(&state.store, &links, now)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        other => Err(format!("no server here runs jobs of kind {other}")),
    }
}

/// This server, as a job's taker: host and process.
fn worker_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "kommune".into());
    format!("{host}:{}", std::process::id())
}
