use crate::app::{new_id, now, AppState, Notice, Route};
use crate::model::{describe_age, templates, Millis, Plan, PlanId, PlanSummary};
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The library: every plan with its title and last change; create, rename, duplicate, delete.
#[component]
pub fn LibraryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    super::set_document_title("Your plans · Negotiation planner");
    let new_title = RwSignal::new(String::new());

    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = state.create_plan(&new_title.get_untracked()) {
            new_title.set(String::new());
            state.navigate(Route::Plan(id));
        }
    };

    let export_all = move |_| {
        let text = state.export_library();
        let name = format!("negotiation-plans-{}.json", today());
        if let Err(e) = super::files::download(&name, "application/json", &text) {
            state.notice.set(Some(Notice {
                text: e,
                undo: false,
            }));
        }
    };
    let import_error = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let result = match super::files::read_text(file).await {
                Ok(text) => state.import(&text),
                Err(e) => Err(e),
            };
            match result {
                Ok(titles) => {
                    import_error.set(None);
                    let text = match titles.as_slice() {
                        [one] => format!("Imported “{one}”."),
                        many => format!("Imported {} plans.", many.len()),
                    };
                    state.notice.set(Some(Notice { text, undo: false }));
                }
                Err(e) => {
                    import_error.set(Some(format!("Nothing was imported from “{name}”: {e}.")))
                }
            }
        });
    };

    view! {
        <section class="page library" aria-labelledby="library-heading">
            <h1 id="library-heading">"Your negotiation plans"</h1>
            <div class="library-actions">
                <label class="button-like" for="import-file">"Import plans from a file…"</label>
                <input
                    id="import-file"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change=on_file
                />
                <button on:click=export_all>"Export all plans"</button>
            </div>
            {move || {
                import_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="import-error" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            <form class="new-plan" on:submit=create>
                <label for="new-plan-title">"Name a new plan"</label>
                <div class="inline-field">
                    <input
                        id="new-plan-title"
                        type="text"
                        maxlength="200"
                        placeholder="e.g. Contract renewal with Acme"
                        prop:value=move || new_title.get()
                        on:input=move |ev| new_title.set(event_target_value(&ev))
                    />
                    <button type="submit" class="primary">"Create plan"</button>
                </div>
            </form>
            <Show
                when=move || state.index.with(|i| !i.plans.is_empty())
                fallback=|| {
                    view! {
                        <p class="empty-state">
                            "No plans yet. Name the negotiation you are preparing above and press "
                            <strong>"Create plan"</strong> "."
                        </p>
                    }
                }
            >
                <ul class="plan-list" aria-label="Plans">
                    <For
                        each=move || state.index.with(|i| i.listed())
                        key=|p| (p.id.clone(), p.title.clone(), p.updated)
                        let:plan
                    >
                        <PlanRow plan />
                    </For>
                </ul>
            </Show>
            <Templates />
        </section>
    }
}

/// "Start from an example": each template becomes a new plan of the user's own (new id, new
/// times), so the examples stay pristine and can be started again.
#[component]
fn Templates() -> impl IntoView {
    let state = expect_context::<AppState>();
    let start = move |make: fn(PlanId, Millis) -> Plan| {
        let mut plan = make(new_id(), now());
        plan.title = state.index.with_untracked(|i| {
            let taken: Vec<&str> = i.plans.iter().map(|p| p.title.as_str()).collect();
            unique_title(&plan.title, &taken)
        });
        if state.save_plan(&plan) {
            state.navigate(Route::Plan(plan.id));
        }
    };
    view! {
        <section class="templates" aria-labelledby="templates-heading">
            <h2 id="templates-heading">"Start from an example"</h2>
            <p class="hint">
                "A complete preparation to learn from or adapt. Each one opens as a new plan \
                 of your own; the examples themselves never change."
            </p>
            <ul class="template-list">
                {templates()
                    .into_iter()
                    .map(|(key, label, make)| {
                        view! {
                            <li>
                                <button data-template=key on:click=move |_| start(make)>
                                    {label}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The title itself when no plan has it, else the first free "title (2)", "title (3)"…, so
/// starting the same example twice gives plans the user can tell apart.
fn unique_title(title: &str, taken: &[&str]) -> String {
    if !taken.contains(&title) {
        return title.to_string();
    }
    (2..)
        .map(|n| format!("{title} ({n})"))
        .find(|t| !taken.contains(&t.as_str()))
        .unwrap_or_else(|| title.to_string())
}

#[component]
fn PlanRow(plan: PlanSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(plan.title.clone());
    let input_ref = NodeRef::<html::Input>::new();
    let title = plan.display_title().to_string();
    let href = Route::Plan(plan.id.clone()).to_hash();
    let updated = plan.updated;
    // Stored values are `Copy`, so the handlers below can be rebuilt by `<Show>`.
    let id = StoredValue::new(plan.id.clone());

    // Focus and select the title when renaming starts, so typing replaces it.
    Effect::new(move |_| {
        if editing.get() {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
                input.select();
            }
        }
    });

    let commit = move || {
        if editing.get_untracked() {
            editing.set(false);
            state.rename(&id.get_value(), &draft.get_untracked());
        }
    };
    let original = StoredValue::new(plan.title.clone());
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            commit();
        }
        "Escape" => {
            draft.set(original.get_value());
            editing.set(false);
        }
        _ => {}
    };
    let age = move || format!("Changed {}", describe_age(state.clock.get(), updated));
    let date = js_sys::Date::new(&JsValue::from_f64(updated as f64));
    let iso = date.to_iso_string().as_string().unwrap_or_default();
    let full = date
        .to_locale_string("default", &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default();
    let (t1, t2, t3) = (title.clone(), title.clone(), title.clone());

    view! {
        <li class="plan-row">
            <div class="plan-main">
                <Show
                    when=move || editing.get()
                    fallback=move || {
                        view! {
                            <a class="plan-title" href=href.clone() dir="auto">
                                {title.clone()}
                            </a>
                        }
                    }
                >
                    <input
                        class="rename-input"
                        type="text"
                        maxlength="200"
                        dir="auto"
                        aria-label=format!("New title for {t1}")
                        node_ref=input_ref
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=on_key
                        on:blur=move |_| commit()
                    />
                </Show>
                <time class="plan-updated" datetime=iso title=full>
                    {age}
                </time>
            </div>
            <div class="row-actions">
                <button
                    aria-label=format!("Rename {t2}")
                    on:click=move |_| editing.set(true)
                >
                    "Rename"
                </button>
                <button
                    aria-label=format!("Duplicate {t3}")
                    on:click=move |_| {
                        state.duplicate(&id.get_value());
                    }
                >
                    "Duplicate"
                </button>
                <button
                    class="danger"
                    aria-label=format!("Delete {}", plan.display_title())
                    on:click=move |_| state.delete(&id.get_value())
                >
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// Today's date as YYYY-MM-DD, for export file names.
fn today() -> String {
    let iso = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    iso.chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::unique_title;

    #[test]
    fn a_taken_title_gets_the_first_free_number() {
        assert_eq!(unique_title("A", &[]), "A");
        assert_eq!(unique_title("A", &["B"]), "A");
        assert_eq!(unique_title("A", &["A"]), "A (2)");
        assert_eq!(unique_title("A", &["A", "A (2)", "A (4)"]), "A (3)");
    }
}
