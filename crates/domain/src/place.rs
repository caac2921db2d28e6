//! Where things are: a postal address with the coordinates planning and routing need.

use crate::Invalid;
use serde::{Deserialize, Serialize};

/// A point on the map in WGS 84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coordinates {
    pub latitude: f64,
    pub longitude: f64,
}

impl Coordinates {
    pub fn parse(latitude: f64, longitude: f64) -> Result<Self, Invalid> {
        if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
            return Err(Invalid::new(format!(
                "latitude {latitude} is not between -90 and 90"
            )));
        }
        if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
            return Err(Invalid::new(format!(
                "longitude {longitude} is not between -180 and 180"
            )));
        }
        Ok(Self {
            latitude,
            longitude,
        })
    }

    /// Great-circle distance in metres; routing multiplies it by a detour factor.
    pub fn haversine_metres(self, other: Coordinates) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_008.8;
        let (lat1, lat2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.longitude - self.longitude).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().asin()
    }
}

/// A Danish postal address written on one line, `Boulevarden 13, 9000 Aalborg`, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub line: String,
    pub coordinates: Coordinates,
}

impl Address {
    /// Needs a street part and a four-digit postcode before the town, as Danish addresses have.
    pub fn parse_line(text: &str) -> Result<String, Invalid> {
        let text = text.trim();
        let bad = || {
            Invalid::new(format!(
                "'{text}' is not an address like 'Boulevarden 13, 9000 Aalborg'"
            ))
        };
        let (street, town) = text.rsplit_once(',').ok_or_else(bad)?;
        let mut town_parts = town.trim().splitn(2, ' ');
        let postcode = town_parts.next().unwrap_or("");
        let city = town_parts.next().unwrap_or("").trim();
        if street.trim().is_empty()
            || postcode.len() != 4
            || !postcode.chars().all(|c| c.is_ascii_digit())
            || city.is_empty()
            || text.len() > 200
        {
            return Err(bad());
        }
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aalborg_to_noerresundby_is_about_two_km() {
        let city_hall = Coordinates::parse(57.0488, 9.9217).unwrap();
        let noerresundby = Coordinates::parse(57.0593, 9.9227).unwrap();
        let d = city_hall.haversine_metres(noerresundby);
        assert!((1100.0..1300.0).contains(&d), "{d}");
    }

    #[test]
    fn addresses_need_a_postcode() {
        assert!(Address::parse_line("Boulevarden 13, 9000 Aalborg").is_ok());
        assert!(Address::parse_line("Boulevarden 13, Aalborg").is_err());
        assert!(Address::parse_line("Boulevarden 13").is_err());
        assert!(Coordinates::parse(91.0, 0.0).is_err());
        assert!(Coordinates::parse(f64::NAN, 0.0).is_err());
    }
}
