//! A stored plan as people read it: times in Copenhagen, the objective's terms, every
//! assignment, every unassigned occurrence with its reason, and what a re-plan moved.

use domain::calendar::format_instant;
use serde::Serialize;
use staffing::why::Unstaffed;
use store::plans::StoredPlan;

/// A plan, as `kommune plan --json` prints it and `GET /api/plans/{id}` answers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub id: i64,
    #[schema(example = "2026-W49")]
    pub week: String,
    /// The plan this one re-planned, if any.
    pub replan_of: Option<i64>,
    pub created_at: String,
    pub created_by: String,
    pub objective: ObjectiveView,
    pub assignments: Vec<AssignmentView>,
    pub unassigned: Vec<UnassignedView>,
    /// For a re-plan: every occurrence that moved, was dropped or was added.
    pub moves: Vec<MoveView>,
}

/// The objective and its terms (the staffing crate documents the formula).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ObjectiveView {
    /// The weighted sum, as a decimal string: it outgrows 64 bits.
    pub total: String,
    pub work_minutes: i64,
    pub fairness: i64,
    pub continuity: i64,
    pub travel_minutes: i64,
}

/// One person on one occurrence of a task request.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssignmentView {
    pub task: i64,
    #[schema(example = "2026-12-01")]
    pub date: String,
    pub person: i64,
    #[schema(example = "2026-12-01T09:00:00+01:00")]
    pub start: String,
    pub end: String,
}

/// An occurrence left without people, and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnassignedView {
    pub task: i64,
    pub date: String,
    #[schema(example = "needs 1 person Tue 09:00–11:00; 3 candidates: all at their weekly cap")]
    pub reason: String,
    /// The same as a value (`{"code": "too_few", "need": 1, …}`), for readers who say it
    /// in their own language.
    #[schema(value_type = Object)]
    pub why: Unstaffed,
}

/// A stored reason read back as a value: a plan keeps its reasons as JSON; one stored as
/// an English sentence before that is kept as said.
pub fn unstaffed(stored: &str) -> Unstaffed {
    serde_json::from_str(stored).unwrap_or_else(|_| Unstaffed::Said {
        text: stored.to_string(),
    })
}

/// What a re-plan did to one occurrence.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MoveView {
    pub task: i64,
    pub date: String,
    /// moved, dropped or added.
    pub change: String,
}

impl From<&StoredPlan> for PlanView {
    fn from(s: &StoredPlan) -> Self {
        let p = &s.plan;
        let local = |t: &str| {
            domain::calendar::parse_instant(t)
                .map(format_instant)
                .unwrap_or_else(|_| t.to_string())
        };
        Self {
            id: s.id,
            week: p.week.clone(),
            replan_of: p.replan_of,
            created_at: local(&s.created_at),
            created_by: s.created_by.clone(),
            objective: ObjectiveView {
                total: p.objective.total.clone(),
                work_minutes: p.objective.work_minutes,
                fairness: p.objective.fairness,
                continuity: p.objective.continuity,
                travel_minutes: p.objective.travel_minutes,
            },
            assignments: p
                .assignments
                .iter()
                .map(|a| AssignmentView {
                    task: a.task_id,
                    date: a.occurrence.to_string(),
                    person: a.person_id,
                    start: format_instant(a.start),
                    end: format_instant(a.end),
                })
                .collect(),
            unassigned: p
                .unassigned
                .iter()
                .map(|u| {
                    let why = unstaffed(&u.reason);
                    UnassignedView {
                        task: u.task_id,
                        date: u.occurrence.to_string(),
                        reason: why.to_string(),
                        why,
                    }
                })
                .collect(),
            moves: p
                .moves
                .iter()
                .map(|m| MoveView {
                    task: m.task_id,
                    date: m.occurrence.to_string(),
                    change: m.change.clone(),
                })
                .collect(),
        }
    }
}
