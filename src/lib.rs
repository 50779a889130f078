//! The negotiation planner.
//!
//! Dependency arrows point one way: `ui → app → {strategy → analysis, team, elicit, rehearsal, formats,
//! persist} → model` (`rehearsal` builds on `analysis`). The pure core (`model`, `analysis`, `strategy`,
//! `team`, `elicit`, `rehearsal`, `formats`, `persist::schema`) imports no Leptos, web-sys or gloo
//! and is tested natively.
//! `persist::storage` is the only module that touches browser storage.

pub mod analysis;
pub mod app;
pub mod elicit;
pub mod formats;
pub mod model;
pub mod persist;
pub mod rehearsal;
pub mod strategy;
pub mod team;
pub mod ui;

/// Mounts the application on `<body>`. Called by the binary's `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    let updates = ui::update::Updates::default();
    leptos::mount::mount_to_body(move || {
        leptos::prelude::provide_context(updates);
        ui::App()
    });
    // Lets tests and the benchmark script read how long mounting took after navigation.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("planner-mounted");
    }
    // After mounting, so the worker's first download never delays the first screen.
    updates.register();
}
