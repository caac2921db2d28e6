//! E-mail: the outbox's messages worded in the recipient's language and handed to the
//! municipality's mail relay over SMTP (`KOMMUNE_SMTP_URL`, from `KOMMUNE_MAIL_FROM`).
//! Each message is marked sent before it is handed over, so nobody gets one twice; a
//! relay that cannot be reached leaves the outbox as it is for the next run.

use crate::pages::i18n::{Lang, Tr};
use crate::pages::{clock, day_label};
use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use service::mail::{Change, Message, StaffingChange, WorkChange};
use store::Store;

/// Where mail goes: the relay, and who it is from.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Smtp(from {})", self.from)
    }
}

impl Smtp {
    /// The relay at `url` (`smtp://host:port`, port 25 when none is given) and the sender
    /// `from` (`Små job <noreply@kommune.dk>`), or what is wrong with either. The relay is
    /// on the municipality's own network and does TLS and sign-in onwards, so the URL has
    /// no user or password.
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("KOMMUNE_SMTP_URL '{url}' {why}");
        let rest = url
            .strip_prefix("smtp://")
            .ok_or_else(|| bad("is not like smtp://relay.kommune.local:25"))?
            .trim_end_matches('/');
        if rest.contains(['@', '/', '?']) {
            return Err(bad("has more than a host and a port"));
        }
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| bad("has a port that is not 1–65535"))?,
            ),
            None => (rest, 25),
        };
        if host.is_empty() || port == 0 {
            return Err(bad("has no host or port"));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("KOMMUNE_MAIL_FROM '{from}' is not a sender address: {e}"))?;
        Ok(Self { transport, from })
    }

    /// From `KOMMUNE_SMTP_URL` and `KOMMUNE_MAIL_FROM`: none when no relay is named.
    pub fn from_env() -> Result<Option<Self>, String> {
        let Ok(url) = std::env::var("KOMMUNE_SMTP_URL") else {
            return Ok(None);
        };
        let from = std::env::var("KOMMUNE_MAIL_FROM")
            .map_err(|_| "KOMMUNE_SMTP_URL is set but KOMMUNE_MAIL_FROM is not".to_string())?;
        Self::new(&url, &from).map(Some)
    }
}

/// Sends the outbox's unsent messages at `now`: how many were handed to the relay. A
/// relay that cannot be reached is an error and leaves every message for the next run.
pub async fn send_outbox(store: &Store, smtp: &Smtp, now: DateTime<Utc>) -> Result<usize, String> {
    let waiting = store.unsent_mail().await.map_err(|e| e.to_string())?;
    if waiting.is_empty() {
        return Ok(0);
    }
    match smtp.transport.test_connection().await {
        Ok(true) => {}
        Ok(false) => return Err("the mail relay did not answer".into()),
        Err(e) => return Err(format!("the mail relay cannot be reached: {e}")),
    }
    let mut sent = 0;
    for outgoing in waiting {
        if !store
            .mark_sending(outgoing.id, now)
            .await
            .map_err(|e| e.to_string())?
        {
            continue;
        }
        let handed = match email(smtp, &outgoing.mail) {
            Ok(email) => smtp
                .transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match handed {
            Ok(()) => sent += 1,
            Err(e) => {
                tracing::warn!(id = outgoing.id, "mail not handed over: {e}");
                store
                    .mark_failed(outgoing.id, &e)
                    .await
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(sent)
}

/// `List-Unsubscribe: <link>` (RFC 2369): where a mail program's own button leads.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_string()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the link above
/// unsubscribes with one POST, no page in between.
#[derive(Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(
            Self::name(),
            "List-Unsubscribe=One-Click".to_string(),
        )
    }
}

/// The e-mail for one outbox message, worded in its language.
fn email(smtp: &Smtp, mail: &store::outbox::Mail) -> Result<lettre::Message, String> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("'{}' is not an address: {e}", mail.to))?;
    let message = Message::from_json(&mail.message)
        .ok_or_else(|| "the outbox holds a message kommune cannot read".to_string())?;
    let t = Tr::new(Lang::parse(&mail.language).unwrap_or(Lang::Da));
    let (subject, body) = worded(t, &message);
    let mut builder = lettre::Message::builder()
        .from(smtp.from.clone())
        .to(to)
        .subject(subject);
    if let Some(link) = message.unsubscribe() {
        builder = builder
            .header(ListUnsubscribe(format!("<{link}>")))
            .header(ListUnsubscribePost);
    }
    if let Some((name, ics)) = calendar_file(&message) {
        use lettre::message::{Attachment, MultiPart, SinglePart, header::ContentType};
        let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
            .map_err(|e| e.to_string())?;
        return builder
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(body))
                    .singlepart(Attachment::new(name).body(ics, calendar)),
            )
            .map_err(|e| e.to_string());
    }
    builder
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

/// The `.ics` file a festival confirmation carries: the event, to add to a calendar.
fn calendar_file(message: &Message) -> Option<(String, String)> {
    let Message::FestivalHeld {
        event,
        event_id,
        starts_at,
        ends_at,
        ..
    } = message
    else {
        return None;
    };
    let starts = domain::calendar::parse_instant(starts_at).ok()?;
    let ends = domain::calendar::parse_instant(ends_at).unwrap_or(starts);
    Some((
        format!("event-{event_id}.ics"),
        crate::pages::festival::ics_of(&[crate::pages::festival::CalendarEvent {
            id: *event_id,
            title: event,
            description: "",
            starts,
            ends,
            link: None,
        }]),
    ))
}

/// A stored instant as the reader's day and clock time in Copenhagen.
fn when(t: Tr, instant: &str) -> String {
    domain::calendar::parse_instant(instant).map_or_else(
        |_| instant.to_string(),
        |at| {
            format!(
                "{} {}",
                day_label(t, domain::calendar::local_date(at), true),
                clock(at)
            )
        },
    )
}

/// The monthly digest: a line per case or news item (new or changed), a line per
/// indicator with new figures, and the way out.
fn digest(
    t: Tr,
    month: &str,
    entries: &[service::mail::DigestEntry],
    indicators: &[service::mail::DigestEntry],
    unsubscribe: &str,
) -> (String, String) {
    let line = |e: &service::mail::DigestEntry| {
        let key = if e.new {
            "mail.digest_new"
        } else {
            "mail.digest_changed"
        };
        t.fill(key, &[("title", &e.title), ("link", &e.link)])
    };
    let cases: Vec<String> = entries.iter().map(line).collect();
    let figures: Vec<String> = indicators
        .iter()
        .map(|e| {
            t.fill(
                "mail.digest_indicator",
                &[("title", &e.title), ("link", &e.link)],
            )
        })
        .collect();
    let none = t.get("mail.digest_none").to_string();
    let or_none = |lines: Vec<String>| {
        if lines.is_empty() {
            none.clone()
        } else {
            lines.join("\n")
        }
    };
    (
        t.fill("mail.digest_subject", &[("month", month)]),
        t.fill(
            "mail.digest_body",
            &[
                ("month", month),
                ("cases", &or_none(cases)),
                ("indicators", &or_none(figures)),
                ("unsubscribe", unsubscribe),
            ],
        ),
    )
}

/// A message's subject and plain-text body in `t`'s language.
pub fn worded(t: Tr, message: &Message) -> (String, String) {
    match message {
        Message::WorkChanged { name, changes } => {
            let lines: Vec<String> = changes.iter().map(|c| work_line(t, c)).collect();
            (
                t.get("mail.work_subject").to_string(),
                t.fill(
                    "mail.work_body",
                    &[("name", name), ("changes", &lines.join("\n"))],
                ),
            )
        }
        Message::StaffingChanged { company, changes } => {
            let lines: Vec<String> = changes.iter().map(|c| staffing_line(t, c)).collect();
            (
                t.get("mail.staffing_subject").to_string(),
                t.fill(
                    "mail.staffing_body",
                    &[("company", company), ("changes", &lines.join("\n"))],
                ),
            )
        }
        Message::FestivalHeld {
            name,
            event,
            starts_at,
            people,
            code,
            confirm,
            cancel,
            hours,
            ..
        } => (
            t.fill("mail.festival_held_subject", &[("event", event)]),
            t.fill(
                "mail.festival_held_body",
                &[
                    ("name", name),
                    ("event", event),
                    ("when", &when(t, starts_at)),
                    ("people", &people.to_string()),
                    ("code", code),
                    ("confirm", confirm),
                    ("cancel", cancel),
                    ("hours", &hours.to_string()),
                    ("calendar", &format!("{confirm}/calendar.ics")),
                ],
            ),
        ),
        Message::FestivalReminder {
            name,
            event,
            starts_at,
            venue,
            code,
            cancel,
        } => (
            t.fill("mail.festival_reminder_subject", &[("event", event)]),
            t.fill(
                "mail.festival_reminder_body",
                &[
                    ("name", name),
                    ("event", event),
                    ("when", &when(t, starts_at)),
                    ("venue", venue),
                    ("code", code),
                    ("cancel", cancel),
                    // The reminder's fresh link replaces the confirmation's, so the
                    // person's calendar moves with it.
                    (
                        "calendar",
                        &format!("{}/calendar.ics", cancel.trim_end_matches("/cancel")),
                    ),
                ],
            ),
        ),
        Message::FestivalWaiting {
            name,
            event,
            position,
            cancel,
        } => (
            t.fill("mail.festival_waiting_subject", &[("event", event)]),
            t.fill(
                "mail.festival_waiting_body",
                &[
                    ("name", name),
                    ("event", event),
                    ("position", &position.to_string()),
                    ("cancel", cancel),
                ],
            ),
        ),
        Message::FestivalOffered {
            name,
            event,
            people,
            confirm,
            cancel,
            hours,
        } => (
            t.fill("mail.festival_offered_subject", &[("event", event)]),
            t.fill(
                "mail.festival_offered_body",
                &[
                    ("name", name),
                    ("event", event),
                    ("people", &people.to_string()),
                    ("confirm", confirm),
                    ("cancel", cancel),
                    ("hours", &hours.to_string()),
                ],
            ),
        ),
        Message::FestivalSubmitted {
            event,
            confirm,
            attendees,
        } => (
            t.fill("mail.festival_submitted_subject", &[("event", event)]),
            t.fill(
                "mail.festival_submitted_body",
                &[
                    ("event", event),
                    ("confirm", confirm),
                    ("attendees", attendees),
                ],
            ),
        ),
        Message::FestivalChanged {
            name,
            event,
            starts_at,
            venue,
        } => (
            t.fill("mail.festival_changed_subject", &[("event", event)]),
            t.fill(
                "mail.festival_changed_body",
                &[
                    ("name", name),
                    ("event", event),
                    ("when", &when(t, starts_at)),
                    ("venue", venue),
                ],
            ),
        ),
        Message::FestivalCancelled { name, event } => (
            t.fill("mail.festival_cancelled_subject", &[("event", event)]),
            t.fill(
                "mail.festival_cancelled_body",
                &[("name", name), ("event", event)],
            ),
        ),
        Message::NewsletterConfirm { link } => (
            t.get("mail.newsletter_confirm_subject").to_string(),
            t.fill("mail.newsletter_confirm_body", &[("link", link)]),
        ),
        Message::NewsletterKnown { unsubscribe } => (
            t.get("mail.newsletter_known_subject").to_string(),
            t.fill(
                "mail.newsletter_known_body",
                &[("unsubscribe", unsubscribe)],
            ),
        ),
        Message::NewsletterDigest {
            month,
            entries,
            indicators,
            unsubscribe,
        } => digest(t, month, entries, indicators, unsubscribe),
        Message::PickupPlanned {
            company,
            site,
            day,
            arrives_at,
        } => (
            t.get("mail.pickup_planned_subject").to_string(),
            t.fill(
                "mail.pickup_planned_body",
                &[
                    ("company", company),
                    ("site", site),
                    ("day", &day_label(t, *day, true)),
                    ("time", &crate::pages::clock(*arrives_at)),
                ],
            ),
        ),
        Message::PickupDone {
            company,
            site,
            day,
            outcome,
            collected,
        } => {
            let day = day_label(t, *day, true);
            let body = if outcome == "collected" {
                let lines: Vec<String> = collected
                    .iter()
                    .map(|(code, grams)| {
                        let name = domain::waste::Fraction::parse(code)
                            .map_or(code.as_str(), |f| crate::pages::driver::fraction_name(t, f));
                        let kg = format!("{:.1}", *grams as f64 / 1000.0);
                        let kg = if t.lang == crate::pages::i18n::Lang::Da {
                            kg.replace('.', ",")
                        } else {
                            kg
                        };
                        t.fill("mail.collected_line", &[("fraction", name), ("kg", &kg)])
                    })
                    .collect();
                t.fill(
                    "mail.pickup_done_body",
                    &[
                        ("company", company),
                        ("site", site),
                        ("day", &day),
                        ("collected", &lines.join("\n")),
                    ],
                )
            } else {
                let key = format!("driver.outcome_{outcome}");
                let why = t.get(&key);
                t.fill(
                    "mail.pickup_not_done_body",
                    &[
                        ("company", company),
                        ("site", site),
                        ("day", &day),
                        ("why", why),
                    ],
                )
            };
            (t.get("mail.pickup_done_subject").to_string(), body)
        }
        Message::StudentWelcome { name, link } => (
            t.get("mail.student_subject").to_string(),
            t.fill("mail.student_body", &[("name", name), ("link", link)]),
        ),
        Message::Introduced {
            name,
            company,
            title,
            hours,
            link,
        } => (
            t.get("mail.introduced_subject").to_string(),
            t.fill(
                "mail.introduced_body",
                &[
                    ("name", name),
                    ("company", company),
                    ("title", title),
                    ("hours", &hours.to_string()),
                    ("link", link),
                ],
            ),
        ),
        Message::PasswordReset { link, hours } => (
            t.get("mail.reset_subject").to_string(),
            t.fill(
                "mail.reset_body",
                &[("link", link), ("hours", &hours.to_string())],
            ),
        ),
    }
}

fn hours(t: Tr, (start, end): (DateTime<Utc>, DateTime<Utc>)) -> String {
    t.fill(
        "mail.hours",
        &[("from", &clock(start)), ("to", &clock(end))],
    )
}

fn work_line(t: Tr, c: &WorkChange) -> String {
    let key = match c.change {
        Change::Given => "mail.given",
        Change::Taken => "mail.taken",
        Change::Moved => "mail.moved",
    };
    let before = c.before.map(|b| hours(t, b)).unwrap_or_default();
    t.fill(
        key,
        &[
            ("day", &day_label(t, c.date, true)),
            ("hours", &hours(t, (c.start, c.end))),
            ("before", &before),
            ("task", &c.task),
            ("company", &c.company),
            ("address", &c.address),
        ],
    )
}

fn staffing_line(t: Tr, c: &StaffingChange) -> String {
    let day = day_label(t, c.date, true);
    match c.hours {
        Some(when) if !c.people.is_empty() => t.fill(
            "mail.staffed",
            &[
                ("day", &day),
                ("task", &c.task),
                ("hours", &hours(t, when)),
                ("people", &c.people.join(", ")),
            ],
        ),
        _ => t.fill("mail.unstaffed", &[("day", &day), ("task", &c.task)]),
    }
}
