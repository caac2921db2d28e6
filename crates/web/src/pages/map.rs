//! Flex Waste's routes drawn as an SVG map from the places' coordinates, without map
//! tiles: the depot a square, hubs triangles, stops numbered circles in their route's
//! colour (a ring when a pickup is recorded), stops left out a red cross. The
//! coordinator's map shows the day's plan ([`draw`]); the driver's, their own stops
//! numbered as their list numbers them ([`of_sheet`]). Both render through
//! `templates/waste_map.html`. The green agents' overview pins its communities' places
//! ([`of_places`]).

use service::flexwaste::board::DayBoard;
use service::flexwaste::sheet::{SheetStop, StopKind};
use store::waste::Visit;

/// Colours for routes, told apart in print and by most colour-blind readers, each dark
/// enough for white numbers.
pub const COLOURS: [&str; 8] = [
    "#1b6ca8", "#b03a2e", "#1e7b4f", "#7d3c98", "#a04000", "#117a65", "#6e5a00", "#2c3e50",
];

/// The map's width in SVG units; the height follows the area's shape.
const WIDTH: f64 = 640.0;
const PAD: f64 = 24.0;

/// A numbered stop.
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub n: usize,
    pub recorded: bool,
}

/// One route on the map.
pub struct Line {
    pub colour: &'static str,
    /// `x,y x,y …` from the depot through the visits and back.
    pub points: String,
    pub stops: Vec<Dot>,
}

/// A place marked on the map.
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub name: String,
}

pub struct Map {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Line>,
    pub depots: Vec<Mark>,
    pub hubs: Vec<Mark>,
    pub left_out: Vec<Mark>,
}

/// A place pinned on a map of places, numbered and coloured by its group.
pub struct Pin {
    pub x: f64,
    pub y: f64,
    pub n: usize,
    pub colour: &'static str,
    pub name: String,
}

/// A map of places only: the green agents' communities.
pub struct Pins {
    pub width: f64,
    pub height: f64,
    pub pins: Vec<Pin>,
}

/// `places` as (latitude, longitude, name, group) pinned on one map, numbered in order
/// and coloured by group; none without places.
pub fn of_places(places: &[(f64, f64, String, usize)]) -> Option<Pins> {
    if places.is_empty() {
        return None;
    }
    let points: Vec<(f64, f64)> = places.iter().map(|p| (p.0, p.1)).collect();
    let (projection, height) = Projection::fit(&points);
    let pins = places
        .iter()
        .enumerate()
        .map(|(i, (latitude, longitude, name, group))| {
            let (x, y) = projection.at(*latitude, *longitude);
            Pin {
                x,
                y,
                n: i + 1,
                colour: COLOURS[group % COLOURS.len()],
                name: name.clone(),
            }
        })
        .collect();
    Some(Pins {
        width: WIDTH,
        height,
        pins,
    })
}

/// From latitude and longitude to the map's units: an equirectangular projection at
/// the area's mean latitude, north up, fitted into the width.
struct Projection {
    west: f64,
    north: f64,
    scale: f64,
    stretch: f64,
}

impl Projection {
    fn fit(points: &[(f64, f64)]) -> (Self, f64) {
        let lat = |p: &(f64, f64)| p.0;
        let lon = |p: &(f64, f64)| p.1;
        let (mut south, mut north, mut west, mut east) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for p in points {
            south = south.min(lat(p));
            north = north.max(lat(p));
            west = west.min(lon(p));
            east = east.max(lon(p));
        }
        if points.is_empty() {
            (south, north, west, east) = (0.0, 0.0, 0.0, 0.0);
        }
        let stretch = ((south + north) / 2.0).to_radians().cos().max(0.1);
        let wide = ((east - west) * stretch).max(1e-4);
        let tall = (north - south).max(1e-4);
        let scale = (WIDTH - 2.0 * PAD) / wide.max(tall);
        let height = tall * scale + 2.0 * PAD;
        (
            Self {
                west,
                north,
                scale,
                stretch,
            },
            height.max(120.0),
        )
    }

    fn at(&self, latitude: f64, longitude: f64) -> (f64, f64) {
        let x = PAD + (longitude - self.west) * self.stretch * self.scale;
        let y = PAD + (self.north - latitude) * self.scale;
        ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
    }
}

/// The map of `board`'s plan; none without one.
pub fn draw(board: &DayBoard) -> Option<Map> {
    let plan = board.plan.as_ref()?;
    let place = |v: &Visit| -> Option<(f64, f64)> {
        match (v.site_id, v.place_id) {
            (Some(site), _) => board.sites.get(&site).map(|s| (s.latitude, s.longitude)),
            (None, Some(place)) => board.places.get(&place).map(|p| (p.latitude, p.longitude)),
            _ => None,
        }
    };
    let depots: Vec<_> = board
        .places
        .values()
        .filter(|p| p.kind == domain::waste::PlaceKind::Depot)
        .collect();
    let hubs: Vec<_> = board
        .places
        .values()
        .filter(|p| p.kind == domain::waste::PlaceKind::Hub)
        .collect();
    let mut points: Vec<(f64, f64)> = plan
        .routes
        .iter()
        .flat_map(|r| r.visits.iter().filter_map(place))
        .collect();
    points.extend(
        depots
            .iter()
            .chain(&hubs)
            .map(|p| (p.latitude, p.longitude)),
    );
    points.extend(
        plan.unserved
            .iter()
            .filter_map(|(site, _)| board.sites.get(site))
            .map(|s| (s.latitude, s.longitude)),
    );
    let (projection, height) = Projection::fit(&points);
    let home = depots
        .first()
        .map(|d| projection.at(d.latitude, d.longitude));
    let lines = plan
        .routes
        .iter()
        .enumerate()
        .map(|(k, route)| {
            let mut path: Vec<(f64, f64)> = home.into_iter().collect();
            let mut stops = Vec::new();
            for visit in &route.visits {
                let Some((lat, lon)) = place(visit) else {
                    continue;
                };
                let (x, y) = projection.at(lat, lon);
                path.push((x, y));
                if let Some(site) = visit.site_id {
                    stops.push(Dot {
                        x,
                        y,
                        n: stops.len() + 1,
                        recorded: board.recorded.contains(&site),
                    });
                }
            }
            path.extend(home);
            Line {
                colour: COLOURS[k % COLOURS.len()],
                points: path
                    .iter()
                    .map(|(x, y)| format!("{x},{y}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                stops,
            }
        })
        .collect();
    let mark = |name: &str, lat: f64, lon: f64| {
        let (x, y) = projection.at(lat, lon);
        Mark {
            x,
            y,
            name: name.to_string(),
        }
    };
    Some(Map {
        width: WIDTH,
        height: (height * 10.0).round() / 10.0,
        lines,
        depots: depots
            .iter()
            .map(|p| mark(&p.name, p.latitude, p.longitude))
            .collect(),
        hubs: hubs
            .iter()
            .map(|p| mark(&p.name, p.latitude, p.longitude))
            .collect(),
        left_out: plan
            .unserved
            .iter()
            .filter_map(|(site, _)| board.sites.get(site))
            .map(|s| mark(&s.name, s.latitude, s.longitude))
            .collect(),
    })
}

/// The driver's map: each of their routes through its stops in order, numbered as the
/// sheet numbers them, from and back to the depot; none when no stop has coordinates.
pub fn of_sheet(stops: &[SheetStop]) -> Option<Map> {
    let points: Vec<(f64, f64)> = stops.iter().filter_map(|s| s.coordinates).collect();
    if points.is_empty() {
        return None;
    }
    let (projection, height) = Projection::fit(&points);
    let at = |(lat, lon): (f64, f64)| projection.at(lat, lon);
    let mut depots = Vec::new();
    let mut hubs = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut route = None;
    let mut path: Vec<(f64, f64)> = Vec::new();
    let mut dots = Vec::new();
    let finish = |lines: &mut Vec<Line>, path: &mut Vec<(f64, f64)>, dots: &mut Vec<Dot>| {
        if !path.is_empty() || !dots.is_empty() {
            lines.push(Line {
                colour: COLOURS[lines.len() % COLOURS.len()],
                points: path
                    .iter()
                    .map(|(x, y)| format!("{x},{y}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                stops: std::mem::take(dots),
            });
            path.clear();
        }
    };
    for stop in stops {
        if route != Some(stop.route_id) {
            finish(&mut lines, &mut path, &mut dots);
            route = Some(stop.route_id);
            // A route leaves from the depot it ends at.
            let depot = stops
                .iter()
                .filter(|s| s.route_id == stop.route_id)
                .find(|s| matches!(s.kind, StopKind::Depot { .. }))
                .and_then(|s| s.coordinates);
            path.extend(depot.map(at));
        }
        let Some(point) = stop.coordinates.map(at) else {
            continue;
        };
        path.push(point);
        let mark = |name: &str| Mark {
            x: point.0,
            y: point.1,
            name: name.to_string(),
        };
        match &stop.kind {
            StopKind::Site { .. } => dots.push(Dot {
                x: point.0,
                y: point.1,
                n: stop.number,
                recorded: stop.recorded.is_some(),
            }),
            StopKind::Hub { name, .. } => hubs.push(mark(name)),
            StopKind::Depot { name } => depots.push(mark(name)),
        }
    }
    finish(&mut lines, &mut path, &mut dots);
    Some(Map {
        width: WIDTH,
        height: (height * 10.0).round() / 10.0,
        lines,
        depots,
        hubs,
        left_out: Vec::new(),
    })
}
