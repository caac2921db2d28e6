//! The task force and other customers: fictional companies in central Aalborg, with
//! valid CVR and P-numbers, contacts, e-invoice addresses, and their agreements.

use crate::names::{GROUPS, ascii_slug};
use crate::places::{CENTRAL_STREETS, round6};
use crate::{DemoAgreement, PLACEHOLDER_ID, distinct, invalid, pick, weighted};
use domain::Invalid;
use domain::agreement::AgreementDraft;
use domain::catalogue::TaskType::{self, *};
use domain::company::{Company, CompanyDraft, ContactDraft, SiteDraft};
use domain::identifiers::Cvr;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

/// A kind of customer the agency has, and the work such a customer orders.
struct Template {
    name: &'static str,
    /// What a site of this company is called, before its street: `Butik Algade`.
    site: &'static str,
    /// The role of the first contact, who usually orders tasks and confirms hours.
    role: &'static str,
    types: &'static [TaskType],
    /// Public-sector units must receive e-invoices (EAN), and all are in the task force.
    public: bool,
}

const fn t(
    name: &'static str,
    site: &'static str,
    role: &'static str,
    types: &'static [TaskType],
    public: bool,
) -> Template {
    Template {
        name,
        site,
        role,
        types,
        public,
    }
}

#[rustfmt::skip]
const TEMPLATES: &[Template] = &[
    t("Café Vesterå", "Café", "indehaver", &[KitchenHelp, Cleaning], false),
    t("Bageriet på Algade ApS", "Bageri", "bagermester", &[KitchenHelp, Cleaning, Delivery], false),
    t("Hotel Limfjorden A/S", "Hotel", "housekeeping-chef", &[Cleaning, KitchenHelp, Maintenance], false),
    t("Boligforeningen Fjordhjem", "Afdeling", "driftsleder", &[Gardening, Cleaning, Maintenance], false),
    t("Aalborg Kommune, Park og Natur", "Materielgård", "driftsleder", &[Gardening, Maintenance, Driving], true),
    t("Aalborg Kommune, Rådhusets kantine", "Kantine", "køkkenchef", &[KitchenHelp, Cleaning], true),
    t("Aalborg Kommune, Ældrecenter Sønderbro", "Ældrecenter", "centerleder", &[KitchenHelp, Cleaning, Gardening], true),
    t("Aalborg Kommune, Borgerservice", "Borgerservice", "teamleder", &[OfficeHelp, Cleaning], true),
    t("Vestbyens Skole, kantinen", "Skolekantine", "køkkenleder", &[KitchenHelp, Cleaning], true),
    t("Limfjordens Lager ApS", "Lager", "lagerchef", &[Warehouse, Sorting, Driving], false),
    t("Boghandlen ved Nytorv", "Butik", "butikschef", &[Sorting, OfficeHelp, Delivery], false),
    t("Genbrugsbutikken Kirkens Hjørne", "Genbrugsbutik", "butiksleder", &[Sorting, Cleaning], false),
    t("Østerå Advokater I/S", "Kontor", "kontorchef", &[OfficeHelp, Cleaning, Delivery], false),
    t("Nordjysk Revision ApS", "Kontor", "office manager", &[OfficeHelp, Cleaning], false),
    t("Cykelværkstedet Jomfru Ane", "Værksted", "indehaver", &[Maintenance, Delivery], false),
    t("Sundby Blomster", "Blomsterbutik", "indehaver", &[Delivery, Gardening], false),
    t("Kulturhuset ved Fjorden", "Kulturhus", "husansvarlig", &[Cleaning, KitchenHelp], false),
    t("Fjordbyens Frugt og Grønt ApS", "Butik", "butikschef", &[Sorting, Delivery, Warehouse], false),
    t("Restaurant Gammeltorv", "Restaurant", "køkkenchef", &[KitchenHelp, Cleaning], false),
    t("Tøjhuset Bispensgade", "Butik", "butikschef", &[Sorting, Cleaning], false),
    t("Nordjysk Kontorservice A/S", "Kontor", "serviceleder", &[OfficeHelp, Delivery], false),
    t("Boulevardens Tandklinik", "Klinik", "klinikchef", &[Cleaning, OfficeHelp], false),
    t("Budcentralen Aalborg ApS", "Budcentral", "disponent", &[Delivery, Driving], false),
    t("Danmarksgade Byggemarked A/S", "Byggemarked", "varehuschef", &[Warehouse, Maintenance], false),
    t("Kastetvej Vaskeri", "Vaskeri", "indehaver", &[Cleaning, Delivery], false),
    t("Hobrovej Auto ApS", "Værksted", "værkfører", &[Cleaning, Maintenance, Driving], false),
    t("Sønderbro Idrætshal", "Idrætshal", "halinspektør", &[Cleaning, Maintenance], true),
    t("Kaffebaren Østerågade", "Kaffebar", "indehaver", &[KitchenHelp], false),
    t("Studenterhusets Café", "Café", "caféleder", &[KitchenHelp, Cleaning], false),
    t("Nytorv Kontorfællesskab", "Kontorfællesskab", "husvært", &[OfficeHelp, Cleaning], false),
    t("Nordjysk Genbrug og Sortering ApS", "Sorteringshal", "driftschef", &[Sorting, Warehouse, Driving], false),
    t("Apoteket på Vesterbro", "Apotek", "apoteker", &[Sorting, Delivery], false),
];

/// Picks 23–27 of the templates and makes each a company with its agreements.
pub(crate) fn generate(
    rng: &mut ChaCha8Rng,
) -> Result<(Vec<Company>, Vec<DemoAgreement>), Invalid> {
    let count = rng.random_range(23..=27);
    let indices: Vec<usize> = (0..TEMPLATES.len()).collect();
    let mut chosen = distinct(rng, &indices, count);
    // Catalogue order reads better in lists than shuffled order.
    chosen.sort_unstable();
    let mut cvrs = BTreeSet::new();
    let mut p_numbers = BTreeSet::new();
    let mut companies = Vec::with_capacity(count);
    let mut agreements = Vec::new();
    for (index, template) in chosen.into_iter().map(|i| &TEMPLATES[i]).enumerate() {
        companies.push(company(rng, template, &mut cvrs, &mut p_numbers)?);
        agreements.extend(agreements_for(rng, index, template)?);
    }
    Ok((companies, agreements))
}

fn company(
    rng: &mut ChaCha8Rng,
    template: &Template,
    cvrs: &mut BTreeSet<String>,
    p_numbers: &mut BTreeSet<String>,
) -> Result<Company, Invalid> {
    // Real CVR numbers handed out today start with 1 to 4; some prefixes have no check digit.
    let cvr = unique(rng, cvrs, |rng| {
        Cvr::complete(rng.random_range(1_000_000..=4_499_999)).map(|c| c.to_string())
    })
    .ok_or_else(|| Invalid::new(format!("no free CVR number found for {}", template.name)))?;
    let slug = template
        .name
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(ascii_slug)
        .collect::<Vec<_>>()
        .join("-");
    let einvoice = if template.public {
        // Danish public bodies receive e-invoices at an EAN (GLN) starting 5798000.
        Some(gln(rng, "5798000"))
    } else if rng.random_bool(0.25) {
        Some(if rng.random_bool(0.5) {
            gln(rng, "5798")
        } else {
            format!("0184:{cvr}")
        })
    } else {
        None
    };
    let site_count = *pick(rng, &[1, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
    let all_streets: Vec<usize> = (0..CENTRAL_STREETS.len()).collect();
    let mut streets = distinct(rng, &all_streets, all_streets.len());
    // A company named after a street has its (first) site there: "Kastetvej Vaskeri".
    if let Some(own) = streets
        .iter()
        .position(|i| template.name.contains(CENTRAL_STREETS[*i].street))
    {
        streets.swap(0, own);
    }
    streets.truncate(site_count);
    let mut sites = Vec::with_capacity(site_count);
    for street in streets {
        let street = &CENTRAL_STREETS[street];
        let p_number = unique(rng, p_numbers, |rng| {
            Some(
                rng.random_range(1_000_000_000u64..=1_029_999_999)
                    .to_string(),
            )
        })
        .ok_or_else(|| Invalid::new(format!("no free P-number found for {}", template.name)))?;
        sites.push(SiteDraft {
            name: format!("{} {}", template.site, street.street),
            p_number,
            address: format!(
                "{} {}, 9000 Aalborg",
                street.street,
                rng.random_range(1..=80)
            ),
            latitude: Some(round6(street.latitude + rng.random_range(-0.0006..0.0006))),
            longitude: Some(round6(street.longitude + rng.random_range(-0.0010..0.0010))),
        });
    }
    let mut contacts = vec![contact(rng, template.role)];
    if rng.random_bool(0.4) {
        contacts.push(contact(rng, "bogholder"));
    }
    let draft = CompanyDraft {
        name: template.name.into(),
        cvr,
        billing_email: format!("faktura.{slug}@example.dk"),
        einvoice_address: einvoice,
        task_force: template.public || rng.random_bool(0.45),
        sites,
        contacts,
    };
    draft
        .parse()
        .map_err(|e| invalid(format!("company {}", template.name), e))
}

/// A number not yet in `taken`; gives up after many collisions rather than looping forever.
pub(crate) fn unique(
    rng: &mut ChaCha8Rng,
    taken: &mut BTreeSet<String>,
    mut make: impl FnMut(&mut ChaCha8Rng) -> Option<String>,
) -> Option<String> {
    (0..1000).find_map(|_| make(rng).filter(|n| taken.insert(n.clone())))
}

/// A 13-digit GLN with the given prefix and a correct GS1 check digit.
pub(crate) fn gln(rng: &mut ChaCha8Rng, prefix: &str) -> String {
    let mut digits: String = prefix.to_string();
    while digits.len() < 12 {
        digits.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
    format!("{digits}{}", gs1_check_digit(&digits))
}

/// The GS1 check digit: weights 3 and 1 alternating from the rightmost digit.
pub(crate) fn gs1_check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { d })
        .sum();
    (10 - sum % 10) % 10
}

pub(crate) fn contact(rng: &mut ChaCha8Rng, role: &str) -> ContactDraft {
    let group = weighted(rng, GROUPS, |g| g.weight);
    let (first, last) = (*pick(rng, group.first), *pick(rng, group.last));
    ContactDraft {
        name: format!("{first} {last}"),
        email: format!("{}.{}@example.com", ascii_slug(first), ascii_slug(last)),
        // Aalborg landlines begin with 98 or 96; some contacts give only an e-mail.
        phone: if rng.random_bool(0.8) {
            format!(
                "+45 {} {:06}",
                pick(rng, &["98", "96"]),
                rng.random_range(0..1_000_000)
            )
        } else {
            String::new()
        },
        role: role.into(),
    }
}

/// 1–3 task types for one company, priced the way the agency prices them.
fn agreements_for(
    rng: &mut ChaCha8Rng,
    company: usize,
    template: &Template,
) -> Result<Vec<DemoAgreement>, Invalid> {
    let count = rng.random_range(1..=template.types.len());
    // The first type is the company's main need, so it is always agreed.
    let mut types = vec![template.types[0]];
    types.extend(distinct(rng, &template.types[1..], count - 1));
    types
        .into_iter()
        .map(|task_type| {
            let draft = AgreementDraft {
                company_id: Some(PLACEHOLDER_ID),
                task_type: task_type.code().into(),
                // 200–320 kr. and 130–160 kr. in 5-krone steps, so price always covers wage.
                price_per_hour_ore: Some(rng.random_range(40..=64) * 500),
                wage_per_hour_ore: Some(rng.random_range(26..=32) * 500),
                min_billable_minutes: Some(*pick(rng, &[0, 30, 60])),
                invoicing_period: Some("monthly".into()),
            };
            let mut agreement = draft.parse().map_err(|e| {
                invalid(format!("agreement for {} ({task_type})", template.name), e)
            })?;
            agreement.company_id = 0;
            Ok(DemoAgreement { company, agreement })
        })
        .collect()
}
