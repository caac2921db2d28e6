//! A company the agency works with: its sites (where tasks happen, each with a P-number),
//! its contacts, and where its invoices go.

use crate::contact::{Email, Phone, optional_text, required_text};
use crate::identifiers::{Cvr, EInvoiceAddress, PNumber};
use crate::person::parse_coordinates;
use crate::place::Address;
use crate::problem::Errors;
use crate::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// A company as the API and CSV files carry it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CompanyDraft {
    #[cfg_attr(feature = "openapi", schema(example = "Salling Aalborg A/S"))]
    pub name: String,
    /// 8 digits passing the modulus-11 check.
    #[cfg_attr(feature = "openapi", schema(example = "29189420"))]
    pub cvr: String,
    #[cfg_attr(feature = "openapi", schema(example = "faktura@example.dk"))]
    pub billing_email: String,
    /// A GLN (EAN number, 13 digits) or a Peppol participant id `scheme:id`.
    #[cfg_attr(feature = "openapi", schema(example = "0184:29189420"))]
    pub einvoice_address: Option<String>,
    /// Member of the task force of companies committed to offering small jobs.
    pub task_force: bool,
    /// At least one site.
    pub sites: Vec<SiteDraft>,
    pub contacts: Vec<ContactDraft>,
}

/// A site as carried on the wire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SiteDraft {
    #[cfg_attr(feature = "openapi", schema(example = "Butik Nytorv"))]
    pub name: String,
    /// 10 digits.
    #[cfg_attr(feature = "openapi", schema(example = "1003456789"))]
    pub p_number: String,
    #[cfg_attr(feature = "openapi", schema(example = "Nytorv 8, 9000 Aalborg"))]
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// A contact person as carried on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ContactDraft {
    #[cfg_attr(feature = "openapi", schema(example = "Jens Holm"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "jens@example.dk"))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(example = "+4598123456"))]
    pub phone: String,
    /// What they do for the agency, e.g. "confirms hours".
    #[cfg_attr(feature = "openapi", schema(example = "butikschef"))]
    pub role: String,
}

/// A company the agency places people with.
#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub name: String,
    pub cvr: Cvr,
    pub billing_email: Email,
    pub einvoice_address: Option<EInvoiceAddress>,
    pub task_force: bool,
    pub sites: Vec<Site>,
    pub contacts: Vec<Contact>,
}

/// One physical workplace of a company.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub name: String,
    pub p_number: PNumber,
    pub address: Address,
}

/// Someone at a company the agency talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: Email,
    pub phone: Option<Phone>,
    pub role: String,
}

/// The most sites one company record holds.
pub const MAX_SITES: usize = 100;
/// The most contacts one company record holds.
pub const MAX_CONTACTS: usize = 20;
/// The longest contact role ("butikschef"), in characters.
pub const MAX_ROLE_CHARS: usize = 100;

/// `list` if it has at most `max` entries.
fn at_most<'a, T>(list: &'a [T], max: usize, what: &str) -> Result<&'a [T], Invalid> {
    if list.len() > max {
        Err(Invalid::new(format!(
            "{} {what} are more than the {max} a company may have",
            list.len()
        )))
    } else {
        Ok(list)
    }
}

impl CompanyDraft {
    pub fn parse(&self) -> Result<Company, Vec<FieldError>> {
        let mut e = Errors::new();
        let name = e.check("name", required_text(&self.name, 200));
        let cvr = e.check("cvr", Cvr::parse(&self.cvr));
        let billing_email = e.check("billing_email", Email::parse(&self.billing_email));
        let einvoice = e.check(
            "einvoice_address",
            self.einvoice_address
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(EInvoiceAddress::parse)
                .transpose(),
        );
        if self.sites.is_empty() {
            e.push("sites", "a company needs at least one site");
        }
        // Too many is said once, not checked entry by entry.
        let (site_drafts, contact_drafts) = (
            e.check("sites", at_most(&self.sites, MAX_SITES, "sites")),
            e.check(
                "contacts",
                at_most(&self.contacts, MAX_CONTACTS, "contacts"),
            ),
        );
        let mut sites = Vec::new();
        for (i, site) in site_drafts.unwrap_or_default().iter().enumerate() {
            match site.parse() {
                Ok(s) if sites.iter().any(|o: &Site| o.p_number == s.p_number) => {
                    e.push(
                        &format!("sites[{i}].p_number"),
                        format!("P-number {} appears twice", s.p_number),
                    );
                }
                Ok(s) => sites.push(s),
                Err(errors) => e.extend_nested(&format!("sites[{i}]"), errors),
            }
        }
        let mut contacts = Vec::new();
        for (i, contact) in contact_drafts.unwrap_or_default().iter().enumerate() {
            match contact.parse() {
                Ok(c) => contacts.push(c),
                Err(errors) => e.extend_nested(&format!("contacts[{i}]"), errors),
            }
        }
        e.finish(|| {
            Some(Company {
                name: name?,
                cvr: cvr?,
                billing_email: billing_email?,
                einvoice_address: einvoice?,
                task_force: self.task_force,
                sites,
                contacts,
            })
        })
    }
}

impl SiteDraft {
    pub fn parse(&self) -> Result<Site, Vec<FieldError>> {
        let mut e = Errors::new();
        let name = e.check("name", required_text(&self.name, 200));
        let p_number = e.check("p_number", PNumber::parse(&self.p_number));
        let line = e.check("address", Address::parse_line(&self.address));
        let coordinates = parse_coordinates(&mut e, self.latitude, self.longitude);
        e.finish(|| {
            Some(Site {
                name: name?,
                p_number: p_number?,
                address: Address {
                    line: line?,
                    coordinates: coordinates?,
                },
            })
        })
    }
}

impl ContactDraft {
    pub fn parse(&self) -> Result<Contact, Vec<FieldError>> {
        let mut e = Errors::new();
        let name = e.check("name", required_text(&self.name, 200));
        let email = e.check("email", Email::parse(&self.email));
        let phone = e.check(
            "phone",
            Some(self.phone.trim())
                .filter(|p| !p.is_empty())
                .map(Phone::parse)
                .transpose(),
        );
        let role = e.check("role", optional_text(&self.role, MAX_ROLE_CHARS));
        e.finish(|| {
            Some(Contact {
                name: name?,
                email: email?,
                phone: phone?,
                role: role?,
            })
        })
    }
}

impl From<&Company> for CompanyDraft {
    fn from(c: &Company) -> Self {
        Self {
            name: c.name.clone(),
            cvr: c.cvr.to_string(),
            billing_email: c.billing_email.to_string(),
            einvoice_address: c.einvoice_address.as_ref().map(|a| a.to_string()),
            task_force: c.task_force,
            sites: c.sites.iter().map(SiteDraft::from).collect(),
            contacts: c.contacts.iter().map(ContactDraft::from).collect(),
        }
    }
}

impl From<&Site> for SiteDraft {
    fn from(s: &Site) -> Self {
        Self {
            name: s.name.clone(),
            p_number: s.p_number.to_string(),
            address: s.address.line.clone(),
            latitude: Some(s.address.coordinates.latitude),
            longitude: Some(s.address.coordinates.longitude),
        }
    }
}

impl From<&Contact> for ContactDraft {
    fn from(c: &Contact) -> Self {
        Self {
            name: c.name.clone(),
            email: c.email.to_string(),
            phone: c.phone.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            role: c.role.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> CompanyDraft {
        CompanyDraft {
            name: "Aalborg Kommune".into(),
            cvr: "29189420".into(),
            billing_email: "faktura@aalborg.dk".into(),
            einvoice_address: Some("5798000416604".into()),
            task_force: true,
            sites: vec![SiteDraft {
                name: "Rådhuset".into(),
                p_number: "1003388394".into(),
                address: "Boulevarden 13, 9000 Aalborg".into(),
                latitude: Some(57.0480),
                longitude: Some(9.9217),
            }],
            contacts: vec![ContactDraft {
                name: "Jens Holm".into(),
                email: "jens@aalborg.dk".into(),
                phone: String::new(),
                role: "HR".into(),
            }],
        }
    }

    #[test]
    fn parses_and_prints_back() {
        let company = draft().parse().unwrap();
        assert_eq!(CompanyDraft::from(&company).parse().unwrap(), company);
    }

    #[test]
    fn nested_errors_name_the_site() {
        let mut bad = draft();
        bad.sites.push(bad.sites[0].clone());
        bad.sites.push(SiteDraft {
            p_number: "12".into(),
            ..bad.sites[0].clone()
        });
        bad.cvr = "29189421".into();
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["cvr", "sites[1].p_number", "sites[2].p_number"]);
    }
}
