//! Communities the green agents work with: associations, housing areas, schools and
//! local councils, reached through their contacts and met at their places.

use super::{COMMUNITY_KINDS, agents_only};
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use domain::contact::{Email, Phone, optional_text, required_text};
use domain::problem::Errors;
use store::Store;
use store::green::activities::{Activity, FollowUp};
use store::green::{Community, Contact, Place};

/// A community as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CommunityRequest {
    /// 1–200 characters, unique.
    pub name: String,
    /// association, housing, school or local_council.
    pub kind: String,
    /// Up to 2,000 characters.
    pub description: String,
}

/// Adds a community; answers its id.
pub async fn add(
    store: &Store,
    by: &Actor,
    r: &CommunityRequest,
    now: DateTime<Utc>,
) -> Result<i64> {
    agents_only(by)?;
    let mut e = Errors::new();
    let name = e.check("name", required_text(&r.name, 200));
    if !COMMUNITY_KINDS.contains(&r.kind.as_str()) {
        e.push(
            "kind",
            "must be association, housing, school or local_council",
        );
    }
    let description = e.check("description", optional_text(&r.description, 2000));
    if let Some(name) = &name
        && store.communities().await?.iter().any(|c| &c.name == name)
    {
        e.push("name", "is taken by another community");
    }
    let community = e
        .finish(|| {
            Some(Community {
                name: name?,
                kind: r.kind.clone(),
                description: description?,
                ..Community::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_community(&community, now).await?)
}

/// A contact as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ContactRequest {
    /// 1–200 characters.
    pub name: String,
    /// What they are to the community, up to 100 characters.
    pub role: String,
    /// An e-mail address, or empty.
    pub email: String,
    /// A phone number, or empty.
    pub phone: String,
}

/// Adds a contact to a community; answers its id.
pub async fn add_contact(
    store: &Store,
    by: &Actor,
    community_id: i64,
    r: &ContactRequest,
) -> Result<i64> {
    agents_only(by)?;
    store.community(community_id).await?;
    let mut e = Errors::new();
    let name = e.check("name", required_text(&r.name, 200));
    let role = e.check("role", optional_text(&r.role, 100));
    let email = if r.email.trim().is_empty() {
        Some(String::new())
    } else {
        e.check("email", Email::parse(&r.email))
            .map(|m| m.as_str().to_lowercase())
    };
    let phone = if r.phone.trim().is_empty() {
        Some(String::new())
    } else {
        e.check("phone", Phone::parse(&r.phone))
            .map(|p| p.as_str().to_string())
    };
    let contact = e
        .finish(|| {
            Some(Contact {
                community_id,
                name: name?,
                role: role?,
                email: email?,
                phone: phone?,
                ..Contact::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_community_contact(&contact).await?)
}

/// A place as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlaceRequest {
    /// 1–200 characters.
    pub name: String,
    /// Up to 300 characters.
    pub address: String,
    /// −90 to 90.
    pub latitude: f64,
    /// −180 to 180.
    pub longitude: f64,
}

/// Adds a place to a community; answers its id.
pub async fn add_place(
    store: &Store,
    by: &Actor,
    community_id: i64,
    r: &PlaceRequest,
) -> Result<i64> {
    agents_only(by)?;
    store.community(community_id).await?;
    let mut e = Errors::new();
    let name = e.check("name", required_text(&r.name, 200));
    let address = e.check("address", optional_text(&r.address, 300));
    if !r.latitude.is_finite() || !(-90.0..=90.0).contains(&r.latitude) {
        e.push("latitude", "must be -90 to 90");
    }
    if !r.longitude.is_finite() || !(-180.0..=180.0).contains(&r.longitude) {
        e.push("longitude", "must be -180 to 180");
    }
    let place = e
        .finish(|| {
            Some(Place {
                community_id,
                name: name?,
                address: address?,
                latitude: r.latitude,
                longitude: r.longitude,
                ..Place::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_community_place(&place).await?)
}

/// An activity with its follow-ups.
#[derive(Debug, Clone)]
pub struct Logged {
    pub activity: Activity,
    pub follow_ups: Vec<FollowUp>,
}

/// A community's page: who to reach, where, and what was done there.
#[derive(Debug, Clone)]
pub struct CommunityView {
    pub community: Community,
    pub contacts: Vec<Contact>,
    pub places: Vec<Place>,
    pub activities: Vec<Logged>,
}

/// A community with its contacts, places and activities, the latest first.
pub async fn view(store: &Store, by: &Actor, id: i64) -> Result<CommunityView> {
    agents_only(by)?;
    let community = store.community(id).await?;
    let mut activities = Vec::new();
    for activity in store.activities(Some(id)).await? {
        let follow_ups = store.follow_ups(Some(activity.id)).await?;
        activities.push(Logged {
            activity,
            follow_ups,
        });
    }
    Ok(CommunityView {
        contacts: store.community_contacts(id).await?,
        places: store.community_places(Some(id)).await?,
        community,
        activities,
    })
}

/// Every community by name, for the agents.
pub async fn all(store: &Store, by: &Actor) -> Result<Vec<Community>> {
    agents_only(by)?;
    Ok(store.communities().await?)
}
