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
    write(&plan_key(&plan.id), &encode_plan(plan))
}

pub fn remove_plan(id: &PlanId) -> Result<(), StoreError> {
    remove(&plan_key(id))
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
/// the user can download or discard it. Returns the key it went to.
pub fn set_aside(original_key: &str, text: &str, now: i64) -> Result<String, StoreError> {
    let name = original_key.strip_prefix(PREFIX).unwrap_or(original_key);
    let key = format!("{SET_ASIDE_PREFIX}{now}/{name}");
    write(&key, text)?;
    Ok(key)
}

pub const INDEX_STORAGE_KEY: &str = INDEX_KEY;
