//! The week board (first page only, for now).

use crate::pages::{Layout, Page, PageResult, answer, render};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use store::Store;
use store::accounts::Role;

pub fn routes() -> Router<Store> {
    Router::new().route("/week", get(week))
}

#[derive(Template)]
#[template(path = "coordinator/board.html")]
struct Board {
    layout: Layout,
}

async fn week(page: Page) -> Response {
    let result: PageResult = page.as_role(Role::Coordinator).map(|_| {
        render(&Board {
            layout: page.layout(),
        })
    });
    answer(&page, result)
}
