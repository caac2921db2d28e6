//! Streets for home and work addresses, with approximate coordinates so distances and
//! travel times computed from them look like Aalborg's.

/// A residential street: where the agency's people live.
pub(crate) struct HomeStreet {
    pub street: &'static str,
    pub postcode: &'static str,
    pub town: &'static str,
    pub latitude: f64,
    pub longitude: f64,
}

const fn home(
    street: &'static str,
    postcode: &'static str,
    town: &'static str,
    latitude: f64,
    longitude: f64,
) -> HomeStreet {
    HomeStreet {
        street,
        postcode,
        town,
        latitude,
        longitude,
    }
}

/// Homes spread over the city and its suburbs, so travel limits bite for some people.
pub(crate) const HOME_STREETS: &[HomeStreet] = &[
    // Aalborg C and Vestbyen
    home("Kastetvej", "9000", "Aalborg", 57.0484, 9.9010),
    home("Sankelmarksgade", "9000", "Aalborg", 57.0431, 9.9146),
    home("Prinsensgade", "9000", "Aalborg", 57.0446, 9.9238),
    home("Fyensgade", "9000", "Aalborg", 57.0436, 9.9270),
    home("Kjellerupsgade", "9000", "Aalborg", 57.0421, 9.9302),
    home("Poul Paghs Gade", "9000", "Aalborg", 57.0452, 9.9068),
    // Hasseris
    home("Hasserisvej", "9000", "Aalborg", 57.0405, 9.8930),
    home("Bymarken", "9000", "Aalborg", 57.0372, 9.8805),
    home("Hasseris Bymidte", "9000", "Aalborg", 57.0390, 9.8870),
    // Vejgaard
    home("Hadsundvej", "9000", "Aalborg", 57.0440, 9.9495),
    home("Sohngaardsholmsvej", "9000", "Aalborg", 57.0398, 9.9440),
    home("Vejgaard Torv", "9000", "Aalborg", 57.0447, 9.9512),
    // Aalborg SV (Skalborg)
    home("Hobrovej", "9200", "Aalborg SV", 57.0240, 9.9010),
    home("Skalborg Bakke", "9200", "Aalborg SV", 57.0215, 9.8960),
    // Aalborg SØ (Gug, Grønlandskvarteret)
    home("Indkildevej", "9210", "Aalborg SØ", 57.0285, 9.9595),
    home("Gugvej", "9210", "Aalborg SØ", 57.0240, 9.9560),
    // Aalborg Øst
    home("Fyrkildevej", "9220", "Aalborg Øst", 57.0335, 9.9740),
    home("Humlebakken", "9220", "Aalborg Øst", 57.0360, 9.9700),
    home("Smedegaardsvej", "9220", "Aalborg Øst", 57.0400, 9.9765),
    // Nørresundby
    home("Vestergade", "9400", "Nørresundby", 57.0588, 9.9205),
    home("Lindholmsvej", "9400", "Nørresundby", 57.0610, 9.9120),
    home("Thistedvej", "9400", "Nørresundby", 57.0640, 9.9040),
    home("Hvorupvej", "9400", "Nørresundby", 57.0665, 9.9235),
];

/// A street in the city centre where companies have their sites.
pub(crate) struct CentralStreet {
    pub street: &'static str,
    pub latitude: f64,
    pub longitude: f64,
}

const fn central(street: &'static str, latitude: f64, longitude: f64) -> CentralStreet {
    CentralStreet {
        street,
        latitude,
        longitude,
    }
}

/// Central Aalborg, all postcode 9000: shops, offices and the municipality's own buildings.
pub(crate) const CENTRAL_STREETS: &[CentralStreet] = &[
    central("Boulevarden", 57.0471, 9.9206),
    central("Vesterbro", 57.0481, 9.9160),
    central("Algade", 57.0477, 9.9193),
    central("Bispensgade", 57.0487, 9.9222),
    central("Nytorv", 57.0485, 9.9233),
    central("Østerågade", 57.0492, 9.9214),
    central("Jomfru Ane Gade", 57.0499, 9.9197),
    central("Danmarksgade", 57.0456, 9.9236),
    central("Kastetvej", 57.0479, 9.9112),
    central("Hobrovej", 57.0452, 9.9168),
    central("Sønderbro", 57.0457, 9.9256),
    central("Gammeltorv", 57.0490, 9.9185),
    central("Vingårdsgade", 57.0486, 9.9171),
    central("Adelgade", 57.0478, 9.9255),
    central("Ved Stranden", 57.0501, 9.9229),
    central("Strandvejen", 57.0509, 9.9131),
    central("Kattesundet", 57.0480, 9.9181),
    central("Reberbansgade", 57.0481, 9.9241),
    central("Vesterå", 57.0495, 9.9201),
    central("Niels Ebbesens Gade", 57.0469, 9.9137),
];

/// Rounds a coordinate to six decimals (about 10 cm), as map services return them.
pub(crate) fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}
