//! The seven initiatives of the mission, each with its page at `/initiatives/{slug}` and
//! the indicators that belong to it.

/// An initiative: its slug and its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Initiative {
    pub slug: &'static str,
    pub name_da: &'static str,
    pub name_en: &'static str,
}

/// The initiatives, in the mission's order.
pub const ALL: [Initiative; 7] = [
    Initiative {
        slug: "small-jobs",
        name_da: "Små job med mening",
        name_en: "Small jobs with a purpose",
    },
    Initiative {
        slug: "flex-waste",
        name_da: "Flex Waste",
        name_en: "Flex Waste",
    },
    Initiative {
        slug: "alliance",
        name_da: "Aalborg Alliancen",
        name_en: "The Aalborg Alliance",
    },
    Initiative {
        slug: "climate",
        name_da: "Klimakommune",
        name_en: "Climate municipality",
    },
    Initiative {
        slug: "mobility",
        name_da: "Mobilitetsplanen",
        name_en: "The mobility plan",
    },
    Initiative {
        slug: "green-agents",
        name_da: "Grønne agenter",
        name_en: "Green agents",
    },
    Initiative {
        slug: "festival",
        name_da: "Bæredygtighedsfestivalen",
        name_en: "The Sustainability Festival",
    },
];

/// An initiative by its slug.
pub fn find(slug: &str) -> Option<&'static Initiative> {
    ALL.iter().find(|i| i.slug == slug)
}

/// Every slug, in order.
pub fn slugs() -> Vec<&'static str> {
    ALL.iter().map(|i| i.slug).collect()
}
