//! The company's pages (first page only, for now).

use super::{Layout, Page, PageResult, answer, render};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use store::Store;
use store::accounts::Role;

/// The company's menu: (path, catalogue key); the first is where they land.
pub const MENU: &[(&str, &str)] = &[("/company", "company.nav")];

pub fn routes() -> Router<Store> {
    Router::new().route("/company", get(first))
}

#[derive(Template)]
#[template(path = "company/first.html")]
struct First {
    layout: Layout,
}

async fn first(page: Page) -> Response {
    let result: PageResult = page.as_role(Role::Company).map(|_| {
        render(&First {
            layout: page.layout(),
        })
    });
    answer(&page, result)
}
