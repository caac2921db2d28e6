//! Closing a day: after it, the drivers' stops of that day are no longer changed — not
//! recorded, not corrected, not planned again. The coordinator closes a day when its
//! routes are in; a day that was not closed by hand closes at local midnight.

use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use store::waste::Closure;
use store::{Refusal, Store, StoreError};

/// Whether a day is open, or closed and how.
#[derive(Debug, Clone, PartialEq)]
pub enum DayState {
    Open,
    /// Closed by hand: who and when.
    Closed(Closure),
    /// Past: closed at midnight.
    Past,
}

impl DayState {
    pub fn is_closed(&self) -> bool {
        !matches!(self, DayState::Open)
    }
}

/// Whether `day` is still open on `today` (local).
pub async fn state(store: &Store, day: NaiveDate, today: NaiveDate) -> Result<DayState> {
    if let Some(closure) = store.waste_day_closure(day).await? {
        return Ok(DayState::Closed(closure));
    }
    Ok(if day < today {
        DayState::Past
    } else {
        DayState::Open
    })
}

/// Refuses a change to a closed day's stops.
pub async fn still_open(store: &Store, day: NaiveDate, today: NaiveDate) -> Result<()> {
    if state(store, day, today).await?.is_closed() {
        return Err(ServiceError::Store(StoreError::Refused(
            Refusal::DayClosed { day },
        )));
    }
    Ok(())
}

/// Closes `day` by hand (the coordinator); closing a closed day changes nothing. A day
/// beyond the range every date input has (near `now`) is refused by its field.
pub async fn close_day(
    store: &Store,
    by: &Actor,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<DayState> {
    crate::records::agency_only(by, "day plan")?;
    let today = domain::calendar::local_date(now);
    domain::calendar::near(day, today).map_err(|e| ServiceError::invalid("date", e.0))?;
    Ok(DayState::Closed(
        store
            .close_waste_day(day, now, &crate::recorded(by))
            .await?,
    ))
}

/// A day closed, as the API answers.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ClosedOut {
    #[schema(example = "2026-12-04")]
    pub date: String,
    /// When it closed: by hand, or at the local midnight after it.
    #[schema(example = "2026-12-04T15:10:00+01:00")]
    pub closed_at: String,
    /// Who closed it; `midnight` when it closed by itself.
    pub closed_by: String,
}

/// Closes the day in `date` (the API's path) and answers how it stands closed: a day
/// past is closed at midnight already, and stays as it was.
pub async fn close(store: &Store, by: &Actor, date: &str, now: DateTime<Utc>) -> Result<ClosedOut> {
    crate::records::agency_only(by, "day plan")?;
    let today = domain::calendar::local_date(now);
    let day = domain::calendar::parse_date(date)
        .and_then(|day| domain::calendar::near(day, today).map(|()| day))
        .map_err(|e| ServiceError::invalid("date", e.0))?;
    let state = match state(store, day, today).await? {
        DayState::Open => close_day(store, by, day, now).await?,
        closed => closed,
    };
    Ok(match state {
        DayState::Closed(c) => ClosedOut {
            date: day.to_string(),
            closed_at: domain::calendar::format_instant(c.at),
            closed_by: c.by,
        },
        _ => ClosedOut {
            date: day.to_string(),
            closed_at: domain::calendar::format_instant(domain::calendar::local_instant_or_later(
                day.succ_opt()
                    .unwrap_or(day)
                    .and_time(chrono::NaiveTime::MIN),
            )),
            closed_by: "midnight".into(),
        },
    })
}
