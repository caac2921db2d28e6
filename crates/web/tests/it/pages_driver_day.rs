//! The driver's day beyond recording a stop: the route on a map, a saved stop corrected
//! (a report of its own, logged, the first kept) until the coordinator closes the day,
//! and a warning when a hub weighs more than the tolerance off what was collected.

use crate::helpers::account;
use crate::pages_driver::{hidden, send_stop, today};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use store::accounts::Role;

#[tokio::test]
async fn the_sheet_draws_the_route_on_a_map_numbered_as_the_list() {
    let (app, _, browser, _) = today().await;
    let sheet = app.page(&browser, "/route").await;
    let html = &sheet.html;
    assert!(html.contains("href=\"#route-map\""), "{html}");
    assert!(
        html.contains("<h2 id=\"route-map-title\">Ruten på kort</h2>"),
        "{html}"
    );
    assert!(
        html.contains("Ruten med 2 stop, nummereret som i listen."),
        "{html}"
    );
    assert_eq!(html.matches("<polyline").count(), 1, "{html}");
    assert_eq!(html.matches("<circle").count(), 2, "{html}");
    assert!(html.contains("class=\"waste-map-hub\"") && html.contains("class=\"waste-map-depot\""));
    // The circles carry the list's numbers.
    assert!(
        html.contains(">1</text>") && html.contains(">2</text>"),
        "{html}"
    );
}

#[tokio::test]
async fn a_saved_stop_is_corrected_until_the_day_is_closed() {
    let (app, day, browser, csrf) = today().await;
    let typo = [
        ("kg_cardboard", "125"),
        ("kg_soft_plastic", "3"),
        ("note", ""),
        ("outcome", "collected"),
    ];
    let (first, _) = send_stop(&app, &browser, &csrf, 1, &typo).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.html);

    // The stop shows what was saved, and a form to correct it.
    let stop = app.page(&browser, "/route/stops/1").await;
    assert!(stop.html.contains("Hentet 128 kg."), "{}", stop.html);
    assert!(
        stop.html.contains("<summary>Ret registreringen</summary>"),
        "{}",
        stop.html
    );
    assert!(
        stop.html.contains("name=\"correct\" value=\"1\""),
        "{}",
        stop.html
    );
    let fixed = [
        ("csrf", csrf.as_str()),
        ("submission", &hidden(&stop.html, "submission")),
        ("correct", "1"),
        ("kg_cardboard", "12,5"),
        ("kg_soft_plastic", "3"),
        ("note", ""),
        ("outcome", "collected"),
    ];
    let sent = app.submit(&browser, "/route/stops/1", &fixed).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    assert_eq!(sent.header(LOCATION), "/route?done=1");
    // The correction counts; the first report stays in the records, beside it.
    let rows = day.pickups(&app).await;
    let grams: i64 = rows.iter().map(|p| p.grams).sum();
    assert_eq!(grams, 15_500, "{rows:?}");
    assert_eq!(
        app.store.pickup_corrections(day.day).await.unwrap().len(),
        1
    );
    let again = app.page(&browser, "/route/stops/1").await;
    assert!(again.html.contains("Hentet 15,5 kg."), "{}", again.html);
    // The same correction sent again counts once.
    let resent = app.submit(&browser, "/route/stops/1", &fixed).await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.pickup_corrections(day.day).await.unwrap().len(),
        1
    );

    // The coordinator sees the correction, and closes the day.
    let (coordinator, coordinator_csrf) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    let board = app.page(&coordinator, "/waste/day").await;
    assert!(board.html.contains("Dagen er åben"), "{}", board.html);
    assert!(
        board
            .html
            .contains("Butik Nytorv: rettet af chaufføren kl."),
        "{}",
        board.html
    );
    let closed = app
        .submit(
            &coordinator,
            "/waste/day/close",
            &[
                ("csrf", coordinator_csrf.as_str()),
                ("date", &day.day.to_string()),
            ],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.html);
    let board = app.page(&coordinator, "/waste/day").await;
    assert!(
        board.html.contains("Dagen er lukket af k@example.dk"),
        "{}",
        board.html
    );
    assert!(
        !board.html.contains("id=\"plan\""),
        "a closed day is planned no more"
    );

    // Closed, the stop is shown and no longer changed: no form, and a kept form is refused.
    let stop = app.page(&browser, "/route/stops/1").await;
    assert!(!stop.html.contains("Ret registreringen"), "{}", stop.html);
    let late = [
        ("csrf", csrf.as_str()),
        ("submission", "late-correction-00001"),
        ("correct", "1"),
        ("kg_cardboard", "1"),
        ("note", ""),
        ("outcome", "collected"),
    ];
    let refused = app.submit(&browser, "/route/stops/1", &late).await;
    assert_eq!(
        refused.status,
        StatusCode::SEE_OTHER,
        "recorded already: nothing to do"
    );
    assert_eq!(
        day.pickups(&app).await.iter().map(|p| p.grams).sum::<i64>(),
        15_500
    );
    let stop2 = app.page(&browser, "/route/stops/2").await;
    assert!(stop2.html.contains("Dagen er lukket."), "{}", stop2.html);
    let unrecorded = [
        ("csrf", csrf.as_str()),
        ("submission", "late-stop-two-000001"),
        ("note", ""),
        ("outcome", "nothing"),
    ];
    let refused = app.submit(&browser, "/route/stops/2", &unrecorded).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.html
    );
    assert!(refused.html.contains("er lukket"), "{}", refused.html);
    assert_eq!(day.pickups(&app).await.len(), 2, "nothing more stored");
    let sheet = app.page(&browser, "/route").await;
    assert!(sheet.html.contains("Dagen er lukket."), "{}", sheet.html);
}

#[tokio::test]
async fn a_hub_weighing_far_off_what_was_collected_is_a_warning() {
    let (app, _, browser, csrf) = today().await;
    for (number, kg) in [(1, "10"), (2, "10")] {
        let fields = [
            ("kg_cardboard", kg),
            ("kg_soft_plastic", ""),
            ("note", ""),
            ("outcome", "collected"),
        ];
        let (sent, _) = send_stop(&app, &browser, &csrf, number, &fields).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    }
    // 20 kg collected, 23 kg weighed at the hub: 15 % off, beyond the 10 % setting.
    let (sent, _) = send_stop(&app, &browser, &csrf, 3, &[("kg", "23")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let warning = "Tjek vægten: modtagestationen vejede 23 kg, men der er registreret 20 kg på vejen – mere end 10 % forskel.";
    let stop = app.page(&browser, "/route/stops/3").await;
    assert!(stop.html.contains(warning), "{}", stop.html);
    let sheet = app.page(&browser, "/route").await;
    assert!(sheet.html.contains(warning), "{}", sheet.html);
}

#[tokio::test]
async fn a_hub_weighing_within_the_tolerance_says_nothing_more() {
    let (app, _, browser, csrf) = today().await;
    let fields = [
        ("kg_cardboard", "20"),
        ("kg_soft_plastic", ""),
        ("note", ""),
        ("outcome", "collected"),
    ];
    send_stop(&app, &browser, &csrf, 1, &fields).await;
    send_stop(&app, &browser, &csrf, 3, &[("kg", "21")]).await;
    let sheet = app.page(&browser, "/route").await;
    assert!(sheet.html.contains("Aflæsset."), "{}", sheet.html);
    assert!(!sheet.html.contains("Tjek vægten"), "{}", sheet.html);
}
