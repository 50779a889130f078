//! Step "Team views": the one place to manage a team's views. The owner asks teammates for
//! their view (a request as a file or a link, told first what it holds), adds their answers,
//! accepts or rejects what they propose, settles the disagreements and may widen the
//! estimates of the other side. In a plan made from a request, the step is the teammate's
//! answer instead (`team_answer`). The rules and the words are `crate::team`'s; this binds.

use super::fields::{notify, notify_undo, text_field, Field};
use super::widgets::StepIntro;
use crate::app::team::{merge_into, new_request_id};
use crate::app::{now, AppState, PlanSession};
use crate::model::cells::{format_score, parse_score, Typed};
use crate::model::team::{Place, Rule};
use crate::model::{describe_age, PartyId, ProposalId, Step, ViewId};
use crate::team::choose::{choose, place_key, reopen, rule_from_key, rule_key, set_by_hand};
use crate::team::doc::{read_answer, request_link, request_text, Answer, TeamError};
use crate::team::merge::{accept, pending, reject, remove_view};
use crate::team::request::{describe_request, make_request};
use crate::team::stats::{decision, disagreements, member_values, spread, team_value};
use crate::team::words::{choices, decided, disagreement, place_label, possessive, sentence};
use crate::ui::erased::keyed_list;
use crate::ui::files::{download, file_stem, read_text};
use leptos::prelude::*;

#[component]
pub fn TeamStep(session: PlanSession) -> impl IntoView {
    let answering = Memo::new(move |_| session.plan.with(|p| p.team.answering.is_some()));
    let has_views = Memo::new(move |_| session.plan.with(|p| !p.team.views.is_empty()));
    view! {
        <StepIntro step=Step::Team />
        {move || {
            if answering.get() {
                view! { <super::team_answer::AnswerPanel session /> }.into_any()
            } else if has_views.get() {
                // What needs the team's attention first; asking more teammates last.
                view! {
                    <ProposalsPanel session />
                    <DisagreementsPanel session />
                    <ViewsPanel session />
                    <RequestPanel session />
                }
                    .into_any()
            } else {
                view! {
                    <RequestPanel session />
                    <ViewsPanel session />
                }
                    .into_any()
            }
        }}
    }
}

/// The page's address without its fragment, for links.
pub fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
        .split('#')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A made link, shown read-only with a Copy button.
pub fn link_output(
    id: &'static str,
    label: &'static str,
    link: RwSignal<Option<String>>,
) -> AnyView {
    let state = expect_context::<AppState>();
    let copy = move |_| {
        if let (Some(text), Some(w)) = (link.get_untracked(), web_sys::window()) {
            let _ = w.navigator().clipboard().write_text(&text);
            notify(state, "Link copied.");
        }
    };
    (move || {
        link.get().map(|url| {
            view! {
                <div class="share-output">
                    <label for=id>{label}</label>
                    <input
                        id=id
                        type="text"
                        readonly
                        prop:value=url
                        on:focus=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            input.select();
                        }
                    />
                    <button on:click=copy>"Copy"</button>
                </div>
            }
        })
    })
    .into_any()
}

#[component]
fn RequestPanel(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let with_numbers = RwSignal::new(false);
    let link = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    // What the request will hold, told before it is made.
    let contents = Memo::new(move |_| {
        let numbers = with_numbers.get();
        plan.with(|p| {
            let r = make_request(p, &p.team.me, numbers, "preview".into(), 0);
            describe_request(&r)
        })
    });
    let make = move || {
        plan.with_untracked(|p| {
            make_request(
                p,
                &p.team.me,
                with_numbers.get_untracked(),
                new_request_id(),
                now(),
            )
        })
    };
    let file = move |_| {
        let request = make();
        let name = format!("{}.view-request.json", file_stem(&request.title));
        match download(&name, "application/json", &request_text(&request)) {
            Ok(()) => message.set(Some(format!(
                "Downloaded “{name}”. Send it to your teammates; they open it with Import in their planner."
            ))),
            Err(e) => message.set(Some(sentence(&e))),
        }
    };
    let make_link = move |_| match request_link(&make()) {
        Ok(fragment) => {
            link.set(Some(format!("{}{fragment}", page_base())));
            message.set(Some(
                "Anyone who opens this link can answer. The request is inside the link; no server sees it."
                    .into(),
            ));
        }
        Err(e) => {
            link.set(None);
            message.set(Some(sentence(&e.to_string())));
        }
    };
    view! {
        <section class="team-request" aria-labelledby="team-request-heading">
            <h3 id="team-request-heading">"Ask teammates for their view"</h3>
            {text_field(
                session,
                Field::new("team-me", "Your name (your teammates see it)", "edit your name")
                    .class("team-me"),
                |p| p.team.me.clone(),
                |p, v| p.team.me = v,
            )}
            <label class="checkbox">
                <input
                    id="team-with-numbers"
                    type="checkbox"
                    prop:checked=move || with_numbers.get()
                    on:change=move |ev| with_numbers.set(event_target_checked(&ev))
                />
                " Include my numbers as a starting point"
            </label>
            <p id="team-request-contents-label">"The request will hold exactly this:"</p>
            <ul class="team-request-contents" aria-labelledby="team-request-contents-label">
                {move || {
                    contents.get().into_iter().map(|l| view! { <li dir="auto">{l}</li> }).collect_view()
                }}
            </ul>
            <div class="team-actions">
                <button class="request-file" on:click=file>"Download the request file"</button>
                <button class="request-link" on:click=make_link>"Make a request link"</button>
            </div>
            {link_output("team-request-url", "Request link", link)}
            {move || message.get().map(|m| view! { <p class="team-message" role="status">{m}</p> })}
        </section>
    }
}

#[component]
fn ViewsPanel(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let message = RwSignal::new(None::<String>);
    // A refused duplicate, kept so the user can choose to replace the member's view.
    let duplicate = StoredValue::new(None::<Answer>);
    let offer_replace = RwSignal::new(None::<String>);
    let add = move |answer: &Answer, replace: bool, from: &str| {
        offer_replace.set(None);
        match merge_into(session, answer, replace) {
            Ok(text) => {
                // Also as a notice with Undo: the first view rearranges this step.
                notify_undo(state, text.clone());
                message.set(Some(text));
                duplicate.set_value(None);
            }
            Err(e) => {
                if let TeamError::Duplicate { member } = &e {
                    duplicate.set_value(Some(answer.clone()));
                    offer_replace.set(Some(format!("Replace {} view", possessive(member))));
                }
                message.set(Some(sentence(&format!(
                    "nothing was added from {from}: {e}"
                ))));
            }
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let from = format!("“{name}”");
            match read_text(file)
                .await
                .map_err(|e| e.to_string())
                .and_then(|t| read_answer(&t).map_err(|e| e.to_string()))
            {
                Ok(answer) => add(&answer, false, &from),
                Err(e) => message.set(Some(sentence(&format!(
                    "nothing was added from {from}: {e}"
                )))),
            }
        });
    };
    let replace = move |_| {
        if let Some(answer) = duplicate.get_value() {
            add(&answer, true, "the answer");
        }
    };
    let views = Memo::new(move |_| {
        plan.with(|p| {
            p.team
                .views
                .iter()
                .map(|v| v.id.clone())
                .collect::<Vec<_>>()
        })
    });
    // An answer sent here from its link or from the library's import.
    let waiting = state
        .pending_answer
        .get_untracked()
        .filter(|(a, _)| plan.with_untracked(|p| a.plan == p.id));
    if let Some((answer, replace)) = waiting {
        state.pending_answer.set(None);
        add(&answer, replace, "the answer");
    }
    view! {
        <section class="team-views" aria-labelledby="team-views-heading">
            <h3 id="team-views-heading">"Members' views"</h3>
            <p class="hint">
                "An answer joins the plan as a named view beside the team's numbers; it never \
                 overwrites them. With the first answer, your own numbers are kept as your view."
            </p>
            <div class="team-actions">
                <label class="button-like" for="answer-import">"Add an answer from a file…"</label>
                <input
                    id="answer-import"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change=import
                />
            </div>
            {move || message.get().map(|m| view! { <p class="team-message" role="status">{m}</p> })}
            {move || {
                offer_replace
                    .get()
                    .map(|label| view! { <button class="replace-view" on:click=replace>{label}</button> })
            }}
            <Show
                when=move || !views.with(Vec::is_empty)
                fallback=|| {
                    view! {
                        <p class="empty-state">
                            "No views yet. When a teammate sends an answer, add it here or open their answer link."
                        </p>
                    }
                }
            >
                <ul class="view-list">
                    {keyed_list(
                        move || views.get(),
                        |id| id.clone(),
                        move |id| view! { <ViewItem session id state /> },
                    )}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ViewItem(session: PlanSession, id: ViewId, state: AppState) -> impl IntoView {
    let plan = session.plan;
    let id = StoredValue::new(id);
    let line = Memo::new(move |_| {
        plan.with(|p| {
            let v = p.team.view(&id.get_value())?;
            let numbers: usize = v.parties.values().map(|n| n.count()).sum();
            Some((v.member.clone(), v.received, numbers, v.note.clone()))
        })
    });
    let remove = move |_| {
        let mut who = None;
        session.edit("remove a member's view", "", |p| {
            who = remove_view(p, &id.get_value());
        });
        if let Some(who) = who {
            notify_undo(state, format!("Removed {} view.", possessive(&who)));
        }
    };
    move || {
        line.get().map(|(member, received, numbers, note)| {
            let age = describe_age(state.clock.get().max(received), received);
            let note = (!note.is_empty())
                .then(|| view! { <p class="view-note" dir="auto">{format!("“{note}”")}</p> });
            let label = format!("Remove {} view", possessive(&member));
            view! {
                <li class="view-item">
                    <span class="view-member" dir="auto">{member}</span>
                    <span class="view-meta">{format!("{numbers} numbers · added {age}")}</span>
                    <button class="danger" aria-label=label on:click=remove>"Remove"</button>
                    {note}
                </li>
            }
        })
    }
}

#[component]
fn ProposalsPanel(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let items = Memo::new(move |_| plan.with(pending));
    let act = move |view: ViewId, proposal: ProposalId, yes: bool| {
        let mut said = None;
        if yes {
            session.edit("accept a proposal", "", |p| {
                said = accept(p, &view, &proposal)
            });
        } else {
            session.edit("reject a proposal", "", |p| {
                said = reject(p, &view, &proposal).then(|| "Rejected the proposal.".to_string())
            });
        }
        if let Some(text) = said {
            notify_undo(state, text);
        }
    };
    view! {
        <Show when=move || !items.with(Vec::is_empty)>
            <section class="team-proposals" aria-labelledby="team-proposals-heading">
                <h3 id="team-proposals-heading">"Proposed by teammates"</h3>
                <ul class="proposal-list">
                    {move || {
                        items
                            .get()
                            .into_iter()
                            .map(|item| {
                                let (v1, p1) = (item.view.clone(), item.proposal.clone());
                                let (v2, p2) = (item.view, item.proposal);
                                let accept_button = (!item.orphan)
                                    .then(|| {
                                        view! {
                                            <button class="primary accept" on:click=move |_| act(v1.clone(), p1.clone(), true)>
                                                "Accept"
                                            </button>
                                        }
                                    });
                                view! {
                                    <li class="proposal">
                                        <p dir="auto">{item.text}</p>
                                        {accept_button}
                                        <button class="reject" on:click=move |_| act(v2.clone(), p2.clone(), false)>
                                            "Reject"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The team's number at one place: from the average, the median or one member (a select),
/// or typed by hand. Shared with the Evaluate step's side-by-side rows.
#[component]
pub fn ChooseValue(
    session: PlanSession,
    party: PartyId,
    place: Place,
    /// A field for the number typed by hand beside the select (where no other field shows
    /// the team's number).
    hand_input: bool,
    /// Told the rule after it was applied (Evaluate focuses its own field for "By hand").
    #[prop(optional)]
    on_choose: Option<Callback<Rule>>,
) -> impl IntoView {
    let plan = session.plan;
    let key = place_key(&party, &place);
    let (party, place) = (StoredValue::new(party), StoredValue::new(place));
    let options =
        Memo::new(move |_| plan.with(|p| choices(p, &party.get_value(), &place.get_value())));
    let current = Memo::new(move |_| {
        plan.with(|p| {
            decision(p, &party.get_value(), &place.get_value())
                .map(rule_key)
                .unwrap_or_default()
        })
    });
    let label =
        Memo::new(move |_| plan.with(|p| place_label(p, &party.get_value(), &place.get_value())));
    let team =
        Memo::new(move |_| plan.with(|p| team_value(p, &party.get_value(), &place.get_value())));
    let what = move || label.get_untracked();
    let on_choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match rule_from_key(&value) {
            Some(rule) => {
                let undo = format!("choose the team's number: {}", what());
                session.edit(&undo, "", |p| {
                    let _ = choose(p, &party.get_value(), &place.get_value(), rule.clone());
                });
                if let Some(f) = on_choose {
                    f.run(rule);
                }
            }
            None => session.edit("reopen a disagreement", "", |p| {
                reopen(p, &party.get_value(), &place.get_value());
            }),
        }
    };
    let on_hand = move |ev: leptos::ev::Event| {
        let value = match parse_score(&event_target_value(&ev)) {
            Typed::Value(v) | Typed::Clamped { value: v, .. } => v,
            Typed::Empty | Typed::NotANumber => {
                super::fields::reset_value(
                    &ev,
                    &team.get_untracked().map(format_score).unwrap_or_default(),
                );
                return;
            }
        };
        let undo = format!("set the team's number by hand: {}", what());
        session.edit(&undo, "", |p| {
            let _ = set_by_hand(p, &party.get_value(), &place.get_value(), value);
        });
    };
    let select_id = format!("choose-{key}");
    let hand_id = format!("hand-{key}");
    let hand = hand_input.then(|| {
        let hand_id2 = hand_id.clone();
        view! {
            <label class="visually-hidden" for=hand_id2>{move || format!("Team's number by hand: {}", label.get())}</label>
            <input
                id=hand_id
                class="hand-value"
                type="text"
                inputmode="decimal"
                maxlength="6"
                autocomplete="off"
                prop:value=move || team.get().map(format_score).unwrap_or_default()
                on:change=on_hand
            />
        }
    });
    view! {
        <span class="choose-value">
            <select
                id=select_id
                class="choose-rule"
                aria-label=move || format!("Team's number: {}", label.get())
                prop:value=move || current.get()
                on:change=on_choose
            >
                <option value="" selected=move || current.with(String::is_empty)>"Choose…"</option>
                {move || {
                    let now = current.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == now;
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {hand}
        </span>
    }
}

#[component]
fn DisagreementsPanel(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let all = Memo::new(move |_| {
        plan.with(|p| {
            disagreements(p)
                .into_iter()
                .map(|d| (d.party, d.place, d.decided.is_some()))
                .collect::<Vec<_>>()
        })
    });
    let list = move |settled: bool| {
        all.with(|a| {
            a.iter()
                .filter(|x| x.2 == settled)
                .map(|(party, place, _)| (party.clone(), place.clone()))
                .collect::<Vec<_>>()
        })
    };
    let open_count = Memo::new(move |_| list(false).len());
    let settled_count = Memo::new(move |_| list(true).len());
    let many_views = Memo::new(move |_| plan.with(|p| p.team.views.len() >= 2));
    let widen_message = RwSignal::new(None::<String>);
    let widen = move |_| {
        let mut lines = Vec::new();
        session.edit("widen our estimates of the other side", "", |p| {
            lines = crate::team::choose::widen_estimates(p);
        });
        let text = if lines.is_empty() {
            "Nothing to widen: the team's views of the other side already fit our estimates."
                .to_string()
        } else {
            lines.join(" ")
        };
        widen_message.set(Some(text.clone()));
        if !lines.is_empty() {
            notify_undo(state, "Widened our estimates of the other side.");
        }
    };
    let row =
        move |(party, place): (PartyId, Place)| view! { <DisagreementRow session party place /> };
    view! {
        <Show when=move || many_views.get()>
            <section class="team-disagreements" aria-labelledby="team-disagreements-heading">
                <h3 id="team-disagreements-heading">
                    {move || match open_count.get() {
                        0 => "Disagreements: none open".to_string(),
                        n => format!("Disagreements: {n} open, largest first"),
                    }}
                </h3>
                <p class="hint">
                    "Where members' numbers differ by 10 or more. Choose the team's number from \
                     the average, the median or one member, or type it; a decided weight is \
                     locked so the next decision keeps it."
                </p>
                <ul class="disagreement-list open">
                    {keyed_list(move || list(false), |(p, pl)| place_key(p, pl), row)}
                </ul>
                <Show when=move || { settled_count.get() > 0 }>
                    <details class="settled">
                        <summary>{move || format!("Settled ({})", settled_count.get())}</summary>
                        <ul class="disagreement-list settled">
                            {keyed_list(move || list(true), |(p, pl)| place_key(p, pl), row)}
                        </ul>
                    </details>
                </Show>
                <h4>"Our estimates of the other side"</h4>
                <p class="hint">
                    "Disagreement about the other side is uncertainty. Widening lets the ranges of \
                     their walk-aways cover every member's number and lowers the confidence of \
                     weights and ratings the team disagrees on (never the other way)."
                </p>
                <button class="widen" on:click=widen>"Widen our estimates where we disagree"</button>
                {move || widen_message.get().map(|m| view! { <p class="team-message" role="status">{m}</p> })}
            </section>
        </Show>
    }
}

#[component]
fn DisagreementRow(session: PlanSession, party: PartyId, place: Place) -> impl IntoView {
    let plan = session.plan;
    let (p_id, pl) = (
        StoredValue::new(party.clone()),
        StoredValue::new(place.clone()),
    );
    let text = Memo::new(move |_| {
        plan.with(|p| {
            let (party, place) = (p_id.get_value(), pl.get_value());
            let members = member_values(p, &party, &place);
            let values: Vec<f64> = members.iter().map(|m| m.value).collect();
            let d = crate::team::stats::Disagreement {
                spread: spread(&values),
                decided: decision(p, &party, &place).cloned(),
                party,
                place,
                members,
            };
            let settled = d
                .decided
                .as_ref()
                .map(|r: &Rule| decided(p, &d.party, &d.place, r));
            (disagreement(p, &d), settled)
        })
    });
    let reopen_it = move |_| {
        session.edit("reopen a disagreement", "", |p| {
            reopen(p, &p_id.get_value(), &pl.get_value());
        });
    };
    view! {
        <li class="disagreement">
            <p class="disagreement-text" dir="auto">{move || text.get().0}</p>
            <div class="decide">
                <ChooseValue session party place hand_input=true />
                {move || {
                    text.get()
                        .1
                        .map(|s| {
                            view! {
                                <span class="decided">{s}</span>
                                <button class="reopen" on:click=reopen_it>"Reopen"</button>
                            }
                        })
                }}
            </div>
        </li>
    }
}
