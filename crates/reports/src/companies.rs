//! Companies, one row per company, with their sites and contacts as `|` items in one cell:
//! `Butik Nytorv | 1003456789 | Nytorv 8, 9000 Aalborg | 57.0481 | 9.9205 || Lager | …`.
//!
//! Parts are split by ` | ` and items by ` || ` because addresses and names hold commas;
//! a `|` or `\` inside a part is written `\|` or `\\`.

use crate::table::{UniqueKeys, items, optional, read_table, write_table, yes_no};
use crate::{CsvError, RowError};
use domain::company::{Company, CompanyDraft, ContactDraft, SiteDraft};
use std::io::{Read, Write};

/// The columns of a companies file, in the order export writes them.
pub const COLUMNS: &[&str] = &[
    "name",
    "cvr",
    "billing_email",
    "einvoice_address",
    "task_force",
    "sites",
    "contacts",
];

/// The parts of one item of the `sites` column.
pub const SITE_PARTS: &[&str] = &["name", "p_number", "address", "latitude", "longitude"];

/// The parts of one item of the `contacts` column; phone and role may be empty.
pub const CONTACT_PARTS: &[&str] = &["name", "email", "phone", "role"];

/// Writes companies as a companies file.
pub fn write_companies<W: Write>(out: W, companies: &[Company]) -> Result<(), CsvError> {
    write_table(out, COLUMNS, companies.iter().map(cells))
}

/// Reads a companies file: every company, or an error for every bad value.
pub fn read_companies<R: Read>(input: R) -> Result<Vec<Company>, Vec<RowError>> {
    let mut cvrs = UniqueKeys::new("cvr");
    read_table(input, COLUMNS, |row| {
        let draft = CompanyDraft {
            name: row.text("name"),
            cvr: row.text("cvr"),
            billing_email: row.text("billing_email"),
            einvoice_address: row.optional("einvoice_address"),
            task_force: row.flag("task_force"),
            sites: row.items("sites", SITE_PARTS, |item| SiteDraft {
                name: item.text("name"),
                p_number: item.text("p_number"),
                address: item.text("address"),
                latitude: item.decimal("latitude"),
                longitude: item.decimal("longitude"),
            }),
            contacts: row.items("contacts", CONTACT_PARTS, |item| ContactDraft {
                name: item.text("name"),
                email: item.text("email"),
                phone: item.text("phone"),
                role: item.text("role"),
            }),
        };
        let company = row.domain(draft.parse())?;
        cvrs.check(row, company.cvr.as_str());
        Some(company)
    })
}

fn cells(company: &Company) -> Vec<String> {
    let c = CompanyDraft::from(company);
    let sites: Vec<Vec<String>> = c
        .sites
        .into_iter()
        .map(|s| {
            vec![
                s.name,
                s.p_number,
                s.address,
                optional(s.latitude),
                optional(s.longitude),
            ]
        })
        .collect();
    let contacts: Vec<Vec<String>> = c
        .contacts
        .into_iter()
        .map(|c| vec![c.name, c.email, c.phone, c.role])
        .collect();
    vec![
        c.name,
        c.cvr,
        c.billing_email,
        optional(c.einvoice_address),
        yes_no(c.task_force),
        items(&sites),
        items(&contacts),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::tests::noise;
    use domain::identifiers::Cvr;
    use proptest::prelude::*;

    fn site(name: &str, p_number: &str, address: &str) -> SiteDraft {
        SiteDraft {
            name: name.into(),
            p_number: p_number.into(),
            address: address.into(),
            latitude: Some(57.0481),
            longitude: Some(9.9205),
        }
    }

    fn contact(name: &str, phone: &str, role: &str) -> ContactDraft {
        ContactDraft {
            name: name.into(),
            email: "jens@example.dk".into(),
            phone: phone.into(),
            role: role.into(),
        }
    }

    fn varied() -> Vec<Company> {
        let salling = CompanyDraft {
            name: "Salling Aalborg A/S".into(),
            cvr: "29189420".into(),
            billing_email: "faktura@example.dk".into(),
            einvoice_address: Some("5798000416604".into()),
            task_force: true,
            sites: vec![
                site("Butik Nytorv", "1003456789", "Nytorv 8, 9000 Aalborg"),
                SiteDraft {
                    latitude: Some(57.03),
                    longitude: Some(10.0),
                    ..site(
                        "Lager | Øst \\ bag",
                        "1003456790",
                        "Industrivej 2, 1. sal, 9220 Aalborg Øst",
                    )
                },
            ],
            contacts: vec![
                contact("Jens Holm", "98 12 34 56", "butikschef"),
                contact("Anna Berg", "", ""),
            ],
        };
        let small = CompanyDraft {
            name: "Café; \"Fru Jensen\"".into(),
            cvr: "12345674".into(),
            billing_email: "cafe@example.dk".into(),
            einvoice_address: None,
            task_force: false,
            sites: vec![site(
                "Caféen",
                "1003456789",
                "Jomfru Ane Gade 5, 9000 Aalborg",
            )],
            contacts: Vec::new(),
        };
        vec![salling.parse().unwrap(), small.parse().unwrap()]
    }

    fn export(companies: &[Company]) -> Vec<u8> {
        let mut out = Vec::new();
        write_companies(&mut out, companies).unwrap();
        out
    }

    fn shown(errors: Vec<RowError>) -> Vec<String> {
        errors.iter().map(RowError::to_string).collect()
    }

    #[test]
    fn export_writes_the_documented_form() {
        let text = String::from_utf8(export(&varied())).unwrap();
        let expected = "\u{FEFF}name;cvr;billing_email;einvoice_address;task_force;sites;contacts\r\n\
            Salling Aalborg A/S;29189420;faktura@example.dk;5798000416604;yes;\
            Butik Nytorv | 1003456789 | Nytorv 8, 9000 Aalborg | 57.0481 | 9.9205 || \
            Lager \\| Øst \\\\ bag | 1003456790 | Industrivej 2, 1. sal, 9220 Aalborg Øst | 57.03 | 10;\
            Jens Holm | jens@example.dk | +4598123456 | butikschef || Anna Berg | jens@example.dk |  | \r\n\
            \"Café; \"\"Fru Jensen\"\"\";12345674;cafe@example.dk;;no;\
            Caféen | 1003456789 | Jomfru Ane Gade 5, 9000 Aalborg | 57.0481 | 9.9205;\r\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn export_import_export_is_identical() {
        let companies = varied();
        let first = export(&companies);
        let read = read_companies(&first[..]).unwrap();
        assert_eq!(read, companies);
        assert_eq!(export(&read), first);
        assert_eq!(
            read_companies(&first[3..]).unwrap(),
            companies,
            "without the BOM"
        );
    }

    #[test]
    fn bad_items_are_named_by_their_number() {
        let text = "name;cvr;billing_email;einvoice_address;task_force;sites;contacts\n\
            Good;29189420;a@b.dk;;no;A | 1003456789 | Nytorv 8, 9000 Aalborg | 57 | 9;\n\
            Bad;29189421;a@b.dk;;nej;A | 1003456789 | Nytorv 8, 9000 Aalborg | 57 | 9 || B | 12 | Nytorv 9, 9000 Aalborg | x | 9 \
            || C | 1003456789 | Nytorv 10, 9000 Aalborg | 57 | 9 || D | 1003456788;J | nope |  | \n";
        let errors = read_companies(text.as_bytes()).unwrap_err();
        assert_eq!(
            shown(errors),
            [
                "line 3, column cvr: '29189421' fails the CVR modulus-11 check",
                "line 3, column sites: site 2, latitude: 'x' is not a number like 7.5",
                "line 3, column sites: site 2, p_number: a P-number must be 10 digits, got '12'",
                "line 3, column sites: site 3, p_number: P-number 1003456789 appears twice",
                "line 3, column sites: site 4: has 2 parts, not 5: write name | p_number | address | latitude | longitude",
                "line 3, column contacts: contact 1, email: 'nope' is not an e-mail address like navn@firma.dk",
            ]
        );
    }

    #[test]
    fn a_file_names_each_company_once() {
        let text = String::from_utf8(export(&varied())).unwrap();
        for again in ["29189420", "2918 9420"] {
            let twice = text.replacen(";12345674;", &format!(";{again};"), 1);
            let errors = read_companies(twice.as_bytes()).unwrap_err();
            assert_eq!(
                shown(errors),
                ["line 3, column cvr: '29189420' is also on line 2; a file names each record once"],
                "{again}"
            );
        }
    }

    #[test]
    fn a_company_needs_a_site() {
        let text = "name;cvr;billing_email;einvoice_address;task_force;sites;contacts\nX;29189420;a@b.dk;;no; || ;\n";
        let errors = read_companies(text.as_bytes()).unwrap_err();
        assert_eq!(
            shown(errors),
            ["line 2, column sites: a company needs at least one site"]
        );
    }

    /// Up to three companies, each with a CVR number of its own, as a file names each company once.
    fn companies() -> impl Strategy<Value = Vec<Company>> {
        (0u32..4).prop_flat_map(|n| (0..n).map(company).collect::<Vec<_>>())
    }

    /// A valid company whose CVR number starts with seven digits from a range of its
    /// own for each `index` below 4.
    fn company(index: u32) -> impl Strategy<Value = Company> {
        let first = 1_000_000 + index * 2_000_000;
        let text = "[A-ZÆØÅ][a-zæøå|\\\\;,/\" ]{0,10}[a-z]";
        let site = (
            text,
            1_000_000_000u64..9_999_999_999,
            text,
            54.0f64..58.0,
            8.0f64..13.0,
        );
        let contact = (text, prop::option::of("[0-9]{8}"), prop::option::of(text));
        (
            text,
            first..first + 2_000_000,
            prop::option::of(prop::sample::select(vec![
                "5798000416604",
                "0184:29189420",
                "0088:5798000416604",
            ])),
            any::<bool>(),
            prop::collection::vec(site, 1..4),
            prop::collection::vec(contact, 0..3),
        )
            .prop_filter_map(
                "a valid company",
                move |(name, cvr, einvoice, task_force, sites, contacts)| {
                    CompanyDraft {
                        name,
                        cvr: Cvr::complete(cvr)?.to_string(),
                        billing_email: "faktura@example.dk".into(),
                        einvoice_address: einvoice.map(Into::into),
                        task_force,
                        sites: sites
                            .into_iter()
                            .map(|(name, p, street, lat, lon)| SiteDraft {
                                name,
                                p_number: p.to_string(),
                                address: format!("{street}, 9000 Aalborg"),
                                latitude: Some(lat),
                                longitude: Some(lon),
                            })
                            .collect(),
                        contacts: contacts
                            .into_iter()
                            .map(|(name, phone, role)| ContactDraft {
                                name,
                                email: "kontakt@example.dk".into(),
                                phone: phone.unwrap_or_default(),
                                role: role.unwrap_or_default(),
                            })
                            .collect(),
                    }
                    .parse()
                    .ok()
                },
            )
    }

    proptest! {
        #[test]
        fn any_companies_export_import_export_identically(companies in companies()) {
            let first = export(&companies);
            let read = read_companies(&first[..]).unwrap();
            prop_assert_eq!(&read, &companies);
            prop_assert_eq!(export(&read), first);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_companies(&bytes[..]);
        }

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = read_companies(text.as_bytes());
        }

        #[test]
        fn any_cell_value_never_panics(column in 0..COLUMNS.len(), value in noise()) {
            let mut row = cells(&varied()[0]);
            row[column] = value;
            let mut out = Vec::new();
            write_table(&mut out, COLUMNS, [row]).unwrap();
            let _ = read_companies(&out[..]);
        }
    }
}
