//! How each planned person stands with their work, as the coordinator's board shows it
//! beside their name: what they answered, whether they checked in and when, and whether
//! they came late, early or not at all.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;
use store::plans::PlannedWork;
use store::time::{EntryKind, EntryStatus, TimeEntry};
use store::worker::{Reply, StoredReply};

/// A check-in more than this many minutes after the planned start is late.
pub const LATE_MINUTES: i64 = 15;
/// A check-in more than this many minutes before the planned start is early.
pub const EARLY_MINUTES: i64 = 30;

/// Where one planned person stands with one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub reply: Option<Reply>,
    pub check: Check,
}

/// What the hours say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The day has not come, or the work has not begun.
    NotYet,
    /// Checked in on time, at `at`, still at work or done.
    OnTime { at: DateTime<Utc> },
    /// Checked in more than [`LATE_MINUTES`] after the planned start.
    Late { at: DateTime<Utc> },
    /// Checked in more than [`EARLY_MINUTES`] before the planned start.
    Early { at: DateTime<Utc> },
    /// A no-show or a cancellation is recorded.
    Recorded,
    /// The work's day has passed, or its start is past by more than [`LATE_MINUTES`], and
    /// nothing is recorded.
    Missing,
}

/// Attendance by (task, occurrence, person) for the planned work, from the replies and
/// the counting time entries, as of `now`.
pub fn attendance(
    planned: &[PlannedWork],
    replies: &[StoredReply],
    entries: &[TimeEntry],
    now: DateTime<Utc>,
) -> BTreeMap<(i64, NaiveDate, i64), Attendance> {
    planned
        .iter()
        .map(|work| {
            let key = (work.task_id, work.occurrence, work.person_id);
            let reply = replies
                .iter()
                .find(|r| {
                    (
                        r.occasion.task_id,
                        r.occasion.occurrence,
                        r.occasion.person_id,
                    ) == key
                })
                .map(|r| r.reply);
            let entry = entries.iter().find(|e| {
                (e.task_id, e.occurrence, e.person_id) == key && e.status != EntryStatus::Corrected
            });
            (
                key,
                Attendance {
                    reply,
                    check: check(work, entry, now),
                },
            )
        })
        .collect()
}

fn check(work: &PlannedWork, entry: Option<&TimeEntry>, now: DateTime<Utc>) -> Check {
    match entry {
        Some(e) => match (e.kind, e.started_at) {
            (EntryKind::Worked, Some(at)) => {
                if at > work.start + Duration::minutes(LATE_MINUTES) {
                    Check::Late { at }
                } else if at < work.start - Duration::minutes(EARLY_MINUTES) {
                    Check::Early { at }
                } else {
                    Check::OnTime { at }
                }
            }
            _ => Check::Recorded,
        },
        None if now > work.start + Duration::minutes(LATE_MINUTES) => Check::Missing,
        None => Check::NotYet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::calendar::parse_instant;

    fn at(t: &str) -> DateTime<Utc> {
        parse_instant(t).unwrap()
    }

    fn entry(started: Option<&str>, kind: EntryKind) -> TimeEntry {
        TimeEntry {
            id: 1,
            task_id: 1,
            occurrence: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            person_id: 7,
            kind,
            status: EntryStatus::Registered,
            started_at: started.map(at),
            ended_at: None,
            minutes: None,
            reason: None,
            told: None,
            corrects: None,
            corrected_by: None,
            confirmed_at: None,
            confirmed_by: None,
            created_at: "2026-12-01T08:00:00Z".into(),
            created_by: "w@example.dk".into(),
            outside_plan: false,
        }
    }

    #[test]
    fn a_check_in_is_on_time_late_early_or_missing() {
        let work = PlannedWork {
            task_id: 1,
            occurrence: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            start: at("2026-12-01T09:00:00+01:00"),
            end: at("2026-12-01T11:00:00+01:00"),
            person_id: 7,
        };
        let morning = at("2026-12-01T08:00:00+01:00");
        let noon = at("2026-12-01T12:00:00+01:00");
        let seen = |e: Option<TimeEntry>, now| {
            let entries: Vec<TimeEntry> = e.into_iter().collect();
            attendance(std::slice::from_ref(&work), &[], &entries, now)[&(1, work.occurrence, 7)]
                .check
                .clone()
        };
        assert_eq!(seen(None, morning), Check::NotYet);
        assert_eq!(seen(None, noon), Check::Missing);
        let on_time = "2026-12-01T09:10:00+01:00";
        assert_eq!(
            seen(Some(entry(Some(on_time), EntryKind::Worked)), noon),
            Check::OnTime { at: at(on_time) }
        );
        let late = "2026-12-01T09:20:00+01:00";
        assert_eq!(
            seen(Some(entry(Some(late), EntryKind::Worked)), noon),
            Check::Late { at: at(late) }
        );
        let early = "2026-12-01T08:20:00+01:00";
        assert_eq!(
            seen(Some(entry(Some(early), EntryKind::Worked)), noon),
            Check::Early { at: at(early) }
        );
        assert_eq!(
            seen(Some(entry(None, EntryKind::NoShow)), noon),
            Check::Recorded
        );
    }
}
