//! Who to tell when a plan changes, and what: each worker whose work was given, taken or
//! moved gets one message with every change, and each company whose occurrences changed
//! people or hours gets one per contact, in their account's language (Danish without
//! one). Only work after the re-plan's moment counts: nobody is told about yesterday.
//! The messages go into the outbox with the plan.

use crate::Result;
use crate::mail::{Change, Message, StaffingChange, WorkChange};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use store::Store;
use store::outbox::{Mail, NewNotice};
use store::plans::PlannedWork;

/// One person's piece of work, as the two plans have it.
type Key = (i64, NaiveDate, i64);

fn keyed(work: &[PlannedWork]) -> BTreeMap<Key, &PlannedWork> {
    work.iter()
        .map(|w| ((w.task_id, w.occurrence, w.person_id), w))
        .collect()
}

/// One change to a person's work: what happened, the work as it is now (as it was, for
/// work taken), and the work as it was before it moved.
pub type WorkMove<'a> = (Change, &'a PlannedWork, Option<&'a PlannedWork>);

/// Who works an occurrence, and when.
type Staffing = BTreeSet<(i64, DateTime<Utc>, DateTime<Utc>)>;

/// Each person's changes from `before` to `after`, for work starting after `from`.
pub fn work_changes<'a>(
    before: &'a [PlannedWork],
    after: &'a [PlannedWork],
    from: DateTime<Utc>,
) -> BTreeMap<i64, Vec<WorkMove<'a>>> {
    let (was, is) = (keyed(before), keyed(after));
    let mut changes: BTreeMap<i64, Vec<_>> = BTreeMap::new();
    for (key, now) in &is {
        let change = match was.get(key) {
            None => Some((Change::Given, *now, None)),
            Some(then) if (then.start, then.end) != (now.start, now.end) => {
                Some((Change::Moved, *now, Some(*then)))
            }
            Some(_) => None,
        };
        if let Some(change) = change.filter(|c| c.1.start > from) {
            changes.entry(key.2).or_default().push(change);
        }
    }
    for (key, then) in &was {
        if !is.contains_key(key) && then.start > from {
            changes
                .entry(key.2)
                .or_default()
                .push((Change::Taken, *then, None));
        }
    }
    for list in changes.values_mut() {
        list.sort_by_key(|(_, work, _)| (work.start, work.task_id));
    }
    changes
}

/// The occurrences, by (task, date), whose people or hours differ between the plans,
/// for work after `from`.
pub fn changed_occurrences(
    before: &[PlannedWork],
    after: &[PlannedWork],
    from: DateTime<Utc>,
) -> BTreeSet<(i64, NaiveDate)> {
    let staffing = |work: &[PlannedWork]| {
        let mut by: BTreeMap<(i64, NaiveDate), Staffing> = BTreeMap::new();
        for w in work.iter().filter(|w| w.start > from) {
            by.entry((w.task_id, w.occurrence))
                .or_default()
                .insert((w.person_id, w.start, w.end));
        }
        by
    };
    let (was, is) = (staffing(before), staffing(after));
    was.keys()
        .chain(is.keys())
        .filter(|k| was.get(k) != is.get(k))
        .copied()
        .collect()
}

/// The notices of a plan that replaces `before` with `after`, told at `from`.
pub async fn notices(
    store: &Store,
    before: &[PlannedWork],
    after: &[PlannedWork],
    from: DateTime<Utc>,
) -> Result<Vec<NewNotice>> {
    let mut known = Known::default();
    let mut notices = Vec::new();
    for (person_id, changes) in work_changes(before, after, from) {
        let Some(person) = store::live(store.person(person_id).await)? else {
            continue;
        };
        let mut told = Vec::new();
        for (change, work, then) in changes {
            let task = known.task(store, work.task_id).await?;
            told.push(WorkChange {
                change,
                task: task.title.clone(),
                company: task.company.clone(),
                address: task.address.clone(),
                date: work.occurrence,
                start: work.start,
                end: work.end,
                before: then.map(|t| (t.start, t.end)),
            });
        }
        let message = Message::WorkChanged {
            name: person.value.name.clone(),
            changes: told,
        };
        notices.push(NewNotice {
            person_id: Some(person_id),
            company_id: None,
            mail: Some(Mail {
                to: person.value.email.to_string(),
                language: person.value.preferred_language.code().to_string(),
                message: message.to_json(),
            }),
        });
    }
    let mut by_company: BTreeMap<i64, Vec<StaffingChange>> = BTreeMap::new();
    for (task_id, date) in changed_occurrences(before, after, from) {
        let task = known.task(store, task_id).await?.clone();
        let now: Vec<&PlannedWork> = after
            .iter()
            .filter(|w| (w.task_id, w.occurrence) == (task_id, date))
            .collect();
        let mut people = Vec::new();
        for w in &now {
            people.push(known.person_name(store, w.person_id).await?);
        }
        by_company
            .entry(task.company_id)
            .or_default()
            .push(StaffingChange {
                task: task.title,
                date,
                people,
                hours: now.first().map(|w| (w.start, w.end)),
            });
    }
    for (company_id, changes) in by_company {
        let Some(company) = store::live(store.company(company_id).await)? else {
            continue;
        };
        let company = company.value.company;
        let message = Message::StaffingChanged {
            company: company.name.clone(),
            changes,
        };
        let mails = crate::mail::to_contacts(store, &company, &message).await;
        if mails.is_empty() {
            notices.push(NewNotice {
                company_id: Some(company_id),
                ..Default::default()
            });
        }
        for mail in mails {
            notices.push(NewNotice {
                person_id: None,
                company_id: Some(company_id),
                mail: Some(mail),
            });
        }
    }
    Ok(notices)
}

/// What a message says of a task.
#[derive(Debug, Clone)]
struct TaskFacts {
    title: String,
    company_id: i64,
    company: String,
    address: String,
}

/// Tasks and names already read, so a re-plan that touches one task many times reads it once.
#[derive(Default)]
struct Known {
    tasks: BTreeMap<i64, TaskFacts>,
    names: BTreeMap<i64, String>,
}

impl Known {
    async fn task(&mut self, store: &Store, id: i64) -> Result<&TaskFacts> {
        if let Entry::Vacant(slot) = self.tasks.entry(id) {
            let task = store.task(id).await?.value.request;
            let company = store.company(task.company_id).await?;
            let site = company
                .value
                .site_ids
                .iter()
                .position(|s| *s == task.site_id)
                .and_then(|i| company.value.company.sites.get(i));
            let facts = TaskFacts {
                title: task.title,
                company_id: task.company_id,
                company: company.value.company.name.clone(),
                address: site.map(|s| s.address.line.clone()).unwrap_or_default(),
            };
            slot.insert(facts);
        }
        Ok(&self.tasks[&id])
    }

    async fn person_name(&mut self, store: &Store, id: i64) -> Result<String> {
        if let Entry::Vacant(slot) = self.names.entry(id) {
            let name = store::live(store.person(id).await)?
                .map_or_else(|| format!("#{id}"), |p| p.value.name);
            slot.insert(name);
        }
        Ok(self.names[&id].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::calendar::parse_instant;

    fn work(task: i64, person: i64, start: &str, end: &str) -> PlannedWork {
        let start = parse_instant(start).unwrap();
        PlannedWork {
            task_id: task,
            occurrence: domain::calendar::local_date(start),
            start,
            end: parse_instant(end).unwrap(),
            person_id: person,
        }
    }

    #[test]
    fn work_given_taken_and_moved_is_told_only_when_it_lies_ahead() {
        let now = parse_instant("2026-12-02T12:00:00+01:00").unwrap();
        let past = work(
            1,
            7,
            "2026-12-01T09:00:00+01:00",
            "2026-12-01T11:00:00+01:00",
        );
        let kept = work(
            2,
            7,
            "2026-12-03T09:00:00+01:00",
            "2026-12-03T11:00:00+01:00",
        );
        let moved_then = work(
            3,
            7,
            "2026-12-04T09:00:00+01:00",
            "2026-12-04T11:00:00+01:00",
        );
        let moved_now = work(
            3,
            7,
            "2026-12-04T12:00:00+01:00",
            "2026-12-04T14:00:00+01:00",
        );
        let handed = work(
            4,
            7,
            "2026-12-03T13:00:00+01:00",
            "2026-12-03T14:00:00+01:00",
        );
        let taken_over = work(
            4,
            8,
            "2026-12-03T13:00:00+01:00",
            "2026-12-03T14:00:00+01:00",
        );
        let past_gone = past.clone();
        let before = [past_gone, kept.clone(), moved_then.clone(), handed.clone()];
        let after = [kept, moved_now.clone(), taken_over.clone()];
        let changes = work_changes(&before, &after, now);
        let seven: Vec<(Change, i64)> = changes[&7]
            .iter()
            .map(|(c, w, _)| (*c, w.task_id))
            .collect();
        assert_eq!(
            seven,
            [(Change::Taken, 4), (Change::Moved, 3)],
            "{changes:?}"
        );
        assert_eq!(changes[&7][1].2, Some(&moved_then));
        let eight: Vec<(Change, i64)> = changes[&8]
            .iter()
            .map(|(c, w, _)| (*c, w.task_id))
            .collect();
        assert_eq!(eight, [(Change::Given, 4)]);
        assert_eq!(
            changed_occurrences(&before, &after, now),
            BTreeSet::from([(3, moved_now.occurrence), (4, taken_over.occurrence)])
        );
        assert!(work_changes(&after, &after, now).is_empty());
    }
}
