//! The green agents' activities and what was agreed to follow them up.

use crate::sql::{join, split};
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An activity: a dialogue, workshop or campaign stand on a day, or a community project
/// running from `held_on` until `ends_on`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Activity {
    pub id: i64,
    pub community_id: i64,
    pub place_id: Option<i64>,
    /// `dialogue`, `workshop`, `stand` or `project`.
    pub kind: String,
    /// A project's kind (`ebike_pool`, `sorting`, `biodiversity`, `climate_plan`); none
    /// for the other kinds.
    pub project: Option<String>,
    pub title: String,
    /// An ISO date: the day it was held, or a project's start.
    pub held_on: String,
    /// A project's last day; none while it runs, and for the other kinds.
    pub ends_on: Option<String>,
    pub topic: String,
    pub sdgs: Vec<String>,
    pub people_reached: i64,
    pub results: String,
}

/// What was agreed to happen after an activity, who owns it and by when.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowUp {
    pub id: i64,
    pub activity_id: i64,
    pub owner: String,
    pub due_on: String,
    pub note: String,
    pub done_on: Option<String>,
    pub outcome: String,
}

const COLUMNS: &str = "id, community_id, place_id, kind, project, title, held_on, ends_on, topic, sdgs, people_reached, results";
const FOLLOW_UP_COLUMNS: &str = "id, activity_id, owner, due_on, note, done_on, outcome";

fn activity_of(r: &AnyRow) -> Result<Activity, StoreError> {
    Ok(Activity {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        place_id: r.try_get("place_id")?,
        kind: r.try_get("kind")?,
        project: r.try_get("project")?,
        title: r.try_get("title")?,
        held_on: r.try_get("held_on")?,
        ends_on: r.try_get("ends_on")?,
        topic: r.try_get("topic")?,
        sdgs: split(&r.try_get::<String, _>("sdgs")?),
        people_reached: r.try_get("people_reached")?,
        results: r.try_get("results")?,
    })
}

fn follow_up_of(r: &AnyRow) -> Result<FollowUp, StoreError> {
    Ok(FollowUp {
        id: r.try_get("id")?,
        activity_id: r.try_get("activity_id")?,
        owner: r.try_get("owner")?,
        due_on: r.try_get("due_on")?,
        note: r.try_get("note")?,
        done_on: r.try_get("done_on")?,
        outcome: r.try_get("outcome")?,
    })
}

impl Store {
    /// Keeps a new activity; answers its id.
    pub async fn add_activity(&self, a: &Activity, at: DateTime<Utc>) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO green_activities (community_id, place_id, kind, project, title, held_on, ends_on, topic, sdgs, \
             people_reached, results, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(a.community_id)
        .bind(a.place_id)
        .bind(&a.kind)
        .bind(a.project.as_deref())
        .bind(&a.title)
        .bind(&a.held_on)
        .bind(a.ends_on.as_deref())
        .bind(&a.topic)
        .bind(join(a.sdgs.iter().map(String::as_str)))
        .bind(a.people_reached)
        .bind(&a.results)
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces an activity's fields (its community stays).
    pub async fn change_activity(&self, a: &Activity, at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE green_activities SET place_id = $1, kind = $2, project = $3, title = $4, held_on = $5, ends_on = $6, \
             topic = $7, sdgs = $8, people_reached = $9, results = $10, updated_at = $11 WHERE id = $12",
        )
        .bind(a.place_id)
        .bind(&a.kind)
        .bind(a.project.as_deref())
        .bind(&a.title)
        .bind(&a.held_on)
        .bind(a.ends_on.as_deref())
        .bind(&a.topic)
        .bind(join(a.sdgs.iter().map(String::as_str)))
        .bind(a.people_reached)
        .bind(&a.results)
        .bind(timestamp(at))
        .bind(a.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "activity",
                id: a.id,
            });
        }
        tx.commit().await?;
        Ok(())
    }

    /// One activity.
    pub async fn activity(&self, id: i64) -> Result<Activity, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM green_activities WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            what: "activity",
            id,
        })?;
        activity_of(&row)
    }

    /// A community's activities, or every one's when `community_id` is none, the latest
    /// first.
    pub async fn activities(&self, community_id: Option<i64>) -> Result<Vec<Activity>, StoreError> {
        let filter = if community_id.is_some() {
            "WHERE community_id = $1 "
        } else {
            ""
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM green_activities {filter}ORDER BY held_on DESC, id DESC"
        );
        let rows = self.listed(sql, community_id).await?;
        rows.iter().map(activity_of).collect()
    }

    /// Keeps a follow-up of an activity; answers its id.
    pub async fn add_follow_up(&self, f: &FollowUp) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO green_follow_ups (activity_id, owner, due_on, note, done_on, outcome) \
             VALUES ($1, $2, $3, $4, NULL, '') RETURNING id",
        )
        .bind(f.activity_id)
        .bind(&f.owner)
        .bind(&f.due_on)
        .bind(&f.note)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Marks a follow-up done on `done_on` with its outcome, and confirms the `pledges`
    /// found kept there, in one transaction. A follow-up is done once.
    pub async fn finish_follow_up(
        &self,
        id: i64,
        done_on: &str,
        outcome: &str,
        pledges: &[i64],
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE green_follow_ups SET done_on = $1, outcome = $2 WHERE id = $3 AND done_on IS NULL",
        )
        .bind(done_on)
        .bind(outcome)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict(format!(
                "follow-up {id} is done or gone"
            )));
        }
        for pledge in pledges {
            let confirmed = sqlx::query(
                "UPDATE green_pledges SET confirmed_on = $1, follow_up_id = $2 WHERE id = $3 AND confirmed_on IS NULL",
            )
            .bind(done_on)
            .bind(id)
            .bind(pledge)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if confirmed == 0 {
                return Err(StoreError::Conflict(format!(
                    "pledge {pledge} is confirmed or gone"
                )));
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// One follow-up.
    pub async fn follow_up(&self, id: i64) -> Result<FollowUp, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM green_follow_ups WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            what: "follow-up",
            id,
        })?;
        follow_up_of(&row)
    }

    /// Follow-ups by due date: an activity's, or every open one when `activity_id` is none.
    pub async fn follow_ups(&self, activity_id: Option<i64>) -> Result<Vec<FollowUp>, StoreError> {
        let filter = if activity_id.is_some() {
            "activity_id = $1"
        } else {
            "done_on IS NULL"
        };
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM green_follow_ups WHERE {filter} ORDER BY due_on, id"
        );
        let rows = self.listed(sql, activity_id).await?;
        rows.iter().map(follow_up_of).collect()
    }
}
