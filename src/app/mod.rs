//! Application state shared by the views: the library index, the current route, the open
//! plan, notices, and the storage problems the user must hear about. Views call the methods
//! here; only `persist::storage` below touches the browser's storage.

pub mod analysis;
pub mod history;
pub mod library;
pub mod route;
pub mod session;
pub mod team;

use crate::model::text::unique_title;
use crate::model::{templates, Millis, Plan, PlanId, PlanSummary, Template};
use crate::persist::exchange;
use crate::persist::schema::{
    decode_index, decode_plan, encode_plan, salvage_title, unreadable_plan_message, DecodeError,
    LibraryIndex,
};
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
    /// Bring back the unreadable text just discarded.
    Discard,
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
    /// The reader's own words (line, column, field), shown only on request.
    pub detail: Option<String>,
    pub aside_key: Option<String>,
}

impl Problem {
    fn new(text: String) -> Problem {
        Problem {
            text,
            detail: None,
            aside_key: None,
        }
    }
}

/// A stored plan that cannot be read. It stays where it is (never overwritten) and its
/// text is also kept aside; the library marks it, and opening it explains what happened.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unreadable {
    pub id: PlanId,
    /// The title from the library's index, or as written in the damaged text.
    pub title: String,
    /// What happened and what the user can do, naming the plan.
    pub message: String,
    /// The library's mark for it.
    pub label: String,
    /// The reader's own words, for the "details" disclosure.
    pub detail: String,
    pub aside_key: Option<String>,
}

/// What a discard took away, so Undo can put it back.
#[derive(Clone, Debug)]
struct Discarded {
    texts: Vec<(String, String)>,
    problem: Option<Problem>,
    unreadable: Option<Unreadable>,
    summary: Option<PlanSummary>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub index: RwSignal<LibraryIndex>,
    pub route: RwSignal<Route>,
    pub notice: RwSignal<Option<Notice>>,
    pub problems: RwSignal<Vec<Problem>>,
    /// Stored plans that could not be read (see [`Unreadable`]).
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Ticks every 30 s so "changed 5 minutes ago" stays true.
    pub clock: RwSignal<Millis>,
    /// The plan being edited, if the workspace is open.
    pub session: RwSignal<Option<PlanSession>>,
    /// A teammate's answer on its way into its plan (`app::team`): the plan's Team views
    /// step merges it, inside the plan's own session, so it is one undoable edit.
    pub pending_answer: RwSignal<Option<(crate::team::doc::Answer, bool)>>,
    /// Deleted plans, newest last, kept in memory so a delete can be undone.
    trash: StoredValue<Vec<Plan>>,
    /// Unreadable text discarded, newest last, so a discard can be undone.
    discarded: StoredValue<Vec<Discarded>>,
}

/// How long one slice of a file import may hold the page.
pub const IMPORT_SLICE_MS: f64 = 40.0;

/// Lets the browser draw and handle input before going on.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
            unreadable: RwSignal::new(Vec::new()),
            clock: RwSignal::new(now()),
            session: RwSignal::new(None),
            pending_answer: RwSignal::new(None),
            trash: StoredValue::new(Vec::new()),
            discarded: StoredValue::new(Vec::new()),
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
        for key in storage::set_aside_keys() {
            state.recall_aside(key);
        }
        state
    }

    /// Names what a copy set aside in an earlier visit is: a plan that still cannot be
    /// read (marked in the library), the original of a plan that was repaired, a plan since
    /// deleted, or the library's list.
    fn recall_aside(&self, key: String) {
        if self.problems.with_untracked(|p| {
            p.iter()
                .any(|x| x.aside_key.as_deref() == Some(key.as_str()))
        }) {
            return;
        }
        let Some(id) = storage::set_aside_plan(&key) else {
            let text =
                if storage::set_aside_origin(&key).as_deref() == Some(storage::INDEX_STORAGE_KEY) {
                    "The list of plans could not be read in an earlier visit (it was rebuilt from \
                 the plans themselves). Its text was kept aside."
                } else {
                    "Some saved text could not be read earlier and was kept aside."
                };
            return self.add_problem(Problem {
                aside_key: Some(key),
                ..Problem::new(text.into())
            });
        };
        match storage::load_plan_text(&id) {
            Ok(Some(text)) => match decode_plan(&text) {
                Err(err) => self.unreadable_found(&id, &text, &err),
                Ok((plan, _)) => self.add_problem(Problem {
                    aside_key: Some(key),
                    ..Problem::new(format!(
                        "“{}” was repaired when it was read in an earlier visit; its original \
                         text was kept aside.",
                        plan.display_title()
                    ))
                }),
            },
            _ => {
                let title = storage::read_set_aside(&key)
                    .and_then(|t| salvage_title(&t))
                    .unwrap_or_else(|| "Untitled plan".into());
                self.add_problem(Problem {
                    aside_key: Some(key),
                    ..Problem::new(format!(
                        "The text of “{title}”, a plan that could not be read and is no longer \
                         in the library, was kept aside."
                    ))
                })
            }
        }
    }

    fn add_problem(&self, problem: Problem) {
        self.problems.update(|p| {
            if !p.iter().any(|x| x == &problem) {
                p.push(problem)
            }
        });
    }

    /// Seeds the user's copy of the first example (the job offer), titled as a copy like
    /// every example started from the library ([`AppState::start_example`]). A first visit
    /// without a fragment (the bare address) opens it, so a new user lands in a complete
    /// example, with a notice saying whose it is; a link to a page is honoured.
    fn first_start(&self) -> LibraryIndex {
        let (_, label, make) = templates()[0];
        let mut plan = make(new_id(), now());
        plan.title = LibraryIndex::default().copy_title(label);
        if current_hash().is_empty() {
            let route = Route::Plan(plan.id.clone());
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&route.to_hash());
            }
            self.route.set(route);
            self.notice.set(Some(Notice {
                text: format!(
                    "This is your own copy of the {label} example: change anything. The \
                     example itself stays under “Start from an example” in Your plans."
                ),
                undo: Undo::No,
            }));
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
    /// reported, naming the plan. A plan that needed repair is repaired, its original text
    /// kept aside once, and the repaired plan saved, so it is not repaired (nor its
    /// original copied) again on every read.
    fn read_plan_text(&self, id: &PlanId) -> Option<(Plan, String)> {
        match storage::load_plan_text(id) {
            Ok(Some(text)) => match decode_plan(&text) {
                Ok((plan, notes)) if notes.is_empty() => Some((plan, text)),
                Ok((plan, notes)) => {
                    let key = storage::set_aside(&storage::plan_key(id), &text, now()).ok();
                    // Only with the original safe may the repaired plan take its place.
                    let repaired = encode_plan(&plan);
                    let saved = key.is_some() && storage::save_plan_text(id, &repaired).is_ok();
                    self.add_problem(Problem {
                        aside_key: key,
                        ..Problem::new(format!(
                            "“{}” had inconsistencies that were repaired: {} The original \
                             text was kept aside.",
                            plan.display_title(),
                            notes.join(" ")
                        ))
                    });
                    Some((plan, if saved { repaired } else { text }))
                }
                Err(err) => {
                    self.unreadable_found(id, &text, &err);
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

    /// A stored plan that cannot be read: its text is set aside (once), the plan is marked
    /// unreadable and the user told, by the plan's name, what happened.
    fn unreadable_found(&self, id: &PlanId, text: &str, err: &DecodeError) {
        let aside_key = match storage::set_aside(&storage::plan_key(id), text, now()) {
            Ok(k) => Some(k),
            Err(e) => {
                self.report(e);
                None
            }
        };
        let title = self
            .index
            .with_untracked(|i| i.get(id).map(|s| s.display_title().to_string()))
            .or_else(|| salvage_title(text))
            .unwrap_or_else(|| "Untitled plan".into());
        let entry = Unreadable {
            id: id.clone(),
            message: unreadable_plan_message(&title, err),
            label: err.label().to_string(),
            detail: err.to_string(),
            title,
            aside_key: aside_key.clone(),
        };
        self.add_problem(Problem {
            text: entry.message.clone(),
            detail: Some(entry.detail.clone()),
            aside_key,
        });
        self.unreadable.update(|u| {
            u.retain(|x| &x.id != id);
            u.push(entry);
        });
    }

    /// The unreadable plan with this id, if it is one.
    pub fn unreadable_plan(&self, id: &PlanId) -> Option<Unreadable> {
        self.unreadable
            .with_untracked(|u| u.iter().find(|x| &x.id == id).cloned())
    }

    fn set_aside(&self, key: &str, text: &str, what: &str, err: &DecodeError) {
        let (kept, aside_key) = match storage::set_aside(key, text, now()) {
            Ok(k) => (
                "Its text has been kept aside unchanged".to_string(),
                Some(k),
            ),
            Err(e) => (format!("Its text could not be kept aside ({e})"), None),
        };
        self.add_problem(Problem {
            text: format!(
                "The planner could not read {what}: {}. {kept}; everything else works as usual.",
                err.plain()
            ),
            detail: Some(err.to_string()),
            aside_key,
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
        self.add_problem(Problem::new(text));
    }

    /// Text that was set aside, to download so the user can inspect or repair it.
    pub fn aside_text(&self, key: &str) -> Option<String> {
        storage::read_set_aside(key)
    }

    /// The text of an unreadable plan: its set-aside copy, else its own key's text.
    pub fn unreadable_text(&self, id: &PlanId) -> Option<String> {
        self.unreadable_plan(id)
            .and_then(|u| u.aside_key)
            .and_then(|k| storage::read_set_aside(&k))
            .or_else(|| storage::load_plan_text(id).ok().flatten())
    }

    /// Discards text that was set aside. For a plan that still cannot be read, the plan
    /// goes too (its own key, its history, its line in the library): otherwise it would be
    /// found unreadable, and set aside again, on the next visit. Undo puts everything back.
    pub fn discard_aside(&self, key: &str) {
        let unreadable = storage::set_aside_plan(key).and_then(|id| self.unreadable_plan(&id));
        self.discard(Some(key.to_string()), unreadable);
    }

    /// Discards an unreadable plan (and its set-aside copy).
    pub fn discard_unreadable(&self, id: &PlanId) {
        if let Some(u) = self.unreadable_plan(id) {
            self.discard(u.aside_key.clone(), Some(u));
        }
    }

    fn discard(&self, key: Option<String>, unreadable: Option<Unreadable>) {
        let mut texts = Vec::new();
        if let Some(key) = &key {
            if let Some(text) = storage::read_set_aside(key) {
                texts.push((key.clone(), text));
            }
            if let Err(e) = storage::discard_set_aside(key) {
                return self.report(e);
            }
        }
        let mut summary = None;
        if let Some(u) = &unreadable {
            let plan_key = storage::plan_key(&u.id);
            if let Some(text) = storage::read_raw(&plan_key) {
                texts.push((plan_key, text));
            }
            if let Err(e) = storage::remove_plan(&u.id) {
                self.report(e);
            }
            let mut index = self.index.get_untracked();
            summary = index.get(&u.id).cloned();
            if summary.is_some() {
                index.remove(&u.id);
                if let Err(e) = storage::save_index(&index) {
                    self.report(e);
                }
                self.index.set(index);
            }
            self.unreadable.update(|x| x.retain(|x| x.id != u.id));
        }
        let mut problem = None;
        self.problems.update(|p| {
            if let Some(k) = p.iter().position(|x| key.is_some() && x.aside_key == key) {
                problem = Some(p.remove(k));
            }
        });
        let what = match &unreadable {
            Some(u) => format!("Discarded “{}”.", u.title),
            None => "Discarded the kept text.".to_string(),
        };
        self.discarded.update_value(|d| {
            d.push(Discarded {
                texts,
                problem,
                unreadable,
                summary,
            })
        });
        self.notice.set(Some(Notice {
            text: what,
            undo: Undo::Discard,
        }));
    }

    /// Puts back what the last discard took away.
    pub fn undo_discard(&self) {
        let Some(d) = self.discarded.try_update_value(|d| d.pop()).flatten() else {
            return;
        };
        for (key, text) in &d.texts {
            if let Err(e) = storage::restore(key, text) {
                return self.report(e);
            }
        }
        if let Some(summary) = d.summary {
            self.update_index_entry(summary);
        }
        if let Some(u) = d.unreadable {
            let title = u.title.clone();
            self.unreadable.update(|x| x.push(u));
            self.notice
                .set(Some(Notice::info(format!("Brought back “{title}”."))));
        } else {
            self.notice
                .set(Some(Notice::info("Brought back the kept text.")));
        }
        if let Some(p) = d.problem {
            self.add_problem(p);
        }
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

    /// Imports every plan of a file, or none. Returns the imported plans' titles.
    pub fn import(&self, text: &str) -> Result<Vec<String>, String> {
        let plans = exchange::import(text).map_err(|e| e.to_string())?;
        self.import_plans(plans)
    }

    /// Starts the user's own copy of an example (new id, new times, a title that says it
    /// is a copy); returns its id, or `None` when it could not be saved (reported).
    pub fn start_example(&self, template: &Template) -> Option<PlanId> {
        let (_, label, make) = *template;
        let mut plan = make(new_id(), now());
        plan.title = self.index.with_untracked(|i| i.copy_title(label));
        self.save_plan(&plan).then_some(plan.id)
    }

    /// Imports a file like [`AppState::import`], reading the plans in slices of about [`IMPORT_SLICE_MS`] with the page
    /// drawn and responsive between them; `progress` hears how far it got. A large library
    /// file would otherwise hold the page for as long as reading it takes.
    pub async fn import_sliced(
        &self,
        text: &str,
        progress: impl Fn(String),
    ) -> Result<Vec<String>, String> {
        let file = exchange::open(text).map_err(|e| e.to_string())?;
        let mut plans = Vec::with_capacity(file.len());
        let mut slice = analysis::now_ms();
        for i in 0..file.len() {
            if i > 0 && analysis::now_ms() - slice > IMPORT_SLICE_MS {
                progress(format!("Reading plan {} of {}…", i + 1, file.len()));
                next_task().await;
                slice = analysis::now_ms();
            }
            plans.push(file.read(i).map_err(|e| e.to_string())?);
        }
        self.import_plans(plans)
    }

    /// Saves imported plans, all or none. A plan whose id is already in the library comes
    /// in as a copy with a new id; a title already in the library gets a number, as
    /// templates do. When storage fills up halfway, the plans already written are removed
    /// again and the index is left as it was, so the library is exactly as before.
    pub fn import_plans(&self, plans: Vec<Plan>) -> Result<Vec<String>, String> {
        let mut index = self.index.get_untracked();
        let mut titles: Vec<String> = index.plans.iter().map(|p| p.title.clone()).collect();
        let mut written: Vec<PlanId> = Vec::new();
        let mut imported = Vec::new();
        let mut failure = None;
        for mut plan in plans {
            if index.get(&plan.id).is_some() {
                plan.id = new_id();
            }
            if !plan.title.trim().is_empty() {
                let taken: Vec<&str> = titles.iter().map(String::as_str).collect();
                plan.title = unique_title(&plan.title, &taken);
            }
            if let Err(err) = storage::save_plan(&plan) {
                failure = Some(err);
                break;
            }
            written.push(plan.id.clone());
            index.upsert(plan.summary());
            imported.push(plan.display_title().to_string());
            titles.push(plan.title);
        }
        if failure.is_none() {
            if let Err(err) = storage::save_index(&index) {
                failure = Some(err);
            }
        }
        match failure {
            None => {
                self.index.set(index);
                Ok(imported)
            }
            Some(err) => {
                // The index is written last, so it still lists what it listed before.
                for id in &written {
                    let _ = storage::remove_plan(id);
                }
                Err(match err {
                    StoreError::Full => "there is not enough room left in this browser's \
                        storage for them, so the library was left as it was. Delete plans \
                        you no longer need, then import again"
                        .to_string(),
                    other => format!("{other}; the library was left as it was"),
                })
            }
        }
    }

    /// Goes to `route` in place of the current history entry, so Back does not return to
    /// it (a share link carries a whole plan; it should not stay in history).
    pub fn navigate_replace(&self, route: Route) {
        if let Some(w) = web_sys::window() {
            let location = w.location();
            let href = location.href().unwrap_or_default();
            let base = href.split('#').next().unwrap_or_default();
            let _ = location.replace(&format!("{base}{}", route.to_hash()));
        }
        self.route.set(route);
    }

    /// A research domain (GENIUS, GeniusWeb) as a new plan, titled after `source` (the
    /// domain file's name, with its folder when a folder was imported); returns its id and
    /// title. Refused, in plain words, when it is larger than any plan the planner takes.
    pub fn import_domain(
        &self,
        domain: &crate::formats::ImportedDomain,
        source: &str,
    ) -> Result<(PlanId, String), String> {
        let plan = crate::formats::plan_domain::plan_from_domain(domain, source, new_id(), now());
        plan.check_limits()
            .map_err(|(_, message)| format!("the domain is too large: {message}"))?;
        let id = plan.id.clone();
        let title = self.import_plans(vec![plan])?;
        Ok((id, title.into_iter().next().unwrap_or_default()))
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
