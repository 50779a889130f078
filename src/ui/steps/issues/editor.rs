//! The head that an issue card and an option row share: the name edited in place, move up,
//! move down and remove, with the focus kept where the user expects it. One piece over
//! `model::edit_issues::Item`, which says whether it is an issue or an option and holds
//! the words and the plan operations.

use super::notice;
use crate::app::PlanSession;
use crate::model::edit_issues::Item;
use crate::ui::steps::fields::{focus_soon, text_field, Field};
use leptos::prelude::*;

/// An issue or an option being edited: its element ids, its name and its place.
#[derive(Clone, Copy)]
pub(super) struct Editor {
    session: PlanSession,
    item: StoredValue<Item>,
    prefix: StoredValue<String>,
    /// The name for labels and notices, never blank.
    pub name: Memo<String>,
    /// (position, count) among its siblings.
    pub place: Memo<(usize, usize)>,
}

impl Editor {
    pub fn new(session: PlanSession, item: Item) -> Editor {
        let plan = session.plan;
        let prefix = StoredValue::new(item.dom_prefix());
        let item = StoredValue::new(item);
        Editor {
            session,
            item,
            prefix,
            name: Memo::new(move |_| plan.with(|p| item.with_value(|i| i.display_name(p)))),
            place: Memo::new(move |_| plan.with(|p| item.with_value(|i| i.place(p)))),
        }
    }

    /// An element id of this entry: `issue-<id>-<suffix>`, `opt-<id>-<suffix>`.
    pub fn el(&self, suffix: &str) -> String {
        self.prefix.with_value(|p| format!("{p}{suffix}"))
    }

    fn is_option(&self) -> bool {
        self.item.with_value(Item::is_option)
    }

    /// Moves it by -1 or +1, then focuses the first of `refocus` that can take it.
    pub fn move_by(&self, delta: isize, refocus: Vec<String>) {
        let item = self.item;
        self.session.edit(
            &format!("move “{}”", self.name.get_untracked()),
            "",
            |p| {
                item.with_value(|i| i.move_by(p, delta));
            },
        );
        focus_soon(refocus);
    }

    /// Moves it with its own button, which keeps the focus (or its twin, at an end).
    fn move_from_button(&self, delta: isize) {
        let (first, second) = if delta < 0 {
            ("up", "down")
        } else {
            ("down", "up")
        };
        self.move_by(delta, vec![self.el(first), self.el(second)]);
    }

    /// Removes it (undoably) and puts the cursor where the user can go on: after an
    /// option, on the next option or the issue's quick-add field; after an issue, on the
    /// new-issue field.
    pub fn remove(&self) {
        let item = self.item;
        let name = self.name.get_untracked();
        let (next, issue) = self
            .session
            .plan
            .with_untracked(|p| item.with_value(|i| i.after_removal(p)));
        let (_, undo) = item.with_value(|i| i.remove_words(&name));
        self.session.edit(&undo, "", |p| {
            item.with_value(|i| i.remove(p));
        });
        notice(format!("Removed “{name}”."));
        let mut ids = Vec::new();
        if let Some(next) = next {
            ids.push(Item::Option(next).dom_prefix() + "label");
        }
        match issue {
            Some(issue) => ids.push(Item::Issue(issue).dom_prefix() + "new-option"),
            None => ids.push("new-issue-name".into()),
        }
        focus_soon(ids);
    }

    /// The head: the name field and the row's buttons, in a row of class `class`.
    pub fn head(self, class: &'static str) -> impl IntoView {
        let plan = self.session.plan;
        let item = self.item;
        let option = self.is_option();
        let label = Signal::derive(move || plan.with(|p| item.with_value(|i| i.name_label(p))));
        let (slug, undo) = item.with_value(|i| (i.name_slug(), i.rename_undo()));
        let mut field = Field::new(self.el(slug), "", undo)
            .live_label(label)
            .hide_label()
            .max_length(200)
            .class(if option { "option-label" } else { "issue-name" });
        if option {
            field = field.keys("Alt+ArrowUp Alt+ArrowDown");
        }
        let name_field = text_field(
            self.session,
            field,
            move |p| item.with_value(|i| i.text(p)),
            move |p, v| item.with_value(|i| i.set_text(p, v)),
        );
        view! {
            <div class=class>
                {name_field}
                {self.actions()}
            </div>
        }
    }

    /// Move up, move down and remove (an option's buttons are compact and show their
    /// Alt+arrow shortcuts).
    fn actions(self) -> impl IntoView {
        let option = self.is_option();
        let name = self.name;
        let place = self.place;
        let remove_label = move || self.item.with_value(|i| i.remove_words(&name.get()).0);
        view! {
            <div class="row-actions">
                <button
                    id=self.el("up")
                    class="icon"
                    aria-label=move || format!("Move “{}” up", name.get())
                    title=if option { "Move up (Alt+↑)" } else { "Move up" }
                    disabled=move || place.get().0 == 0
                    on:click=move |_| self.move_from_button(-1)
                >
                    "↑"
                </button>
                <button
                    id=self.el("down")
                    class="icon"
                    aria-label=move || format!("Move “{}” down", name.get())
                    title=if option { "Move down (Alt+↓)" } else { "Move down" }
                    disabled=move || {
                        let (k, n) = place.get();
                        k + 1 >= n
                    }
                    on:click=move |_| self.move_from_button(1)
                >
                    "↓"
                </button>
                <button
                    class=if option { "danger icon" } else { "danger" }
                    aria-label=remove_label
                    title=option.then_some("Remove")
                    on:click=move |_| self.remove()
                >
                    {if option { "✕" } else { "Remove" }}
                </button>
            </div>
        }
    }
}
