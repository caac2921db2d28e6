use super::*;

#[test]
fn limits_allow_only_the_work_within_them() {
    let work = Demands {
        lift_kg: 15,
        standing: true,
        outdoors: true,
    };
    assert!(Limits::default().allow(&work));
    let lift = |kg| Limits {
        max_lift_kg: Some(kg),
        ..Limits::default()
    };
    assert!(lift(15).allow(&work) && !lift(14).allow(&work));
    let indoors = Limits {
        indoor_only: true,
        ..Limits::default()
    };
    let seated = Limits {
        no_standing: true,
        ..Limits::default()
    };
    assert!(!indoors.allow(&work) && !seated.allow(&work));
    let easy = Demands::default();
    assert!(indoors.allow(&easy) && seated.allow(&easy) && lift(0).allow(&easy));
}

#[test]
fn aalborg_to_aarhus_is_about_a_hundred_km() {
    let aalborg = Point {
        latitude: 57.048,
        longitude: 9.919,
    };
    let aarhus = Point {
        latitude: 56.157,
        longitude: 10.211,
    };
    let km = aalborg.km_to(aarhus);
    assert!((98.0..102.0).contains(&km), "{km}");
    assert_eq!(aalborg.km_to(aalborg), 0.0);
    assert!((km - aarhus.km_to(aalborg)).abs() < 1e-9);
}

#[test]
fn every_reason_has_its_own_code() {
    let all = [
        Reason::MustHave { met: 0, of: 0 },
        Reason::NiceToHave { met: 0, of: 0 },
        Reason::Evidence {
            minutes: 0,
            companies: 0,
        },
        Reason::HoursFit { free: 0, asked: 0 },
        Reason::HoursShort { free: 0, asked: 0 },
        Reason::Travel { km_tenths: 0 },
        Reason::TravelUnknown,
        Reason::StartFit,
        Reason::StartLate { days: 0 },
        Reason::LimitsChecked,
    ];
    let mut codes: Vec<&str> = all.iter().map(Reason::code).collect();
    assert!(
        codes
            .iter()
            .all(|c| c.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    );
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), all.len());
}

#[test]
fn candidates_order_by_kind_then_id() {
    let key = |kind, id| CandidateKey { kind, id };
    assert!(key(CandidateKind::Person, 9) < key(CandidateKind::Student, 1));
    assert!(key(CandidateKind::Student, 1) < key(CandidateKind::Student, 2));
}
