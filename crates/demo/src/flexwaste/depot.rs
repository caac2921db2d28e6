//! Where Flex Waste's vehicles start and end the day, and where they unload.

use domain::Invalid;
use domain::calendar::TimeWindow;
use domain::waste::Fraction;
use store::waste::{PlaceKind, WastePlace};

/// The depot by the harbour, and the hubs at the two department stores on Nytorv.
pub(super) fn places() -> Result<(WastePlace, Vec<WastePlace>), Invalid> {
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
