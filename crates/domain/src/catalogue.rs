//! The agency's catalogues: the skills a person can hold and the task types companies order.
//! Each entry has a code (API, CSV, database) and a Danish and English label (pages).

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! catalogue {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal, $da:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            /// Every entry, in catalogue order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn parse(text: &str) -> Result<Self, Invalid> {
                let code = text.trim().to_lowercase();
                Self::ALL.iter().copied().find(|e| e.code() == code).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|e| e.code()).collect();
                    Invalid::new(format!("'{}' is not a known {}; known: {}", text.trim(), $what, codes.join(", ")))
                })
            }

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn label(self, locale: crate::contact::Locale) -> &'static str {
                match (self, locale) {
                    $(($name::$variant, crate::contact::Locale::Da) => $da,
                      ($name::$variant, crate::contact::Locale::En) => $en,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

catalogue! {
    /// A skill from the agency's catalogue, held by a person and required by a task.
    Skill, "skill" {
        Cleaning => "cleaning", "Rengøring", "Cleaning";
        Sorting => "sorting", "Sortering", "Sorting";
        Gardening => "gardening", "Havearbejde", "Gardening";
        KitchenHygiene => "kitchen_hygiene", "Hygiejnebevis", "Food hygiene certificate";
        Forklift => "forklift", "Truckcertifikat", "Forklift licence";
        DrivingLicenceB => "driving_licence_b", "Kørekort B", "Driving licence B";
        CargoBike => "cargo_bike", "Ladcykel", "Cargo bike";
        CustomerService => "customer_service", "Kundeservice", "Customer service";
        OfficeIt => "office_it", "Kontor og IT", "Office and IT";
        WarehousePicking => "warehouse_picking", "Lagerpluk", "Warehouse picking";
        FirstAid => "first_aid", "Førstehjælp", "First aid";
        PowerTools => "power_tools", "Elværktøj", "Power tools";
    }
}

catalogue! {
    /// A kind of work a company orders and an agreement prices.
    TaskType, "task type" {
        Cleaning => "cleaning", "Rengøring", "Cleaning";
        Sorting => "sorting", "Sortering", "Sorting";
        Gardening => "gardening", "Havearbejde", "Gardening";
        KitchenHelp => "kitchen_help", "Køkkenhjælp", "Kitchen help";
        OfficeHelp => "office_help", "Kontorhjælp", "Office help";
        Delivery => "delivery", "Budtjeneste", "Delivery";
        Driving => "driving", "Kørsel", "Driving";
        Warehouse => "warehouse", "Lagerarbejde", "Warehouse work";
        Maintenance => "maintenance", "Vedligehold", "Maintenance";
    }
}

/// Parses a list of skill codes, refusing duplicates so a list reads back the same.
pub fn parse_skills<S: AsRef<str>>(codes: &[S]) -> Result<Vec<Skill>, Invalid> {
    let mut skills = Vec::with_capacity(codes.len());
    for code in codes {
        let skill = Skill::parse(code.as_ref())?;
        if !skills.contains(&skill) {
            skills.push(skill);
        }
    }
    skills.sort();
    Ok(skills)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back() {
        for s in Skill::ALL {
            assert_eq!(Skill::parse(s.code()).unwrap(), *s);
        }
        for t in TaskType::ALL {
            assert_eq!(TaskType::parse(t.code()).unwrap(), *t);
        }
        let err = Skill::parse("juggling").unwrap_err();
        assert!(err.0.contains("forklift"), "{err}");
    }
}
