//! "Now", handed to every edge in its state instead of read from the system clock, so a
//! test can set the day and the time.

use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::local_date;
use std::sync::{Arc, RwLock};

/// The time as the application sees it: the system's, or one a test has set.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// A set time; none follows the system clock.
    fixed: Option<Arc<RwLock<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock standing at `at` until it is set again.
    pub fn fixed(at: DateTime<Utc>) -> Self {
        Self {
            fixed: Some(Arc::new(RwLock::new(at))),
        }
    }

    /// Moves a fixed clock to `at`; the system clock cannot be moved and is left alone.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(fixed) = &self.fixed
            && let Ok(mut now) = fixed.write()
        {
            *now = at;
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.fixed {
            Some(fixed) => fixed.read().map_or_else(|_| Utc::now(), |at| *at),
            None => Utc::now(),
        }
    }

    /// Today in Copenhagen.
    pub fn today(&self) -> NaiveDate {
        local_date(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still_until_it_is_set() {
        let at = "2026-12-01T07:30:00Z".parse::<DateTime<Utc>>().unwrap();
        let clock = Clock::fixed(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.today().to_string(), "2026-12-01");
        let later = "2026-12-01T23:30:00Z".parse::<DateTime<Utc>>().unwrap();
        clock.clone().set(later);
        // Past midnight in Copenhagen, still the 1st in UTC.
        assert_eq!(clock.today().to_string(), "2026-12-02");
    }
}
