//! Application state shared by the views: the library index, the current route, the open
//! plan, notices, and the storage problems the user must hear about. Views call the methods
//! here; only `persist::storage` below touches the browser's storage.

pub mod analysis;
pub mod history;
pub mod library;
pub mod route;
pub mod session;
pub mod team;

use crate::model::{sample_plan, Millis, Plan, PlanId, PlanSummary};
use crate::persist::exchange;
use crate::persist::schema::{decode_index, decode_plan, DecodeError, LibraryIndex};
use crate::persist::storage::{self, ExternalChange, StoreError};
use leptos::prelude::*;
pub use route::Route;
pub use session::{PlanSession, SaveStatus};

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub undo: Undo,
}

/// What the notice's Undo button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undo {
    /// No button.
    No,
    /// Bring back the plan just deleted from the library.
    Delete,
    /// Undo the last edit of the open plan (the same as the toolbar's Undo).
    Edit,
}

impl Notice {
    /// A message without an undo button.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            undo: Undo::No,
        }
    }
}

/// Something wrong with stored data or saving, shown until dismissed. When unreadable text
/// was set aside, `aside_key` lets the user download or discard it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    pub text: String,
    pub aside_key: Option<String>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub index: RwSignal<LibraryIndex>,
    pub route: RwSignal<Route>,
    pub notice: RwSignal<Option<Notice>>,
    pub problems: RwSignal<Vec<Problem>>,
    /// Ticks every 30 s so "changed 5 minutes ago" stays true.
    pub clock: RwSignal<Millis>,
    /// The plan being edited, if the workspace is open.
    pub session: RwSignal<Option<PlanSession>>,
    /// A teammate's answer on its way into its plan (`app::team`): the plan's Team views
    /// step merges it, inside the plan's own session, so it is one undoable edit.
    pub pending_answer: RwSignal<Option<(crate::team::doc::Answer, bool)>>,
    /// Deleted plans, newest last, kept in memory so a delete can be undone.
    trash: StoredValue<Vec<Plan>>,
}

pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

pub(crate) fn new_id() -> PlanId {
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
            session: RwSignal::new(None),
            pending_answer: RwSignal::new(None),
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
        // Text set aside in an earlier visit is still waiting for the user's decision.
        let known: Vec<String> = state
            .problems
            .with_untracked(|p| p.iter().filter_map(|p| p.aside_key.clone()).collect());
        for key in storage::set_aside_keys() {
            if !known.contains(&key) {
                state.problems.update(|p| {
                    p.push(Problem {
                        text: "Some saved text could not be read earlier and was kept aside."
                            .into(),
                        aside_key: Some(key),
                    })
                });
            }
        }
        state
    }

    /// Seeds the sample plan. A first visit without a fragment (the bare address) opens it,
    /// so a new user lands in a complete example; a link to a page is honoured.
    fn first_start(&self) -> LibraryIndex {
        let plan = sample_plan(new_id(), now());
        if current_hash().is_empty() {
            let route = Route::Plan(plan.id.clone());
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&route.to_hash());
            }
            self.route.set(route);
        }
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

    /// Loads one plan with the text it was read from. Unreadable text is set aside and
    /// reported; a plan that needed repair is repaired in memory, its original text kept.
    fn read_plan_text(&self, id: &PlanId) -> Option<(Plan, String)> {
        match storage::load_plan_text(id) {
            Ok(Some(text)) => match decode_plan(&text) {
                Ok((plan, notes)) if notes.is_empty() => Some((plan, text)),
                Ok((plan, notes)) => {
                    let key = storage::set_aside(&storage::plan_key(id), &text, now()).ok();
                    self.problems.update(|p| {
                        p.push(Problem {
                            text: format!(
                                "“{}” had inconsistencies that were repaired: {} The original \
                                 text was kept aside.",
                                plan.display_title(),
                                notes.join(" ")
                            ),
                            aside_key: key,
                        })
                    });
                    Some((plan, text))
                }
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

    pub fn read_plan(&self, id: &PlanId) -> Option<Plan> {
        self.read_plan_text(id).map(|(p, _)| p)
    }

    fn set_aside(&self, key: &str, text: &str, what: &str, err: &DecodeError) {
        let (kept, aside_key) = match storage::set_aside(key, text, now()) {
            Ok(k) => (
                "Its text has been kept aside unchanged".to_string(),
                Some(k),
            ),
            Err(e) => (format!("Its text could not be kept aside ({e})"), None),
        };
        self.problems.update(|p| {
            p.push(Problem {
                text: format!(
                    "The planner could not read {what}: {err}. {kept}; everything else works as usual."
                ),
                aside_key,
            })
        });
    }

    pub fn report(&self, err: StoreError) {
        let text = err.to_string();
        let mut chars = text.chars();
        let text = match chars.next() {
            Some(first) => format!("{}{}.", first.to_ascii_uppercase(), chars.as_str()),
            None => text,
        };
        let text = if err == StoreError::Full {
            format!("{text} Nothing already saved is lost. Export your plans to keep a copy, and delete plans you no longer need to make room.")
        } else {
            text
        };
        self.problems.update(|p| {
            if !p.iter().any(|x| x.text == text) {
                p.push(Problem {
                    text,
                    aside_key: None,
                })
            }
        });
    }

    /// Downloads text that was set aside, so the user can inspect or repair it.
    pub fn aside_text(&self, key: &str) -> Option<String> {
        storage::read_set_aside(key)
    }

    pub fn discard_aside(&self, key: &str) {
        if let Err(e) = storage::discard_set_aside(key) {
            self.report(e);
        }
        self.problems
            .update(|p| p.retain(|x| x.aside_key.as_deref() != Some(key)));
    }

    /// Records a plan's new title or time in the index.
    pub fn update_index_entry(&self, summary: PlanSummary) {
        let mut index = self.index.get_untracked();
        if index.get(&summary.id) == Some(&summary) {
            return;
        }
        index.upsert(summary);
        if let Err(err) = storage::save_index(&index) {
            self.report(err);
        }
        self.index.set(index);
    }

    /// Writes a plan and its index line. Returns false (and tells the user) on failure.
    pub fn save_plan(&self, plan: &Plan) -> bool {
        if let Err(err) = storage::save_plan(plan) {
            self.report(err);
            return false;
        }
        self.update_index_entry(plan.summary());
        true
    }

    pub fn create_plan(&self, title: &str) -> Option<PlanId> {
        let plan = Plan::new(new_id(), title.trim(), now());
        self.save_plan(&plan).then_some(plan.id)
    }

    pub fn rename(&self, id: &PlanId, title: &str) {
        if let Some(session) = self.open_session_for(id) {
            let title = title.trim().to_string();
            session.edit("rename the plan", "", |p| p.title = title);
            session.flush();
            return;
        }
        if let Some(mut plan) = self.read_plan(id) {
            if plan.title != title.trim() {
                plan.title = title.trim().to_string();
                plan.updated = now();
                self.save_plan(&plan);
            }
        }
    }

    pub fn duplicate(&self, id: &PlanId) -> Option<PlanId> {
        self.flush();
        let plan = self.read_plan(id)?.duplicate(new_id(), now());
        self.save_plan(&plan).then(|| {
            self.notice.set(Some(Notice {
                text: format!("Made “{}”.", plan.display_title()),
                undo: Undo::No,
            }));
            plan.id
        })
    }

    pub fn delete(&self, id: &PlanId) {
        self.flush();
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
            undo: Undo::Delete,
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
                undo: Undo::No,
            }));
        } else {
            self.trash.update_value(|t| t.push(plan));
        }
    }

    /// Opens the workspace session for a plan, or `None` when it is not in the library.
    pub fn open(&self, id: &PlanId) -> Option<PlanSession> {
        if let Some(s) = self.open_session_for(id) {
            return Some(s);
        }
        self.flush();
        let (plan, text) = self.read_plan_text(id)?;
        let session = PlanSession::open(*self, plan, Some(text));
        self.session.set(Some(session));
        Some(session)
    }

    fn open_session_for(&self, id: &PlanId) -> Option<PlanSession> {
        self.session
            .get_untracked()
            .filter(|s| s.plan.with_untracked(|p| &p.id == id))
    }

    /// Writes pending edits of the open plan now (page hidden, closing, leaving the plan).
    pub fn flush(&self) {
        if let Some(s) = self.session.get_untracked() {
            s.flush();
        }
    }

    /// Keeps this tab in step with changes other tabs make to the library.
    pub fn external_change(&self, change: ExternalChange) {
        match change {
            ExternalChange::Plan(id, text) => {
                if let Some(s) = self.open_session_for(&id) {
                    s.external_change(text);
                }
            }
            ExternalChange::Index | ExternalChange::Everything => {
                if let Ok(Some(text)) = storage::load_index_text() {
                    if let Ok(index) = decode_index(&text) {
                        self.index.set(index);
                    }
                }
                if let Some(s) = self.session.get_untracked() {
                    let id = s.plan.with_untracked(|p| p.id.clone());
                    s.external_change(storage::load_plan_text(&id).ok().flatten());
                }
            }
        }
    }

    /// Every plan of the library, for export. Unreadable plans are reported and left out.
    pub fn all_plans(&self) -> Vec<Plan> {
        self.flush();
        self.index
            .get_untracked()
            .listed()
            .iter()
            .filter_map(|s| self.read_plan(&s.id))
            .collect()
    }

    pub fn export_plan(&self, id: &PlanId) -> Option<String> {
        self.flush();
        self.read_plan(id).map(|p| exchange::export(&[p], now()))
    }

    pub fn export_library(&self) -> String {
        exchange::export(&self.all_plans(), now())
    }

    /// Imports every plan of a file, or none. A plan whose id is already in the library
    /// comes in as a copy with a new id. Returns the imported plans' titles.
    pub fn import(&self, text: &str) -> Result<Vec<String>, String> {
        let plans = exchange::import(text).map_err(|e| e.to_string())?;
        let mut titles = Vec::new();
        for mut plan in plans {
            if self.index.with_untracked(|i| i.get(&plan.id).is_some()) {
                plan.id = new_id();
            }
            if !self.save_plan(&plan) {
                return Err(format!(
                    "the library is full; {} plan(s) were imported before it filled up",
                    titles.len()
                ));
            }
            titles.push(plan.display_title().to_string());
        }
        Ok(titles)
    }

    /// A research domain (GENIUS, GeniusWeb) as a new plan; returns its id.
    pub fn import_domain(&self, domain: &crate::formats::ImportedDomain) -> Option<PlanId> {
        let plan = crate::formats::plan_domain::plan_from_domain(domain, new_id(), now());
        self.save_plan(&plan).then_some(plan.id)
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
