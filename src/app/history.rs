//! Undo and redo for a plan, as a list of small patches between JSON trees rather than
//! whole copies: a step costs the size of what changed, so 100+ steps of a 500 KB plan
//! stay small, and the history can itself be saved to survive a reload.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How many steps are kept; older ones fall off.
pub const HISTORY_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// One changed place: the value before and after (None = absent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub path: Vec<Seg>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One undoable step, with a label for the buttons' tooltips ("Undo: rename party").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    pub changes: Vec<Change>,
    /// Steps with the same non-empty key that follow each other merge (typing in one
    /// field is one step, not one per keystroke).
    #[serde(default)]
    pub merge_key: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
}

/// The changes that turn `a` into `b`. Objects are compared key by key and arrays of the
/// same length element by element; anything else that differs is replaced whole.
pub fn diff(a: &Value, b: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    diff_into(&mut Vec::new(), a, b, &mut out);
    out
}

fn diff_into(path: &mut Vec<Seg>, a: &Value, b: &Value, out: &mut Vec<Change>) {
    match (a, b) {
        _ if a == b => {}
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                path.push(Seg::Key(k.clone()));
                match y.get(k) {
                    Some(vb) => diff_into(path, va, vb, out),
                    None => out.push(Change {
                        path: path.clone(),
                        before: Some(va.clone()),
                        after: None,
                    }),
                }
                path.pop();
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    path.push(Seg::Key(k.clone()));
                    out.push(Change {
                        path: path.clone(),
                        before: None,
                        after: Some(vb.clone()),
                    });
                    path.pop();
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                path.push(Seg::Index(i));
                diff_into(path, va, vb, out);
                path.pop();
            }
        }
        _ => out.push(Change {
            path: path.clone(),
            before: Some(a.clone()),
            after: Some(b.clone()),
        }),
    }
}

/// Applies changes forward (`after`) or backward (`before`). Returns false when the tree
/// does not have the shape the changes expect (it was changed elsewhere), leaving it as
/// far as applied; callers then drop the history rather than corrupt the plan.
pub fn apply(root: &mut Value, changes: &[Change], forward: bool) -> bool {
    let mut ok = true;
    let ordered: Box<dyn Iterator<Item = &Change>> = if forward {
        Box::new(changes.iter())
    } else {
        Box::new(changes.iter().rev())
    };
    for change in ordered {
        let value = if forward {
            &change.after
        } else {
            &change.before
        };
        ok &= set(root, &change.path, value.clone());
    }
    ok
}

fn set(root: &mut Value, path: &[Seg], value: Option<Value>) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return match value {
            Some(v) => {
                *root = v;
                true
            }
            None => false,
        };
    };
    let mut node = root;
    for seg in parents {
        node = match (seg, node) {
            (Seg::Key(k), Value::Object(map)) => match map.get_mut(k) {
                Some(n) => n,
                None => return false,
            },
            (Seg::Index(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(n) => n,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node, value) {
        (Seg::Key(k), Value::Object(map), Some(v)) => {
            map.insert(k.clone(), v);
            true
        }
        (Seg::Key(k), Value::Object(map), None) => map.remove(k).is_some(),
        (Seg::Index(i), Value::Array(items), Some(v)) if *i < items.len() => {
            items[*i] = v;
            true
        }
        _ => false,
    }
}

impl History {
    /// Records a step. Clears redo, merges with the previous step when both carry the same
    /// merge key, and drops the oldest steps past the limit.
    pub fn record(&mut self, step: Step) {
        if step.changes.is_empty() {
            return;
        }
        self.redo.clear();
        if let Some(prev) = self.undo.last_mut() {
            if !step.merge_key.is_empty() && prev.merge_key == step.merge_key {
                prev.changes.extend(step.changes);
                return;
            }
        }
        self.undo.push(step);
        if self.undo.len() > HISTORY_LIMIT {
            let excess = self.undo.len() - HISTORY_LIMIT;
            self.undo.drain(..excess);
        }
    }

    /// Ends merging, so the next edit of the same field starts a new step (on blur).
    pub fn seal(&mut self) {
        if let Some(prev) = self.undo.last_mut() {
            prev.merge_key.clear();
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Undoes the last step on `doc`; returns its label, or None when there is nothing to
    /// undo or the document no longer fits the history (then the history is cleared).
    pub fn undo(&mut self, doc: &mut Value) -> Option<String> {
        let mut step = self.undo.pop()?;
        if !apply(doc, &step.changes, false) {
            self.undo.clear();
            self.redo.clear();
            return None;
        }
        step.merge_key.clear();
        let label = step.label.clone();
        self.redo.push(step);
        Some(label)
    }

    pub fn redo(&mut self, doc: &mut Value) -> Option<String> {
        let step = self.redo.pop()?;
        if !apply(doc, &step.changes, true) {
            self.undo.clear();
            self.redo.clear();
            return None;
        }
        let label = step.label.clone();
        self.undo.push(step);
        Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_then_apply_round_trips() {
        let a = json!({"t": "x", "list": [1, 2, {"k": 1}], "gone": true});
        let b = json!({"t": "y", "list": [1, 2, {"k": 2, "n": 3}], "new": [1]});
        let changes = diff(&a, &b);
        let mut doc = a.clone();
        assert!(apply(&mut doc, &changes, true));
        assert_eq!(doc, b);
        assert!(apply(&mut doc, &changes, false));
        assert_eq!(doc, a);
    }

    #[test]
    fn typing_merges_and_limit_holds() {
        let mut h = History::default();
        let mut doc = json!({"t": ""});
        for (i, text) in ["a", "ab", "abc"].iter().enumerate() {
            let next = json!({ "t": text });
            h.record(Step {
                label: "title".into(),
                changes: diff(&doc, &next),
                merge_key: "title".into(),
            });
            doc = next;
            assert_eq!(h.undo.len(), 1, "step {i}");
        }
        assert_eq!(h.undo(&mut doc).as_deref(), Some("title"));
        assert_eq!(doc, json!({"t": ""}));
        assert_eq!(h.redo(&mut doc).as_deref(), Some("title"));
        assert_eq!(doc, json!({"t": "abc"}));

        for i in 0..(HISTORY_LIMIT + 50) {
            let next = json!({ "t": i });
            h.record(Step {
                label: format!("{i}"),
                changes: diff(&doc, &next),
                merge_key: String::new(),
            });
            doc = next;
        }
        assert_eq!(h.undo.len(), HISTORY_LIMIT);
    }

    #[test]
    fn a_history_that_no_longer_fits_is_dropped_not_applied() {
        let mut h = History::default();
        let a = json!({"list": [1, 2]});
        let b = json!({"list": [1, 3]});
        h.record(Step {
            label: "x".into(),
            changes: diff(&a, &b),
            merge_key: String::new(),
        });
        let mut other = json!({"something": "else"});
        assert_eq!(h.undo(&mut other), None);
        assert!(h.undo.is_empty() && h.redo.is_empty());
    }
}
