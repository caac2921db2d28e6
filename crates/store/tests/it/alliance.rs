//! The Alliance's records on both databases: needs with their skills listed and filtered,
//! students by their link, meetings, banks, introductions through their states, the
//! evidence of confirmed hours, the one logged read of everyone's limits, and the
//! per-address count of public requests.

use crate::both;
use crate::fixtures::{company_with_agreement, person};
use crate::time::planned_for;
use chrono::{DateTime, Duration, Utc};
use domain::calendar::parse_instant;
use store::alliance::dialogue::{CandidateRef, FollowUp, Meeting, Outcome};
use store::alliance::students::Student;
use store::alliance::{Asked, Need, NeedFilter};
use store::{Actor, PageRequest, Store, StoreError};

fn now() -> DateTime<Utc> {
    parse_instant("2026-12-04T10:00:00+01:00").unwrap()
}

fn need(company_id: i64) -> Need {
    Need {
        id: 0,
        company_id,
        site_id: None,
        occupation: Some("bea705fe-06ac-4147-b8e0-6e8ac1208d8f".into()),
        title: "Lagermedarbejder".into(),
        description: String::new(),
        hours_per_week: 15,
        start_on: "2026-12-14".into(),
        kind: "ordinary".into(),
        positions: 2,
        lift_kg: 10,
        standing: true,
        outdoors: false,
        status: "open".into(),
        skills: vec![
            Asked {
                skill: "forklift".into(),
                must: true,
            },
            Asked {
                skill: "esco:273a28d6-1bd3-4d13-a906-3d75c1cfdfc1".into(),
                must: false,
            },
        ],
        created_at: String::new(),
        updated_at: String::new(),
    }
}

fn student(email: &str) -> Student {
    Student {
        id: 0,
        name: "Freja Holm".into(),
        email: email.into(),
        education: "Logistikøkonom, UCN".into(),
        skills: vec!["cargo_bike".into(), "forklift".into()],
        hours_free: 12,
        languages: vec!["da".into(), "en".into()],
        postcode: "9000".into(),
        consent: true,
        created_at: String::new(),
        confirmed_at: None,
        updated_at: String::new(),
    }
}

both!(
    needs_are_kept_with_their_skills_and_listed_by_company_and_status,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        let (ours, _) = company_with_agreement(&store, "29189420").await;
        let (theirs, _) = company_with_agreement(&store, "12345674").await;
        let first = store.create_need(&need(ours), &by, now()).await.unwrap();
        store.create_need(&need(theirs), &by, now()).await.unwrap();
        let kept = store.need(first).await.unwrap();
        assert_eq!(kept.skills, need(ours).skills);
        assert_eq!(kept.created_at, "2026-12-04T09:00:00Z");
        let mine = NeedFilter {
            company_id: Some(ours),
            status: None,
        };
        let page = store.needs(&mine, PageRequest::default()).await.unwrap();
        assert_eq!((page.total, page.items[0].id), (1, first));
        assert_eq!(page.items[0].skills.len(), 2);
        store
            .set_need_status(first, "filled", &by, now())
            .await
            .unwrap();
        let open = NeedFilter {
            company_id: None,
            status: Some("open".into()),
        };
        assert_eq!(
            store
                .needs(&open, PageRequest::default())
                .await
                .unwrap()
                .total,
            1
        );
        assert!(matches!(
            store.need(999).await,
            Err(StoreError::NotFound { .. })
        ));
    }
);

both!(
    a_student_is_confirmed_by_the_link_changed_and_erased_whole,
    |store: Store| async move {
        let registered = store
            .register_student(&student("f@stud.dk"), now())
            .await
            .unwrap();
        assert!(matches!(
            store.register_student(&student("f@stud.dk"), now()).await,
            Err(StoreError::Conflict(_))
        ));
        assert!(store.students().await.unwrap().is_empty(), "unconfirmed");
        let opened = store
            .student_by_token(&registered.token, now())
            .await
            .unwrap()
            .unwrap();
        assert!(opened.confirmed_at.is_some());
        assert!(
            store
                .student_by_token("not-a-token", now())
                .await
                .unwrap()
                .is_none()
        );
        let mut changed = opened.clone();
        changed.consent = false;
        changed.skills = vec!["office_it".into()];
        store.update_student(&changed, now()).await.unwrap();
        let listed = store.students().await.unwrap();
        assert_eq!(
            (listed[0].consent, listed[0].skills.clone()),
            (false, vec!["office_it".to_string()])
        );

        let by = Actor("coordinator".into());
        let (company, _) = company_with_agreement(&store, "29189420").await;
        let need_id = store.create_need(&need(company), &by, now()).await.unwrap();
        let who = CandidateRef {
            kind: "student".into(),
            id: registered.id,
        };
        store.propose(need_id, &who, &by, now()).await.unwrap();
        store
            .bank_candidate(company, &who, "godt møde", &by, now())
            .await
            .unwrap();
        store
            .log_candidate_read(&who, &by, "test", now())
            .await
            .unwrap();
        store.erase_student(registered.id).await.unwrap();
        assert!(store.students().await.unwrap().is_empty());
        assert!(
            store
                .introductions(None, Some(&who))
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.candidate_bank(company).await.unwrap().is_empty());
        assert!(store.candidate_reads(&who).await.unwrap().is_empty());
    }
);

both!(
    an_introduction_goes_from_proposed_to_hired_once,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        let (company, _) = company_with_agreement(&store, "29189420").await;
        let need_id = store.create_need(&need(company), &by, now()).await.unwrap();
        let person = store
            .create_person(&person("p@example.dk").parse().unwrap())
            .await
            .unwrap();
        let who = CandidateRef {
            kind: "person".into(),
            id: person.meta.id,
        };
        let (id, token) = store.propose(need_id, &who, &by, now()).await.unwrap();
        assert!(matches!(
            store.propose(need_id, &who, &by, now()).await,
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(
            store
                .introduction_by_token(&token)
                .await
                .unwrap()
                .unwrap()
                .id,
            id
        );
        // Nothing is decided before the candidate's yes.
        assert!(matches!(
            store
                .decide_introduction(id, &Outcome::Interview, &by, now())
                .await,
            Err(StoreError::Conflict(_))
        ));
        store.answer_introduction(id, true, now()).await.unwrap();
        assert!(matches!(
            store.answer_introduction(id, false, now()).await,
            Err(StoreError::Conflict(_))
        ));
        store
            .decide_introduction(id, &Outcome::Interview, &by, now())
            .await
            .unwrap();
        let hired = Outcome::Hired {
            hours: 20,
            kind: "flex".into(),
        };
        store
            .decide_introduction(id, &hired, &by, now())
            .await
            .unwrap();
        let kept = store.introduction(id).await.unwrap();
        assert_eq!(
            (
                kept.status.as_str(),
                kept.hired_hours,
                kept.hired_kind.as_deref()
            ),
            ("hired", Some(20), Some("flex"))
        );
        assert_eq!(
            store
                .introductions(Some(need_id), Some(&who))
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .introductions(Some(need_id), None)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(store.introductions(None, None).await.unwrap().len(), 1);
    }
);

both!(
    meetings_keep_their_needs_and_follow_ups,
    |store: Store| async move {
        let by = Actor("coordinator".into());
        let (company, _) = company_with_agreement(&store, "29189420").await;
        let need_id = store.create_need(&need(company), &by, now()).await.unwrap();
        let meeting = Meeting {
            id: 0,
            company_id: company,
            held_on: "2026-12-01".into(),
            attendees: "Jens Holm, Hanne Møller".into(),
            needs: vec![need_id],
            notes: "Truckførere til lageret.".into(),
            follow_ups: vec![FollowUp {
                what: "Send to profiler".into(),
                owner: "Hanne Møller".into(),
                due_on: "2026-12-15".into(),
                done_at: None,
            }],
        };
        let id = store.add_meeting(&meeting, &by, now()).await.unwrap();
        let kept = store.meetings(company).await.unwrap();
        assert_eq!(kept, [Meeting { id, ..meeting }]);
    }
);

both!(
    confirmed_hours_are_evidence_and_everyones_limits_are_read_once,
    |store: Store| async move {
        let at = planned_for(&store, "29189420", "w@example.dk").await;
        let by = Actor("coordinator".into());
        let t = |s: &str| parse_instant(s).unwrap();
        let entry = store
            .record_time(
                &at,
                t("2026-12-01T09:00:00+01:00"),
                t("2026-12-01T11:00:00+01:00"),
                &by,
            )
            .await
            .unwrap();
        assert!(
            store.worked_evidence().await.unwrap().is_empty(),
            "not confirmed yet"
        );
        store.confirm_time(entry.id, &by).await.unwrap();
        let worked = store.worked_evidence().await.unwrap();
        assert_eq!(worked.len(), 1);
        assert_eq!(
            (
                worked[0].person_id,
                worked[0].minutes,
                worked[0].task_type.as_str()
            ),
            (at.person_id, 120, "cleaning")
        );
        assert_eq!(worked[0].required_skills, ["cleaning"]);
        store
            .add_person_skill(at.person_id, "esco:x", &by, now())
            .await
            .unwrap();
        store
            .add_person_skill(at.person_id, "esco:x", &by, now())
            .await
            .unwrap();
        assert_eq!(
            store.person_skills().await.unwrap(),
            [(at.person_id, "esco:x".to_string())]
        );
        store
            .remove_person_skill(at.person_id, "esco:x")
            .await
            .unwrap();
        assert!(store.person_skills().await.unwrap().is_empty());
        let limits = store.limits_of_everyone(&by, "test").await.unwrap();
        assert!(limits.is_empty(), "nobody has limits recorded");
        let runs = store.limit_runs().await.unwrap();
        assert_eq!((runs.len(), runs[0].2), (1, 0));
    }
);

both!(
    public_requests_stop_at_the_limit_for_an_hour,
    |store: Store| async move {
        for _ in 0..3 {
            assert!(store.admit_public("10.0.0.1", 3, now()).await.unwrap());
        }
        assert!(!store.admit_public("10.0.0.1", 3, now()).await.unwrap());
        assert!(
            store.admit_public("10.0.0.2", 3, now()).await.unwrap(),
            "per address"
        );
        let later = now() + Duration::minutes(61);
        assert!(
            store.admit_public("10.0.0.1", 3, later).await.unwrap(),
            "an hour later"
        );
    }
);
