//! End-to-end: the release build served under a sub-path by a plain static server, driven
//! in real Chromium through WebDriver the way a user would. Run by scripts/test.sh after
//! `trunk build --release` (it sets E2E_DIST). One module per area of the app.

mod library;
mod people;
mod support;

use support::{Browser, StaticServer};

/// Serves the release build and opens it in a fresh browser (empty storage).
pub fn open_app() -> (StaticServer, Browser) {
    let server = StaticServer::start(support::dist_dir());
    let browser = Browser::start();
    browser.goto(&server.url());
    (server, browser)
}

/// Titles in the library, in list order.
pub fn listed_titles(b: &Browser) -> Vec<String> {
    b.find_all(".plan-list .plan-title")
        .iter()
        .map(|e| b.text(e))
        .collect()
}

pub fn wait_for_titles(b: &Browser, what: &str, f: impl Fn(&[String]) -> bool) -> Vec<String> {
    b.wait_until(what, || {
        let titles = listed_titles(b);
        f(&titles).then_some(titles)
    })
}

/// Waits until the workspace says its edits are saved.
pub fn wait_saved(b: &Browser) {
    b.wait_until("the save indicator to say Saved", || {
        let s = b.try_find(".save-status")?;
        (b.text(&s) == "✓ Saved" || b.text(&s) == "Saved").then_some(())
    });
}
