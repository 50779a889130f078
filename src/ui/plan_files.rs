//! The workspace's "Share and export" panel: every way a plan leaves or enters the
//! browser as a file or a link, in one place. Nothing is uploaded: files are made and read
//! in the page.

use super::files::{download, file_stem, read_text};
use crate::app::{now, AppState, Notice, PlanSession};
use crate::formats::{csv, genius_xml, geniusweb, plan_domain, share};
use leptos::prelude::*;

#[component]
pub fn PlanFiles(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let message = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<String>);
    // Research exports are several files; browsers block several downloads from one click,
    // so each file gets its own button.
    let files = RwSignal::new(Vec::<(String, &'static str, String)>::new());
    let stem = move || plan.with_untracked(|p| file_stem(&p.display_title()));
    let tell = move |text: String| message.set(Some(text));

    let save = move |name: String, mime: &str, text: &str| {
        if let Err(e) = download(&name, mime, text) {
            tell(e);
        }
    };
    let csv_out = move |_| {
        let text = plan.with_untracked(csv::export);
        save(format!("{}.scores.csv", stem()), "text/csv", &text);
    };
    let research = move |genius: bool| {
        let domain = plan.with_untracked(plan_domain::domain_from_plan);
        let result = if genius {
            genius_xml::export(&domain)
        } else {
            geniusweb::export(&domain)
        };
        match result {
            Ok(export) => {
                let kind = if genius {
                    "application/xml"
                } else {
                    "application/json"
                };
                files.set(
                    export
                        .files
                        .iter()
                        .map(|f| (format!("{}-{}", stem(), f.name), kind, f.contents.clone()))
                        .collect(),
                );
                let mut text = format!(
                    "{} files: the domain first, then one profile per party. Download each below.",
                    export.files.len()
                );
                for w in export.warnings {
                    text.push(' ');
                    text.push_str(&w);
                }
                tell(text);
            }
            Err(e) => tell(format!("This plan cannot be written in that format: {e}.")),
        }
    };
    let make_link = move |_| match plan.with_untracked(|p| share::encode(p, now())) {
        Ok(fragment) => {
            let base = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let base = base.split('#').next().unwrap_or_default().to_string();
            link.set(Some(format!("{base}{fragment}")));
            tell(share::LINK_CONTAINS.into());
        }
        Err(e) => {
            link.set(None);
            tell(format!(
                "{}{}.",
                e.to_string()[..1].to_ascii_uppercase(),
                &e.to_string()[1..]
            ));
        }
    };
    let copy_link = move |_| {
        if let (Some(text), Some(w)) = (link.get_untracked(), web_sys::window()) {
            let _ = w.navigator().clipboard().write_text(&text);
            state.notice.set(Some(Notice {
                text: "Link copied.".into(),
                undo: crate::app::Undo::No,
            }));
        }
    };
    let csv_in = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = match read_text(file).await {
                Ok(t) => t,
                Err(e) => return tell(format!("Nothing was imported from “{name}”: {e}.")),
            };
            let mut updated = plan.get_untracked();
            match csv::import(&mut updated, &text) {
                Ok(report) => {
                    session.edit("import scores from a CSV file", "", |p| *p = updated);
                    tell(report.summary(&name));
                }
                Err(e) => tell(format!("Nothing was imported from “{name}”: {e}.")),
            }
        });
    };

    view! {
        <details class="plan-files">
            <summary>"Share and export"</summary>
            <div class="plan-files-body">
                <p class="hint">
                    "Files are made and read in this page; nothing is uploaded."
                </p>
                <div class="plan-files-actions">
                    <button class="share-link" on:click=make_link>"Make a share link"</button>
                    <button on:click=csv_out>"Scores as CSV"</button>
                    <button on:click=move |_| research(true)>"GENIUS XML files"</button>
                    <button on:click=move |_| research(false)>"GeniusWeb JSON files"</button>
                    <label class="button-like" for="csv-import">"Import scores from CSV…"</label>
                    <input
                        id="csv-import"
                        class="visually-hidden"
                        type="file"
                        accept=".csv,text/csv"
                        on:change=csv_in
                    />
                </div>
                <Show when=move || !files.with(Vec::is_empty)>
                    <ul class="research-files">
                        {move || {
                            files
                                .get()
                                .into_iter()
                                .map(|(name, kind, contents)| {
                                    let label = format!("Download {name}");
                                    let contents = StoredValue::new(contents);
                                    let file = name.clone();
                                    view! {
                                        <li>
                                            <button on:click=move |_| {
                                                save(file.clone(), kind, &contents.get_value())
                                            }>{label}</button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
                {move || {
                    link.get()
                        .map(|url| {
                            view! {
                                <div class="share-output">
                                    <label for="share-url">"Share link"</label>
                                    <input
                                        id="share-url"
                                        type="text"
                                        readonly
                                        prop:value=url
                                        on:focus=move |ev| {
                                            let input: web_sys::HtmlInputElement = event_target(&ev);
                                            input.select();
                                        }
                                    />
                                    <button on:click=copy_link>"Copy"</button>
                                </div>
                            }
                        })
                }}
                {move || {
                    message.get().map(|m| view! { <p class="plan-files-message" role="status">{m}</p> })
                }}
            </div>
        </details>
    }
}
