//! The negotiation planner.
//!
//! Dependency arrows point one way: `ui → app → {analysis, rehearsal, formats, persist} →
//! model` (`rehearsal` builds on `analysis`). The pure core (`model`, `analysis`,
//! `rehearsal`, `formats`, `persist::schema`) imports no Leptos, web-sys or gloo and is
//! tested natively.
//! `persist::storage` is the only module that touches browser storage.

pub mod analysis;
pub mod app;
pub mod formats;
pub mod model;
pub mod persist;
pub mod rehearsal;
pub mod ui;

/// Mounts the application on `<body>`. Called by the binary's `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
    // Lets tests and the benchmark script read how long mounting took after navigation.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("planner-mounted");
    }
}
