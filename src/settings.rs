//! The server's settings, from flags and the environment alike (a flag wins), and
//! `kommune config`, which prints what is in effect with secrets masked. The table in
//! docs/operations.md lists them.

use clap::Args;
use std::net::SocketAddr;

/// How `kommune serve` runs.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address to listen on.
    #[arg(long, env = "KOMMUNE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The address people reach kommune at, e.g. https://kommune.aalborg.dk: calendar
    /// feeds' addresses are built from it, and cookies are Secure when it is https.
    /// Default: http:// and the address listened on.
    #[arg(long, env = "KOMMUNE_PUBLIC_URL", value_parser = web::PublicUrl::parse)]
    pub public_url: Option<web::PublicUrl>,
    /// Reverse proxies whose X-Forwarded-For header names the client, as addresses or
    /// networks: `127.0.0.1,10.0.0.0/8`. Sign-in limits count per client address;
    /// without this, the connection's peer is the client.
    #[arg(long, env = "KOMMUNE_TRUSTED_PROXIES", value_parser = web::TrustedProxies::parse, default_value = "")]
    pub trusted_proxies: web::TrustedProxies,
    /// Public forms and POSTs (a student's registration, a candidate's answer, a
    /// password reset) one client address may send an hour, 1–100000.
    #[arg(long, env = "KOMMUNE_PUBLIC_LIMIT", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=100_000))]
    pub public_limit: i64,
    /// Lets the feed fetcher reach loopback addresses: for tests and for two kommune
    /// instances on one machine. Private networks stay refused.
    #[arg(long, env = "KOMMUNE_FEEDS_ALLOW_LOOPBACK")]
    pub feeds_allow_loopback: bool,
    /// A Bearer token that opens /metrics from anywhere; without one, only the
    /// addresses in --metrics-allow may read it.
    #[arg(long, env = "KOMMUNE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Clients that may read /metrics without a token, as addresses or networks.
    #[arg(long, env = "KOMMUNE_METRICS_ALLOW", value_parser = web::client::Networks::parse, default_value = "127.0.0.0/8, ::1")]
    pub metrics_allow: web::client::Networks,
    /// The mail relay, smtp://host:port; without one, mail waits in the outbox.
    #[arg(long, env = "KOMMUNE_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The sender of every mail, e.g. `Aalborg Kommune <noreply@aalborg.dk>`.
    #[arg(long, env = "KOMMUNE_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// How often the followed feeds are fetched, in minutes, 5–10080.
    #[arg(long, env = "KOMMUNE_FEED_MINUTES", default_value_t = service::cases::subscriptions::DEFAULT_FETCH_MINUTES, value_parser = clap::value_parser!(i64).range(5..=10_080))]
    pub feed_minutes: i64,
    /// How long an offer from a festival waiting list holds its places, in hours, 1–168.
    #[arg(long, env = "KOMMUNE_FESTIVAL_OFFER_HOURS", default_value_t = service::festival::DEFAULT_OFFER_HOURS, value_parser = clap::value_parser!(i64).range(1..=168))]
    pub festival_offer_hours: i64,
}

impl Settings {
    /// How the server is reached, as the web crate takes it.
    pub fn reached(&self) -> web::Reached {
        web::Reached {
            public_url: self.public_url.clone(),
            trusted_proxies: self.trusted_proxies.clone(),
            public_limit: Some(self.public_limit),
            feeds_allow_loopback: self.feeds_allow_loopback,
            metrics: web::observe::MetricsAccess {
                token: self
                    .metrics_token
                    .as_deref()
                    .filter(|t| !t.is_empty())
                    .map(Into::into),
                allow: self.metrics_allow.clone(),
            },
        }
    }

    /// The background's settings: the mail relay and the feeds' interval.
    pub fn background(&self) -> Result<web::jobs::Background, String> {
        // An empty variable (a compose file's `${KOMMUNE_SMTP_URL:-}`) names no relay.
        let given = |v: &Option<String>| v.clone().filter(|text| !text.trim().is_empty());
        let smtp = match (&given(&self.smtp_url), &given(&self.mail_from)) {
            (None, _) => None,
            (Some(url), Some(from)) => Some(web::mail::Smtp::new(url, from)?),
            (Some(_), None) => {
                return Err("KOMMUNE_SMTP_URL is set but KOMMUNE_MAIL_FROM is not".into());
            }
        };
        Ok(web::jobs::Background::with(smtp, self.feed_minutes))
    }
}

/// The settings in effect as `name = value` lines, secrets masked.
pub fn said(database_url: &str, log_format: &str, s: &Settings) -> String {
    let or_none = |v: &Option<String>| {
        v.clone()
            .filter(|text| !text.trim().is_empty())
            .unwrap_or_else(|| "(none)".into())
    };
    let rows = [
        ("DATABASE_URL", store::connect::masked_url(database_url)),
        ("KOMMUNE_ADDR", s.addr.to_string()),
        (
            "KOMMUNE_PUBLIC_URL",
            s.public_url.as_ref().map_or_else(
                || format!("http://{} (the address listened on)", s.addr),
                |u| u.join(""),
            ),
        ),
        (
            "KOMMUNE_TRUSTED_PROXIES",
            s.trusted_proxies.networks().said(),
        ),
        ("KOMMUNE_PUBLIC_LIMIT", s.public_limit.to_string()),
        (
            "KOMMUNE_FEEDS_ALLOW_LOOPBACK",
            s.feeds_allow_loopback.to_string(),
        ),
        ("KOMMUNE_LOG_FORMAT", log_format.to_string()),
        (
            "KOMMUNE_METRICS_TOKEN",
            match &s.metrics_token {
                Some(t) if !t.is_empty() => "**** (set)".into(),
                _ => "(none)".into(),
            },
        ),
        ("KOMMUNE_METRICS_ALLOW", s.metrics_allow.said()),
        (
            "KOMMUNE_SMTP_URL",
            or_none(&s.smtp_url.as_deref().map(store::connect::masked_url)),
        ),
        ("KOMMUNE_MAIL_FROM", or_none(&s.mail_from)),
        ("KOMMUNE_FEED_MINUTES", s.feed_minutes.to_string()),
        (
            "KOMMUNE_FESTIVAL_OFFER_HOURS",
            s.festival_offer_hours.to_string(),
        ),
    ];
    rows.iter()
        .map(|(name, value)| format!("{name} = {value}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use store::connect::masked_url;

    #[test]
    fn a_database_password_is_masked_and_nothing_else_is() {
        assert_eq!(
            masked_url("postgres://kommune:s3cret@db:5432/kommune"),
            "postgres://kommune:****@db:5432/kommune"
        );
        assert_eq!(masked_url("sqlite://kommune.db"), "sqlite://kommune.db");
        assert_eq!(
            masked_url("postgres://kommune@db/k"),
            "postgres://kommune@db/k"
        );
        assert_eq!(
            masked_url("postgres://db/k?user=kommune&Password=s3cret&sslmode=require"),
            "postgres://db/k?user=kommune&Password=****&sslmode=require"
        );
        assert_eq!(
            masked_url("sqlite://kommune.db?mode=rwc"),
            "sqlite://kommune.db?mode=rwc"
        );
    }

    #[test]
    fn an_smtp_password_is_masked_too() {
        let settings = <super::Settings as clap::FromArgMatches>::from_arg_matches(
            &<super::Settings as clap::Args>::augment_args(clap::Command::new("t"))
                .get_matches_from(["t", "--smtp-url", "smtp://mailer:s3cret@relay.example:587"]),
        )
        .unwrap();
        let said = super::said("sqlite://k.db", "text", &settings);
        assert!(
            said.contains("KOMMUNE_SMTP_URL = smtp://mailer:****@relay.example:587"),
            "{said}"
        );
        assert!(!said.contains("s3cret"), "{said}");
    }
}
