//! Application state shared by the views: the library index, the current route, notices,
//! and the storage problems the user must hear about. Views call the methods here; only
//! `persist::storage` below touches the browser's storage.

pub mod library;
pub mod route;

use crate::model::{sample_plan, Millis, Plan, PlanId};
use crate::persist::schema::{decode_index, decode_plan, DecodeError, LibraryIndex};
use crate::persist::storage::{self, StoreError};
use leptos::prelude::*;
pub use route::Route;

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub undo: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub index: RwSignal<LibraryIndex>,
    pub route: RwSignal<Route>,
    pub notice: RwSignal<Option<Notice>>,
    /// Problems with stored data or saving, shown until dismissed.
    pub problems: RwSignal<Vec<String>>,
    /// Ticks every 30 s so "changed 5 minutes ago" stays true.
    pub clock: RwSignal<Millis>,
    /// Deleted plans, newest last, kept in memory so a delete can be undone.
    trash: StoredValue<Vec<Plan>>,
}

pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

fn new_id() -> PlanId {
    // Math.random's 53 bits are plenty to keep two plans made in the same millisecond apart.
    let random = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    PlanId::generate(now(), random)
}

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

impl AppState {
    /// Reads the library from storage. A first start gets the sample plan; a damaged index
    /// is set aside (never overwritten) and rebuilt from the plans themselves.
    pub fn load() -> AppState {
        let state = AppState {
            index: RwSignal::new(LibraryIndex::default()),
            route: RwSignal::new(Route::parse(&current_hash())),
            notice: RwSignal::new(None),
            problems: RwSignal::new(Vec::new()),
            clock: RwSignal::new(now()),
            trash: StoredValue::new(Vec::new()),
        };
        let index = match storage::load_index_text() {
            Ok(None) => state.first_start(),
            Ok(Some(text)) => match decode_index(&text) {
                Ok(index) => index,
                Err(err) => {
                    state.set_aside(storage::INDEX_STORAGE_KEY, &text, "the list of plans", &err);
                    LibraryIndex {
                        seeded: true,
                        ..Default::default()
                    }
                }
            },
            Err(err) => {
                state.report(err);
                LibraryIndex::default()
            }
        };
        state.index.set(index);
        state.reconcile();
        state
    }

    fn first_start(&self) -> LibraryIndex {
        let plan = sample_plan(new_id(), now());
        let mut index = LibraryIndex {
            plans: vec![],
            seeded: true,
        };
        match storage::save_plan(&plan) {
            Ok(()) => index.upsert(plan.summary()),
            Err(err) => self.report(err),
        }
        if let Err(err) = storage::save_index(&index) {
            self.report(err);
        }
        index
    }

    /// Makes the index agree with the stored plans: a plan saved just before a crash that
    /// never reached the index is listed again; a line whose plan is gone is dropped.
    fn reconcile(&self) {
        let Ok(stored) = storage::stored_plan_ids() else {
            return;
        };
        let mut index = self.index.get_untracked();
        let mut changed = false;
        for id in &stored {
            if index.get(id).is_none() {
                if let Some(plan) = self.read_plan(id) {
                    index.upsert(plan.summary());
                    changed = true;
                }
            }
        }
        let before = index.plans.len();
        index.plans.retain(|p| stored.contains(&p.id));
        changed |= index.plans.len() != before;
        if changed {
            if let Err(err) = storage::save_index(&index) {
                self.report(err);
            }
            self.index.set(index);
        }
    }

    /// Loads one plan; unreadable text is set aside and reported, never overwritten.
    pub fn read_plan(&self, id: &PlanId) -> Option<Plan> {
        match storage::load_plan_text(id) {
            Ok(Some(text)) => match decode_plan(&text) {
                Ok(plan) => Some(plan),
                Err(err) => {
                    self.set_aside(&storage::plan_key(id), &text, "a plan", &err);
                    None
                }
            },
            Ok(None) => None,
            Err(err) => {
                self.report(err);
                None
            }
        }
    }

    fn set_aside(&self, key: &str, text: &str, what: &str, err: &DecodeError) {
        let kept = match storage::set_aside(key, text, now()) {
            Ok(_) => "Its text has been kept aside unchanged".to_string(),
            Err(e) => format!("Its text could not be kept aside ({e})"),
        };
        self.problems.update(|p| {
            p.push(format!(
                "The planner could not read {what}: {err}. {kept}; everything else works as usual."
            ))
        });
    }

    pub fn report(&self, err: StoreError) {
        let text = err.to_string();
        let text = format!("{}{}.", text[..1].to_uppercase(), &text[1..]);
        self.problems.update(|p| {
            if !p.contains(&text) {
                p.push(text)
            }
        });
    }

    /// Writes a plan and its index line. Returns false (and tells the user) on failure.
    pub fn save_plan(&self, plan: &Plan) -> bool {
        if let Err(err) = storage::save_plan(plan) {
            self.report(err);
            return false;
        }
        let mut index = self.index.get_untracked();
        index.upsert(plan.summary());
        if let Err(err) = storage::save_index(&index) {
            self.report(err);
        }
        self.index.set(index);
        true
    }

    pub fn create_plan(&self, title: &str) -> Option<PlanId> {
        let plan = Plan::new(new_id(), title.trim(), now());
        self.save_plan(&plan).then_some(plan.id)
    }

    pub fn rename(&self, id: &PlanId, title: &str) {
        if let Some(mut plan) = self.read_plan(id) {
            if plan.title != title.trim() {
                plan.title = title.trim().to_string();
                plan.updated = now();
                self.save_plan(&plan);
            }
        }
    }

    pub fn duplicate(&self, id: &PlanId) -> Option<PlanId> {
        let plan = self.read_plan(id)?.duplicate(new_id(), now());
        self.save_plan(&plan).then(|| {
            self.notice.set(Some(Notice {
                text: format!("Made “{}”.", plan.display_title()),
                undo: false,
            }));
            plan.id
        })
    }

    pub fn delete(&self, id: &PlanId) {
        let Some(plan) = self.read_plan(id) else {
            return;
        };
        if let Err(err) = storage::remove_plan(id) {
            self.report(err);
            return;
        }
        let mut index = self.index.get_untracked();
        index.remove(id);
        if let Err(err) = storage::save_index(&index) {
            self.report(err);
        }
        self.index.set(index);
        self.notice.set(Some(Notice {
            text: format!("Deleted “{}”.", plan.display_title()),
            undo: true,
        }));
        self.trash.update_value(|t| t.push(plan));
    }

    /// Brings back the most recently deleted plan, unchanged (same id, same times).
    pub fn undo_delete(&self) {
        let Some(plan) = self.trash.try_update_value(|t| t.pop()).flatten() else {
            return;
        };
        if self.save_plan(&plan) {
            self.notice.set(Some(Notice {
                text: format!("Restored “{}”.", plan.display_title()),
                undo: false,
            }));
        } else {
            self.trash.update_value(|t| t.push(plan));
        }
    }

    pub fn navigate(&self, route: Route) {
        if let Some(w) = web_sys::window() {
            // Setting the hash fires `hashchange`, which updates `route`; setting it here
            // too keeps the view right even if the hash was already equal.
            let _ = w.location().set_hash(&route.to_hash());
        }
        self.route.set(route);
    }
}
