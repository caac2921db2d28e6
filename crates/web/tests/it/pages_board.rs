//! The coordinator's week board as a browser uses it: the board before and after
//! planning, a task's candidates, a sick call that re-plans, a week that is not one, and
//! forms refused without their token or to other roles.

use crate::fixtures::{forklift_task, free_on_tuesdays, tuesday};
use crate::helpers::{Shown, TestApp, account, csrf_field, spawn_app, with, worker_account};
use reqwest::header::LOCATION;
use reqwest::{Client, StatusCode};
use serde_json::json;
use store::accounts::Role;

const WEEK: &str = "2026-W49";

/// A week with a task on Tuesday 1 December that Mette fits, and one that needs a
/// forklift driver nobody is: (app, Mette, the task she fits, the forklift task).
async fn week_with_tasks() -> (TestApp, i64, i64, i64) {
    let w = tuesday().await;
    let forklift = with(
        forklift_task(w.company, w.site, w.day),
        "title",
        json!("Truckkørsel på lageret"),
    );
    let open = w.app.post("/api/tasks", &forklift).await.id();
    (w.app, w.worker, w.task, open)
}

/// A coordinator's browser that reads English, and its form token.
async fn coordinator(app: &TestApp) -> (Client, String) {
    let mut new = account("c@example.dk", Role::Coordinator);
    new.language = "en".into();
    app.signed_in(new).await
}

#[tokio::test]
async fn the_board_shows_unassigned_tasks_then_the_plan_and_a_tasks_candidates() {
    let (app, _, fits, open) = week_with_tasks().await;
    let (browser, csrf) = coordinator(&app).await;

    let Shown { status, html, .. } = app
        .page(&browser, &format!("/week?week={WEEK}&view=tasks"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(html.matches("<h1>").count(), 1, "{html}");
    assert!(html.contains("<h1>Week 49, 2026</h1>"), "{html}");
    assert!(html.contains("Rengøring af frokoststue") && html.contains("Truckkørsel"));
    assert_eq!(html.matches("Unassigned").count(), 2, "{html}");
    assert!(html.contains("not planned yet"));
    assert!(html.contains("<caption id=\"board-caption\">") && html.contains("<th scope=\"row\">"));
    assert!(html.contains("<th scope=\"col\">Tue 1/12</th>"), "{html}");
    for action in ["/week/plan", "/week/replan"] {
        let form = html
            .split(&format!("action=\"{action}\""))
            .nth(1)
            .and_then(|rest| rest.split("</form>").next())
            .unwrap_or_else(|| panic!("no form for {action}: {html}"));
        assert!(form.contains(&csrf_field(&csrf)), "{form}");
        assert!(
            form.contains(&format!("name=\"week\" value=\"{WEEK}\"")),
            "{form}"
        );
    }
    assert!(html.contains("Plan the week") && html.contains("Re-plan after changes"));
    assert!(
        html.contains("href=\"/week?week=2026-W48\"")
            && html.contains("href=\"/week?week=2026-W50\"")
    );

    let sent = app
        .submit(&browser, "/week/plan", &[("csrf", &csrf), ("week", WEEK)])
        .await;
    let (status, location) = (sent.status, sent.header(LOCATION).to_string());
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, format!("/week?week={WEEK}"));
    let Shown { html, .. } = app.page(&browser, &format!("{location}&view=tasks")).await;
    assert!(html.contains("Mette Larsen"), "{html}");
    assert!(html.contains("09:00–11:00"), "{html}");
    assert_eq!(html.matches("Unassigned").count(), 1, "{html}");
    assert!(
        html.contains("No one with Forklift licence is available Tuesday 12:00–14:00"),
        "the engine's reason is shown: {html}"
    );
    assert!(
        html.contains("1 of 2 occurrences have their people."),
        "{html}"
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{fits}")).await.body["status"],
        "planned"
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{open}")).await.body["status"],
        "requested"
    );

    // Re-planning an unchanged week keeps the plan, and the board says what moved.
    let sent = app
        .submit(&browser, "/week/replan", &[("csrf", &csrf), ("week", WEEK)])
        .await;
    let (status, location) = (sent.status, sent.header(LOCATION).to_string());
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, "/week?week=2026-W49")
    );
    let Shown { html, .. } = app.page(&browser, &location).await;
    assert!(
        html.contains("What the re-plan moved") && html.contains("Nothing moved."),
        "{html}"
    );
    assert!(html.contains("Mette Larsen"), "{html}");

    let Shown { status, html, .. } = app
        .page(&browser, &format!("/week/tasks/{fits}?week={WEEK}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<h1>Rengøring af frokoststue</h1>"), "{html}");
    assert!(html.contains("Salling Aalborg") && html.contains("Butik Nytorv"));
    assert!(
        html.contains("Recommended candidates, Tuesday 1/12"),
        "{html}"
    );
    let candidates = html.split("id=\"candidates\"").nth(1).unwrap();
    assert!(candidates.contains("<h3>Mette Larsen</h3>"), "{candidates}");
    assert!(candidates.contains("Can take it now"), "{candidates}");
    assert!(
        candidates.contains("hours this week"),
        "the engine's why: {candidates}"
    );

    // The forklift task has nobody who fits: the page says so rather than failing.
    let Shown { status, html, .. } = app
        .page(&browser, &format!("/week/tasks/{open}?week=W49"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("href=\"#occurrences\">&#39;W49&#39; is not a week")
            || html.contains("href=\"#occurrences\">'W49' is not a week"),
        "{html}"
    );
    let Shown { status, html, .. } = app.page(&browser, &format!("/week/tasks/{open}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Unassigned") && html.contains("In week 2026-W49"),
        "{html}"
    );

    for missing in ["/week/tasks/99999", "/week/tasks/nothing"] {
        let Shown { status, html, .. } = app.page(&browser, missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert!(html.contains("Page not found"), "{html}");
    }
}

/// The row of `name` in the schedule by person, up to the next row.
fn row<'a>(html: &'a str, href: &str) -> Option<&'a str> {
    html.split(&format!("<a href=\"{href}\">"))
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
}

#[tokio::test]
async fn the_week_by_person_shows_days_work_hours_and_what_is_open_and_filters() {
    let (app, mette, fits, open) = week_with_tasks().await;
    let away = with(
        with(
            free_on_tuesdays("anna@example.dk"),
            "name",
            json!("Anna Holm"),
        ),
        "absences",
        json!("2026-12-01 holiday"),
    );
    let anna = app.post("/api/people", &away).await.id();
    let (browser, csrf) = coordinator(&app).await;
    app.submit(&browser, "/week/plan", &[("csrf", &csrf), ("week", WEEK)])
        .await;

    let Shown { status, html, .. } = app.page(&browser, &format!("/week?week={WEEK}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Who works when, 2026-W49"), "{html}");
    assert!(
        html.contains("aria-current=\"page\">By person</a>"),
        "{html}"
    );
    let mette_row = row(&html, &format!("/people/{mette}")).expect("Mette has a row");
    assert!(
        mette_row.contains("2:00 of 6:00 h, at most 8:30"),
        "hours against target and cap: {mette_row}"
    );
    // Monday she cannot work; Tuesday she can, and has the cleaning, missed by Friday.
    assert!(
        mette_row
            .contains("schedule-off\">\n          <span class=\"schedule-note\">not available"),
        "{mette_row}"
    );
    assert!(mette_row.contains("available 08:00–14:00"), "{mette_row}");
    let block = mette_row
        .split("class=\"schedule-block")
        .nth(1)
        .expect("her block");
    assert!(block.contains("09:00–11:00"), "{block}");
    assert!(
        block.contains(&format!("/week/tasks/{fits}?week={WEEK}")),
        "{block}"
    );
    assert!(
        block.contains("Salling Aalborg") && block.contains("missing"),
        "{block}"
    );
    assert!(block.starts_with(" schedule-warn"), "{block}");
    assert!(
        mette_row.contains(&format!(
            "/week/absence?week={WEEK}&amp;person={mette}&amp;date=2026-12-01"
        )) || mette_row.contains(&format!(
            "/week/absence?week={WEEK}&#38;person={mette}&#38;date=2026-12-01"
        )),
        "{mette_row}"
    );
    let anna_row = row(&html, &format!("/people/{anna}")).expect("Anna has a row");
    assert!(
        anna_row.contains("schedule-absent") && anna_row.contains("holiday"),
        "{anna_row}"
    );
    let open_row = html.split("class=\"schedule-open\"").nth(1).unwrap();
    let open_row = open_row.split("</tr>").next().unwrap();
    assert!(open_row.contains("1 occurrences"), "{open_row}");
    assert!(
        open_row.contains(&format!("/week/tasks/{open}?week={WEEK}")),
        "{open_row}"
    );
    assert!(
        open_row.contains("No one with Forklift licence is available Tuesday 12:00–14:00"),
        "{open_row}"
    );

    // Filters: unstaffed only, one person, one company, one skill.
    let shown = |query: &str| {
        let (app, browser) = (&app, &browser);
        let path = format!("/week?week={WEEK}&{query}");
        async move { app.page(browser, &path).await.html }
    };
    let only_open = shown("unstaffed=1").await;
    assert!(
        row(&only_open, &format!("/people/{mette}")).is_none(),
        "{only_open}"
    );
    assert!(only_open.contains("Truckkørsel på lageret"));
    let just_mette = shown(&format!("person={mette}")).await;
    assert!(row(&just_mette, &format!("/people/{mette}")).is_some());
    assert!(row(&just_mette, &format!("/people/{anna}")).is_none());
    assert!(
        !just_mette.contains("Truckkørsel på lageret"),
        "{just_mette}"
    );
    assert!(just_mette.contains("Show everything again"));
    let company = shown(&format!(
        "company={}",
        app.get(&format!("/api/tasks/{fits}")).await.body["company_id"]
    ))
    .await;
    assert!(
        row(&company, &format!("/people/{mette}")).is_some(),
        "{company}"
    );
    assert!(
        row(&company, &format!("/people/{anna}")).is_none(),
        "no work for it: {company}"
    );
    let nobody = shown("company=99999").await;
    assert!(row(&nobody, &format!("/people/{mette}")).is_none());
    assert!(nobody.contains("Nobody matches the choice."), "{nobody}");
    let forklift = shown("skill=forklift").await;
    assert!(
        row(&forklift, &format!("/people/{mette}")).is_none(),
        "she lacks it"
    );
    assert!(forklift.contains("Truckkørsel på lageret"));
    let cleaning = shown("skill=cleaning").await;
    assert!(row(&cleaning, &format!("/people/{mette}")).is_some());
    assert!(!cleaning.contains("Truckkørsel på lageret"), "{cleaning}");
    // A filter that is not one of the choices narrows nothing.
    let wrong = shown("skill=juggling&company=x&person=").await;
    assert!(row(&wrong, &format!("/people/{mette}")).is_some());
    assert!(wrong.contains("Truckkørsel på lageret"));
}

#[tokio::test]
async fn a_sick_call_replans_the_week_without_the_person_that_day() {
    let (app, mette, fits, _) = week_with_tasks().await;
    let (browser, csrf) = coordinator(&app).await;
    let Shown { status, .. } = app
        .submit(&browser, "/week/plan", &[("csrf", &csrf), ("week", WEEK)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Someone else who could take over, added after the plan.
    let ole = with(
        free_on_tuesdays("ole@example.dk"),
        "name",
        json!("Ole Sørensen"),
    );
    let other = app.post("/api/people", &ole).await.id();

    let Shown { html: board, .. } = app.page(&browser, &format!("/week?week={WEEK}")).await;
    // A name opens the person; the sick call is its own link beside it.
    assert!(
        board.contains(&format!("href=\"/people/{mette}\">Mette Larsen</a>")),
        "{board}"
    );
    let link = board
        .split("href=\"/week/absence?")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|query| {
            format!(
                "/week/absence?{}",
                query.replace("&#38;", "&").replace("&amp;", "&")
            )
        })
        .unwrap_or_else(|| panic!("each planned person links to the sick call: {board}"));
    assert_eq!(
        link,
        format!("/week/absence?week={WEEK}&person={mette}&date=2026-12-01")
    );
    let Shown { status, html, .. } = app.page(&browser, &link).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<h1>Report Mette Larsen sick on Tuesday 1/12?</h1>"),
        "{html}"
    );
    assert!(
        html.contains("09:00–11:00 Rengøring af frokoststue"),
        "{html}"
    );
    assert!(html.contains("action=\"/week/absence\"") && html.contains(&csrf_field(&csrf)));
    assert!(html.contains(&format!("name=\"person\" value=\"{mette}\"")));
    assert!(html.contains("name=\"date\" value=\"2026-12-01\""));

    let nobody = format!("/week/absence?week={WEEK}&person=99999&date=2026-12-01");
    assert_eq!(
        app.page(&browser, &nobody).await.status,
        StatusCode::NOT_FOUND
    );

    let mette_text = mette.to_string();
    let sick = [
        ("csrf", csrf.as_str()),
        ("week", WEEK),
        ("person", mette_text.as_str()),
        ("date", "2026-12-01"),
    ];
    let sent = app.submit(&browser, "/week/absence", &sick).await;
    let (status, location) = (sent.status, sent.header(LOCATION).to_string());
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, format!("/week?week={WEEK}"));

    let absences = app.get(&format!("/api/people/{mette}")).await.body["absences"].clone();
    assert!(
        absences.as_str().unwrap().contains("2026-12-01 sick"),
        "{absences}"
    );
    let latest = app.store.latest_plan(WEEK).await.unwrap().unwrap();
    assert!(
        latest.plan.replan_of.is_some(),
        "a re-plan of the first plan"
    );
    let tuesday: Vec<(i64, i64)> = latest
        .plan
        .assignments
        .iter()
        .filter(|a| a.occurrence.to_string() == "2026-12-01")
        .map(|a| (a.task_id, a.person_id))
        .collect();
    assert_eq!(tuesday, [(fits, other)], "Ole takes over, Mette is off");

    let Shown { html: board, .. } = app.page(&browser, &format!("{location}&view=tasks")).await;
    assert!(board.contains("What the re-plan moved"), "{board}");
    assert!(
        board.contains("Rengøring af frokoststue, Tue 1/12: moved"),
        "{board}"
    );
    assert!(
        board.contains("Ole Sørensen") && !board.contains("Mette Larsen"),
        "{board}"
    );

    // Reported twice, she is still absent once and the week stays planned.
    let Shown { status, .. } = app.submit(&browser, "/week/absence", &sick).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let absences = app.get(&format!("/api/people/{mette}")).await.body["absences"].clone();
    assert_eq!(absences.as_str().unwrap().matches("2026-12-01").count(), 1);

    // A day outside the week, or nobody, is named at the top of the board.
    let wrong = [
        ("csrf", csrf.as_str()),
        ("week", WEEK),
        ("person", "99999"),
        ("date", "2026-12-24"),
    ];
    let Shown { status, html, .. } = app.submit(&browser, "/week/absence", &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(
        html.contains("There is no such person") && html.contains("is not in week 2026-W49"),
        "{html}"
    );
}

#[tokio::test]
async fn a_week_that_is_not_a_week_shows_this_weeks_board_with_the_mistake() {
    let app = spawn_app().await;
    let (browser, csrf) = coordinator(&app).await;
    let today = app.clock.today();
    let this_week = service::agency::Week::of(today);
    let iso = chrono::Datelike::iso_week(&this_week.monday);
    let heading = format!("<h1>Week {}, {}</h1>", iso.week(), iso.year());

    let Shown { status, html, .. } = app.page(&browser, "/week?week=banana").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&heading), "{heading} in {html}");
    assert!(
        html.contains("href=\"#week\">&#39;banana&#39; is not a week")
            || html.contains("href=\"#week\">'banana' is not a week"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    let Shown { status, html, .. } = app.page(&browser, "/week").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&heading) && html.contains("There are no tasks this week."),
        "{html}"
    );

    let Shown { status, html, .. } = app
        .submit(
            &browser,
            "/week/plan",
            &[("csrf", &csrf), ("week", "week 49")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&heading), "{html}");
    let Shown { status, html, .. } = app
        .submit(&browser, "/week/replan", &[("csrf", &csrf), ("week", WEEK)])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains("href=\"#replan\">There is no plan for this week to re-plan yet"),
        "{html}"
    );

    // In Danish by default.
    let (danish, _) = app
        .signed_in(account("d@example.dk", Role::Coordinator))
        .await;
    let Shown { html, .. } = app.page(&danish, &format!("/week?week={WEEK}")).await;
    assert!(
        html.contains("<h1>Uge 49, 2026</h1>") && html.contains("Planlæg ugen"),
        "{html}"
    );
}

#[tokio::test]
async fn board_forms_need_their_token_and_a_coordinator() {
    let (app, mette, fits, _) = week_with_tasks().await;
    let (browser, _) = coordinator(&app).await;
    for token in [None, Some("forged")] {
        let mut fields = vec![("week", WEEK)];
        fields.extend(token.map(|t| ("csrf", t)));
        for path in ["/week/plan", "/week/replan", "/week/absence"] {
            let Shown { status, .. } = app.submit(&browser, path, &fields).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} with {token:?}");
        }
    }
    assert!(
        app.store.latest_plan(WEEK).await.unwrap().is_none(),
        "nothing planned"
    );

    let worker = worker_account("mette@example.dk", mette);
    let (as_worker, worker_csrf) = app.signed_in(worker).await;
    for path in [
        format!("/week?week={WEEK}"),
        format!("/week/tasks/{fits}"),
        format!("/week/absence?week={WEEK}&person={mette}&date=2026-12-01"),
    ] {
        let Shown { status, .. } = app.page(&as_worker, &path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let mette_text = mette.to_string();
    for path in ["/week/plan", "/week/replan", "/week/absence"] {
        let fields = [
            ("csrf", worker_csrf.as_str()),
            ("week", WEEK),
            ("person", mette_text.as_str()),
            ("date", "2026-12-01"),
        ];
        let Shown { status, .. } = app.submit(&as_worker, path, &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(
        app.store.latest_plan(WEEK).await.unwrap().is_none(),
        "still nothing planned"
    );
}

/// What the planner says, as it reaches a Danish page: the engine's English sentences
/// never do.
const ENGINE_ENGLISH: &[&str] = &[
    "no one",
    "candidate",
    "needs 1",
    "weekly cap",
    "lack the skill",
    "minutes from home",
    "hours target",
    "has worked for",
    "busy with",
    "free but not",
    "at a stretch",
    "not available then",
];

/// A Danish coordinator plans, opens a task's candidates and an unstaffed task, and
/// reports a sick call: every reason the engine gives is said in Danish, skills by their
/// Danish names.
#[tokio::test]
async fn the_planners_reasons_reach_a_danish_page_in_danish() {
    let (app, mette, fits, open) = week_with_tasks().await;
    let (browser, csrf) = app
        .signed_in(account("dansk@example.dk", Role::Coordinator))
        .await;
    app.submit(&browser, "/week/plan", &[("csrf", &csrf), ("week", WEEK)])
        .await;
    // What a reader sees: the text between the tags.
    let text = |html: &str| -> String {
        html.split('<')
            .map(|part| part.split_once('>').map_or(part, |(_, after)| after))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let danish = |page: &str, html: &str| {
        let seen = text(html);
        for english in ENGINE_ENGLISH {
            assert!(
                !seen.contains(english),
                "{english:?} on the Danish {page}: {seen}"
            );
        }
    };
    let board = app.page(&browser, &format!("/week?week={WEEK}")).await.html;
    danish("board", &board);
    assert!(
        board.contains("Ingen med Truckcertifikat er ledig tirsdag 12:00–14:00"),
        "{board}"
    );
    let task = app
        .page(&browser, &format!("/week/tasks/{fits}?week={WEEK}"))
        .await
        .html;
    danish("task page", &task);
    assert!(task.contains("timer i ugen (loft"), "{task}");
    let unstaffed = app
        .page(&browser, &format!("/week/tasks/{open}?week={WEEK}"))
        .await
        .html;
    danish("unstaffed task page", &unstaffed);
    let sick = app
        .submit(
            &browser,
            "/week/absence",
            &[
                ("csrf", &csrf),
                ("week", WEEK),
                ("person", &mette.to_string()),
                ("date", "2026-12-01"),
            ],
        )
        .await;
    assert_eq!(sick.status, StatusCode::SEE_OTHER, "{}", sick.html);
    let after = app.page(&browser, &format!("/week?week={WEEK}")).await.html;
    danish("board after the sick call", &after);
    assert!(
        after.contains("Ingen kan tage den tirsdag 09:00–11:00: ikke ledig på det tidspunkt (1)"),
        "{after}"
    );
}

/// Beside each planned person the board says what they answered and how they checked
/// in: on time, late, or missing once the start has passed.
#[tokio::test]
async fn the_board_shows_each_persons_answer_and_check_in() {
    // The clock stands at 10:00 on Friday 4 December; the task is at 09:00 that day.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let w = crate::fixtures::Work::on(
        today,
        crate::fixtures::free_every_day("w@example.dk", "08:00-14:00"),
    )
    .await
    .planned()
    .await;
    let app = &w.app;
    let (browser, _) = app
        .signed_in(account("dansk@example.dk", Role::Coordinator))
        .await;
    let board = app.page(&browser, "/week?week=2026-W49").await.html;
    assert!(
        board.contains("<span class=\"board-status\">mangler</span>"),
        "{board}"
    );

    let worker = app.as_client(
        app.client_for(worker_account("selv@example.dk", w.worker))
            .await,
    );
    let arrive = json!({"task": w.task, "date": "2026-12-04", "person": w.worker,
        "at": "2026-12-04T09:25:00+01:00"});
    assert_eq!(
        worker.post("/api/time/check-in", &arrive).await.status,
        StatusCode::CREATED
    );
    let board = app.page(&browser, "/week?week=2026-W49").await.html;
    assert!(board.contains("kom for sent, 09:25"), "{board}");
}
