//! The municipality's own operational figures, computed from kommune's records each time
//! they are shown — never typed: Small Jobs' paid hours and people paid per month, Flex
//! Waste's kilograms per fraction, CO2 avoided and shops paying per month, and the Aalborg Alliance's
//! needs, positions filled, people into ordinary work and students placed per year, and
//! the Sustainability Festival's participants (by day, event, organiser type and goal)
//! and companies taking part per edition, and the green agents' activities and people
//! reached per month and topic, community projects running, and "Making us greener"
//! pledges with their estimated CO2.
//! The same service functions the pages use compute them; a test recomputes each.

use super::{Point, initiatives};
use crate::Result;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::actor::Actor;
use store::Store;
use store::indicators::Indicator;
use store::invoices::Period;

/// The live indicators' ids.
pub const IDS: [&str; 16] = [
    "small-jobs-paid-hours",
    "small-jobs-people-paid",
    "flex-waste-kg",
    "flex-waste-co2-avoided",
    "flex-waste-shops-paying",
    "alliance-needs",
    "alliance-positions-filled",
    "alliance-into-work",
    "alliance-students-placed",
    "festival-participants",
    "festival-companies",
    "green-activities",
    "green-people-reached",
    "green-projects-active",
    "green-pledges",
    "green-pledges-co2",
];

/// How many months back a monthly live series reaches: two complete years and this year.
pub const MONTHS: i32 = 36;
/// How many years back a yearly live series reaches.
pub const YEARS: i32 = 5;

/// Whether `id` is one of the live indicators.
pub fn is_live(id: &str) -> bool {
    IDS.contains(&id)
}

/// A live indicator computed: its metadata, its points by breakdown, and whether a year
/// is the mean of its months (people paid) rather than their sum.
pub struct Computed {
    pub indicator: Indicator,
    pub points: Vec<(String, Point)>,
    pub mean: bool,
}

/// A live indicator's metadata; its method is written in Danish, as the pages' first
/// language, like the indicators people add.
fn meta(
    id: &str,
    titles: (&str, &str),
    unit: &str,
    initiative: &str,
    sdgs: &[&str],
    method: &str,
) -> Indicator {
    Indicator {
        id: id.to_string(),
        title_da: titles.0.to_string(),
        title_en: titles.1.to_string(),
        description_da: String::new(),
        description_en: String::new(),
        unit: unit.to_string(),
        direction: "up".into(),
        target_value: None,
        target_year: None,
        target_rate: None,
        base_year: None,
        ceiling: None,
        sdgs: sdgs.iter().map(|s| s.to_string()).collect(),
        initiative: initiatives::find(initiative).map(|i| i.slug.to_string()),
        source: "kommune".into(),
        method: method.to_string(),
        updated_at: String::new(),
    }
}

fn monthly(period: Period, value: f64) -> Point {
    Point {
        year: period.year,
        month: Some(period.month),
        value,
    }
}

/// What the live series are computed from, read once however many series are shown: a
/// page of every indicator asks for each of them.
#[derive(Default)]
pub struct Sources {
    paid: Option<Vec<crate::agency::figures::PaidMonth>>,
    waste: Option<Vec<(Period, reports::waste::Month)>>,
    alliance: Option<Vec<(i32, crate::alliance::gaps::Figures)>>,
    green: Option<Vec<crate::green::figures::Month>>,
}

impl Sources {
    async fn paid(
        &mut self,
        store: &Store,
        by: &Actor,
        last: Period,
    ) -> Result<&[crate::agency::figures::PaidMonth]> {
        if self.paid.is_none() {
            self.paid = Some(crate::agency::figures::paid_months(store, by, last, MONTHS).await?);
        }
        Ok(self.paid.as_deref().unwrap_or_default())
    }

    async fn waste(
        &mut self,
        store: &Store,
        by: &Actor,
        last: Period,
    ) -> Result<&[(Period, reports::waste::Month)]> {
        if self.waste.is_none() {
            let mut months = Vec::new();
            let factors =
                reports::waste::parse_factors(reports::waste::DEFAULT_FACTORS).unwrap_or_default();
            for back in (0..MONTHS).rev() {
                let period = last.shifted(-back);
                // Before the first dated factors there was no Flex Waste to reckon.
                if reports::waste::factors_on(&factors, period.first_day()).is_none() {
                    continue;
                }
                let month = crate::files::exports::waste_month_figures(
                    store,
                    by,
                    period,
                    reports::waste::DEFAULT_FACTORS,
                )
                .await?;
                months.push((period, month));
            }
            self.waste = Some(months);
        }
        Ok(self.waste.as_deref().unwrap_or_default())
    }

    async fn green(
        &mut self,
        store: &Store,
        last: Period,
    ) -> Result<&[crate::green::figures::Month]> {
        if self.green.is_none() {
            self.green = Some(crate::green::figures::recent(store, last, MONTHS).await?);
        }
        Ok(self.green.as_deref().unwrap_or_default())
    }

    async fn alliance(
        &mut self,
        store: &Store,
        today: NaiveDate,
    ) -> Result<&[(i32, crate::alliance::gaps::Figures)]> {
        if self.alliance.is_none() {
            let mut years = Vec::new();
            for year in (today.year() - YEARS + 1)..=today.year() {
                let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
                let to = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(today);
                years.push((year, crate::alliance::gaps::figures(store, from, to).await?));
            }
            self.alliance = Some(years);
        }
        Ok(self.alliance.as_deref().unwrap_or_default())
    }
}

/// The live indicator `id` computed now, or none when `id` is not one.
pub async fn compute(store: &Store, id: &str, now: DateTime<Utc>) -> Result<Option<Computed>> {
    compute_with(store, id, now, &mut Sources::default()).await
}

/// The live indicator `id` computed from `sources`, which keep what they read for the next.
pub async fn compute_with(
    store: &Store,
    id: &str,
    now: DateTime<Utc>,
    sources: &mut Sources,
) -> Result<Option<Computed>> {
    let by = Actor::agency("indicators");
    let today = domain::calendar::local_date(now);
    let this_month = Period::of(today);
    let found = match id {
        "small-jobs-paid-hours" | "small-jobs-people-paid" => {
            let months = sources.paid(store, &by, this_month).await?;
            let hours = id == "small-jobs-paid-hours";
            let points = months
                .iter()
                .map(|m| {
                    let value = if hours {
                        m.minutes as f64 / 60.0
                    } else {
                        m.people as f64
                    };
                    (String::new(), monthly(m.period, value))
                })
                .collect();
            let (titles, unit) = if hours {
                (
                    (
                        "Betalte timer i Små job med mening",
                        "Paid hours in Small jobs with a purpose",
                    ),
                    "timer",
                )
            } else {
                (
                    ("Personer med betalte timer", "People with paid hours"),
                    "personer",
                )
            };
            Computed {
                indicator: meta(
                    id,
                    titles,
                    unit,
                    "small-jobs",
                    &["8", "8.5"],
                    "Lønkørslens timer pr. måned: hver hel arbejdstime, godkendt eller ej.",
                ),
                points,
                mean: !hours,
            }
        }
        "flex-waste-kg" | "flex-waste-co2-avoided" | "flex-waste-shops-paying" => {
            let kg = id == "flex-waste-kg";
            let shops = id == "flex-waste-shops-paying";
            let mut points = Vec::new();
            for (period, month) in sources.waste(store, &by, this_month).await? {
                let period = *period;
                if kg {
                    let total: i64 = month.grams_per_fraction.values().sum();
                    points.push((String::new(), monthly(period, total as f64 / 1000.0)));
                    for (fraction, grams) in &month.grams_per_fraction {
                        let key = format!("Fraction={}", fraction.code());
                        points.push((key, monthly(period, *grams as f64 / 1000.0)));
                    }
                } else if shops {
                    points.push((
                        String::new(),
                        monthly(period, f64::from(month.money.paying_shops)),
                    ));
                } else {
                    points.push((String::new(), monthly(period, month.avoided_kg_co2e)));
                }
            }
            let (titles, unit, method) = if shops {
                (
                    (
                        "Butikker der betaler for Flex Waste",
                        "Shops paying for Flex Waste",
                    ),
                    "butikker",
                    "Butikker, der er faktureret for mindst én afhentning i måneden.",
                )
            } else if kg {
                (
                    (
                        "Indsamlet affald i Flex Waste",
                        "Waste collected by Flex Waste",
                    ),
                    "kg",
                    "De vejede kilo fra hver afhentning i måneden, pr. fraktion.",
                )
            } else {
                (
                    ("CO2 sparet af Flex Waste", "CO2 avoided by Flex Waste"),
                    "kg CO2e",
                    "En dieselbils ture til månedens afhentninger minus elbilernes kWh, efter de daterede faktorer (config/flexwaste-factors.json).",
                )
            };
            Computed {
                indicator: meta(
                    id,
                    titles,
                    unit,
                    "flex-waste",
                    &["12", "12.5", "13"],
                    method,
                ),
                points,
                // Shops paying in a year is the mean of its months, as with people paid.
                mean: shops,
            }
        }
        "alliance-needs"
        | "alliance-positions-filled"
        | "alliance-into-work"
        | "alliance-students-placed" => {
            let mut points = Vec::new();
            for (year, f) in sources.alliance(store, today).await? {
                let year = *year;
                let value = match id {
                    "alliance-needs" => f.needs_registered,
                    "alliance-positions-filled" => f.positions_filled,
                    "alliance-into-work" => f.people_into_work,
                    _ => f.students_placed,
                };
                points.push((
                    String::new(),
                    Point {
                        year,
                        month: None,
                        value: value as f64,
                    },
                ));
            }
            let (titles, unit) = match id {
                "alliance-needs" => (
                    ("Kompetencebehov registreret", "Competence needs registered"),
                    "behov",
                ),
                "alliance-positions-filled" => (
                    (
                        "Stillinger besat gennem Alliancen",
                        "Positions filled through the Alliance",
                    ),
                    "stillinger",
                ),
                "alliance-into-work" => (
                    (
                        "Personer fra jobcentret i ordinært arbejde",
                        "Agency people into ordinary work",
                    ),
                    "personer",
                ),
                _ => (("Studerende placeret", "Students placed"), "studerende"),
            };
            Computed {
                indicator: meta(
                    id,
                    titles,
                    unit,
                    "alliance",
                    &["8", "8.6", "4"],
                    "Talt hvert år ud fra Alliancens behov og forslag, som de står.",
                ),
                points,
                mean: false,
            }
        }
        "festival-participants" | "festival-companies" => {
            let people = id == "festival-participants";
            let mut points = Vec::new();
            for p in crate::festival::participation(store).await? {
                let yearly = |value: i64| Point {
                    year: p.year,
                    month: None,
                    value: value as f64,
                };
                if people {
                    points.push((String::new(), yearly(p.people)));
                    for (key, n) in &p.breakdowns {
                        points.push((key.clone(), yearly(*n)));
                    }
                } else {
                    points.push((String::new(), yearly(p.companies)));
                }
            }
            let (titles, unit, method) = if people {
                (
                    (
                        "Deltagere i Bæredygtighedsfestivalen",
                        "Sustainability Festival participants",
                    ),
                    "personer",
                    "Personer tjekket ind ved døren til festivalens godkendte arrangementer, pr. festival, dag, arrangement, arrangørtype og verdensmål.",
                )
            } else {
                (
                    (
                        "Virksomheder med i festivalen",
                        "Companies taking part in the festival",
                    ),
                    "virksomheder",
                    "Forskellige virksomheder, der står for mindst ét godkendt arrangement på festivalen.",
                )
            };
            Computed {
                indicator: meta(id, titles, unit, "festival", &["17", "17.17", "12"], method),
                points,
                mean: false,
            }
        }
        "green-activities"
        | "green-people-reached"
        | "green-projects-active"
        | "green-pledges"
        | "green-pledges-co2" => green(id, sources.green(store, this_month).await?),
        _ => return Ok(None),
    };
    Ok(Some(found))
}

/// One of the green agents' series from their months' figures.
fn green(id: &str, months: &[crate::green::figures::Month]) -> Computed {
    let mut points = Vec::new();
    for m in months {
        let (total, parts): (f64, Vec<(String, f64)>) = match id {
            "green-activities" => (
                m.activities as f64,
                m.topics
                    .iter()
                    .map(|(t, (n, _))| (format!("Topic={t}"), *n as f64))
                    .collect(),
            ),
            "green-people-reached" => (
                m.people_reached as f64,
                m.topics
                    .iter()
                    .map(|(t, (_, people))| (format!("Topic={t}"), *people as f64))
                    .collect(),
            ),
            "green-projects-active" => (m.projects_active as f64, Vec::new()),
            "green-pledges" => (
                m.pledges as f64,
                m.pledges_by_action
                    .iter()
                    .map(|(a, n)| (format!("Action={a}"), *n as f64))
                    .collect(),
            ),
            _ => (m.estimated_kg, Vec::new()),
        };
        points.push((String::new(), monthly(m.period, total)));
        points.extend(
            parts
                .into_iter()
                .map(|(key, value)| (key, monthly(m.period, value))),
        );
    }
    let (titles, unit, method, sdgs): ((&str, &str), &str, &str, &[&str]) = match id {
        "green-activities" => (
            ("Grønne agenters aktiviteter", "Green agents' activities"),
            "aktiviteter",
            "Dialoger, workshops, kampagnestande og projekter med lokalsamfund, talt i den måned de blev holdt eller startede, pr. emne.",
            &["11", "11.3", "17.17"],
        ),
        "green-people-reached" => (
            (
                "Personer nået af de grønne agenter",
                "People reached by the green agents",
            ),
            "personer",
            "Summen af de personer, agenterne har registreret som nået ved hver aktivitet i måneden, pr. emne.",
            &["11", "11.3", "4", "4.7"],
        ),
        "green-projects-active" => (
            ("Aktive lokale klimaprojekter", "Active community projects"),
            "projekter",
            "Lokalsamfundenes projekter (delecykler, sortering, biodiversitet, klimaplaner), der kørte mindst én dag i måneden; et år er gennemsnittet af dets måneder.",
            &["11", "13", "15"],
        ),
        "green-pledges" => (
            ("Løfter i Gør os grønnere", "Pledges in Making us greener"),
            "løfter",
            "Løfter afgivet på den offentlige side i måneden, pr. handling.",
            &["12", "12.8", "13"],
        ),
        _ => (
            ("Anslået CO2 fra løfter", "Estimated CO2 from pledges"),
            "kg CO2e pr. år (skøn)",
            "Et skøn: månedens løfter gange hver handlings anslåede årlige effekt med navngiven kilde og årstal (config/greener-actions.json). Handlinger uden kilde tælles med som løfter, men giver ingen CO2.",
            &["13", "13.3"],
        ),
    };
    Computed {
        indicator: meta(id, titles, unit, "green-agents", sdgs, method),
        points,
        mean: id == "green-projects-active",
    }
}
