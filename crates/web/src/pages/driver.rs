//! A driver's day. The route sheet itself comes with Flex Waste; until then the page says
//! there is no route.

use super::{Layout, Page, PageResult, answer, render};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use store::Store;
use store::accounts::Role;

/// The driver's menu: (path, catalogue key).
pub const MENU: &[(&str, &str)] = &[("/route", "driver.nav")];

pub fn routes() -> Router<Store> {
    Router::new().route("/route", get(today))
}

#[derive(Template)]
#[template(path = "driver/today.html")]
struct Today {
    layout: Layout,
}

async fn today(page: Page) -> Response {
    let result: PageResult = page.as_role(Role::Driver).map(|_| {
        render(&Today {
            layout: page.layout(),
        })
    });
    answer(&page, result)
}
