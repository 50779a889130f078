//! The only module that touches the browser's local storage.
//!
//! Layout: one key per plan plus a small index, so an edit rewrites one plan, never the
//! library. All keys share a prefix because an intranet origin may host other apps.
//! Every call returns a `StoreError` instead of panicking: storage can be disabled,
//! full, or shared with another tab.

use crate::model::{Plan, PlanId};
use crate::persist::schema::{encode_index, encode_plan, LibraryIndex};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

const PREFIX: &str = "negotiation-planner/";
const INDEX_KEY: &str = "negotiation-planner/index";
const PLAN_PREFIX: &str = "negotiation-planner/plan/";
const SET_ASIDE_PREFIX: &str = "negotiation-planner/unreadable/";
const HISTORY_PREFIX: &str = "negotiation-planner/history/";

#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser refuses local storage (disabled, or a private mode without it).
    Unavailable,
    /// The origin's storage quota is used up; nothing was written.
    Full,
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable => write!(
                f,
                "this browser does not allow the planner to save (local storage is turned off)"
            ),
            StoreError::Full => write!(
                f,
                "the browser's storage for this site is full, so the last change was not saved"
            ),
            StoreError::Other(why) => write!(f, "saving failed: {why}"),
        }
    }
}

/// The storage handle, or `Unavailable`. Checked through web-sys first because gloo's
/// `raw()` throws when storage is disabled, and a throw would kill the app.
fn storage() -> Result<web_sys::Storage, StoreError> {
    let available = web_sys::window()
        .and_then(|w| w.local_storage().ok())
        .flatten()
        .is_some();
    if available {
        Ok(LocalStorage::raw())
    } else {
        Err(StoreError::Unavailable)
    }
}

fn read(key: &str) -> Result<Option<String>, StoreError> {
    storage()?
        .get_item(key)
        .map_err(|e| StoreError::Other(describe_js_error(&e)))
}

fn write(key: &str, text: &str) -> Result<(), StoreError> {
    storage()?.set_item(key, text).map_err(|e| {
        if is_quota_error(&e) {
            StoreError::Full
        } else {
            StoreError::Other(describe_js_error(&e))
        }
    })
}

fn remove(key: &str) -> Result<(), StoreError> {
    storage()?
        .remove_item(key)
        .map_err(|e| StoreError::Other(describe_js_error(&e)))
}

fn is_quota_error(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name() == "QuotaExceededError" || d.code() == 22)
        .unwrap_or(false)
}

fn describe_js_error(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.message())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown browser error".to_string())
}

pub fn plan_key(id: &PlanId) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The index text, or `None` on a first start.
pub fn load_index_text() -> Result<Option<String>, StoreError> {
    read(INDEX_KEY)
}

pub fn save_index(index: &LibraryIndex) -> Result<(), StoreError> {
    write(INDEX_KEY, &encode_index(index))
}

pub fn load_plan_text(id: &PlanId) -> Result<Option<String>, StoreError> {
    read(&plan_key(id))
}

pub fn save_plan(plan: &Plan) -> Result<(), StoreError> {
    save_plan_text(&plan.id, &encode_plan(plan))
}

/// Writes an already encoded plan (the caller keeps the text to notice other tabs' writes).
/// Marks the time it takes, so tests and measurements can read `planner-save`.
pub fn save_plan_text(id: &PlanId, text: &str) -> Result<(), StoreError> {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        p.clear_marks_with_mark_name("planner-save-start");
        p.clear_measures_with_measure_name("planner-save");
        let _ = p.mark("planner-save-start");
    }
    let result = write(&plan_key(id), text);
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark("planner-save", "planner-save-start");
    }
    result
}

/// Removes a plan and its undo history.
pub fn remove_plan(id: &PlanId) -> Result<(), StoreError> {
    let _ = remove(&history_key(id));
    remove(&plan_key(id))
}

fn history_key(id: &PlanId) -> String {
    format!("{HISTORY_PREFIX}{id}")
}

/// The plan's undo history, kept so undo survives a reload. Best effort: it is not user
/// data, so a failure to write it (storage full) is not reported.
pub fn save_history(id: &PlanId, text: &str) {
    let _ = write(&history_key(id), text);
}

pub fn load_history_text(id: &PlanId) -> Option<String> {
    read(&history_key(id)).ok().flatten()
}

/// Keys of text set aside as unreadable, oldest first.
pub fn set_aside_keys() -> Vec<String> {
    let Ok(store) = storage() else {
        return Vec::new();
    };
    let len = store.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..len)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(SET_ASIDE_PREFIX))
        .collect();
    crate::model::order::sort_by(&mut keys, |a, b| a.cmp(b));
    keys
}

/// Reads set-aside text (only keys under the set-aside prefix).
pub fn read_set_aside(key: &str) -> Option<String> {
    if !key.starts_with(SET_ASIDE_PREFIX) {
        return None;
    }
    read(key).ok().flatten()
}

/// Discards set-aside text (only keys under the set-aside prefix).
pub fn discard_set_aside(key: &str) -> Result<(), StoreError> {
    if !key.starts_with(SET_ASIDE_PREFIX) {
        return Ok(());
    }
    remove(key)
}

/// What another tab changed, as the browser's `storage` event reports it.
pub enum ExternalChange {
    Index,
    Plan(PlanId, Option<String>),
    /// `localStorage.clear()` in another tab: everything may have changed.
    Everything,
}

/// Calls `f` whenever another tab changes the library. (The event never fires for this
/// tab's own writes.)
pub fn on_external_change(
    f: impl Fn(ExternalChange) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        let change = match ev.key() {
            None => ExternalChange::Everything,
            Some(key) if key == INDEX_KEY => ExternalChange::Index,
            Some(key) => match key.strip_prefix(PLAN_PREFIX).and_then(PlanId::parse) {
                Some(id) => ExternalChange::Plan(id, ev.new_value()),
                None => return,
            },
        };
        f(change)
    })
}

/// Ids of every plan stored under our prefix, whether or not the index lists it: the
/// index is rebuilt from these when it is lost or damaged.
pub fn stored_plan_ids() -> Result<Vec<PlanId>, StoreError> {
    let store = storage()?;
    let len = store
        .length()
        .map_err(|e| StoreError::Other(describe_js_error(&e)))?;
    let mut ids = Vec::new();
    for i in 0..len {
        if let Ok(Some(key)) = store.key(i) {
            if let Some(id) = key.strip_prefix(PLAN_PREFIX).and_then(PlanId::parse) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// Keeps unreadable text under its own key so it is never overwritten by a later save;
/// the user can download or discard it. Returns the key it went to. Text already kept
/// (the same broken plan found again on the next page load) is not copied again: it
/// returns the key of the copy it already has, so copies never pile up and fill storage.
pub fn set_aside(original_key: &str, text: &str, now: i64) -> Result<String, StoreError> {
    if let Some(key) = set_aside_keys()
        .into_iter()
        .find(|k| read(k).ok().flatten().as_deref() == Some(text))
    {
        return Ok(key);
    }
    let name = original_key.strip_prefix(PREFIX).unwrap_or(original_key);
    let key = format!("{SET_ASIDE_PREFIX}{now}/{name}");
    write(&key, text)?;
    Ok(key)
}

/// The storage key a set-aside copy was taken from (`negotiation-planner/plan/p1`).
pub fn set_aside_origin(key: &str) -> Option<String> {
    let rest = key.strip_prefix(SET_ASIDE_PREFIX)?;
    let (_, name) = rest.split_once('/')?;
    Some(format!("{PREFIX}{name}"))
}

/// The plan a set-aside copy was taken from, if it was a plan.
pub fn set_aside_plan(key: &str) -> Option<PlanId> {
    set_aside_origin(key)?
        .strip_prefix(PLAN_PREFIX)
        .and_then(PlanId::parse)
}

/// Puts text back under a key it was removed from (undoing a discard).
pub fn restore(key: &str, text: &str) -> Result<(), StoreError> {
    if !key.starts_with(PREFIX) {
        return Ok(());
    }
    write(key, text)
}

/// The raw text under one of the planner's keys, whatever it holds.
pub fn read_raw(key: &str) -> Option<String> {
    if !key.starts_with(PREFIX) {
        return None;
    }
    read(key).ok().flatten()
}

pub const INDEX_STORAGE_KEY: &str = INDEX_KEY;
