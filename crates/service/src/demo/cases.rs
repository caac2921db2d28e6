//! The demo's cases for the best-practice exchange: the five initiatives the mayor names,
//! each in Danish and English, published, the ones with live figures showing them; news
//! items linked to them; and a few confirmed newsletter subscribers.

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
    install_news(store, &by, now).await?;
    install_subscribers(store, now).await?;
    Ok(CASES.len())
}

/// (slug, the case it is about, themes, Danish (title, text), English (title, text)).
type News = (
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str),
    (&'static str, &'static str),
);

const NEWS: [News; 3] = [
    (
        "flex-waste-saturday",
        "flex-waste",
        "green",
        (
            "Flex Waste kører nu også om lørdagen",
            "Butikkerne i midtbyen kan få hentet pap og plast om lørdagen fra januar.",
        ),
        (
            "Flex Waste now runs on Saturdays too",
            "From January, the city-centre shops can have cardboard and plastic collected on Saturdays.",
        ),
    ),
    (
        "alliance-new-companies",
        "aalborg-alliance",
        "growing",
        (
            "Flere virksomheder i Aalborg Alliancen",
            "Atten virksomheder har nu meldt deres behov for kompetencer ind.",
        ),
        (
            "More companies in the Aalborg Alliance",
            "Eighteen companies have now registered their needs for skills.",
        ),
    ),
    (
        "festival-dates",
        "sustainability-festival",
        "social",
        (
            "Datoerne for Bæredygtighedsfestivalen ligger fast",
            "Festivalen varer fire dage med værksteder, oplæg og ture.",
        ),
        (
            "The Sustainability Festival's dates are set",
            "The festival runs for four days of workshops, talks and tours.",
        ),
    ),
];

/// The news items, published in both languages, each linked to its case.
async fn install_news(store: &Store, by: &Actor, now: DateTime<Utc>) -> Result<()> {
    for (slug, case, theme, da, en) in NEWS {
        for (lang, (title, summary)) in [("da", da), ("en", en)] {
            let request = CaseRequest {
                slug: slug.into(),
                lang: lang.into(),
                kind: "news".into(),
                title: title.into(),
                summary: summary.into(),
                themes: vec![theme.into()],
                links: vec![case.into()],
                municipality: "Aalborg Kommune".into(),
                ..CaseRequest::default()
            };
            cases::put(store, by, &request, now).await?;
        }
        cases::set_status(store, by, slug, "published", now).await?;
    }
    Ok(())
}

/// Three confirmed subscribers with made-up addresses, so the digest job has readers.
async fn install_subscribers(store: &Store, now: DateTime<Utc>) -> Result<()> {
    for (email, lang, themes) in [
        ("borger1@demo.kommune.dk", "da", vec![]),
        ("borger2@demo.kommune.dk", "da", vec!["green".to_string()]),
        ("citizen3@demo.kommune.dk", "en", vec!["social".to_string()]),
    ] {
        if let store::newsletter::Subscribed::New { confirm_token, .. } =
            store.subscribe(email, lang, &themes, now).await?
        {
            store.confirm_subscriber(&confirm_token, now).await?;
        }
    }
    Ok(())
}
