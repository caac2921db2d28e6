//! Accounts and their sessions: the agency creates accounts, a person signs in with one
//! (a browser session) and the agency hands out API tokens (a year-long session).

use crate::records::agency_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use store::Store;
use store::accounts::{Account, NewAccount, Session, SessionKind, SignInError, normal_email};

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
    let wanted = normal_email(email);
    let account = store
        .accounts()
        .await?
        .into_iter()
        .find(|a| a.email == wanted)
        .ok_or_else(|| ServiceError::NotFound(format!("there is no account {email}")))?;
    Ok(store.open_session(account, SessionKind::Api, now).await?)
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

/// Whether the records answer: what a health check asks.
pub async fn database_answers(store: &Store) -> Result<()> {
    Ok(store.ping().await?)
}

/// Ends a session.
pub async fn sign_out(store: &Store, token: &str) -> Result<()> {
    Ok(store.sign_out(token).await?)
}
