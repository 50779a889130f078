//! The open plan: edits with undo and redo, debounced saving, and the other tabs.
//!
//! Every edit goes through [`PlanSession::edit`], which records an undo step (a patch
//! between the plan's JSON before and after) and schedules a save. Saves wait for a pause
//! in typing and are flushed at once when the page is hidden or closed. Before writing, the
//! session checks that the stored plan is still the one it last read or wrote; if another
//! tab changed it meanwhile, nothing is overwritten and the user chooses.

use super::history::{diff, History, Step};
use super::{now, AppState, Notice};
use crate::model::Plan;
use crate::persist::schema::{decode_plan, encode_plan, from_value};
use crate::persist::storage::{self, StoreError};
use leptos::prelude::*;
use serde_json::Value;
use std::time::Duration;

/// How long typing must pause before a save.
pub const SAVE_DELAY: Duration = Duration::from_millis(400);

#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    /// Changed since the last save; a save is scheduled.
    Pending,
    /// The last save failed; the words say why. Edits stay in memory.
    Failed(String),
}

/// Another tab's version, when both tabs changed the plan (None: the other tab deleted it).
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub theirs: Option<Plan>,
    theirs_text: Option<String>,
}

#[derive(Clone, Copy)]
pub struct PlanSession {
    pub plan: RwSignal<Plan>,
    pub status: RwSignal<SaveStatus>,
    pub conflict: RwSignal<Option<Conflict>>,
    /// Labels of the steps that undo and redo would take back, for the buttons.
    pub undo_label: RwSignal<Option<String>>,
    pub redo_label: RwSignal<Option<String>>,
    history: StoredValue<History>,
    /// The plan as JSON when the last step was recorded: the base of the next diff.
    doc: StoredValue<Value>,
    /// The stored text this tab last read or wrote; anything else in storage is another tab's.
    last_written: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    app: AppState,
}

impl PlanSession {
    /// Opens a stored plan, with its undo history if one was kept.
    pub fn open(app: AppState, plan: Plan, stored_text: Option<String>) -> PlanSession {
        let history = storage::load_history_text(&plan.id)
            .and_then(|t| serde_json::from_str::<History>(&t).ok())
            .unwrap_or_default();
        let doc = serde_json::to_value(&plan).unwrap_or(Value::Null);
        let session = PlanSession {
            plan: RwSignal::new(plan),
            status: RwSignal::new(SaveStatus::Saved),
            conflict: RwSignal::new(None),
            undo_label: RwSignal::new(None),
            redo_label: RwSignal::new(None),
            history: StoredValue::new(history),
            doc: StoredValue::new(doc),
            last_written: StoredValue::new(stored_text),
            timer: StoredValue::new(None),
            app,
        };
        session.refresh_labels();
        session
    }

    /// Applies an edit as one undoable step. Edits with the same non-empty `merge_key` in a
    /// row form one step (typing in one field); call [`seal`](Self::seal) to end it.
    pub fn edit(&self, label: &str, merge_key: &str, f: impl FnOnce(&mut Plan)) {
        self.plan.update(|p| {
            f(p);
            p.updated = now();
        });
        let next = self
            .plan
            .with_untracked(|p| serde_json::to_value(p).unwrap_or(Value::Null));
        let changes = self.doc.with_value(|before| diff(before, &next));
        self.history.update_value(|h| {
            h.record(Step {
                label: label.to_string(),
                changes,
                merge_key: merge_key.to_string(),
            })
        });
        self.doc.set_value(next);
        self.refresh_labels();
        self.schedule_save();
    }

    /// Ends the current typing step, so the next keystroke starts a new undo step.
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    pub fn undo(&self) {
        self.step_history(true);
    }

    pub fn redo(&self) {
        self.step_history(false);
    }

    fn step_history(&self, back: bool) {
        let mut doc = self.doc.get_value();
        let label = self.history.try_update_value(|h| {
            if back {
                h.undo(&mut doc)
            } else {
                h.redo(&mut doc)
            }
        });
        let Some(Some(label)) = label else {
            self.refresh_labels();
            return;
        };
        match from_value::<Plan>(&doc) {
            Ok(mut plan) => {
                plan.updated = now();
                self.plan.set(plan);
                self.doc.set_value(doc);
                let verb = if back { "Undid" } else { "Redid" };
                self.app.notice.set(Some(Notice {
                    text: format!("{verb}: {label}."),
                    undo: crate::app::Undo::No,
                }));
                self.schedule_save();
            }
            Err(_) => self.history.set_value(History::default()),
        }
        self.refresh_labels();
    }

    fn refresh_labels(&self) {
        let (u, r) = self.history.with_value(|h| {
            (
                h.undo_label().map(String::from),
                h.redo_label().map(String::from),
            )
        });
        self.undo_label.set(u);
        self.redo_label.set(r);
    }

    fn schedule_save(&self) {
        if !matches!(self.status.get_untracked(), SaveStatus::Failed(_)) {
            self.status.set(SaveStatus::Pending);
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.flush(), SAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Whether edits are waiting to be written (or failed to be).
    pub fn is_dirty(&self) -> bool {
        self.status.get_untracked() != SaveStatus::Saved
    }

    /// Writes now if there is anything to write. Called by the timer, and at once when the
    /// page is hidden or closed or the user leaves the plan.
    pub fn flush(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        if !self.is_dirty() || self.conflict.with_untracked(Option::is_some) {
            return;
        }
        let id = self.plan.with_untracked(|p| p.id.clone());
        let stored = match storage::load_plan_text(&id) {
            Ok(t) => t,
            Err(e) => return self.failed(e),
        };
        if stored != self.last_written.get_value() {
            // Another tab wrote (or deleted) this plan since we last read it.
            let theirs = stored
                .as_deref()
                .and_then(|t| decode_plan(t).ok())
                .map(|(p, _)| p);
            self.conflict.set(Some(Conflict {
                theirs,
                theirs_text: stored,
            }));
            return;
        }
        self.write(&id);
    }

    fn write(&self, id: &crate::model::PlanId) {
        let text = self.plan.with_untracked(encode_plan);
        match storage::save_plan_text(id, &text) {
            Ok(()) => {
                self.last_written.set_value(Some(text));
                self.status.set(SaveStatus::Saved);
                self.app
                    .update_index_entry(self.plan.with_untracked(Plan::summary));
                if let Ok(h) = self.history.with_value(serde_json::to_string) {
                    storage::save_history(id, &h);
                }
            }
            Err(e) => self.failed(e),
        }
    }

    fn failed(&self, e: StoreError) {
        let text = match e {
            StoreError::Full => "Not saved: storage is full".to_string(),
            StoreError::Unavailable => "Not saved: storage is turned off".to_string(),
            StoreError::Other(_) => "Not saved".to_string(),
        };
        self.status.set(SaveStatus::Failed(text));
        self.app.report(e);
    }

    /// Another tab changed this plan. Without local edits we take its version; with them,
    /// the user chooses.
    pub fn external_change(&self, new_text: Option<String>) {
        if new_text == self.last_written.get_value() {
            return;
        }
        let theirs = new_text
            .as_deref()
            .and_then(|t| decode_plan(t).ok())
            .map(|(p, _)| p);
        if self.is_dirty() || theirs.is_none() {
            self.conflict.set(Some(Conflict {
                theirs,
                theirs_text: new_text,
            }));
        } else if let Some(plan) = theirs {
            self.adopt(plan, new_text);
            self.app.notice.set(Some(Notice {
                text: "This plan was changed in another tab; you now see the latest version."
                    .into(),
                undo: crate::app::Undo::No,
            }));
        }
    }

    /// Replaces the plan with a stored version; the undo history, which described the
    /// replaced version, is dropped.
    fn adopt(&self, plan: Plan, text: Option<String>) {
        self.doc
            .set_value(serde_json::to_value(&plan).unwrap_or(Value::Null));
        self.plan.set(plan);
        self.history.set_value(History::default());
        self.refresh_labels();
        self.last_written.set_value(text);
        self.status.set(SaveStatus::Saved);
        self.conflict.set(None);
    }

    /// Conflict: write this tab's version over the other's.
    pub fn keep_mine(&self) {
        let Some(conflict) = self.conflict.get_untracked() else {
            return;
        };
        self.last_written.set_value(conflict.theirs_text);
        self.conflict.set(None);
        self.status.set(SaveStatus::Pending);
        self.flush();
    }

    /// Conflict: take the other tab's version, dropping this tab's unsaved edits.
    pub fn take_theirs(&self) {
        let Some(conflict) = self.conflict.get_untracked() else {
            return;
        };
        if let Some(plan) = conflict.theirs {
            self.adopt(plan, conflict.theirs_text);
        }
    }

    /// Conflict: keep both. This tab's version becomes a new plan; this view shows theirs.
    pub fn keep_both(&self) {
        let Some(conflict) = self.conflict.get_untracked() else {
            return;
        };
        let mine = self.plan.get_untracked();
        let mut copy = mine.duplicate(super::new_id(), now());
        copy.title = format!("{} (my version)", mine.display_title());
        if !self.app.save_plan(&copy) {
            return;
        }
        let title = copy.title.clone();
        match conflict.theirs {
            Some(plan) => self.adopt(plan, conflict.theirs_text),
            None => {
                // The other tab deleted the plan: the copy is all that is left; open it.
                self.conflict.set(None);
                self.status.set(SaveStatus::Saved);
                self.app.navigate(super::Route::Plan(copy.id.clone()));
            }
        }
        self.app.notice.set(Some(Notice {
            text: format!("Your version was saved as “{title}”."),
            undo: crate::app::Undo::No,
        }));
    }
}
