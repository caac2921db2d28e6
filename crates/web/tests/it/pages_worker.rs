//! The worker's pages: the next tasks, one task's page with its answer and check-in and
//! out, hours and pay, and the private calendar feed — and what other people cannot do.

use crate::fixtures::{Work, at, free_every_day, iso_week};
use crate::helpers::{Shown, anonymous, contact_account, csrf_field, person, task, worker_account};
use chrono::{Datelike, NaiveDate, Utc};
use domain::calendar::{local_date, parse_instant};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};

/// A worker planned for one two-hour task today at 09:00 Copenhagen time, signed in.
struct Planned {
    work: Work,
    /// The worker's browser: the session cookie, no redirects followed.
    browser: reqwest::Client,
    csrf: String,
}

impl std::ops::Deref for Planned {
    type Target = Work;

    fn deref(&self) -> &Work {
        &self.work
    }
}

impl Planned {
    /// The task page's path, `/my/tasks/{task}/{date}`.
    fn page(&self) -> String {
        format!("/my/tasks/{}/{}", self.task, self.day)
    }

    /// The worker's time entries, as the coordinator sees them through the API.
    async fn entries(&self, person: i64) -> Vec<serde_json::Value> {
        let answer = self.app.get(&format!("/api/time?person={person}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        answer.body["items"].as_array().unwrap().clone()
    }
}

/// Today's task planned with the planner through the API for a worker free every
/// morning, who is then signed in.
async fn planned_today() -> Planned {
    let today = local_date(parse_instant(crate::helpers::TEST_NOW).unwrap());
    let work = Work::on(today, free_every_day("w@example.dk", "08:00-14:00"))
        .await
        .planned()
        .await;
    let (browser, csrf) = work
        .app
        .signed_in(worker_account("w@example.dk", work.worker))
        .await;
    Planned {
        work,
        browser,
        csrf,
    }
}

/// Another worker, signed in: a person the plan does not name.
async fn another_worker(p: &Planned) -> (i64, reqwest::Client, String) {
    let other = p
        .app
        .post("/api/people", &person("o@example.dk"))
        .await
        .id();
    let (client, csrf) = p.app.signed_in(worker_account("o@example.dk", other)).await;
    (other, client, csrf)
}

/// The date as the Danish pages write it: "fredag 27. november".
fn danish_day(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ];
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{} {}. {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize]
    )
}

/// The value of the element with `id="…"`'s `value` attribute.
fn value_of(html: &str, id: &str) -> String {
    let from = html
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no #{id} in {html}"));
    from.split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_list_and_the_task_page_show_the_planned_task() {
    let p = planned_today().await;
    let Shown {
        status, html: list, ..
    } = p.app.page(&p.browser, "/my/tasks").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(list.contains("<h1>Mine næste opgaver</h1>"), "{list}");
    assert!(list.contains(&format!("href=\"{}\"", p.page())), "{list}");
    assert!(list.contains("Rengøring af frokoststue"));
    assert!(
        list.contains(&format!("{} 09:00–11:00", danish_day(p.day))),
        "{list}"
    );
    assert!(
        list.contains("Salling Aalborg, Butik Nytorv") && list.contains("Nytorv 8, 9000 Aalborg")
    );
    assert!(list.contains("Du har ikke svaret endnu."));
    // The menu has the worker's three pages.
    for href in ["/my/tasks", "/my/hours", "/my/calendar"] {
        assert!(list.contains(&format!("href=\"{href}\"")), "{href}");
    }

    let Shown {
        status, html: page, ..
    } = p.app.page(&p.browser, &p.page()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page.matches("<h1").count(), 1, "one heading per page");
    assert!(page.contains("<h1>Rengøring af frokoststue</h1>"));
    assert!(page.contains("Nytorv 8, 9000 Aalborg"));
    assert!(page.contains("Jens Holm (butikschef)"), "{page}");
    assert!(page.contains("href=\"tel:+4598123456\""), "{page}");
    assert!(page.contains("Mød ind ved personaleindgangen."));
    assert!(page.contains("Du skal løfte op til 5 kg."));
    assert!(page.contains("name=\"reply\" value=\"yes\""));
    assert!(page.contains("Ja, jeg kommer") && page.contains("Nej, jeg kan ikke"));
    assert!(page.contains(&format!("action=\"{}/check-in\"", p.page())));
    assert!(page.contains(&csrf_field(&p.csrf)));

    // English for an English account.
    let other = p
        .app
        .post("/api/people", &person("e@example.dk"))
        .await
        .id();
    let mut english = worker_account("e@example.dk", other);
    english.language = "en".into();
    let (browser, _) = p.app.signed_in(english).await;
    let Shown {
        status,
        html: empty,
        ..
    } = p.app.page(&browser, "/my/tasks").await;
    assert_eq!(status, StatusCode::OK);
    assert!(empty.contains("You have no tasks right now."), "{empty}");

    // Paths that name nothing are not found.
    for path in [
        format!("/my/tasks/{}/2020-01-01", p.task),
        format!("/my/tasks/{}/{}", p.task + 1, p.day),
        "/my/tasks/x/yesterday".to_string(),
    ] {
        assert_eq!(
            p.app.page(&p.browser, &path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_worker_answers_and_checks_in_and_out() {
    let p = planned_today().await;
    let csrf = p.csrf.as_str();
    let reply = format!("{}/reply", p.page());

    let yes = p
        .app
        .submit(&p.browser, &reply, &[("csrf", csrf), ("reply", "yes")])
        .await;
    assert_eq!(yes.status, StatusCode::SEE_OTHER);
    assert_eq!(yes.header(LOCATION), p.page().as_str());
    let Shown { html: page, .. } = p.app.page(&p.browser, &p.page()).await;
    assert!(page.contains("Du har svaret: Ja, jeg kommer."), "{page}");
    let Shown { html: list, .. } = p.app.page(&p.browser, "/my/tasks").await;
    assert!(list.contains("Du har svaret: Ja, jeg kommer."), "{list}");

    let unclear = p
        .app
        .submit(&p.browser, &reply, &[("csrf", csrf), ("reply", "maybe")])
        .await;
    assert_eq!(unclear.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = unclear.html;
    assert!(
        html.contains("<a href=\"#reply\">Tryk på Ja eller Nej.</a>"),
        "{html}"
    );
    assert!(html.contains("id=\"reply\""));

    // A second task later today, for the same worker.
    let later = p
        .app
        .post("/api/tasks", &task(p.company, p.site, &at(p.day, 12, 0)))
        .await
        .id();
    let plan = p.app.plan_week(&iso_week(p.day)).await;
    assert_eq!(plan["assignments"].as_array().unwrap().len(), 2, "{plan}");
    let later = format!("/my/tasks/{later}/{}", p.day);

    let check_in = format!("{}/check-in", p.page());
    let arrive = p.app.submit(&p.browser, &check_in, &[("csrf", csrf)]).await;
    assert_eq!(arrive.status, StatusCode::SEE_OTHER);
    assert_eq!(arrive.header(LOCATION), p.page().as_str());
    let entries = p.entries(p.worker).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["status"], "open");
    assert_eq!(entries[0]["task"], p.task);
    assert_eq!(entries[0]["created_by"], "w@example.dk");
    let Shown { html: page, .. } = p.app.page(&p.browser, &p.page()).await;
    assert!(page.contains("Du tjekkede ind kl."), "{page}");
    assert!(page.contains(&format!("action=\"{}/check-out\"", p.page())));
    // A second tap changes nothing and is no error.
    let again = p.app.submit(&p.browser, &check_in, &[("csrf", csrf)]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(p.entries(p.worker).await.len(), 1);

    // The store refuses a check-in elsewhere: the page again, the reason at the top.
    let elsewhere = p
        .app
        .submit(&p.browser, &format!("{later}/check-in"), &[("csrf", csrf)])
        .await;
    assert_eq!(elsewhere.status, StatusCode::CONFLICT);
    let html = elsewhere.html;
    assert!(
        html.contains("<a href=\"#check\">Du er stadig tjekket ind på en anden opgave."),
        "{html}"
    );
    assert!(html.contains("id=\"check\""));
    let not_in = p
        .app
        .submit(&p.browser, &format!("{later}/check-out"), &[("csrf", csrf)])
        .await;
    assert_eq!(not_in.status, StatusCode::CONFLICT);
    assert!(
        not_in
            .html
            .contains("Du er ikke tjekket ind på denne opgave.")
    );

    let check_out = format!("{}/check-out", p.page());
    p.app
        .clock
        .set(p.app.clock.now() + chrono::Duration::seconds(30));
    let leave = p
        .app
        .submit(&p.browser, &check_out, &[("csrf", csrf)])
        .await;
    assert_eq!(leave.status, StatusCode::SEE_OTHER, "{}", leave.html);
    let entries = p.entries(p.worker).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["status"], "registered", "{entries:?}");
    assert_eq!(entries[0]["minutes"], 0);
    let Shown { html: page, .. } = p.app.page(&p.browser, &p.page()).await;
    assert!(page.contains("Du har arbejdet 0:00 timer."), "{page}");
    assert!(!page.contains("/check-in\""), "no second check-in offered");
    // What was recorded is the answer now: the reply question is gone.
    assert!(!page.contains("/reply\""), "{page}");
    assert!(
        page.contains(
            "href=\"https://www.openstreetmap.org/directions?route=%3B57.04810%2C9.92050\""
        ) && page.contains("Vis vej"),
        "directions to the site: {page}"
    );
    let twice = p
        .app
        .submit(&p.browser, &check_out, &[("csrf", csrf)])
        .await;
    assert_eq!(twice.status, StatusCode::SEE_OTHER);
    assert_eq!(p.entries(p.worker).await.len(), 1);

    // Now the later task can be checked in to.
    let there = p
        .app
        .submit(&p.browser, &format!("{later}/check-in"), &[("csrf", csrf)])
        .await;
    assert_eq!(there.status, StatusCode::SEE_OTHER);
    assert_eq!(p.entries(p.worker).await.len(), 2);
}

#[tokio::test]
async fn others_cannot_see_or_check_in_to_a_workers_task_and_forms_need_the_token() {
    let p = planned_today().await;
    let (other, browser, csrf) = another_worker(&p).await;
    assert_eq!(
        p.app.page(&browser, &p.page()).await.status,
        StatusCode::NOT_FOUND
    );
    for action in ["check-in", "reply", "check-out"] {
        let refused = p
            .app
            .submit(
                &browser,
                &format!("{}/{action}", p.page()),
                &[("csrf", csrf.as_str()), ("reply", "yes")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert!(p.entries(other).await.is_empty());
    assert!(p.entries(p.worker).await.is_empty());
    let Shown { html: list, .. } = p.app.page(&browser, "/my/tasks").await;
    assert!(!list.contains("Rengøring af frokoststue"), "{list}");

    // Without the session's form token, or with another's, nothing happens.
    let without = p
        .app
        .submit(
            &p.browser,
            &format!("{}/check-in", p.page()),
            &[("reply", "yes")],
        )
        .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let forged = p
        .app
        .submit(
            &p.browser,
            &format!("{}/check-in", p.page()),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let renew = p.app.submit(&p.browser, "/my/calendar/new", &[]).await;
    assert_eq!(renew.status, StatusCode::FORBIDDEN);
    assert!(p.entries(p.worker).await.is_empty());

    // Other roles do not use the worker's pages.
    let (as_company, _) = p.app.signed_in(contact_account("c@example.dk", 1)).await;
    for path in ["/my/tasks", "/my/hours", "/my/calendar"] {
        assert_eq!(
            p.app.page(&as_company, path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_hours_page_shows_the_minutes_and_the_pay() {
    let p = planned_today().await;
    let start = at(p.day, 9, 0);
    let end = start.replace("T09:00:00", "T11:15:00");
    p.record_hours(&start, &end).await;

    let month = format!("{:04}-{:02}", p.day.year(), p.day.month());
    for path in ["/my/hours".to_string(), format!("/my/hours?month={month}")] {
        let Shown { status, html, .. } = p.app.page(&p.browser, &path).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains(&danish_day(p.day)), "{html}");
        assert!(html.contains("Rengøring af frokoststue"));
        assert!(html.contains(">2:15 timer<"), "{html}");
        assert!(html.contains("Venter på, at virksomheden godkender."));
        // 2.25 h at 155.00 kr: 348.75 kr, holiday pay 12.5 % = 43.59 kr, 392.34 kr in all.
        assert!(html.contains("348,75 kr."), "{html}");
        assert!(html.contains("43,59 kr."), "{html}");
        assert!(html.contains("392,34 kr."), "{html}");
    }

    let next = if p.day.month() == 12 {
        format!("{}-01", p.day.year() + 1)
    } else {
        format!("{}-{:02}", p.day.year(), p.day.month() + 1)
    };
    let Shown { status, html, .. } = p
        .app
        .page(&p.browser, &format!("/my/hours?month={next}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du har ingen timer i denne måned."), "{html}");
    assert!(html.contains("0,00 kr."));
    assert_eq!(
        p.app.page(&p.browser, "/my/hours?month=soon").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Makes a feed address on the calendar page and returns it.
async fn new_feed(p: &Planned) -> String {
    let made = p
        .app
        .submit(&p.browser, "/my/calendar/new", &[("csrf", p.csrf.as_str())])
        .await;
    assert_eq!(made.status, StatusCode::OK);
    let html = made.html;
    assert!(html.contains("<label for=\"feed-url\">"), "{html}");
    let url = value_of(&html, "feed-url");
    assert!(
        url.starts_with(&format!("{}/calendar/", p.app.base)) && url.ends_with(".ics"),
        "{url}"
    );
    assert!(html.contains(&format!("href=\"{}\"", url.replace("http://", "webcal://"))));
    url
}

#[tokio::test]
async fn the_calendar_feed_lists_the_planned_task_and_a_new_address_retires_the_old() {
    let p = planned_today().await;
    let Shown { status, html, .. } = p.app.page(&p.browser, "/my/calendar").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Lav min kalender-adresse"), "{html}");
    assert!(html.contains("action=\"/my/calendar/new\""));

    let url = new_feed(&p).await;
    // The worker's own browser stands in for the phone's calendar here; the test below
    // fetches without any sign-in, as calendar apps do.
    let feed = p.browser.get(&url).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(
        feed.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = feed.text().await.unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert_eq!(events.len(), 1, "{text}");
    use icalendar::{Component, EventLike};
    let event = events[0];
    assert_eq!(
        event.get_uid(),
        Some(format!("task-{}-{}-person-{}@kommune", p.task, p.day, p.worker).as_str())
    );
    assert_eq!(event.get_summary(), Some("Rengøring af frokoststue"));
    assert_eq!(
        event.get_location(),
        Some("Salling Aalborg, Butik Nytorv, Nytorv 8, 9000 Aalborg")
    );
    let start = domain::calendar::parse_instant(&at(p.day, 9, 0)).unwrap();
    let utc = |at: chrono::DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    assert!(text.contains(&format!("DTSTART:{}", utc(start))), "{text}");
    assert!(
        text.contains(&format!(
            "DTEND:{}",
            utc(start + chrono::Duration::hours(2))
        )),
        "{text}"
    );

    let Shown { html, .. } = p.app.page(&p.browser, "/my/calendar").await;
    assert!(
        html.contains("Du har allerede en kalender-adresse."),
        "{html}"
    );
    assert!(!html.contains(&url), "the address is shown only once");

    let newer = new_feed(&p).await;
    assert_ne!(newer, url);
    assert_eq!(
        p.browser.get(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "the old address stops working"
    );
    assert_eq!(
        p.browser.get(&newer).send().await.unwrap().status(),
        StatusCode::OK
    );
    let unknown = format!("{}/calendar/{}.ics", p.app.base, "0".repeat(64));
    assert_eq!(
        p.browser.get(&unknown).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_calendar_feed_needs_no_sign_in() {
    let p = planned_today().await;
    let url = new_feed(&p).await;
    let phone = anonymous();
    let feed = phone.get(&url).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK, "{:?}", feed.headers());
    assert!(feed.text().await.unwrap().contains("BEGIN:VEVENT"));
    let unknown = format!("{}/calendar/{}.ics", p.app.base, "0".repeat(64));
    assert_eq!(
        phone.get(&unknown).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}
