//! Danish company identifiers and e-invoice addresses.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

fn digits(text: &str, count: usize, what: &str) -> Result<Vec<u32>, Invalid> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: Option<Vec<u32>> = compact.chars().map(|c| c.to_digit(10)).collect();
    match digits {
        Some(d) if d.len() == count => Ok(d),
        _ => Err(Invalid::new(format!(
            "{what} must be {count} digits, got '{text}'"
        ))),
    }
}

fn joined(digits: &[u32]) -> String {
    digits
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect()
}

/// A CVR number: 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cvr(String);

impl Cvr {
    const WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let d = digits(text, 8, "a CVR number")?;
        if d[0] == 0 {
            return Err(Invalid::new("a CVR number never starts with 0"));
        }
        let sum: u32 = d.iter().zip(Self::WEIGHTS).map(|(d, w)| d * w).sum();
        if !sum.is_multiple_of(11) {
            return Err(Invalid::new(format!(
                "'{text}' fails the CVR modulus-11 check"
            )));
        }
        Ok(Self(joined(&d)))
    }

    /// Completes seven leading digits with the one check digit that makes a valid CVR,
    /// if there is one (some prefixes have none). Used to make demo and test data.
    pub fn complete(first_seven: u32) -> Option<Self> {
        let text = format!("{first_seven:07}");
        (0..=9).find_map(|last| Self::parse(&format!("{text}{last}")).ok())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Cvr {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Cvr> for String {
    fn from(c: Cvr) -> String {
        c.0
    }
}

impl fmt::Display for Cvr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A P-number: the 10-digit number of one physical site of a company.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PNumber(String);

impl PNumber {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let d = digits(text, 10, "a P-number")?;
        Ok(Self(joined(&d)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PNumber {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<PNumber> for String {
    fn from(p: PNumber) -> String {
        p.0
    }
}

impl fmt::Display for PNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a customer receives e-invoices: a 13-digit GLN ("EAN number", GS1 check digit)
/// or a Peppol participant id written `scheme:identifier`, e.g. `0184:12345674`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum EInvoiceAddress {
    Gln(String),
    Peppol { scheme: String, identifier: String },
}

impl EInvoiceAddress {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        if let Some((scheme, identifier)) = text.split_once(':') {
            let scheme_ok = scheme.len() == 4 && scheme.chars().all(|c| c.is_ascii_digit());
            let id_ok = !identifier.is_empty()
                && identifier.len() <= 50
                && identifier
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
            if !scheme_ok || !id_ok {
                return Err(Invalid::new(format!(
                    "'{text}' is not a Peppol participant id like 0184:12345674"
                )));
            }
            if scheme == "0088" {
                return Self::parse_gln(identifier).map(|_| Self::Peppol {
                    scheme: scheme.into(),
                    identifier: identifier.into(),
                });
            }
            return Ok(Self::Peppol {
                scheme: scheme.into(),
                identifier: identifier.into(),
            });
        }
        Self::parse_gln(text)
    }

    fn parse_gln(text: &str) -> Result<Self, Invalid> {
        let d = digits(text, 13, "a GLN (EAN number)")?;
        let sum: u32 = d[..12]
            .iter()
            .rev()
            .enumerate()
            .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
            .sum();
        if (10 - sum % 10) % 10 != d[12] {
            return Err(Invalid::new(format!("'{text}' fails the GLN check digit")));
        }
        Ok(Self::Gln(joined(&d)))
    }

    /// The Peppol scheme and identifier, as an e-invoice's `EndpointID` carries them.
    pub fn endpoint(&self) -> (&str, &str) {
        match self {
            Self::Gln(gln) => ("0088", gln),
            Self::Peppol { scheme, identifier } => (scheme, identifier),
        }
    }
}

impl TryFrom<String> for EInvoiceAddress {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<EInvoiceAddress> for String {
    fn from(a: EInvoiceAddress) -> String {
        a.to_string()
    }
}

impl fmt::Display for EInvoiceAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Gln(gln) => f.write_str(gln),
            Self::Peppol { scheme, identifier } => write!(f, "{scheme}:{identifier}"),
        }
    }
}

/// A Danish bank account: a 4-digit registration number (the branch) and an account
/// number of up to 10 digits, written "9570 0001234567". E-invoices carry the two apart
/// (Peppol's Danish rule DK-R-006), so they are kept apart from input on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccount {
    pub registration: String,
    pub account: String,
}

impl BankAccount {
    /// Reads "RRRR AAAAAAAAAA", with or without the space or a dash between the two; a
    /// run of 14 digits is read as registration then account.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let invalid = || {
            Invalid::new(format!(
                "'{text}' is not a registration and account number like 9570 0001234567"
            ))
        };
        let text = text.trim();
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let (registration, account) = match text.split_once([' ', '-']) {
            Some((r, a)) => (r.trim(), a.trim()),
            None if text.len() == 14 => text.split_at(4),
            None => return Err(invalid()),
        };
        if registration.len() != 4
            || !all_digits(registration)
            || !all_digits(account)
            || account.len() > 10
        {
            return Err(invalid());
        }
        Ok(Self {
            registration: registration.into(),
            account: format!("{account:0>10}"),
        })
    }
}

impl fmt::Display for BankAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.registration, self.account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_cvr_numbers() {
        // Aalborg Kommune's CVR number.
        assert!(Cvr::parse("29189420").is_ok());
        assert!(Cvr::parse("2918 9420").is_ok());
        assert!(Cvr::parse("29189421").is_err());
        assert!(Cvr::parse("2918942").is_err());
        assert!(Cvr::parse("04189420").is_err());
    }

    #[test]
    fn bank_accounts_split_into_registration_and_account() {
        for text in [
            "9570 0001234567",
            "9570-1234567",
            "95700001234567",
            " 9570  0001234567 ",
        ] {
            let a = BankAccount::parse(text).unwrap();
            assert_eq!(
                (a.registration.as_str(), a.account.as_str()),
                ("9570", "0001234567"),
                "{text}"
            );
            assert_eq!(a.to_string(), "9570 0001234567");
        }
        for bad in [
            "",
            "9570",
            "957 0001234567",
            "9570 00012345678",
            "9570 12a4",
            "DK5000400440116243",
        ] {
            let e = BankAccount::parse(bad).unwrap_err();
            assert!(e.0.contains("registration and account"), "{bad}: {e:?}");
        }
    }

    #[test]
    fn gln_check_digit() {
        assert!(EInvoiceAddress::parse("5790000000013").is_err());
        assert!(EInvoiceAddress::parse("5798000416604").is_ok());
        assert_eq!(
            EInvoiceAddress::parse("0184:29189420").unwrap().endpoint(),
            ("0184", "29189420")
        );
        assert!(EInvoiceAddress::parse("184:2918").is_err());
    }

    proptest! {
        #[test]
        fn a_cvr_parses_exactly_when_its_weighted_sum_is_a_multiple_of_11(n in 10_000_000u32..99_999_999) {
            let text = n.to_string();
            let sum: u32 = text.chars().zip([2, 7, 6, 5, 4, 3, 2, 1]).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
            prop_assert_eq!(Cvr::parse(&text).is_ok(), sum.is_multiple_of(11), "{}", text);
        }

        #[test]
        fn one_changed_digit_breaks_a_cvr(seven in 1_000_000u32..9_999_999, pos in 1usize..8, bump in 1u32..10) {
            if let Some(cvr) = Cvr::complete(seven) {
                let mut d: Vec<u32> = cvr.as_str().chars().map(|c| c.to_digit(10).unwrap()).collect();
                d[pos] = (d[pos] + bump) % 10;
                // Weights are all below 11 and non-zero, so any single-digit change breaks the sum.
                prop_assert!(Cvr::parse(&joined(&d)).is_err());
            }
        }

        #[test]
        fn anything_but_eight_digits_is_refused(s in "[0-9]{0,7}|[0-9]{9,12}|[a-z]{8}") {
            prop_assert!(Cvr::parse(&s).is_err());
        }
    }
}
