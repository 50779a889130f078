//! Offline use and updates. [`Updates::register`] registers the service worker (`sw.js`,
//! written next to `index.html` by scripts/dist.mjs), which keeps the build's files for use
//! without a network. When a newer build has been installed behind the open page, the
//! banner says so; nothing reloads by itself: Reload first writes pending edits, and does
//! not reload while they cannot be saved.
//!
//! Registered from `crate::start` (the real page), not from `App`, so components mounted
//! by the browser tests never register a worker.

use crate::app::{AppState, Notice};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// How often an open page asks the server for a newer build (besides at each visit and
/// when the page is shown again).
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

#[derive(Clone, Copy)]
pub struct Updates {
    /// A newer build is installed (or already runs in another tab); this page runs the old one.
    pub available: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    /// This page asked the new worker to take over: it reloads when that happens. Other
    /// pages keep running and keep the banner.
    reloading: StoredValue<bool>,
}

impl Default for Updates {
    fn default() -> Self {
        Updates {
            available: RwSignal::new(false),
            registration: StoredValue::new_local(None),
            reloading: StoredValue::new(false),
        }
    }
}

/// The page's service worker container, where there can be one: pages from http(s) in a
/// secure context. The single-file build (opened from `file://`) and plain-http hosts
/// other than localhost have none, and simply work online as before.
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    let navigator = window.navigator();
    let exposed = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"));
    ((protocol == "http:" || protocol == "https:") && exposed == Ok(true))
        .then(|| navigator.service_worker())
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// A JS function calling `f`, kept for the page's lifetime (these handlers never go away).
fn function(f: impl Fn() + 'static) -> js_sys::Function {
    Closure::<dyn Fn()>::new(f).into_js_value().unchecked_into()
}

impl Updates {
    /// Registers the worker and starts listening for new builds. Does nothing where there
    /// can be no service worker.
    pub fn register(self) {
        let Some(container) = container() else {
            return;
        };
        // The worker changed under this page: its own request (reload now), or another
        // tab's (keep running, keep offering the reload).
        container.set_oncontrollerchange(Some(&function(move || {
            if self.reloading.get_value() {
                reload();
            } else {
                self.available.set(true);
            }
        })));
        // Relative: the worker's scope is the folder the app is served from.
        let registered = container.register("sw.js");
        leptos::task::spawn_local(async move {
            let Ok(registration) = JsFuture::from(registered).await else {
                return;
            };
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            // A build is waiting while an older one is active: an update, not a first install.
            let check = {
                let r = registration.clone();
                function(move || {
                    if r.waiting().is_some() && r.active().is_some() {
                        self.available.set(true);
                    }
                })
            };
            // The browser checks for a new build at each visit: one may be installing, or
            // installed, already.
            let _ = check.call0(&JsValue::NULL);
            if let Some(worker) = registration.installing() {
                worker.set_onstatechange(Some(&check));
            }
            let r = registration.clone();
            registration.set_onupdatefound(Some(&function(move || {
                if let Some(worker) = r.installing() {
                    worker.set_onstatechange(Some(&check));
                }
            })));
            self.registration.set_value(Some(registration));
        });
        let _ = set_interval_with_handle(move || self.check(), CHECK_EVERY);
        // Coming back to a tab left open for days is when a new build is most likely.
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible {
                self.check();
            }
        });
    }

    /// Asks the server for a newer build; offline, the check fails quietly.
    fn check(self) {
        let Some(Ok(promise)) = self
            .registration
            .with_value(|r| r.as_ref().map(|r| r.update()))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }

    /// Reload into the new build, after writing pending edits; if they cannot be written,
    /// stay and say why.
    pub fn apply(self, state: AppState) {
        state.flush();
        if state.session.get_untracked().is_some_and(|s| s.is_dirty()) {
            state.notice.set(Some(Notice::info(
                "Not reloaded: your latest edits are not saved yet. Deal with the message \
                 about saving, then choose Reload again.",
            )));
            return;
        }
        let waiting = self.registration.with_value(|r| r.as_ref()?.waiting());
        let Some(worker) = waiting else {
            // Another tab already let the new build take over: its files are ready.
            return reload();
        };
        // Reload once the new worker is active, so the reload is served the new build. (A
        // page opened before the first worker was active has no controller and never sees
        // `controllerchange`; this covers it too.)
        self.reloading.set_value(true);
        let w = worker.clone();
        worker.set_onstatechange(Some(&function(move || {
            if w.state() == ServiceWorkerState::Activated {
                reload();
            }
        })));
        if worker
            .post_message(&JsValue::from_str("skip-waiting"))
            .is_err()
        {
            reload();
        }
    }
}

/// "A new version is available — Reload", when one is.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let updates = use_context::<Updates>();
    let state = expect_context::<AppState>();
    view! {
        <div class="update-region" role="status" aria-live="polite">
            {move || {
                let updates = updates.filter(|u| u.available.get())?;
                Some(view! {
                    <div class="update-banner">
                        <span>"A new version is available"</span>
                        <button on:click=move |_| updates.apply(state)>"Reload"</button>
                    </div>
                })
            }}
        </div>
    }
}
