//! Accounts and their sessions: the agency creates accounts, a person signs in with one
//! (a browser session) and the agency hands out API tokens (a year-long session).

use crate::records::agency_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use store::Store;
use store::accounts::{Account, NewAccount, Role, Session, SessionKind, SignInError, normal_email};

/// Creates an account; the store checks the address, the password and whom it stands for.
pub async fn create(store: &Store, by: &Actor, new: &NewAccount) -> Result<Account> {
    agency_only(by, "account")?;
    Ok(store.create_account(new).await?)
}

/// Every account.
pub async fn list(store: &Store, by: &Actor) -> Result<Vec<Account>> {
    agency_only(by, "account")?;
    Ok(store.accounts().await?)
}

/// A new API session for the account with `email` (spelt in any case), opened at `now`.
pub async fn api_token(
    store: &Store,
    by: &Actor,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Session> {
    agency_only(by, "account")?;
    let account = store.account_by_email(email).await?;
    if account.disabled {
        return Err(ServiceError::Conflict(format!(
            "the account {} is disabled; enable it first",
            account.email
        )));
    }
    Ok(store.open_session(account, SessionKind::Api, now).await?)
}

/// Refuses a change the acting coordinator would make to their own account: the agency
/// must not lock out the only person who can let it back in.
fn not_own(by: &Actor, email: &str) -> Result<()> {
    if normal_email(&by.name) == normal_email(email) {
        return Err(ServiceError::Conflict(
            "that is your own account: another coordinator changes it".into(),
        ));
    }
    Ok(())
}

/// Disables an account (its sessions and tokens end) or enables it again.
pub async fn set_disabled(
    store: &Store,
    by: &Actor,
    email: &str,
    disabled: bool,
) -> Result<Account> {
    agency_only(by, "account")?;
    not_own(by, email)?;
    Ok(store.set_account_disabled(email, disabled).await?)
}

/// Gives an account another role and whom it stands for; its sessions end.
pub async fn set_role(
    store: &Store,
    by: &Actor,
    email: &str,
    role: Role,
    person_id: Option<i64>,
    company_id: Option<i64>,
) -> Result<Account> {
    agency_only(by, "account")?;
    not_own(by, email)?;
    Ok(store
        .set_account_role(email, role, person_id, company_id)
        .await?)
}

/// Ends every API token of an account; returns how many there were.
pub async fn revoke_tokens(store: &Store, by: &Actor, email: &str) -> Result<u64> {
    agency_only(by, "account")?;
    Ok(store.revoke_tokens(email).await?)
}

/// Changes the signed-in person's own password: the account of the session `token`; the
/// account's other sessions end.
pub async fn change_password(
    store: &Store,
    account_id: i64,
    token: &str,
    current: &str,
    new: &str,
) -> Result<()> {
    Ok(store
        .change_password(account_id, token, current, new)
        .await?)
}

/// Signs in with an address and a password from `client` (a network address),
/// rate-limited per address and client and per client; a browser session.
pub async fn sign_in(
    store: &Store,
    email: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Session, SignInError> {
    store
        .sign_in(email, password, client, SessionKind::Browser, now)
        .await
}

/// The live session a token opens at `now`, if any: how every request learns who asks.
pub async fn session(store: &Store, token: &str, now: DateTime<Utc>) -> Result<Option<Session>> {
    Ok(store.session(token, now).await?)
}

/// Ends a session.
pub async fn sign_out(store: &Store, token: &str) -> Result<()> {
    Ok(store.sign_out(token).await?)
}

/// Sends a password reset link for `email` to that address, when an enabled account has
/// it; nothing tells the asker which, so nobody learns who has an account. `site` is
/// where people reach kommune, `https://kommune.example.dk`.
pub async fn request_reset(
    store: &Store,
    email: &str,
    site: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let message = |_: &Account, token: &str| {
        crate::mail::Message::PasswordReset {
            link: format!("{site}/password/reset/{token}"),
            hours: store::account_changes::RESET_HOURS,
        }
        .to_json()
    };
    store.open_password_reset(email, now, message).await?;
    Ok(())
}

/// Whether reset link `token` still works at `now`.
pub async fn reset_is_open(store: &Store, token: &str, now: DateTime<Utc>) -> Result<bool> {
    Ok(store.reset_is_open(token, now).await?)
}

/// Sets a new password from reset link `token`, once: every session of the account ends.
pub async fn reset_password(
    store: &Store,
    token: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<Account> {
    Ok(store.reset_password(token, new, now).await?)
}
