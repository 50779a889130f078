//! Entry point: mount the app and nothing else; everything lives in the library crate
//! so it can be tested natively and in the browser.

fn main() {
    planner::start();
}
