//! What a re-plan changed, said on the board: each moved occurrence with who has it now
//! and when, and who was told — by e-mail, still waiting to be sent, failed, or not at
//! all for want of an address.

use super::{change_label, day_label};
use crate::pages::clock;
use crate::pages::i18n::Tr;
use service::agency::board::Names;
use store::Stored;
use store::outbox::Notice;
use store::plans::StoredPlan;
use store::tasks::TaskRecord;

/// One line per occurrence the latest re-plan moved; none for a first plan.
pub(super) fn moves(
    t: Tr,
    latest: Option<&StoredPlan>,
    requests: &[Stored<TaskRecord>],
    people: &Names,
) -> Option<Vec<String>> {
    let plan = &latest.filter(|p| p.plan.replan_of.is_some())?.plan;
    let lines = plan
        .moves
        .iter()
        .map(|m| {
            let title = requests
                .iter()
                .find(|r| r.meta.id == m.task_id)
                .map_or_else(
                    || format!("#{}", m.task_id),
                    |r| r.value.request.title.clone(),
                );
            let now: Vec<String> = plan
                .assignments
                .iter()
                .filter(|a| (a.task_id, a.occurrence) == (m.task_id, m.occurrence))
                .map(|a| {
                    t.fill(
                        "board.now_with",
                        &[
                            ("name", &people.of(a.person_id)),
                            ("from", &clock(a.start)),
                            ("to", &clock(a.end)),
                        ],
                    )
                })
                .collect();
            let line = t.fill(
                "board.move_line",
                &[
                    ("task", &title),
                    ("day", &day_label(t, m.occurrence, false)),
                    ("change", &change_label(t, &m.change)),
                ],
            );
            if now.is_empty() {
                line
            } else {
                format!("{line} — {}", now.join(", "))
            }
        })
        .collect();
    Some(lines)
}

/// Who the latest plan's changes were told to, one line each.
pub(super) fn told(t: Tr, notices: &[Notice], people: &Names, companies: &Names) -> Vec<String> {
    notices
        .iter()
        .map(|n| {
            let who = match (n.person_id, n.company_id) {
                (Some(id), _) => people.of(id),
                (None, Some(id)) => companies.of(id),
                (None, None) => String::new(),
            };
            match (&n.to, &n.sent_at, &n.failed) {
                (None, _, _) => t.fill("board.not_told", &[("who", &who)]),
                (Some(to), _, Some(_)) => t.fill("board.told_failed", &[("who", &who), ("to", to)]),
                (Some(to), Some(at), None) => {
                    let at = domain::calendar::parse_instant(at)
                        .map(clock)
                        .unwrap_or_default();
                    t.fill("board.told_sent", &[("who", &who), ("to", to), ("at", &at)])
                }
                (Some(to), None, None) => {
                    t.fill("board.told_waiting", &[("who", &who), ("to", to)])
                }
            }
        })
        .collect()
}
