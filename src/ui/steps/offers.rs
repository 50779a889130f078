//! The offer log: offers made and received during the negotiation, in time order, with the
//! response each got. The outcome-space chart draws them as a path.

use crate::app::{AppState, Notice, PlanSession, Undo};
use crate::model::{Offer, OfferId, OfferResponse};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

const RESPONSES: [(OfferResponse, &str, &str); 4] = [
    (OfferResponse::Pending, "pending", "No answer yet"),
    (OfferResponse::Accepted, "accepted", "Accepted"),
    (OfferResponse::Rejected, "rejected", "Rejected"),
    (OfferResponse::Countered, "countered", "Countered"),
];

fn response_of(key: &str) -> OfferResponse {
    RESPONSES
        .iter()
        .find(|x| x.1 == key)
        .map_or(OfferResponse::Pending, |x| x.0)
}

/// "2026-05-12T10:30" in local time, the value a `datetime-local` input takes.
fn local_input_value(at: i64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(at as f64));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Reads a `datetime-local` value as local time; `None` when empty or malformed.
fn parse_local(value: &str) -> Option<i64> {
    if value.trim().is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    ms.is_finite().then_some(ms as i64)
}

/// "12 May 2026, 10:30", in the reader's own locale.
fn display_time(at: i64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(at as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    // An empty locale list means the reader's own locale.
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options)
        .format()
        .call1(&JsValue::NULL, &d)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| local_input_value(at).replace('T', " "))
}

#[component]
pub fn OfferLog(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let party = RwSignal::new(String::new());
    let package = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let response = RwSignal::new(OfferResponse::Pending);
    let error = RwSignal::new(None::<String>);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (party_id, package_id) = plan.with_untracked(|p| {
            // An untouched select shows its first entry; take that one.
            let party_id = p
                .parties
                .iter()
                .find(|x| x.id.as_str() == party.get_untracked())
                .or(p.parties.first())
                .map(|x| x.id.clone());
            let package_id = p
                .packages
                .iter()
                .find(|x| x.id.as_str() == package.get_untracked())
                .or(p.packages.first())
                .map(|x| x.id.clone());
            (party_id, package_id)
        });
        let (Some(party_id), Some(package_id)) = (party_id, package_id) else {
            error.set(Some("An offer needs a party and a package.".into()));
            return;
        };
        let at = match when.get_untracked() {
            w if w.trim().is_empty() => crate::app::now(),
            w => match parse_local(&w) {
                Some(at) => at,
                None => {
                    error.set(Some(
                        "The time is not a date and time this browser can read.".into(),
                    ));
                    return;
                }
            },
        };
        error.set(None);
        session.edit("record an offer", "", |p| {
            let id = OfferId::from_seq(p.take_seq());
            p.offers.push(Offer {
                id,
                party: party_id,
                package: package_id,
                at,
                response: response.get_untracked(),
                notes: String::new(),
            });
        });
        when.set(String::new());
        state.notice.set(Some(Notice::info("Recorded the offer.")));
    };
    let set_response = move |id: OfferId, r: OfferResponse| {
        session.edit("change an offer's response", "", |p| {
            if let Some(o) = p.offers.iter_mut().find(|o| o.id == id) {
                o.response = r;
            }
        });
    };
    let remove = move |id: OfferId| {
        session.edit("remove an offer", "", |p| p.offers.retain(|o| o.id != id));
        state.notice.set(Some(Notice {
            text: "Removed the offer.".into(),
            undo: Undo::Edit,
        }));
    };
    let rows = move || {
        plan.with(|p| {
            let mut offers: Vec<&Offer> = p.offers.iter().collect();
            offers.sort_by_key(|o| o.at);
            offers
                .into_iter()
                .enumerate()
                .map(|(k, o)| {
                    let who = p.party(&o.party).map(|x| x.name.clone()).unwrap_or_default();
                    let what = p
                        .packages
                        .iter()
                        .find(|x| x.id == o.package)
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    let id = StoredValue::new(o.id.clone());
                    let select_id = format!("offer-{}-response", o.id);
                    let current = o.response;
                    view! {
                        <tr>
                            <td>{k + 1}</td>
                            <td>{display_time(o.at)}</td>
                            <td dir="auto">{who}</td>
                            <td dir="auto">{what}</td>
                            <td>
                                <label class="visually-hidden" for=select_id.clone()>
                                    {format!("Response to offer {}", k + 1)}
                                </label>
                                <select
                                    id=select_id
                                    on:change=move |ev| {
                                        set_response(id.get_value(), response_of(&event_target_value(&ev)))
                                    }
                                >
                                    {RESPONSES
                                        .iter()
                                        .map(|(r, key, label)| {
                                            view! { <option value=*key selected=*r == current>{*label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </td>
                            <td>
                                <button
                                    class="danger"
                                    aria-label=format!("Remove offer {}", k + 1)
                                    on:click=move |_| remove(id.get_value())
                                >
                                    "Remove"
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let options = move |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(id, name)| view! { <option value=id>{name}</option> })
            .collect_view()
    };
    view! {
        <section class="explore-section offers" aria-labelledby="offers-heading">
            <h3 id="offers-heading">"Offer log"</h3>
            <p class="hint">
                "Record each offer made or received as the talks go on; the chart draws them in order."
            </p>
            <Show
                when=move || plan.with(|p| !p.packages.is_empty())
                fallback=|| view! { <p class="hint">"Offers refer to packages: add the package that was offered first."</p> }
            >
                <form class="offer-form" on:submit=record>
                    <label>
                        "Made by"
                        <select id="offer-party" on:change=move |ev| party.set(event_target_value(&ev))>
                            {move || options(plan.with(|p| p.parties.iter().map(|x| (x.id.to_string(), x.name.clone())).collect()))}
                        </select>
                    </label>
                    <label>
                        "Package"
                        <select id="offer-package" on:change=move |ev| package.set(event_target_value(&ev))>
                            {move || options(plan.with(|p| p.packages.iter().map(|x| (x.id.to_string(), x.name.clone())).collect()))}
                        </select>
                    </label>
                    <label>
                        "When"
                        <input
                            id="offer-time"
                            type="datetime-local"
                            prop:value=move || {
                                let w = when.get();
                                if w.is_empty() { local_input_value(crate::app::now()) } else { w }
                            }
                            on:input=move |ev| when.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        "Response"
                        <select id="offer-response" on:change=move |ev| response.set(response_of(&event_target_value(&ev)))>
                            {RESPONSES
                                .iter()
                                .map(|(_, key, label)| view! { <option value=*key>{*label}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <button type="submit" class="primary">"Record the offer"</button>
                </form>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </Show>
            <Show when=move || plan.with(|p| !p.offers.is_empty())>
                <table class="offer-table">
                    <caption class="visually-hidden">"Offers in time order"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">"When"</th>
                            <th scope="col">"Made by"</th>
                            <th scope="col">"Package"</th>
                            <th scope="col">"Response"</th>
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_round_trip_through_their_keys() {
        for (r, key, _) in RESPONSES {
            assert_eq!(response_of(key), r);
        }
        assert_eq!(response_of("nonsense"), OfferResponse::Pending);
    }
}
