//! Flex Waste's part of the demo: about 80 shops and offices in central Aalborg, each a
//! company with one site and a subscription; the depot by the harbour and two hubs at the
//! department stores on Nytorv; three electric vehicles of two types; and the four weeks
//! before the start as they went — each working day's routes, every pickup as weighed and
//! every unloading at a hub.
//!
//! Like the rest of the demo it is pure and deterministic by seed and start: records refer
//! to each other by index, and `install` turns the indices into ids.

use crate::companies::{contact, unique};
use crate::holidays::is_closed;
use crate::names::ascii_slug;
use crate::places::round6;
use crate::{DemoPerson, distinct, invalid, pick, weighted};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use domain::Invalid;
use domain::calendar::{TIME_ZONE, TimeWindow, WeeklyAvailability};
use domain::catalogue::Skill;
use domain::company::{Company, CompanyDraft, SiteDraft};
use domain::identifiers::Cvr;
use domain::person::PersonStatus;
use domain::place::Coordinates;
use domain::waste::{Fraction, Subscription, SubscriptionDraft};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;
use store::waste::{Outcome, PlaceKind, Vehicle, WastePlace};

/// Aalborg's centre (Budolfi church, roughly), as the routing engine's city instances have it.
pub const CENTRE: Coordinates = Coordinates {
    latitude: 57.048,
    longitude: 9.919,
};

/// How many days of history the demo has before its start.
pub const HISTORY_DAYS: i64 = 28;

/// Flex Waste in the demo: customers, the depot and hubs, the fleet and a month of history.
#[derive(Debug, Clone, PartialEq)]
pub struct FlexWaste {
    /// 78–84 shops and offices, each a company of its own with one site.
    pub shops: Vec<Shop>,
    /// Where the vehicles start and end the day; `id` 0 until stored.
    pub depot: WastePlace,
    /// Where the vehicles unload; `id` 0 until stored.
    pub hubs: Vec<WastePlace>,
    /// Two cargo bikes and a small electric van; `id` 0 until stored.
    pub vehicles: Vec<Vehicle>,
    /// Indices into [`crate::DemoSet::people`] of Flex Waste's drivers: active, holding a
    /// vehicle's skill, with no functional limit that rules driving out, free in the mornings.
    pub drivers: Vec<usize>,
    /// Each working day of the four weeks before the start, oldest first.
    pub history: Vec<HistoryDay>,
}

/// A shop or office with its Flex Waste subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct Shop {
    /// The customer, with exactly one site.
    pub company: Company,
    pub subscription: Subscription,
    pub price_per_pickup_ore: i64,
    pub starts_on: NaiveDate,
}

impl Shop {
    /// Where the shop is.
    pub fn coordinates(&self) -> Coordinates {
        self.company.sites[0].address.coordinates
    }
}

/// One working day of history: each used vehicle's route, and the shops it could not serve.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryDay {
    pub day: NaiveDate,
    pub routes: Vec<HistoryRoute>,
    /// Index into [`FlexWaste::shops`] and why.
    pub unserved: Vec<(usize, String)>,
}

/// A vehicle's day: from the depot, its stops in order, back to the depot.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRoute {
    /// Index into [`FlexWaste::vehicles`].
    pub vehicle: usize,
    pub distance_m: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub stops: Vec<HistoryStop>,
}

/// A stop on a route: a shop visited, or a hub where the vehicle unloaded.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryStop {
    Pickup(HistoryPickup),
    Unload(HistoryUnload),
}

/// What the driver reported from a shop.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPickup {
    /// `demo-2026-11-02-0007`: the day's reports numbered in the order made.
    pub submission: String,
    /// Index into [`FlexWaste::shops`].
    pub shop: usize,
    pub at: DateTime<Utc>,
    /// The shop's window that day.
    pub window: (DateTime<Utc>, DateTime<Utc>),
    pub expected_kg: u32,
    pub outcome: Outcome,
    /// Grams per fraction (collected only).
    pub weighed: Vec<(Fraction, i64)>,
    pub note: Option<String>,
}

/// An unloading at a hub: everything on board since the last one.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryUnload {
    /// `demo-2026-11-02-unload-03`.
    pub submission: String,
    /// Index into [`FlexWaste::hubs`].
    pub hub: usize,
    pub at: DateTime<Utc>,
    pub grams: i64,
}

impl HistoryRoute {
    /// The route's pickup reports, in order.
    pub fn pickups(&self) -> impl Iterator<Item = &HistoryPickup> {
        self.stops.iter().filter_map(|s| match s {
            HistoryStop::Pickup(p) => Some(p),
            HistoryStop::Unload(_) => None,
        })
    }
}

impl FlexWaste {
    /// Every pickup report of the history, oldest first.
    pub fn pickups(&self) -> impl Iterator<Item = &HistoryPickup> {
        self.history
            .iter()
            .flat_map(|d| &d.routes)
            .flat_map(HistoryRoute::pickups)
    }
}

/// The skill a vehicle of this kind needs: a cargo bike, or a driving licence for the van.
pub fn skill_for(kind: &str) -> Skill {
    if kind == CARGO_BIKE {
        Skill::CargoBike
    } else {
        Skill::DrivingLicenceB
    }
}

const CARGO_BIKE: &str = "cargo_bike";
const ELECTRIC_VAN: &str = "electric_van";
const VEHICLE_SKILLS: [Skill; 2] = [Skill::CargoBike, Skill::DrivingLicenceB];

/// What kind of customer a shop is, which decides what it throws out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Retail,
    Food,
    Office,
}

struct Template {
    name: &'static str,
    /// What the site is called before its street: `Butik Algade`.
    site: &'static str,
    /// The contact's role.
    role: &'static str,
    kind: Kind,
}

const fn t(name: &'static str, site: &'static str, role: &'static str, kind: Kind) -> Template {
    Template {
        name,
        site,
        role,
        kind,
    }
}

use Kind::{Food, Office, Retail};

/// Fictional customers of the kinds found in Aalborg's shopping streets.
#[rustfmt::skip]
const TEMPLATES: &[Template] = &[
    t("Bispensgade Sko ApS", "Butik", "butikschef", Retail),
    t("Algade Optik", "Butik", "indehaver", Retail),
    t("Nytorv Ur & Smykker", "Butik", "indehaver", Retail),
    t("Østerå Tøj & Mode", "Butik", "butikschef", Retail),
    t("Boulevardens Blomster", "Blomsterbutik", "indehaver", Retail),
    t("Vinhandlen Jomfru Ane Gade", "Butik", "indehaver", Retail),
    t("Gravensgade Legetøj", "Butik", "butikschef", Retail),
    t("Bredegade Boligudstyr A/S", "Butik", "butikschef", Retail),
    t("Vesterbro Cykler ApS", "Værksted", "indehaver", Retail),
    t("Nordlys Sport ApS", "Butik", "butikschef", Retail),
    t("Limfjordens Garn og Strik", "Butik", "indehaver", Retail),
    t("Gammeltorv Antik", "Butik", "indehaver", Retail),
    t("Kattesundet Kaffe og The", "Butik", "indehaver", Retail),
    t("Aalborg Elektronik ApS", "Butik", "butikschef", Retail),
    t("Fru Hansens Hjem og Interiør", "Butik", "indehaver", Retail),
    t("Herremagasinet i Algade", "Butik", "butikschef", Retail),
    t("Adelgade Isenkram", "Butik", "indehaver", Retail),
    t("Nordjysk Musikhandel ApS", "Butik", "butikschef", Retail),
    t("Pladebutikken Vingårdsgade", "Butik", "indehaver", Retail),
    t("Børnenes Butik Bispensgade", "Butik", "butikschef", Retail),
    t("Guldsmed Mikkelsen", "Butik", "guldsmed", Retail),
    t("Papirhuset Aalborg", "Butik", "butikschef", Retail),
    t("Budolfi Boghandel", "Butik", "boghandler", Retail),
    t("Hjelmerstald Vintage", "Butik", "indehaver", Retail),
    t("Den Blå Dør Kunsthåndværk", "Butik", "indehaver", Retail),
    t("Tasker og Læder ved Nytorv", "Butik", "indehaver", Retail),
    t("Parfumeriet Østerågade", "Butik", "butikschef", Retail),
    t("Fjordens Outdoor ApS", "Butik", "butikschef", Retail),
    t("Aalborg Brillehus", "Butik", "optiker", Retail),
    t("Slotsgade Farvehandel", "Butik", "indehaver", Retail),
    t("Dyrehandlen Reberbansgade", "Butik", "indehaver", Retail),
    t("Helsekosten Vesterå", "Butik", "indehaver", Retail),
    t("Kiosken ved Boulevarden", "Kiosk", "indehaver", Retail),
    t("Danmarksgade Boligtekstil", "Butik", "indehaver", Retail),
    t("Løkkegade Foto", "Butik", "fotograf", Retail),
    t("Mobilklinikken Aalborg", "Butik", "indehaver", Retail),
    t("Nordisk Design Butik ApS", "Butik", "butikschef", Retail),
    t("Bolchebutikken ved Gammeltorv", "Butik", "indehaver", Retail),
    t("Chokolademageren i Bredegade", "Butik", "chokolatier", Retail),
    t("Delikatessen på Nytorv", "Butik", "indehaver", Retail),
    t("Ostebutikken i Algade", "Butik", "indehaver", Retail),
    t("Slagter Jensen, Borgergade", "Slagterbutik", "slagtermester", Retail),
    t("Fiskehandlen Ved Stranden", "Fiskebutik", "indehaver", Retail),
    t("Frugt og Grønt Nørregade", "Butik", "indehaver", Retail),
    t("Vinkælderen Slotsgade", "Butik", "indehaver", Retail),
    t("Frisør Salon Algade", "Salon", "indehaver", Retail),
    t("Skomager Nielsen", "Værksted", "skomager", Retail),
    t("Cykelsmeden Løkkegade", "Værksted", "indehaver", Retail),
    t("Blomsterværkstedet Slotsgade", "Blomsterbutik", "indehaver", Retail),
    t("Galleri Nordlys", "Galleri", "galleriejer", Retail),
    t("Antikvariatet Peder Barkes Gade", "Butik", "antikvar", Retail),
    t("Sportshuset Vesterbro", "Butik", "butikschef", Retail),
    t("Babyshoppen Aalborg", "Butik", "butikschef", Retail),
    t("Café Budolfi", "Café", "caféleder", Food),
    t("Bageriet i Gravensgade", "Bageri", "bagermester", Food),
    t("Kaffekompagniet Bispensgade", "Kaffebar", "indehaver", Food),
    t("Restaurant Fjordblik", "Restaurant", "køkkenchef", Food),
    t("Pizzeria Vesterå", "Restaurant", "indehaver", Food),
    t("Smørrebrødshuset i Algade", "Frokoststue", "indehaver", Food),
    t("Juicebaren Nytorv", "Juicebar", "indehaver", Food),
    t("Café Hjelmerstald", "Café", "indehaver", Food),
    t("Burgerbaren Jomfru Ane Gade", "Restaurant", "restaurantchef", Food),
    t("Sushi Nord ApS", "Restaurant", "indehaver", Food),
    t("Bistro Østerå", "Restaurant", "køkkenchef", Food),
    t("Bageri Hansen & Søn", "Bageri", "bagermester", Food),
    t("Isbaren Ved Stranden", "Isbar", "indehaver", Food),
    t("Thai Køkken Vingårdsgade", "Restaurant", "indehaver", Food),
    t("Brasseriet på Boulevarden", "Restaurant", "restaurantchef", Food),
    t("Vaffelbageriet Gammeltorv", "Café", "indehaver", Food),
    t("Advokatfirmaet Holm & Krogh", "Kontor", "kontorchef", Office),
    t("Revisionsfirmaet Nordtal ApS", "Kontor", "office manager", Office),
    t("Arkitektkontoret Limfjord", "Tegnestue", "kontorchef", Office),
    t("Ejendomsmægleren i Bispensgade", "Kontor", "indehaver", Office),
    t("Tandlægerne på Boulevarden", "Klinik", "klinikchef", Office),
    t("Nordjysk Forsikringsservice A/S", "Kontor", "office manager", Office),
    t("Rejsebureauet Vesterbro", "Kontor", "indehaver", Office),
    t("Lægehuset ved Nytorv", "Klinik", "klinikchef", Office),
    t("Fysioterapi Østerbro", "Klinik", "indehaver", Office),
    t("Bogholderiet Nord ApS", "Kontor", "indehaver", Office),
    t("Konsulenthuset Aalborg ApS", "Kontor", "office manager", Office),
    t("Reklamebureauet Gravensgade", "Kontor", "kontorchef", Office),
    t("Nordfjord Sparekasse, Nytorv", "Filial", "filialdirektør", Office),
    t("Sprogskolen i Midtbyen", "Skole", "skoleleder", Office),
    t("Oversætterne ApS", "Kontor", "indehaver", Office),
    t("IT-Huset Nord ApS", "Kontor", "office manager", Office),
    t("Ingeniørgruppen Nord A/S", "Kontor", "kontorchef", Office),
    t("Boligselskabet Midtby, kontoret", "Kontor", "driftsleder", Office),
    t("Ejendomsadministration Nord", "Kontor", "administrator", Office),
    t("Kommunikationsbureauet Fjord", "Kontor", "kontorchef", Office),
    t("Tandklinikken Adelgade", "Klinik", "klinikchef", Office),
    t("Dyrlægen i Midtbyen", "Klinik", "dyrlæge", Office),
    t("Hudplejeklinikken Østerågade", "Klinik", "indehaver", Office),
    t("Rådgivningshuset John F. Kennedys Plads", "Kontor", "office manager", Office),
];

/// A street in the city centre where shops and offices are, with its middle's
/// coordinates, its highest house number and how many customers it has.
struct Street {
    street: &'static str,
    latitude: f64,
    longitude: f64,
    numbers: u32,
    weight: u32,
}

const fn st(
    street: &'static str,
    latitude: f64,
    longitude: f64,
    numbers: u32,
    weight: u32,
) -> Street {
    Street {
        street,
        latitude,
        longitude,
        numbers,
        weight,
    }
}

/// Central Aalborg, postcode 9000: the pedestrian streets weigh most.
#[rustfmt::skip]
const STREETS: &[Street] = &[
    st("Bispensgade", 57.0487, 9.9222, 40, 8),
    st("Algade", 57.0477, 9.9193, 70, 8),
    st("Boulevarden", 57.0471, 9.9206, 40, 5),
    st("Jomfru Ane Gade", 57.0499, 9.9197, 25, 4),
    st("Nytorv", 57.0485, 9.9233, 30, 5),
    st("Østerågade", 57.0492, 9.9214, 30, 6),
    st("Vesterbro", 57.0481, 9.9160, 80, 4),
    st("Bredegade", 57.0470, 9.9224, 40, 5),
    st("Gravensgade", 57.0482, 9.9206, 30, 6),
    st("Gammeltorv", 57.0490, 9.9185, 20, 2),
    st("Vingårdsgade", 57.0486, 9.9171, 30, 3),
    st("Adelgade", 57.0478, 9.9255, 30, 2),
    st("Ved Stranden", 57.0501, 9.9229, 20, 2),
    st("Kattesundet", 57.0480, 9.9181, 20, 2),
    st("Reberbansgade", 57.0481, 9.9241, 25, 2),
    st("Vesterå", 57.0495, 9.9201, 25, 3),
    st("Danmarksgade", 57.0456, 9.9236, 40, 2),
    st("Løkkegade", 57.0475, 9.9152, 30, 2),
    st("Borgergade", 57.0473, 9.9272, 30, 2),
    st("Slotsgade", 57.0502, 9.9180, 30, 2),
    st("Hjelmerstald", 57.0497, 9.9208, 20, 1),
    st("Peder Barkes Gade", 57.0473, 9.9245, 20, 1),
    st("Nørregade", 57.0490, 9.9260, 30, 2),
    st("John F. Kennedys Plads", 57.0432, 9.9176, 10, 1),
    st("Østerbro", 57.0466, 9.9290, 40, 1),
];

/// Picks 78–84 customers and gives each a site, a subscription and a price.
pub(crate) fn generate(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    agency: &[Company],
    drivers: Vec<usize>,
) -> Result<FlexWaste, Invalid> {
    let mut cvrs: BTreeSet<String> = agency.iter().map(|c| c.cvr.to_string()).collect();
    let mut p_numbers: BTreeSet<String> = agency
        .iter()
        .flat_map(|c| &c.sites)
        .map(|s| s.p_number.to_string())
        .collect();
    let count = rng.random_range(78..=84).min(TEMPLATES.len());
    let indices: Vec<usize> = (0..TEMPLATES.len()).collect();
    let mut chosen = distinct(rng, &indices, count);
    chosen.sort_unstable();
    let shops = chosen
        .into_iter()
        .map(|i| shop(rng, &TEMPLATES[i], start, &mut cvrs, &mut p_numbers))
        .collect::<Result<Vec<_>, _>>()?;
    let (depot, hubs) = places()?;
    let vehicles = fleet()?;
    let history = history(rng, start, &shops, &depot, &hubs, &vehicles);
    Ok(FlexWaste {
        shops,
        depot,
        hubs,
        vehicles,
        drivers,
        history,
    })
}

fn shop(
    rng: &mut ChaCha8Rng,
    template: &Template,
    start: NaiveDate,
    cvrs: &mut BTreeSet<String>,
    p_numbers: &mut BTreeSet<String>,
) -> Result<Shop, Invalid> {
    let cvr = unique(rng, cvrs, |rng| {
        Cvr::complete(rng.random_range(1_000_000..=4_499_999)).map(|c| c.to_string())
    })
    .ok_or_else(|| Invalid::new(format!("no free CVR number found for {}", template.name)))?;
    let p_number = unique(rng, p_numbers, |rng| {
        Some(
            rng.random_range(1_000_000_000u64..=1_029_999_999)
                .to_string(),
        )
    })
    .ok_or_else(|| Invalid::new(format!("no free P-number found for {}", template.name)))?;
    // A customer named after a street is on it: "Adelgade Isenkram".
    let street = match STREETS.iter().find(|s| template.name.contains(s.street)) {
        Some(street) => street,
        None => weighted(rng, STREETS, |s| s.weight),
    };
    let slug = template
        .name
        .split([' ', ','])
        .filter(|w| !w.is_empty() && *w != "&")
        .map(ascii_slug)
        .collect::<Vec<_>>()
        .join("-");
    let draft = CompanyDraft {
        name: template.name.into(),
        cvr: cvr.clone(),
        billing_email: format!("faktura.{slug}@example.dk"),
        einvoice_address: rng.random_bool(0.15).then(|| format!("0184:{cvr}")),
        task_force: false,
        sites: vec![SiteDraft {
            name: format!("{} {}", template.site, street.street),
            p_number,
            address: format!(
                "{} {}, 9000 Aalborg",
                street.street,
                rng.random_range(1..=street.numbers)
            ),
            latitude: Some(round6(street.latitude + rng.random_range(-0.0005..0.0005))),
            longitude: Some(round6(street.longitude + rng.random_range(-0.0009..0.0009))),
        }],
        contacts: vec![contact(rng, template.role)],
    };
    let company = draft
        .parse()
        .map_err(|e| invalid(format!("Flex Waste customer {}", template.name), e))?;
    let subscription = subscription(rng, template.kind)
        .parse()
        .map_err(|e| invalid(format!("subscription of {}", template.name), e))?;
    // 35–60 kr. a pickup by expected weight, in 5-krone steps.
    let kroner = 35 + (i64::from(subscription.expected_kg) - 5) * 25 / 35;
    let price_per_pickup_ore = (kroner + 2) / 5 * 5 * 100;
    // Most have been customers a while; a few joined during the month before the start.
    let starts_on = if rng.random_bool(0.92) {
        start - Duration::days(HISTORY_DAYS + rng.random_range(0..=180))
    } else {
        start - Duration::days(rng.random_range(5..=HISTORY_DAYS - 7))
    };
    Ok(Shop {
        company,
        subscription,
        price_per_pickup_ore,
        starts_on,
    })
}

/// What a customer of this kind has collected, when and how much.
fn subscription(rng: &mut ChaCha8Rng, kind: Kind) -> SubscriptionDraft {
    let mut fractions = vec![Fraction::Cardboard];
    let (paper, soft, hard) = match kind {
        Retail => (0.15, 0.7, 0.3),
        Food => (0.1, 0.6, 0.5),
        Office => (1.0, 0.2, 0.2),
    };
    for (fraction, share) in [
        (Fraction::Paper, paper),
        (Fraction::SoftPlastic, soft),
        (Fraction::HardPlastic, hard),
    ] {
        if rng.random_bool(share) {
            fractions.push(fraction);
        }
    }
    let weekdays: &[Weekday] = match *pick(rng, &[1, 1, 2, 2, 3]) {
        1 => pick(rng, &WEEKDAYS).as_slice(),
        2 => pick(rng, &TWO_DAYS).as_slice(),
        _ => pick(rng, &THREE_DAYS).as_slice(),
    };
    // Cafés and bakeries want it done before they open; offices do not mind.
    let window = match (kind, rng.random_range(0..20)) {
        (Food, 0..=11) | (Retail, 0..=5) | (Office, 0..=2) => "08:00-10:00",
        (Food, 12..=15) | (Retail, 6..=10) | (Office, 3..=5) => "10:00-12:00",
        _ => "07:00-15:00",
    };
    let expected_kg = match kind {
        Retail => rng.random_range(8..=35),
        Food => rng.random_range(10..=40),
        Office => rng.random_range(5..=20),
    };
    // Cardboard is light and bulky: litres run at 4–10 per kg.
    let expected_litres = expected_kg * rng.random_range(4..=10);
    SubscriptionDraft {
        fractions: fractions
            .iter()
            .map(|f| f.code())
            .collect::<Vec<_>>()
            .join(", "),
        weekdays: weekdays
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        window: window.into(),
        expected_kg,
        expected_litres,
    }
}

const WEEKDAYS: [[Weekday; 1]; 5] = [
    [Weekday::Mon],
    [Weekday::Tue],
    [Weekday::Wed],
    [Weekday::Thu],
    [Weekday::Fri],
];
const TWO_DAYS: [[Weekday; 2]; 5] = [
    [Weekday::Mon, Weekday::Thu],
    [Weekday::Tue, Weekday::Fri],
    [Weekday::Mon, Weekday::Wed],
    [Weekday::Tue, Weekday::Thu],
    [Weekday::Wed, Weekday::Fri],
];
const THREE_DAYS: [[Weekday; 3]; 2] = [
    [Weekday::Mon, Weekday::Wed, Weekday::Fri],
    [Weekday::Tue, Weekday::Thu, Weekday::Fri],
];

/// The depot by the harbour, and the hubs at the two department stores on Nytorv.
fn places() -> Result<(WastePlace, Vec<WastePlace>), Invalid> {
    let place = |kind, name: &str, address: &str, latitude, longitude, opening| {
        Ok::<_, Invalid>(WastePlace {
            id: 0,
            kind,
            name: name.into(),
            address: address.into(),
            latitude,
            longitude,
            opening: TimeWindow::parse(opening)?,
            fractions: if kind == PlaceKind::Hub {
                vec![
                    Fraction::Paper,
                    Fraction::Cardboard,
                    Fraction::SoftPlastic,
                    Fraction::HardPlastic,
                ]
            } else {
                Vec::new()
            },
        })
    };
    let depot = place(
        PlaceKind::Depot,
        "Flex Waste depot, Vestre Havn",
        "Strandvejen 36, 9000 Aalborg",
        57.0528,
        9.9092,
        "06:30-16:00",
    )?;
    let hubs = vec![
        place(
            PlaceKind::Hub,
            "Hub Salling, Nytorv",
            "Nytorv 8, 9000 Aalborg",
            57.0486,
            9.9226,
            "07:00-18:00",
        )?,
        place(
            PlaceKind::Hub,
            "Hub Friis, Nytorv",
            "Nytorv 27, 9000 Aalborg",
            57.0479,
            9.9249,
            "07:00-18:00",
        )?,
    ];
    Ok((depot, hubs))
}

/// Two cargo bikes and a small electric van, all on the 07:00–15:00 shift.
fn fleet() -> Result<Vec<Vehicle>, Invalid> {
    let shift = TimeWindow::parse("07:00-15:00")?;
    let bike = |name: &str| Vehicle {
        id: 0,
        name: name.into(),
        kind: CARGO_BIKE.into(),
        capacity_kg: 150,
        capacity_litres: 1_000,
        range_km: 40,
        speed_kmh: 15,
        shift,
        wh_per_km: 25,
    };
    Ok(vec![
        bike("Ladcykel 1"),
        bike("Ladcykel 2"),
        Vehicle {
            id: 0,
            name: "Elvarebil 1".into(),
            kind: ELECTRIC_VAN.into(),
            capacity_kg: 600,
            capacity_litres: 4_000,
            range_km: 150,
            speed_kmh: 30,
            shift,
            wh_per_km: 180,
        },
    ])
}

/// Whether a person could drive a morning's route: active, from early morning, outdoors,
/// alone, for hours on end, lifting sacks.
fn may_drive(p: &DemoPerson) -> bool {
    p.person.status == PersonStatus::Active
        && !p.limits.indoor_only
        && !p.limits.needs_colleague
        && p.limits.not_before.is_none()
        && p.limits.max_stretch_minutes.is_none()
        && p.limits.max_lift_kg.is_none_or(|kg| kg >= 15)
}

/// How many of Flex Waste's drivers hold each vehicle's skill.
pub const DRIVERS_PER_SKILL: usize = 6;

/// A driver's morning: from 07:00, at least five hours.
const MORNING_STARTS: u16 = 7 * 60;
const MORNING_MINUTES: u16 = 5 * 60;

/// Forms Flex Waste's team of drivers: per vehicle skill, [`DRIVERS_PER_SKILL`] people who
/// may drive — those who hold it first, then those free most and earliest in the mornings,
/// who are given it (no one holds more than four skills, as everywhere in the demo). The
/// team works mornings: each of their days starts at 07:00 and lasts at least five hours,
/// so routes fit in it. Returns the team, by index.
pub(crate) fn ensure_drivers(people: &mut [DemoPerson]) -> Vec<usize> {
    let morning = |p: &DemoPerson| {
        let starts: Vec<u16> = p
            .person
            .availability
            .slots()
            .iter()
            .map(|(_, w)| w.start_minutes())
            .filter(|m| *m < 10 * 60)
            .collect();
        (
            std::cmp::Reverse(starts.len()),
            starts.iter().min().copied().unwrap_or(u16::MAX),
        )
    };
    let mut order: Vec<usize> = (0..people.len())
        .filter(|&i| may_drive(&people[i]))
        .collect();
    order.sort_by_key(|&i| (morning(&people[i]), i));
    let mut team = BTreeSet::new();
    for skill in VEHICLE_SKILLS {
        let holds = |i: &usize| people[*i].person.skills.contains(&skill);
        let chosen: Vec<usize> = order
            .iter()
            .copied()
            .filter(holds)
            .chain(
                order
                    .iter()
                    .copied()
                    .filter(|i| !holds(i) && people[*i].person.skills.len() < 4),
            )
            .take(DRIVERS_PER_SKILL)
            .collect();
        for i in chosen {
            let skills = &mut people[i].person.skills;
            if !skills.contains(&skill) {
                skills.push(skill);
                skills.sort();
            }
            team.insert(i);
        }
    }
    for &i in &team {
        let person = &mut people[i].person;
        let slots = person
            .availability
            .slots()
            .iter()
            .map(|&(day, w)| {
                let minutes = w.minutes().max(MORNING_MINUTES);
                let morning = TimeWindow::new(MORNING_STARTS, MORNING_STARTS + minutes);
                (day, morning.unwrap_or(w))
            })
            .collect();
        if let Ok(availability) = WeeklyAvailability::from_slots(slots) {
            person.availability = availability;
        }
    }
    team.into_iter().collect()
}

/// Streets are not straight lines: distances are the great circle's times this.
const DETOUR: f64 = 1.3;
/// Unloading at a hub takes ten minutes.
const UNLOAD_SECONDS: i64 = 10 * 60;
/// The van takes the shops that hand over this much or more.
const VAN_FROM_KG: u32 = 25;
/// Notes drivers write when the waste is not what it should be.
const CONTAMINATED: &[&str] = &[
    "Papen var blandet med madrester og våde servietter; ikke taget med.",
    "Plasten var blandet med restaffald; butikken er bedt om at sortere igen.",
    "Våd og mugget pap i containeren; ikke taget med.",
];
const CLOSED: &[&str] = &[
    "Lukket på grund af vareoptælling.",
    "Ingen lukkede op; skilt i døren om sygdom.",
    "Lukket, ingen svarede på telefonen.",
];

/// Each working day of the four weeks before `start`, as it went.
fn history(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    shops: &[Shop],
    depot: &WastePlace,
    hubs: &[WastePlace],
    vehicles: &[Vehicle],
) -> Vec<HistoryDay> {
    let days: Vec<NaiveDate> = (0..HISTORY_DAYS)
        .map(|d| start - Duration::days(HISTORY_DAYS - d))
        .filter(|d| d.weekday().num_days_from_monday() < 5 && !is_closed(*d))
        .collect();
    // One or two pickups of the month are contaminated.
    let count = rng.random_range(1..=2);
    let all: Vec<usize> = (0..days.len()).collect();
    let contaminated_days = distinct(rng, &all, count);
    days.iter()
        .enumerate()
        .map(|(i, &day)| {
            let due: Vec<usize> = (0..shops.len())
                .filter(|&s| {
                    shops[s].starts_on <= day
                        && shops[s].subscription.weekdays.contains(&day.weekday())
                })
                .collect();
            let contaminated =
                (contaminated_days.contains(&i) && !due.is_empty()).then(|| *pick(rng, &due));
            let mut plan = Day {
                rng: &mut *rng,
                day,
                shops,
                depot,
                hubs,
                contaminated,
                reports: 0,
                unloads: 0,
                unserved: Vec::new(),
            };
            // The van takes the big customers; the bikes split the rest west and east.
            let (van, mut light): (Vec<usize>, Vec<usize>) = due
                .iter()
                .partition(|&&s| shops[s].subscription.expected_kg >= VAN_FROM_KG);
            light.sort_by(|a, b| {
                let (a, b) = (shops[*a].coordinates(), shops[*b].coordinates());
                a.longitude.total_cmp(&b.longitude)
            });
            let east = light.split_off(light.len() / 2);
            let mut routes = Vec::new();
            for (vehicle, stops) in [(0, light), (1, east), (2, van)] {
                if !stops.is_empty() {
                    routes.push(plan.drive(vehicle, &vehicles[vehicle], stops));
                }
            }
            HistoryDay {
                day,
                routes,
                unserved: plan.unserved,
            }
        })
        .collect()
}

/// A day being driven: what the vehicles share.
struct Day<'a> {
    rng: &'a mut ChaCha8Rng,
    day: NaiveDate,
    shops: &'a [Shop],
    depot: &'a WastePlace,
    hubs: &'a [WastePlace],
    /// The shop whose waste is contaminated today, if any.
    contaminated: Option<usize>,
    reports: usize,
    unloads: usize,
    unserved: Vec<(usize, String)>,
}

/// Where a vehicle is and what it carries.
struct Run {
    /// Seconds since local midnight.
    clock: i64,
    at: Coordinates,
    metres: f64,
    grams: i64,
    litres: i64,
    /// Metres per second.
    speed: f64,
    stops: Vec<HistoryStop>,
}

impl Run {
    /// Seconds to get to `to`, and goes there.
    fn go(&mut self, to: Coordinates) -> i64 {
        let metres = self.at.haversine_metres(to) * DETOUR;
        self.metres += metres;
        self.at = to;
        (metres / self.speed).round() as i64
    }

    fn seconds_to(&self, to: Coordinates) -> i64 {
        (self.at.haversine_metres(to) * DETOUR / self.speed).round() as i64
    }
}

fn coordinates(place: &WastePlace) -> Coordinates {
    Coordinates {
        latitude: place.latitude,
        longitude: place.longitude,
    }
}

impl Day<'_> {
    /// Drives one vehicle from the depot through `stops`: the earliest deadline among the
    /// shops whose window is open, else the one that opens first; unloading at the nearest
    /// hub when the next shop's waste would not fit, and at the end of the day.
    fn drive(
        &mut self,
        index: usize,
        vehicle: &Vehicle,
        mut remaining: Vec<usize>,
    ) -> HistoryRoute {
        let start = i64::from(vehicle.shift.start_minutes()) * 60;
        let mut run = Run {
            clock: start,
            at: coordinates(self.depot),
            metres: 0.0,
            grams: 0,
            litres: 0,
            speed: f64::from(vehicle.speed_kmh) / 3.6,
            stops: Vec::new(),
        };
        while !remaining.is_empty() {
            let (k, arrival) = remaining
                .iter()
                .enumerate()
                .map(|(k, &s)| (k, run.clock + run.seconds_to(self.shops[s].coordinates())))
                .min_by_key(|&(k, arrival)| {
                    let window = self.shops[remaining[k]].subscription.window;
                    let (open, close) = seconds(window);
                    if arrival >= open {
                        (0, close, arrival)
                    } else {
                        (1, open, close)
                    }
                })
                .expect("stops remain");
            let shop = remaining[k];
            let s = &self.shops[shop].subscription;
            let full = run.grams + i64::from(s.expected_kg) * 1000
                > i64::from(vehicle.capacity_kg) * 1000
                || run.litres + i64::from(s.expected_litres) > i64::from(vehicle.capacity_litres);
            if full && run.grams > 0 {
                self.unload(&mut run);
                continue;
            }
            remaining.remove(k);
            let (open, close) = seconds(s.window);
            let begin = arrival.max(open);
            if begin > close {
                self.unserved
                    .push((shop, "no time left in its window".into()));
                continue;
            }
            run.go(self.shops[shop].coordinates());
            run.clock = begin;
            let pickup = self.pickup(shop, begin);
            let weighed: i64 = pickup.weighed.iter().map(|(_, g)| g).sum();
            run.grams += weighed;
            run.litres +=
                i64::from(s.expected_litres) * weighed / (i64::from(s.expected_kg) * 1000);
            run.stops.push(HistoryStop::Pickup(pickup));
            // Three to six minutes to carry out, weigh and report.
            run.clock += self.rng.random_range(180..=360);
        }
        if run.grams > 0 {
            self.unload(&mut run);
        }
        run.clock += run.go(coordinates(self.depot));
        HistoryRoute {
            vehicle: index,
            distance_m: run.metres.round() as i64,
            starts_at: instant(self.day, start),
            ends_at: instant(self.day, run.clock),
            stops: run.stops,
        }
    }

    /// Goes to the nearest hub and unloads everything on board.
    fn unload(&mut self, run: &mut Run) {
        let (hub, place) = self
            .hubs
            .iter()
            .enumerate()
            .min_by_key(|(_, h)| run.seconds_to(coordinates(h)))
            .expect("the demo has hubs");
        run.clock += run.go(coordinates(place));
        run.clock = run.clock.max(i64::from(place.opening.start_minutes()) * 60);
        self.unloads += 1;
        run.stops.push(HistoryStop::Unload(HistoryUnload {
            submission: format!("demo-{}-unload-{:02}", self.day, self.unloads),
            hub,
            at: instant(self.day, run.clock),
            grams: run.grams,
        }));
        run.grams = 0;
        run.litres = 0;
        run.clock += UNLOAD_SECONDS;
    }

    /// What the driver found at a shop at `begin` seconds past midnight.
    fn pickup(&mut self, shop: usize, begin: i64) -> HistoryPickup {
        let s = &self.shops[shop].subscription;
        self.reports += 1;
        let (open, close) = seconds(s.window);
        let roll = self.rng.random_range(0..1000);
        let (outcome, note) = if self.contaminated == Some(shop) {
            (
                Outcome::Contaminated,
                Some(pick(self.rng, CONTAMINATED).to_string()),
            )
        } else if roll < 15 {
            (Outcome::Closed, Some(pick(self.rng, CLOSED).to_string()))
        } else if roll < 45 {
            (Outcome::Nothing, None)
        } else {
            (Outcome::Collected, None)
        };
        let weighed = if outcome == Outcome::Collected {
            weigh(self.rng, s)
        } else {
            Vec::new()
        };
        HistoryPickup {
            submission: format!("demo-{}-{:04}", self.day, self.reports),
            shop,
            at: instant(self.day, begin),
            window: (instant(self.day, open), instant(self.day, close)),
            expected_kg: s.expected_kg,
            outcome,
            weighed,
            note,
        }
    }
}

/// Grams per fraction: the expected weight give or take 40 %, most of it cardboard, each
/// fraction weighed to the nearest 100 g.
fn weigh(rng: &mut ChaCha8Rng, s: &Subscription) -> Vec<(Fraction, i64)> {
    let share = |f: Fraction| match f {
        Fraction::Cardboard => 6.0,
        Fraction::Paper => 4.0,
        Fraction::SoftPlastic | Fraction::Plastic => 2.0,
        _ => 1.0,
    };
    let shares: f64 = s.fractions.iter().map(|f| share(*f)).sum();
    let factor = (rng.random_range(0.6..1.4) + rng.random_range(0.6..1.4)) / 2.0;
    let total = f64::from(s.expected_kg) * 1000.0 * factor;
    s.fractions
        .iter()
        .map(|&f| {
            let grams = total * share(f) / shares * rng.random_range(0.85..1.15);
            (f, ((grams / 100.0).round() as i64).max(1) * 100)
        })
        .collect()
}

/// A window's opening and closing in seconds since midnight.
fn seconds(window: TimeWindow) -> (i64, i64) {
    (
        i64::from(window.start_minutes()) * 60,
        i64::from(window.end_minutes()) * 60,
    )
}

/// `seconds` past local midnight on `day`, in UTC.
fn instant(day: NaiveDate, seconds: i64) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN) + Duration::seconds(seconds);
    TIME_ZONE
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}
