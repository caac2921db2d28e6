//! The green agents through their pages: a community with a contact and a place, an
//! activity and a project logged, bad input named with nothing stored, a public pledge
//! confirmed at a follow-up, the community page and the overview's map and charts, and
//! the five live indicators recomputed from the records.

use crate::helpers::*;
use reqwest::StatusCode;
use store::accounts::Role;

/// The form `fields` sent to `path` with the session's token.
async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> Shown {
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    app.submit(client, path, &form).await
}

/// A pledge made on the public page by a fresh visitor.
async fn pledge(app: &TestApp, fields: &[(&str, &str)]) -> Shown {
    let browser = cookie_browser();
    let form = app.page(&browser, "/greener").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    let token = form_token(&form.html);
    let mut sent = vec![("csrf", token.as_str())];
    sent.extend_from_slice(fields);
    app.submit(&browser, "/greener", &sent).await
}

#[tokio::test]
async fn green_agents_log_community_work_and_pledges_are_confirmed_at_a_follow_up() {
    let app = spawn_app().await;
    let (agent, csrf) = app
        .signed_in(account("agent@test.dk", Role::GreenAgent))
        .await;
    let today = domain::calendar::local_date(app.clock.now());

    // A community: a missing name and an unknown kind are named; nothing is stored.
    let bad = send(
        &app,
        &agent,
        &csrf,
        "/green/communities/new",
        &[("name", ""), ("kind", "club")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains("href=\"#name\"") && bad.html.contains("href=\"#kind\""),
        "{}",
        bad.html
    );
    assert!(app.store.communities().await.unwrap().is_empty());
    let made = send(
        &app,
        &agent,
        &csrf,
        "/green/communities/new",
        &[
            ("name", "Boligforeningen Vestbyen"),
            ("kind", "housing"),
            ("description", "Almene boliger"),
        ],
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let community = app.store.communities().await.unwrap()[0].id;
    let again = send(
        &app,
        &agent,
        &csrf,
        "/green/communities/new",
        &[("name", "Boligforeningen Vestbyen"), ("kind", "school")],
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.store.communities().await.unwrap().len(), 1);

    let base = format!("/green/communities/{community}");
    let contact = send(
        &app,
        &agent,
        &csrf,
        &format!("{base}/contacts"),
        &[
            ("name", "Mette Løvgren"),
            ("role", "Formand"),
            ("email", "mette@example.dk"),
            ("phone", ""),
        ],
    )
    .await;
    assert_eq!(contact.status, StatusCode::SEE_OTHER);
    // A place north of the pole is named; a Danish decimal comma is read.
    let north = send(
        &app,
        &agent,
        &csrf,
        &format!("{base}/places"),
        &[
            ("name", "Fælleshuset"),
            ("latitude", "91"),
            ("longitude", "9,91"),
        ],
    )
    .await;
    assert_eq!(north.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        north.html.contains("href=\"#latitude\"") && !north.html.contains("href=\"#longitude\""),
        "{}",
        north.html
    );
    let place = send(
        &app,
        &agent,
        &csrf,
        &format!("{base}/places"),
        &[
            ("name", "Fælleshuset"),
            ("address", "Vesterbro 60"),
            ("latitude", "57,0466"),
            ("longitude", "9.9120"),
        ],
    )
    .await;
    assert_eq!(place.status, StatusCode::SEE_OTHER);
    let places = app.store.community_places(Some(community)).await.unwrap();
    assert_eq!((places.len(), places[0].latitude), (1, 57.0466));

    // An activity in the future, a project without its kind and goal 18 are named.
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    let wrong = send(
        &app,
        &agent,
        &csrf,
        &format!("{base}/activities"),
        &[
            ("title", "Workshop"),
            ("kind", "project"),
            ("project", ""),
            ("held_on", &tomorrow),
            ("topic", "waste"),
            ("sdgs", "18"),
            ("people_reached", "x"),
        ],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["project", "held_on", "sdgs", "people_reached"] {
        assert!(
            wrong.html.contains(&format!("href=\"#{field}\"")),
            "{field}: {}",
            wrong.html
        );
    }
    assert!(app.store.activities(None).await.unwrap().is_empty());
    let held = (today - chrono::Duration::days(3)).to_string();
    let place_id = places[0].id.to_string();
    let workshop = send(
        &app,
        &agent,
        &csrf,
        &format!("{base}/activities"),
        &[
            ("title", "Workshop om madaffald"),
            ("kind", "workshop"),
            ("held_on", &held),
            ("topic", "waste"),
            ("sdgs", "12, 13"),
            ("place_id", &place_id),
            ("people_reached", "25"),
            ("results", "20 husstande vil sortere"),
        ],
    )
    .await;
    assert_eq!(workshop.status, StatusCode::SEE_OTHER, "{}", workshop.html);
    let started = (today - chrono::Duration::days(70)).to_string();
    let project = send(
        &app,
        &agent,
        &csrf,
        &format!("{base}/activities"),
        &[
            ("title", "Delecykler"),
            ("kind", "project"),
            ("project", "ebike_pool"),
            ("held_on", &started),
            ("topic", "mobility"),
            ("sdgs", "11"),
            ("people_reached", "40"),
        ],
    )
    .await;
    assert_eq!(project.status, StatusCode::SEE_OTHER, "{}", project.html);
    let activities = app.store.activities(Some(community)).await.unwrap();
    let workshop_id = activities.iter().find(|a| a.kind == "workshop").unwrap().id;

    // The workshop's people reached, corrected later; its community cannot be moved.
    let edit = app
        .page(&agent, &format!("/green/activities/{workshop_id}/edit"))
        .await;
    assert!(edit.html.contains("Workshop om madaffald"), "{}", edit.html);
    let changed = send(
        &app,
        &agent,
        &csrf,
        &format!("/green/activities/{workshop_id}/edit"),
        &[
            ("title", "Workshop om madaffald"),
            ("kind", "workshop"),
            ("held_on", &held),
            ("topic", "waste"),
            ("sdgs", "12"),
            ("people_reached", "30"),
            ("results", "22 husstande vil sortere"),
        ],
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.html);
    assert_eq!(
        app.store
            .activity(workshop_id)
            .await
            .unwrap()
            .people_reached,
        30
    );

    let due = (today + chrono::Duration::days(14)).to_string();
    let follow = send(
        &app,
        &agent,
        &csrf,
        &format!("/green/activities/{workshop_id}/follow-ups"),
        &[
            ("owner", "Sara"),
            ("due_on", &due),
            ("note", "Besøg beboerne og hør om sorteringen"),
        ],
    )
    .await;
    assert_eq!(follow.status, StatusCode::SEE_OTHER, "{}", follow.html);
    let follow_up = app.store.follow_ups(Some(workshop_id)).await.unwrap()[0].id;

    // Two pledges on the public page: one with a sourced estimate, one without.
    let refused = pledge(
        &app,
        &[
            ("action", "fly_less"),
            ("name", "Anna"),
            ("email", "anna@"),
            ("household", "30"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["action", "email", "household"] {
        assert!(
            refused.html.contains(&format!("href=\"#{field}\"")),
            "{field}: {}",
            refused.html
        );
    }
    assert!(app.store.pledges().await.unwrap().is_empty());
    let community_text = community.to_string();
    let sorted = pledge(
        &app,
        &[
            ("action", "sort_food_waste"),
            ("name", "Anna Berg"),
            ("email", "Anna@Example.dk"),
            ("household", "3"),
            ("community_id", &community_text),
        ],
    )
    .await;
    assert_eq!(sorted.status, StatusCode::OK, "{}", sorted.html);
    let page = app.page(&reqwest::Client::new(), "/greener").await;
    assert!(
        page.html.contains("1 løfter for 3 personer"),
        "{}",
        page.html
    );
    assert!(
        page.html.contains("ca. 0 kg CO2e om året"),
        "no CO2 without a source: {}",
        page.html
    );
    let biked = pledge(
        &app,
        &[
            ("action", "bike_commute"),
            ("name", "Bo Dahl"),
            ("email", "bo@example.dk"),
            ("household", "1"),
        ],
    )
    .await;
    assert_eq!(biked.status, StatusCode::OK);
    let page = app.page(&reqwest::Client::new(), "/greener").await;
    assert!(
        page.html.contains("ca. 250 kg CO2e om året"),
        "{}",
        page.html
    );
    assert!(
        page.html.contains("UK Government GHG conversion factors"),
        "the source is named: {}",
        page.html
    );
    assert!(
        !page.html.contains("anna@example.dk"),
        "pledgers stay private"
    );

    // The follow-up done confirms Anna's pledge; one of another community is refused.
    let pledges = app.store.pledges().await.unwrap();
    let anna = pledges
        .iter()
        .find(|p| p.email == "anna@example.dk")
        .unwrap()
        .id;
    let form = app
        .page(&agent, &format!("/green/follow-ups/{follow_up}"))
        .await;
    assert!(form.html.contains("Anna Berg"), "{}", form.html);
    let late = send(
        &app,
        &agent,
        &csrf,
        &format!("/green/follow-ups/{follow_up}"),
        &[
            ("done_on", &today.to_string()),
            ("outcome", "Holdt"),
            ("pledges", "999999"),
        ],
    )
    .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .follow_up(follow_up)
            .await
            .unwrap()
            .done_on
            .is_none(),
        "nothing half-stored"
    );
    let anna_text = anna.to_string();
    let done = send(
        &app,
        &agent,
        &csrf,
        &format!("/green/follow-ups/{follow_up}"),
        &[
            ("done_on", &today.to_string()),
            ("outcome", "Alle sorterer nu"),
            ("pledges", &anna_text),
        ],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    let confirmed = app.store.pledges().await.unwrap();
    let anna_now = confirmed.iter().find(|p| p.id == anna).unwrap();
    assert_eq!(
        (anna_now.confirmed_on.as_deref(), anna_now.follow_up_id),
        (Some(today.to_string().as_str()), Some(follow_up))
    );
    let twice = send(
        &app,
        &agent,
        &csrf,
        &format!("/green/follow-ups/{follow_up}"),
        &[("done_on", &today.to_string()), ("outcome", "Igen")],
    )
    .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The community's page and the overview.
    let shown = app.page(&agent, &base).await;
    assert_eq!(shown.status, StatusCode::OK);
    for text in [
        "Mette Løvgren",
        "Fælleshuset",
        "Workshop om madaffald",
        "22 husstande",
        "Delecykler",
        "Alle sorterer nu",
    ] {
        assert!(shown.html.contains(text), "{text}: {}", shown.html);
    }
    let overview = app.page(&agent, "/green").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview.html.contains("<svg viewBox=") && overview.html.contains("<circle cx="),
        "the map: {}",
        overview.html
    );
    assert!(
        overview.html.contains("id=\"topic-waste") || overview.html.contains("topic-waste"),
        "a chart per topic"
    );
    let listed = app.page(&agent, "/green/pledges").await;
    assert!(listed.html.contains("anna@example.dk") && listed.html.contains("Bo Dahl"));

    // The live indicators, recomputed from the records above.
    let now = app.clock.now();
    let this_month = domain::invoice::Period::of(today);
    let value = |id: &'static str, key: &'static str| {
        let app = &app;
        async move {
            let computed = service::indicators::live::compute(&app.store, id, now)
                .await
                .unwrap()
                .unwrap();
            let total: f64 = computed
                .points
                .iter()
                .filter(|(k, p)| {
                    k == key && p.year == this_month.year && p.month == Some(this_month.month)
                })
                .map(|(_, p)| p.value)
                .sum();
            total
        }
    };
    let workshop_in_this_month =
        domain::invoice::Period::of(today - chrono::Duration::days(3)) == this_month;
    let expected = if workshop_in_this_month { 1.0 } else { 0.0 };
    assert_eq!(value("green-activities", "").await, expected);
    assert_eq!(value("green-activities", "Topic=waste").await, expected);
    assert_eq!(value("green-people-reached", "").await, 30.0 * expected);
    assert_eq!(value("green-projects-active", "").await, 1.0);
    assert_eq!(value("green-pledges", "").await, 2.0);
    assert_eq!(value("green-pledges", "Action=bike_commute").await, 1.0);
    assert_eq!(value("green-pledges-co2", "").await, 250.0);

    // Other roles see none of it.
    let (editor, _) = app.signed_in(account("editor@test.dk", Role::Editor)).await;
    assert_eq!(app.page(&editor, &base).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.page(&editor, "/green/pledges").await.status,
        StatusCode::FORBIDDEN
    );
}

/// A community with a contact, a place, an activity with a follow-up and a pledge, kept
/// straight in the store (for the page tours): the community's, activity's and
/// follow-up's ids.
pub(crate) async fn community_with_work(app: &TestApp) -> (i64, i64, i64) {
    use store::green::activities::{Activity, FollowUp};
    use store::green::pledges::Pledge;
    use store::green::{Community, Contact, Place};
    let now = app.clock.now();
    let today = domain::calendar::local_date(now);
    let store = &app.store;
    let community = store
        .add_community(
            &Community {
                name: "Hasseris Skole".into(),
                kind: "school".into(),
                description: "Folkeskole med skolehave".into(),
                ..Community::default()
            },
            now,
        )
        .await
        .unwrap();
    store
        .add_community_contact(&Contact {
            community_id: community,
            name: "Jonas Krogh".into(),
            role: "Lærer".into(),
            email: "jonas@example.dk".into(),
            ..Contact::default()
        })
        .await
        .unwrap();
    let place = store
        .add_community_place(&Place {
            community_id: community,
            name: "Skolehaven".into(),
            address: "Hasserisvej 200".into(),
            latitude: 57.04,
            longitude: 9.887,
            ..Place::default()
        })
        .await
        .unwrap();
    let activity = store
        .add_activity(
            &Activity {
                community_id: community,
                place_id: Some(place),
                kind: "workshop".into(),
                title: "Insekthoteller".into(),
                held_on: (today - chrono::Duration::days(40)).to_string(),
                topic: "biodiversity".into(),
                sdgs: vec!["15".into()],
                people_reached: 28,
                results: "Tre hoteller bygget".into(),
                ..Activity::default()
            },
            now,
        )
        .await
        .unwrap();
    let follow_up = store
        .add_follow_up(&FollowUp {
            activity_id: activity,
            owner: "Sara".into(),
            due_on: today.to_string(),
            note: "Tæl insekterne".into(),
            ..FollowUp::default()
        })
        .await
        .unwrap();
    store
        .add_pledge(
            &Pledge {
                action: "plant_for_pollinators".into(),
                name: "Lise Holm".into(),
                email: "lise@example.dk".into(),
                household: 2,
                community_id: Some(community),
                lang: "da".into(),
                ..Pledge::default()
            },
            now,
        )
        .await
        .unwrap();
    (community, activity, follow_up)
}
