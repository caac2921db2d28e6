//! The worker's pages (first page only, for now).

use super::{Layout, Page, PageResult, answer, render};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use store::Store;
use store::accounts::Role;

/// The worker's menu: (path, catalogue key); the first is where they land.
pub const MENU: &[(&str, &str)] = &[("/my/tasks", "worker.nav")];

pub fn routes() -> Router<Store> {
    Router::new().route("/my/tasks", get(first))
}

#[derive(Template)]
#[template(path = "worker/first.html")]
struct First {
    layout: Layout,
}

async fn first(page: Page) -> Response {
    let result: PageResult = page.as_role(Role::Worker).map(|_| {
        render(&First {
            layout: page.layout(),
        })
    });
    answer(&page, result)
}
