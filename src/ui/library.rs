use super::erased::{effect, keyed_list};
use super::files::{drop_entries, dropped_files, picked_files, Picked};
use crate::app::{AppState, Notice, Route, Unreadable};
use crate::formats::detect::{detect, note, report, Detected, Detection, Ignored, NamedText};
use crate::formats::{genius_xml, geniusweb, ImportOptions, InputFile, MAX_INPUT_BYTES};
use crate::model::{describe_age, templates, PlanSummary, Template};
use crate::team::doc::{kind_of, read_answer, read_request, DocKind};
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
                undo: crate::app::Undo::No,
            }));
        }
    };
    let import_error = RwSignal::new(None::<String>);
    // How far a large import got ("Reading plan 3 of 12…").
    let import_status = RwSignal::new(None::<String>);
    let real_step = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    // Picked and dropped files (and folders) go the same way: read them all, then import
    // them as one.
    let import_files = move |files: Vec<Picked>| {
        if files.is_empty() {
            return;
        }
        let step = real_step
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok();
        leptos::task::spawn_local(async move {
            let mut texts = Vec::new();
            let mut unread = Vec::new();
            for Picked { path: name, file } in files {
                // An agent's jar or a data dump is no negotiation file: not worth reading.
                if file.size() > MAX_INPUT_BYTES as f64 {
                    unread.push(Ignored::too_large(&name, file.size()));
                    continue;
                }
                match super::files::read_text(file).await {
                    Ok(text) => texts.push(NamedText { name, text }),
                    Err(e) => {
                        import_error.set(Some(format!("Nothing was imported from “{name}”: {e}.")));
                        return;
                    }
                }
            }
            let result = import_texts(state, &texts, unread, step, import_status).await;
            import_status.set(None);
            match result {
                Ok(text) => {
                    import_error.set(None);
                    state.notice.set(Some(Notice {
                        text,
                        undo: crate::app::Undo::No,
                    }));
                }
                Err(e) => {
                    // Name what was chosen, so the user knows which file the words are about.
                    let from = match texts.as_slice() {
                        [one] => format!("“{}”", one.name),
                        many => format!("the {} files", many.len()),
                    };
                    import_error.set(Some(format!("Nothing was imported from {from}: {e}.")))
                }
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        import_files(picked_files(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        // Entries first (folders can be walked into); a browser without them gives files.
        let entries = drop_entries(&ev);
        if entries.is_empty() {
            import_files(picked_files(ev.data_transfer().and_then(|d| d.files())));
            return;
        }
        leptos::task::spawn_local(async move { import_files(dropped_files(entries).await) });
    };

    view! {
        <section
            class="page library"
            class:dragging=move || dragging.get()
            aria-labelledby="library-heading"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h1 id="library-heading">"Your negotiation plans"</h1>
            <div class="library-actions">
                <label class="button-like" for="import-file">"Import from files…"</label>
                <input
                    id="import-file"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".json,.xml,application/json,application/xml,text/xml"
                    on:change=on_file
                />
                <label class="button-like" for="import-folder">"Import a folder…"</label>
                <input
                    id="import-folder"
                    class="visually-hidden"
                    type="file"
                    prop:webkitdirectory=true
                    on:change=on_file
                />
                <button on:click=export_all>"Export all plans"</button>
            </div>
            <p class="hint drop-hint">
                "You can also drop files or a whole folder anywhere on this page; files that \
                 are not plans or research domains are left out, and listed."
            </p>
            <SupportedFiles real_step />
            {move || {
                import_status
                    .get()
                    .map(|s| view! { <p class="import-status" role="status">{s}</p> })
            }}
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
                when=move || {
                    state.index.with(|i| !i.plans.is_empty())
                        || state.unreadable.with(|u| !u.is_empty())
                }
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
                    {keyed_list(
                        move || listed_rows(state),
                        |(p, u)| (p.id.clone(), p.title.clone(), p.updated, u.is_some()),
                        |(plan, unreadable)| match unreadable {
                            Some(entry) => view! { <UnreadableRow plan entry /> }.into_any(),
                            None => view! { <PlanRow plan /> }.into_any(),
                        },
                    )}
                </ul>
            </Show>
            <Templates />
        </section>
    }
}

/// "Start from an example": each template becomes the user's own copy (new id, new times,
/// a title that says "(my copy)"), so the examples stay pristine and can be started again.
#[component]
fn Templates() -> impl IntoView {
    let state = expect_context::<AppState>();
    let start = move |template: Template| {
        if let Some(id) = state.start_example(&template) {
            state.navigate(Route::Plan(id));
        }
    };
    view! {
        <section class="templates" aria-labelledby="templates-heading">
            <h2 id="templates-heading">"Start from an example"</h2>
            <p class="hint">
                "A complete preparation to learn from or adapt. Each one opens as your own \
                 copy, titled “… example (my copy)”; the examples themselves never change."
            </p>
            <ul class="template-list">
                {templates()
                    .into_iter()
                    .map(|template| {
                        let (key, label, _) = template;
                        view! {
                            <li>
                                <button data-template=key on:click=move |_| start(template)>
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

/// The library's rows: every listed plan, newest first, with the unreadable ones marked;
/// then unreadable plans the index does not list (found in storage).
fn listed_rows(state: AppState) -> Vec<(PlanSummary, Option<Unreadable>)> {
    let unreadable = state.unreadable.get();
    let mut rows: Vec<(PlanSummary, Option<Unreadable>)> = state.index.with(|i| {
        i.listed()
            .into_iter()
            .map(|p| {
                let u = unreadable.iter().find(|u| u.id == p.id).cloned();
                (p, u)
            })
            .collect()
    });
    for u in unreadable {
        if !rows.iter().any(|(p, _)| p.id == u.id) {
            let summary = PlanSummary {
                id: u.id.clone(),
                title: u.title.clone(),
                updated: 0,
            };
            rows.push((summary, Some(u)));
        }
    }
    rows
}

/// A plan that cannot be read: marked as such, with what can still be done with it.
#[component]
fn UnreadableRow(plan: PlanSummary, entry: Unreadable) -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = entry.title.clone();
    let id = StoredValue::new(plan.id.clone());
    let file = StoredValue::new(super::files::file_stem(&title));
    let download = move |_| {
        if let Some(text) = state.unreadable_text(&id.get_value()) {
            let name = format!("{}.unreadable.txt", file.get_value());
            if let Err(e) = super::files::download(&name, "text/plain", &text) {
                state.notice.set(Some(Notice::info(e)));
            }
        }
    };
    view! {
        <li class="plan-row unreadable">
            <div class="plan-main">
                <a class="plan-title" href=Route::Plan(plan.id.clone()).to_hash() dir="auto">
                    {title.clone()}
                </a>
                <span class="plan-unreadable">{entry.label.clone()}</span>
            </div>
            <div class="row-actions">
                <button aria-label=format!("Download the text of {title}") on:click=download>
                    "Download"
                </button>
                <button
                    class="danger"
                    aria-label=format!("Discard {title}")
                    on:click=move |_| state.discard_unreadable(&id.get_value())
                >
                    "Discard"
                </button>
            </div>
        </li>
    }
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
    effect(move || {
        if editing.get() {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
                input.select();
            }
        }
    });

    let commit = move || {
        // Also called on blur, which can come after the row is gone (try_: no panic then).
        if editing.try_get_untracked() == Some(true) {
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

/// Imports picked or dropped files as one: a planner file, or a research domain with its
/// profiles; files of no known kind (and `unread` ones, too large to read) are set aside
/// and listed. Returns the notice to show. A planner file is read in slices (see
/// `AppState::import_sliced`), with its progress in `status`.
async fn import_texts(
    state: AppState,
    texts: &[NamedText],
    unread: Vec<Ignored>,
    real_step: Option<f64>,
    status: RwSignal<Option<String>>,
) -> Result<String, String> {
    let options = ImportOptions { real_step };
    let Detection {
        import,
        ignored: mut set_aside,
    } = detect(texts)?;
    set_aside.extend(unread);
    let research = |domain: &NamedText, profiles: &[&NamedText], web: bool| {
        let files: Vec<InputFile> = profiles
            .iter()
            .map(|p| InputFile::new(&p.name, p.text.as_bytes()))
            .collect();
        let d = InputFile::new(&domain.name, domain.text.as_bytes());
        let mut imported = if web {
            geniusweb::import(d, &files, &options)
        } else {
            genius_xml::import(d, &files, &options)
        }
        .map_err(|e| e.to_string())?;
        // The plan's notes keep the list of what was left out.
        imported.warnings.extend(set_aside.iter().map(note));
        let (id, title) = state.import_domain(&imported, &domain.name)?;
        state.navigate(Route::Plan(id));
        Ok::<_, String>(format!(
            "Imported the {} domain as the new plan “{title}”.",
            if web { "GeniusWeb" } else { "GENIUS" },
        ))
    };
    let done = match import {
        // A teammate's request opens as a plan to answer in; an answer joins its plan.
        Detected::Planner(file) if kind_of(&file.text) == DocKind::Request => {
            let request = read_request(&file.text).map_err(|e| e.to_string())?;
            state.open_request(&request)?;
            format!(
                "Opened the request for your view of “{}”. Fill in your numbers, then send your answer from Team views.",
                request.title
            )
        }
        Detected::Planner(file) if kind_of(&file.text) == DocKind::Answer => {
            let answer = read_answer(&file.text).map_err(|e| e.to_string())?;
            state
                .add_answer(&answer, false)
                .map_err(|e| e.to_string())?;
            format!(
                "Opened “{}” to add {} view.",
                answer.title,
                crate::team::words::possessive(&answer.member)
            )
        }
        Detected::Planner(file) => {
            let titles = state
                .import_sliced(&file.text, |s| status.set(Some(s)))
                .await?;
            match titles.as_slice() {
                [one] => format!("Imported “{one}”."),
                many => format!("Imported {} plans.", many.len()),
            }
        }
        Detected::Genius { domain, profiles } => research(domain, &profiles, false)?,
        Detected::GeniusWeb { domain, profiles } => research(domain, &profiles, true)?,
    };
    Ok(report(&done, &set_aside))
}

/// The one place that lists every file the planner reads and writes.
#[component]
fn SupportedFiles(real_step: RwSignal<String>) -> impl IntoView {
    view! {
        <details class="supported-files">
            <summary>"Which files can I import and export?"</summary>
            <table>
                <caption class="visually-hidden">"Supported files"</caption>
                <thead>
                    <tr><th scope="col">"Format"</th><th scope="col">"Import"</th><th scope="col">"Export"</th></tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"Planner file (.json)"</th>
                        <td>"Here: one plan or a whole library"</td>
                        <td>"“Export plan” in a plan; “Export all plans” here"</td>
                    </tr>
                    <tr>
                        <th scope="row">"GENIUS XML (domain + one utility space per party)"</th>
                        <td>"Here: choose or drop all the files together"</td>
                        <td>"A plan's “Share and export” panel"</td>
                    </tr>
                    <tr>
                        <th scope="row">"GeniusWeb JSON (domain + LinearAdditiveUtilitySpace profiles)"</th>
                        <td>"Here: choose or drop all the files together"</td>
                        <td>"A plan's “Share and export” panel"</td>
                    </tr>
                    <tr>
                        <th scope="row">"Scores as CSV (issue, option, each party's weight and rating)"</th>
                        <td>"Into an existing plan, from its “Share and export” panel"</td>
                        <td>"A plan's “Share and export” panel"</td>
                    </tr>
                    <tr>
                        <th scope="row">"View request or answer (.json, or a link)"</th>
                        <td>"A request: here, or open its link. An answer: here, in its plan's Team views step, or open its link"</td>
                        <td>"A plan's Team views step"</td>
                    </tr>
                    <tr>
                        <th scope="row">"Brief as Markdown (.md)"</th>
                        <td>"—"</td>
                        <td>"A plan's Brief step"</td>
                    </tr>
                    <tr>
                        <th scope="row">"Share link"</th>
                        <td>"Open the link: it offers to import a copy"</td>
                        <td>{format!("A plan's “Share and export” panel (up to {} characters; larger plans go as a file)", crate::formats::share::MAX_LINK_CHARS)}</td>
                    </tr>
                </tbody>
            </table>
            <label for="real-step">"Step for real-valued GENIUS issues (optional)"</label>
            <p class="hint" id="real-step-hint">
                "A real-valued issue (say, a price from 0 to 10) becomes a list of options spaced by this step. Without a step such files are refused."
            </p>
            <input
                id="real-step"
                type="text"
                inputmode="decimal"
                aria-describedby="real-step-hint"
                prop:value=move || real_step.get()
                on:input=move |ev| real_step.set(event_target_value(&ev))
            />
        </details>
    }
}
