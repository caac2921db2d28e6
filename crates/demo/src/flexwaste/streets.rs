//! The streets of central Aalborg where the demo's shops and offices are.

/// A street in the city centre where shops and offices are, with its middle's
/// coordinates, its highest house number and how many customers it has.
pub(super) struct Street {
    pub(super) street: &'static str,
    pub(super) latitude: f64,
    pub(super) longitude: f64,
    pub(super) numbers: u32,
    pub(super) weight: u32,
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
pub(super) const STREETS: &[Street] = &[
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
