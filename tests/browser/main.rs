//! Browser tests: storage and components in headless Chromium (wasm-bindgen-test).
//! Run with `cargo test --target wasm32-unknown-unknown --test browser`. One module per
//! area of the app.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod analysis;
mod brief;
mod elicit;
mod hostile;
mod library;
mod packages;
mod people;
mod persist;
mod practise;
mod strategy;
mod team;
