//! The demo's cases for the best-practice exchange: the five initiatives the mayor names,
//! each in Danish and English, published, the ones with live figures showing them.

use super::super::cases::{self, CaseRequest};
use crate::Result;
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use store::Store;

/// (slug, initiative, themes, goals, live indicators, Danish (title, summary, done),
/// English (title, summary, done)).
type Written = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    (&'static str, &'static str, &'static str),
    (&'static str, &'static str, &'static str),
);

const CASES: [Written; 5] = [
    (
        "small-jobs",
        "small-jobs",
        &["social"],
        &["8", "10"],
        &["small-jobs-paid-hours", "small-jobs-people-paid"],
        (
            "Små job med mening",
            "Et vikarbureau i kommunen giver borgere langt fra arbejdsmarkedet betalte job på få timer om ugen.",
            "Virksomheder bestiller opgaver, bureauet planlægger hvem der gør hvad, timerne registreres, og virksomhederne får én faktura om måneden.",
        ),
        (
            "Small jobs with a purpose",
            "An agency in the municipality gives people far from the labour market paid jobs of a few hours a week.",
            "Companies order tasks, the agency plans who does what, hours are registered, and companies get one invoice a month.",
        ),
    ),
    (
        "flex-waste",
        "flex-waste",
        &["green", "smart"],
        &["12", "13"],
        &["flex-waste-kg", "flex-waste-co2-avoided"],
        (
            "Flex Waste",
            "Pap og plast hentes hos midtbyens butikker med små elektriske køretøjer, kørt af folk i job på særlige vilkår.",
            "Affaldet vejes, genbruges og faktureres butikkerne; ruterne planlægges hver dag inden for butikkernes tidsvinduer.",
        ),
        (
            "Flex Waste",
            "Cardboard and plastic are collected from city-centre shops by small electric vehicles, driven by people in jobs on special terms.",
            "The waste is weighed, reused and billed to the shops; the routes are planned every day within the shops' time windows.",
        ),
    ),
    (
        "aalborg-alliance",
        "alliance",
        &["growing", "social"],
        &["4", "8"],
        &["alliance-needs", "alliance-positions-filled"],
        (
            "Aalborg Alliancen",
            "En dialog mellem byen og virksomhederne om de kompetencer, de har brug for, og dem ledige og studerende kan vokse ind i.",
            "Behov matches med kandidater med begrundelser; kandidaten siger ja først, og byen ser, hvor kompetencerne mangler.",
        ),
        (
            "The Aalborg Alliance",
            "A dialogue between the city and companies about the skills they need and those the unemployed and students can grow into.",
            "Needs are matched with candidates with reasons; the candidate says yes first, and the city sees where skills are missing.",
        ),
    ),
    (
        "green-agents",
        "green-agents",
        &["green", "social"],
        &["11", "13"],
        &[],
        (
            "Grønne agenter",
            "Et team i dialog med lokalsamfund om den grønne omstilling: delecykler, affaldssortering, biodiversitet.",
            "Agenterne støtter foreninger, boligområder og skoler og kampagnen Gør os grønnere.",
        ),
        (
            "Green agents",
            "A team in dialogue with local communities on the green transition: shared e-bikes, waste sorting, biodiversity.",
            "The agents support associations, housing areas and schools, and the campaign Making us greener.",
        ),
    ),
    (
        "sustainability-festival",
        "festival",
        &["green", "bauhaus"],
        &["17"],
        &[],
        (
            "Bæredygtighedsfestivalen",
            "Fire dage hvert år med workshops og arrangementer, hvor borgere, institutioner og virksomheder deler erfaringer.",
            "Flere virksomheder deltager hvert år og arbejder med verdensmålene.",
        ),
        (
            "The Sustainability Festival",
            "Four days each year of workshops and events where citizens, institutions and companies share experience.",
            "More companies take part each year and work on the Global Goals.",
        ),
    ),
];

/// Writes and publishes the five cases in both languages. Answers how many cases.
pub async fn install(store: &Store, now: DateTime<Utc>) -> Result<usize> {
    let by = Actor::agency("demo");
    for (slug, initiative, themes, sdgs, indicators, da, en) in CASES {
        for (lang, (title, summary, done)) in [("da", da), ("en", en)] {
            let request = CaseRequest {
                slug: slug.into(),
                lang: lang.into(),
                title: title.into(),
                summary: summary.into(),
                done: done.into(),
                themes: themes.iter().map(|s| s.to_string()).collect(),
                sdgs: sdgs.iter().map(|s| s.to_string()).collect(),
                indicators: indicators.iter().map(|s| s.to_string()).collect(),
                municipality: "Aalborg Kommune".into(),
                initiative: Some(initiative.into()),
                contact: "baeredygtighed@aalborg.example.dk".into(),
                ..CaseRequest::default()
            };
            cases::put(store, &by, &request, now).await?;
        }
        cases::set_status(store, &by, slug, "published", now).await?;
    }
    Ok(CASES.len())
}
