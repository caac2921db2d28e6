//! Registrations for the festival's events, and the waiting list's fairness rule.
//!
//! Every step that takes or frees places runs under the event's lock (SQLite's single
//! writer, PostgreSQL's advisory lock), so places taken never pass the capacity and the
//! order of joining (`seq`) is the order of commits.
//!
//! **The rule for groups** (docs/festival.md): freed places are offered in order of
//! joining. A waiting group whose people do not fit in the free places is passed over —
//! a smaller group behind it may take them — but only [`MAX_PASSES`] times; after that
//! nobody behind it is offered places until it fits. So places are not left empty for
//! a large group that may never fit, and no group waits for ever behind smaller ones.

use crate::accounts::{random_token, token_hash};
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// How often a waiting group may be passed over by smaller ones behind it.
pub const MAX_PASSES: i64 = 2;

/// A registration as kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub name: String,
    pub email: String,
    pub lang: String,
    pub people: i64,
    /// `held`, `confirmed`, `waiting`, `offered`, `cancelled` or `expired`.
    pub status: String,
    pub seq: i64,
    pub passes: i64,
    /// The short code shown at the door.
    pub code: String,
    pub held_until: Option<String>,
    pub created_at: String,
    pub confirmed_at: Option<String>,
    pub checked_in_at: Option<String>,
}

const COLUMNS: &str = "id, event_id, name, email, lang, people, status, seq, passes, code, held_until, created_at, confirmed_at, checked_in_at";

fn from_row(r: &AnyRow) -> Result<Registration, StoreError> {
    Ok(Registration {
        id: r.try_get("id")?,
        event_id: r.try_get("event_id")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        lang: r.try_get("lang")?,
        people: r.try_get("people")?,
        status: r.try_get("status")?,
        seq: r.try_get("seq")?,
        passes: r.try_get("passes")?,
        code: r.try_get("code")?,
        held_until: r.try_get("held_until")?,
        created_at: r.try_get("created_at")?,
        confirmed_at: r.try_get("confirmed_at")?,
        checked_in_at: r.try_get("checked_in_at")?,
    })
}

/// A registration just made: it, its link's token (mailed, never kept), and its place
/// in the waiting list when it waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub registration: Registration,
    pub token: String,
    /// The place in the waiting list; none when places are held or offered.
    pub position: Option<i64>,
    /// Others offered places as the list was filled, to be told.
    pub offers: Vec<Registration>,
}

/// Places of an event: its capacity, the people holding or having places (held,
/// confirmed or offered), and the registrations and people waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Places {
    pub capacity: i64,
    pub taken: i64,
    pub waiting: i64,
    pub waiting_people: i64,
}

/// Statuses that hold places.
const HOLDING: &str = "('held', 'confirmed', 'offered')";

/// What someone registering asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegistration {
    pub event_id: i64,
    pub name: String,
    pub email: String,
    pub lang: String,
    pub people: i64,
}

fn lock_key(event_id: i64) -> String {
    format!("festival-event:{event_id}")
}

/// The door code: six characters no one misreads (no 0/O, 1/I).
fn door_code() -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    random_token()
        .as_bytes()
        .chunks(2)
        .take(6)
        .map(|pair| {
            let byte =
                u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("00"), 16).unwrap_or(0);
            char::from(LETTERS[usize::from(byte) % LETTERS.len()])
        })
        .collect()
}

/// A door code no other registration of the event has, chosen under the event's lock
/// (codes are short, so two may come out alike).
async fn unused_code(tx: &mut sqlx::AnyConnection, event_id: i64) -> Result<String, StoreError> {
    loop {
        let code = door_code();
        let taken =
            sqlx::query("SELECT id FROM festival_registrations WHERE event_id = $1 AND code = $2")
                .bind(event_id)
                .bind(&code)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_none() {
            return Ok(code);
        }
    }
}

async fn places_in(tx: &mut sqlx::AnyConnection, event_id: i64) -> Result<Places, StoreError> {
    let row = sqlx::query(crate::sql::assembled(format!(
        "SELECT e.capacity AS capacity, \
         CAST(COALESCE((SELECT SUM(people) FROM festival_registrations WHERE event_id = e.id AND status IN {HOLDING}), 0) AS BIGINT) AS taken, \
         (SELECT COUNT(*) FROM festival_registrations WHERE event_id = e.id AND status = 'waiting') AS waiting, \
         CAST(COALESCE((SELECT SUM(people) FROM festival_registrations WHERE event_id = e.id AND status = 'waiting'), 0) AS BIGINT) AS waiting_people \
         FROM festival_events e WHERE e.id = $1"
    )))
    .bind(event_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound {
        what: "event",
        id: event_id,
    })?;
    Ok(Places {
        capacity: row.try_get("capacity")?,
        taken: row.try_get("taken")?,
        waiting: row.try_get("waiting")?,
        waiting_people: row.try_get("waiting_people")?,
    })
}

impl Store {
    /// Registers for an approved event: places held until `at + hold` when there are
    /// enough and nobody is waiting, else a place at the end of the waiting list — and
    /// then the list is filled by the rule for groups, so free places nobody ahead can
    /// use are offered (for `offer_for`) rather than left empty.
    pub async fn register(
        &self,
        new: &NewRegistration,
        hold: Duration,
        offer_for: Duration,
        at: DateTime<Utc>,
    ) -> Result<Registered, StoreError> {
        let mut tx = self.write().await?;
        self.lock(&mut tx, &lock_key(new.event_id)).await?;
        let status: Option<String> =
            sqlx::query("SELECT status FROM festival_events WHERE id = $1")
                .bind(new.event_id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("status"))
                .transpose()?;
        if status.as_deref() != Some("approved") {
            return Err(StoreError::NotFound {
                what: "event open for registration",
                id: new.event_id,
            });
        }
        let places = places_in(&mut tx, new.event_id).await?;
        let seq: i64 = sqlx::query(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM festival_registrations WHERE event_id = $1",
        )
        .bind(new.event_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("seq")?;
        let fits = places.waiting == 0 && places.taken + new.people <= places.capacity;
        let (status, held_until) = if fits {
            ("held", Some(timestamp(at + hold)))
        } else {
            ("waiting", None)
        };
        let token = random_token();
        let code = unused_code(&mut tx, new.event_id).await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "INSERT INTO festival_registrations (event_id, name, email, lang, people, status, seq, passes, token_hash, code, held_until, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11) RETURNING {COLUMNS}"
        )))
        .bind(new.event_id)
        .bind(&new.name)
        .bind(&new.email)
        .bind(&new.lang)
        .bind(new.people)
        .bind(status)
        .bind(seq)
        .bind(token_hash(&token))
        .bind(&code)
        .bind(held_until)
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await?;
        let mut registration = from_row(&row)?;
        // Only free places can be offered; a full event has nothing to fill.
        let mut offers = if fits || places.taken >= places.capacity {
            Vec::new()
        } else {
            fill(&mut tx, new.event_id, offer_for, at).await?
        };
        tx.commit().await?;
        let mine = offers.iter().position(|o| o.id == registration.id);
        if let Some(i) = mine {
            registration = offers.remove(i);
        }
        Ok(Registered {
            registration,
            token,
            position: (!fits && mine.is_none()).then_some(places.waiting + 1),
            offers,
        })
    }

    /// An event's places now.
    pub async fn places(&self, event_id: i64) -> Result<Places, StoreError> {
        let mut conn = self.pool.acquire().await?;
        places_in(&mut conn, event_id).await
    }

    /// A registration by its link's token.
    pub async fn registration_by_token(
        &self,
        token: &str,
    ) -> Result<Option<Registration>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM festival_registrations WHERE token_hash = $1"
        )))
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Gives a registration a new link (the old one stops working): its token.
    pub async fn renew_registration_token(&self, id: i64) -> Result<String, StoreError> {
        let token = random_token();
        sqlx::query("UPDATE festival_registrations SET token_hash = $1 WHERE id = $2")
            .bind(token_hash(&token))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(token)
    }

    /// An event's registrations in order of joining.
    pub async fn registrations(&self, event_id: i64) -> Result<Vec<Registration>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM festival_registrations WHERE event_id = $1 ORDER BY seq"
        )))
        .bind(event_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Follows a registration's link: held or offered places still within their time
    /// become confirmed. Answers the registration as it is now.
    pub async fn confirm_registration(
        &self,
        token: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Registration>, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "UPDATE festival_registrations SET status = 'confirmed', confirmed_at = $1, held_until = NULL \
             WHERE token_hash = $2 AND status IN ('held', 'offered') AND held_until >= $1 RETURNING {COLUMNS}"
        )))
        .bind(timestamp(at))
        .bind(token_hash(token))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        match row {
            Some(r) => Ok(Some(from_row(&r)?)),
            None => self.registration_by_token(token).await,
        }
    }

    /// Cancels a registration by its link (places or a place in the list) and offers the
    /// freed places on: answers the cancelled registration and the offers made, none when
    /// the token is no live registration's.
    pub async fn cancel_registration(
        &self,
        token: &str,
        offer_for: Duration,
        at: DateTime<Utc>,
    ) -> Result<Option<(Registration, Vec<Registration>)>, StoreError> {
        let Some(found) = self.registration_by_token(token).await? else {
            return Ok(None);
        };
        let mut tx = self.write().await?;
        self.lock(&mut tx, &lock_key(found.event_id)).await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "UPDATE festival_registrations SET status = 'cancelled', ended_at = $1, held_until = NULL \
             WHERE id = $2 AND status IN ('held', 'confirmed', 'waiting', 'offered') RETURNING {COLUMNS}"
        )))
        .bind(timestamp(at))
        .bind(found.id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let offers = fill(&mut tx, found.event_id, offer_for, at).await?;
        tx.commit().await?;
        Ok(Some((from_row(&row)?, offers)))
    }

    /// Lets held places and offers whose time ran out go, and offers the freed places on:
    /// the offers made, event by event.
    pub async fn expire_holds(
        &self,
        offer_for: Duration,
        at: DateTime<Utc>,
    ) -> Result<Vec<Registration>, StoreError> {
        let events: Vec<i64> = sqlx::query(
            "SELECT DISTINCT event_id FROM festival_registrations WHERE status IN ('held', 'offered') AND held_until < $1",
        )
        .bind(timestamp(at))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get("event_id"))
        .collect::<Result<_, _>>()?;
        let mut offers = Vec::new();
        for event_id in events {
            let mut tx = self.write().await?;
            self.lock(&mut tx, &lock_key(event_id)).await?;
            sqlx::query(
                "UPDATE festival_registrations SET status = 'expired', ended_at = $1, held_until = NULL \
                 WHERE event_id = $2 AND status IN ('held', 'offered') AND held_until < $1",
            )
            .bind(timestamp(at))
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
            offers.extend(fill(&mut tx, event_id, offer_for, at).await?);
            tx.commit().await?;
        }
        Ok(offers)
    }

    /// Offers an event's free places to its waiting list (after its capacity grew, say).
    pub async fn fill_event(
        &self,
        event_id: i64,
        offer_for: Duration,
        at: DateTime<Utc>,
    ) -> Result<Vec<Registration>, StoreError> {
        let mut tx = self.write().await?;
        self.lock(&mut tx, &lock_key(event_id)).await?;
        let offers = fill(&mut tx, event_id, offer_for, at).await?;
        tx.commit().await?;
        Ok(offers)
    }

    /// Every registration made with `email`, oldest first.
    pub async fn registrations_of(&self, email: &str) -> Result<Vec<Registration>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM festival_registrations WHERE email = $1 ORDER BY id"
        )))
        .bind(email)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Erases a registrant (GDPR Art. 17): each of their registrations loses its name and
    /// address (the group size and dates stay, as the festival's counts need them), live
    /// ones are cancelled and their places offered on. Answers how many were erased and
    /// the offers made.
    pub async fn erase_registrant(
        &self,
        email: &str,
        offer_for: Duration,
        at: DateTime<Utc>,
    ) -> Result<(usize, Vec<Registration>), StoreError> {
        let mine = self.registrations_of(email).await?;
        let mut offers = Vec::new();
        for r in &mine {
            let mut tx = self.write().await?;
            self.lock(&mut tx, &lock_key(r.event_id)).await?;
            sqlx::query(
                "UPDATE festival_registrations SET name = '', email = $1, token_hash = $2, \
                 status = CASE WHEN status IN ('held', 'confirmed', 'waiting', 'offered') THEN 'cancelled' ELSE status END, \
                 ended_at = COALESCE(ended_at, $3), held_until = NULL WHERE id = $4",
            )
            .bind(format!("erased-{}", r.id))
            .bind(token_hash(&random_token()))
            .bind(timestamp(at))
            .bind(r.id)
            .execute(&mut *tx)
            .await?;
            offers.extend(fill(&mut tx, r.event_id, offer_for, at).await?);
            tx.commit().await?;
        }
        Ok((mine.len(), offers))
    }

    /// Queues `mail_of(registration)` to each confirmed registration of an event starting
    /// between `from` and `to` not reminded yet, marking it reminded in the same
    /// transaction: how many were queued.
    pub async fn remind(
        &self,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        mail_of: impl Fn(&Registration) -> Option<crate::outbox::Mail>,
        at: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let mut tx = self.write().await?;
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {} FROM festival_registrations r JOIN festival_events e ON e.id = r.event_id \
             WHERE r.status = 'confirmed' AND r.reminded_at IS NULL AND e.status = 'approved' \
             AND e.starts_at >= $1 AND e.starts_at < $2 ORDER BY r.id",
            COLUMNS
                .split(", ")
                .map(|c| format!("r.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        )))
        .bind(timestamp(from))
        .bind(timestamp(to))
        .fetch_all(&mut *tx)
        .await?;
        let mut queued = 0;
        for row in &rows {
            let r = from_row(row)?;
            // One without a mail yet (confirmed since its link was made) waits for the
            // next run rather than being marked reminded.
            let Some(mail) = mail_of(&r) else {
                continue;
            };
            crate::outbox::queue(&mut tx, &mail, at).await?;
            queued += 1;
            sqlx::query("UPDATE festival_registrations SET reminded_at = $1 WHERE id = $2")
                .bind(timestamp(at))
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(queued)
    }

    /// Whether a registration was reminded of its event.
    pub async fn reminded(&self, id: i64) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT reminded_at FROM festival_registrations WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<Option<String>, _>("reminded_at"))
            .transpose()?
            .flatten()
            .is_some())
    }

    /// Ends every live registration of a cancelled event: those ended, to be told.
    pub async fn end_registrations(
        &self,
        event_id: i64,
        at: DateTime<Utc>,
    ) -> Result<Vec<Registration>, StoreError> {
        let mut tx = self.write().await?;
        self.lock(&mut tx, &lock_key(event_id)).await?;
        let rows = sqlx::query(crate::sql::assembled(format!(
            "UPDATE festival_registrations SET status = 'cancelled', ended_at = $1, held_until = NULL \
             WHERE event_id = $2 AND status IN ('held', 'confirmed', 'waiting', 'offered') RETURNING {COLUMNS}"
        )))
        .bind(timestamp(at))
        .bind(event_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        rows.iter().map(from_row).collect()
    }

    /// Checks a registration in at the door by its code: the registration, none when the
    /// event has no confirmed one with that code.
    pub async fn check_in_registration(
        &self,
        event_id: i64,
        code: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Registration>, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "UPDATE festival_registrations SET checked_in_at = COALESCE(checked_in_at, $1) \
             WHERE event_id = $2 AND code = $3 AND status = 'confirmed' RETURNING {COLUMNS}"
        )))
        .bind(timestamp(at))
        .bind(event_id)
        .bind(code.trim().to_uppercase())
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.as_ref().map(from_row).transpose()
    }
}

/// Offers free places to the waiting list by the rule for groups, inside the event's
/// lock: the registrations offered places now.
async fn fill(
    tx: &mut sqlx::AnyConnection,
    event_id: i64,
    offer_for: Duration,
    at: DateTime<Utc>,
) -> Result<Vec<Registration>, StoreError> {
    let places = places_in(tx, event_id).await?;
    let mut free = places.capacity - places.taken;
    let waiting = sqlx::query(crate::sql::assembled(format!(
        "SELECT {COLUMNS} FROM festival_registrations WHERE event_id = $1 AND status = 'waiting' ORDER BY seq"
    )))
    .bind(event_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut passed: Vec<i64> = Vec::new();
    let mut offered = Vec::new();
    for row in &waiting {
        if free <= 0 {
            break;
        }
        let w = from_row(row)?;
        // A group larger than the whole event (its places lowered since) can never be
        // offered; it neither blocks nor counts as passed over.
        if w.people > places.capacity {
            continue;
        }
        if w.people > free {
            if w.passes >= MAX_PASSES {
                break;
            }
            passed.push(w.id);
            continue;
        }
        let row = sqlx::query(crate::sql::assembled(format!(
            "UPDATE festival_registrations SET status = 'offered', held_until = $1 WHERE id = $2 RETURNING {COLUMNS}"
        )))
        .bind(timestamp(at + offer_for))
        .bind(w.id)
        .fetch_one(&mut *tx)
        .await?;
        free -= w.people;
        offered.push(from_row(&row)?);
        // Those before it were passed over, once more each.
        for id in passed.drain(..) {
            sqlx::query("UPDATE festival_registrations SET passes = passes + 1 WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    Ok(offered)
}
