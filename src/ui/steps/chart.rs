//! The outcome-space chart of the packages step: every package for two parties, the
//! Pareto frontier, reservation values with the ZOPA, the engine's reference packages, and
//! the plan's own packages and offers.
//!
//! The numbers come from `analysis::outcome`, the drawing from `formats::chart_svg` (the
//! same text the "Download SVG" button saves). The page sets that text as the plot's
//! content in one step, and one set of delegated handlers on the plot serves every point:
//! far fewer reactive nodes than one per point, so an edit redraws within a frame.
//!
//! The Practise step shows the same chart with a rehearsal's exchange as the path, in
//! place of the plan's packages and offers (the `exchange` property).

use crate::analysis::outcome::{outcome_space, Cloud, OutcomeSpace};
use crate::analysis::plan::PlanProblem;
use crate::analysis::Analysis;
use crate::app::analysis::{AnalysisRunner, AnalysisState};
use crate::app::{AppState, Notice, PlanSession};
use crate::formats::chart_path::{with_path, PathStep};
use crate::formats::chart_svg::{self, Frame};
use crate::model::{PartyId, Plan};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// A value shared by pointer: a memo holding it compares by identity, never clones the
/// data and counts every recomputation as a change.
#[derive(Clone)]
struct Shared<T>(Arc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The pair of parties to draw: the chosen one while both still exist, else "us" across
/// and the first other party up.
fn resolve_pair(plan: &Plan, chosen: Option<&(PartyId, PartyId)>) -> Option<(usize, usize)> {
    if plan.parties.len() < 2 {
        return None;
    }
    let pos = |id: &PartyId| plan.parties.iter().position(|p| &p.id == id);
    if let Some((a, b)) = chosen {
        if let (Some(x), Some(y)) = (pos(a), pos(b)) {
            if x != y {
                return Some((x, y));
            }
        }
    }
    let x = plan.us().and_then(pos).unwrap_or(0);
    Some((x, usize::from(x == 0)))
}

/// Plot size for a container width: one drawing unit per CSS pixel, so text keeps its
/// size on a phone and on a wide screen.
fn frame_for(width: f64) -> Frame {
    let width = width.clamp(280.0, 900.0);
    Frame {
        width,
        height: (width * 0.75).clamp(280.0, 560.0),
    }
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The `data-k` of the chart point an event came from, if any.
fn point_key(ev: &web_sys::Event) -> Option<String> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target.closest("[data-k]").ok()??.get_attribute("data-k")
}

/// Readout keys of grey dots ("c12"), as opposed to marked points ("p0", "o1", "m2").
fn is_cloud_key(key: &str) -> bool {
    key.starts_with('c')
}

/// Clears the readout when it shows a grey dot (it goes back to its hint).
fn forget_cloud_key(active: RwSignal<Option<String>>) {
    if active.with_untracked(|a| a.as_deref().is_some_and(is_cloud_key)) {
        active.set(None);
    }
}

/// Removes the grey dot's ring, if there is one.
fn unring(div: Option<web_sys::HtmlDivElement>) {
    if let Some(c) = div.and_then(|d| d.query_selector(".oc-hover").ok().flatten()) {
        c.remove();
    }
}

/// Rings the grey dot at (`cx`, `cy`) under the pointer: one circle, moved from dot to
/// dot, gone with the next redraw.
fn ring(svg: &web_sys::Element, cx: f64, cy: f64) {
    let circle = svg.query_selector(".oc-hover").ok().flatten().or_else(|| {
        let c = document()
            .create_element_ns(Some("http://www.w3.org/2000/svg"), "circle")
            .ok()?;
        let _ = c.set_attribute("class", "oc-hover");
        let _ = c.set_attribute("r", "6");
        let _ = c.set_attribute("aria-hidden", "true");
        svg.append_child(&c).ok()?;
        Some(c)
    });
    if let Some(c) = circle {
        let _ = c.set_attribute("cx", &format!("{cx:.1}"));
        let _ = c.set_attribute("cy", &format!("{cy:.1}"));
    }
}

/// Focuses an SVG element. web-sys binds `focus` to HTML elements only, and calling that
/// binding on an SVG element throws, so the element's own method is looked up and called.
fn focus_svg(el: &web_sys::Element) {
    if let Ok(f) = js_sys::Reflect::get(el, &JsValue::from_str("focus"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call0(el);
    }
}

/// Brings a package's card into view and puts the keyboard in its name field.
fn open_package(id: &crate::model::PackageId) {
    let Some(el) = document().get_element_by_id(&format!("pkg-{id}-name")) else {
        return;
    };
    if let Ok(input) = el.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = input.focus();
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Draws the standalone SVG on a canvas at twice its size and downloads it as a PNG. The
/// image is loaded from a `data:` URL: the page's policy allows no `blob:` images.
fn download_png(svg: &str, name: String, state: AppState) -> Result<(), String> {
    let fail = |e: JsValue| format!("the picture could not be made ({e:?})");
    let img = web_sys::HtmlImageElement::new().map_err(fail)?;
    let loaded = img.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let result = (|| -> Result<(), String> {
            let (w, h) = (loaded.natural_width() * 2, loaded.natural_height() * 2);
            let canvas: web_sys::HtmlCanvasElement = document()
                .create_element("canvas")
                .map_err(fail)?
                .unchecked_into();
            canvas.set_width(w);
            canvas.set_height(h);
            let ctx: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")
                .map_err(fail)?
                .ok_or("no canvas")?
                .unchecked_into();
            ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &loaded,
                0.0,
                0.0,
                f64::from(w),
                f64::from(h),
            )
            .map_err(fail)?;
            let on_blob = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
                let done = match blob.dyn_into::<web_sys::Blob>() {
                    Ok(blob) => crate::ui::files::download_blob(&name, &blob),
                    Err(_) => Err("the picture could not be encoded".into()),
                };
                if let Err(why) = done {
                    report(state, &why);
                }
            });
            canvas.to_blob(on_blob.unchecked_ref()).map_err(fail)
        })();
        if let Err(why) = result {
            report(state, &why);
        }
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
        report(state, "the chart could not be drawn as a picture");
    });
    img.set_onerror(Some(on_error.unchecked_ref()));
    img.set_src(&chart_svg::data_url(svg));
    Ok(())
}

fn report(state: AppState, why: &str) {
    state.notice.set(Some(Notice::info(format!(
        "The download did not work: {why}."
    ))));
}

/// A rehearsal's exchange for the chart: the counterpart's position among the plan's
/// parties (drawn up, with "us" across) and the offers, named, as plan choices.
pub type Exchange = (
    usize,
    Vec<(
        String,
        std::collections::BTreeMap<crate::model::IssueId, crate::model::OptionId>,
    )>,
);

#[component]
pub fn OutcomeChart(
    session: PlanSession,
    runner: AnalysisRunner,
    bridge: Memo<Option<PlanProblem>>,
    /// The Strategy step's concession plan: drawn in place of the plan's packages and
    /// offers when given.
    #[prop(optional, into)]
    path: Option<Signal<Vec<PathStep>>>,
    /// Draw this exchange instead of the plan's packages and offers (Practise step).
    #[prop(optional)]
    exchange: Option<Memo<Option<Exchange>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    // The last finished analysis stays on screen while a new one runs (marked as
    // updating), so a large plan's chart does not vanish on every edit.
    let latest =
        Memo::new(
            move |prev: Option<&Option<Shared<Analysis>>>| match runner.state.get() {
                AnalysisState::Ready(a) => Some(Shared(a)),
                AnalysisState::Running { .. } if bridge.with(Option::is_some) => {
                    prev.cloned().flatten()
                }
                _ => None,
            },
        );
    let updating = move || {
        matches!(runner.state.get(), AnalysisState::Running { .. }) && latest.with(Option::is_some)
    };
    let chosen = RwSignal::new(None::<(PartyId, PartyId)>);
    let pair = Memo::new(move |_| {
        // A rehearsal is between "us" and its counterpart: that pair, no other.
        if let Some(c) = exchange.and_then(|e| e.with(|e| e.as_ref().map(|e| e.0))) {
            return plan.with(|p| {
                let us = p
                    .us()
                    .and_then(|id| p.parties.iter().position(|x| &x.id == id))?;
                (us != c && c < p.parties.len()).then_some((us, c))
            });
        }
        chosen.with(|c| plan.with(|p| resolve_pair(p, c.as_ref())))
    });
    let space = Memo::new(move |_| {
        let (x, y) = pair.get()?;
        latest.with(|a| {
            let a = a.as_ref()?;
            outcome_space(&a.0.model, &a.0.frontier, &a.0.points, x, y).map(|s| Shared(Arc::new(s)))
        })
    });
    // Compared by value: editing a package's notes or an option's description changes
    // nothing drawn, so nothing is redrawn.
    let overlay = Memo::new(move |_| {
        let (x, y) = pair.get()?;
        if let Some(e) = exchange {
            return e.with(|e| {
                let (_, points) = e.as_ref()?;
                Some(plan.with(|p| chart_svg::exchange_overlay(p, x, y, points)))
            });
        }
        let overlay = plan.with(|p| chart_svg::plan_overlay(p, x, y));
        Some(match path {
            Some(steps) => steps.with(|s| with_path(overlay, x, y, s)),
            None => overlay,
        })
    });
    let width = RwSignal::new(640.0);
    let active = RwSignal::new(None::<String>);
    let table_open = RwSignal::new(false);
    let plot = NodeRef::<leptos::html::Div>::new();
    let revision = StoredValue::new(0u32);
    // What is on screen, for finding the grey dot under the pointer: the redraw can lag
    // behind `space` and `width` while a newer analysis runs.
    let drawn_space = StoredValue::new(None::<(Shared<OutcomeSpace>, Frame)>);

    // Redraw: the SVG text replaces the plot's content in one step. A point that had the
    // keyboard keeps it. `data-revision` counts redraws, `data-fingerprint` names the
    // analysis drawn and `data-draw-ms` times the redraw, for tests and measurements.
    Effect::new(move |_| {
        let Some(div) = plot.get() else { return };
        let start = now_ms();
        // Wait for the analysis of the plan as it is now, rather than drawing the plan's new
        // package values over the previous analysis and then again.
        let drawn = latest.with(|a| a.as_ref().map(|a| a.0.fingerprint));
        let wanted = bridge.with(|b| b.as_ref().map(|pp| pp.problem.fingerprint()));
        if drawn.is_none() || drawn != wanted {
            return;
        }
        let frame = frame_for(width.get());
        let markup = space.with(|s| {
            overlay.with(|o| match (s, o) {
                (Some(s), Some(o)) => Some(chart_svg::page_svg(&s.0, &o.overlay, frame)),
                _ => None,
            })
        });
        let Some(markup) = markup else { return };
        let focused = document()
            .active_element()
            .filter(|e| div.contains(Some(e)))
            .and_then(|e| e.get_attribute("data-k"));
        div.set_inner_html(&markup);
        drawn_space.set_value(space.get_untracked().map(|s| (s, frame)));
        // A grey dot's index means nothing in the new drawing (and its ring is gone).
        forget_cloud_key(active);
        if let Some(el) = focused.and_then(|key| {
            div.query_selector(&format!("[data-k=\"{key}\"]"))
                .ok()
                .flatten()
        }) {
            focus_svg(&el);
        }
        revision.update_value(|r| *r += 1);
        let _ = div.set_attribute("data-revision", &revision.get_value().to_string());
        let _ = div.set_attribute("data-fingerprint", &format!("{:x}", drawn.unwrap_or(0)));
        // The chart's own share of an update: the outcome space, the SVG text, the DOM.
        let _ = div.set_attribute("data-draw-ms", &format!("{:.1}", now_ms() - start));
    });
    // Follow the container's width (measured once drawn, then on window resizes).
    let measure = move || {
        if let Some(div) = plot.get_untracked() {
            let w = f64::from(div.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 8.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if plot.get().is_some() && space.with(Option::is_some) {
            measure();
        }
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || handle.remove());

    let open = move |key: &str| {
        let (Some(kind), Some(Ok(index))) = (key.get(..1), key.get(1..).map(str::parse::<usize>))
        else {
            return;
        };
        let id = overlay.with_untracked(|o| {
            let o = o.as_ref()?;
            match kind {
                "p" => o.packages.get(index).cloned(),
                "o" => o.offers.get(index).map(|(_, p)| p.clone()),
                _ => None,
            }
        });
        if let Some(id) = id {
            open_package(&id);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            if let Some(key) = point_key(&ev) {
                ev.prevent_default();
                open(&key);
            }
        }
    };
    let show_key = move |key: String| {
        if !is_cloud_key(&key) {
            unring(plot.get_untracked());
        }
        if active.with_untracked(|a| a.as_deref() != Some(key.as_str())) {
            active.set(Some(key));
        }
    };
    // The readout (a live region) follows a grey dot only once the pointer rests on it,
    // so sweeping across thousands of dots does not flood a screen reader.
    let resting = StoredValue::new(0u64);
    let show = move |ev: &web_sys::Event| {
        if let Some(key) = point_key(ev) {
            // A grey dot's pending readout must not replace this one.
            resting.update_value(|t| *t += 1);
            show_key(key);
        }
    };
    // The grey dots are one path (thousands of elements would be slow and a long Tab
    // trail): the pointer's position finds the nearest, which gets a ring and the readout.
    // Keyboard and screen-reader users have the data table and the marked points.
    let hover_cloud = move |ev: web_sys::MouseEvent| {
        if point_key(&ev).is_some() {
            return;
        }
        let Some(svg) = plot
            .get_untracked()
            .and_then(|div| div.query_selector("svg").ok().flatten())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let found = drawn_space.with_value(|d| {
            let (space, frame) = d.as_ref()?;
            if rect.width() <= 0.0 {
                return None;
            }
            let scale = frame.width / rect.width();
            let px = (f64::from(ev.client_x()) - rect.left()) * scale;
            let py = (f64::from(ev.client_y()) - rect.top()) * scale;
            chart_svg::cloud_point_at(&space.0, *frame, px, py, 6.0 * scale.max(1.0))
        });
        let Some((k, cx, cy)) = found else { return };
        ring(&svg, cx, cy);
        resting.update_value(|t| *t += 1);
        let mine = resting.get_value();
        set_timeout(
            move || {
                if resting.try_get_value() == Some(mine) {
                    show_key(format!("c{k}"));
                }
            },
            std::time::Duration::from_millis(150),
        );
    };
    let leave = move |_| {
        resting.update_value(|t| *t += 1);
        unring(plot.get_untracked());
        forget_cloud_key(active);
    };

    let file_name = move |ext: &str| {
        let stem = plan.with_untracked(|p| crate::ui::files::file_stem(&p.title));
        format!("{stem}-outcome-space.{ext}")
    };
    let file_svg = move || {
        space.with_untracked(|s| {
            overlay.with_untracked(|o| match (s, o) {
                (Some(s), Some(o)) => {
                    let title =
                        plan.with_untracked(|p| format!("Outcome space: {}", p.display_title()));
                    Some(chart_svg::file_svg(&s.0, &o.overlay, &title))
                }
                _ => None,
            })
        })
    };
    let download_svg = move |_| {
        if let Some(svg) = file_svg() {
            if let Err(why) = crate::ui::files::download(&file_name("svg"), "image/svg+xml", &svg) {
                report(state, &why);
            }
        }
    };
    let download_png_click = move |_| {
        if let Some(svg) = file_svg() {
            if let Err(why) = download_png(&svg, file_name("png"), state) {
                report(state, &why);
            }
        }
    };

    // The pickers are rebuilt only when the parties change: a choice updates the selects'
    // selection in place, so the keyboard stays on the select being used.
    let parties = Memo::new(move |_| {
        plan.with(|p| {
            p.parties
                .iter()
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let choose = move |axis: usize, value: String| {
        let ids: Vec<PartyId> =
            parties.with_untracked(|l| l.iter().map(|(id, _)| id.clone()).collect());
        let Some((x, y)) = pair.get_untracked() else {
            return;
        };
        let Some(k) = ids.iter().position(|id| id.as_str() == value) else {
            return;
        };
        // Picking the party already on the other axis swaps the two.
        let (nx, ny) = match axis {
            0 if k == y => (k, x),
            0 => (k, y),
            _ if k == x => (y, k),
            _ => (x, k),
        };
        chosen.set(Some((ids[nx].clone(), ids[ny].clone())));
    };
    let pickers = move || {
        let list = parties.get();
        if list.len() < 3 || exchange.is_some() {
            return None;
        }
        let select = move |axis: usize, id: &'static str, label: &'static str| {
            let on_axis = move |k: usize| {
                pair.get()
                    .is_some_and(|(x, y)| k == if axis == 0 { x } else { y })
            };
            let options = list
                .iter()
                .enumerate()
                .map(|(k, (pid, name))| {
                    view! {
                        <option value=pid.to_string() prop:selected=move || on_axis(k)>
                            {name.clone()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| choose(axis, event_target_value(&ev))>
                    {options}
                </select>
            }
        };
        Some(view! {
            <div class="oc-pair">
                {select(0, "oc-x", "Across")}
                {select(1, "oc-y", "Up")}
            </div>
        })
    };

    let caption = move || {
        space.with(|s| {
            overlay.with(|o| match (s, o) {
                (Some(s), Some(o)) => {
                    let mut text = chart_svg::summary(&s.0, &o.overlay);
                    if o.open > 0 {
                        text.push_str(&format!(
                            " {} package{} with open issues {} not drawn.",
                            o.open,
                            if o.open == 1 { "" } else { "s" },
                            if o.open == 1 { "is" } else { "are" }
                        ));
                    }
                    if matches!(s.0.cloud, Cloud::Density { sampled: true, .. }) {
                        text.push_str(" The same plan always shows the same sample.");
                    }
                    text
                }
                _ => String::new(),
            })
        })
    };
    let legend = move || {
        space.with(|s| {
            overlay.with(|o| match (s, o) {
                (Some(s), Some(o)) => chart_svg::legend_items(&s.0, &o.overlay),
                _ => String::new(),
            })
        })
    };
    let readout = move || {
        let html = active.get().and_then(|key| {
            if is_cloud_key(&key) {
                // From the drawing on screen, where the dot was found.
                return drawn_space.with_value(|d| {
                    let (s, _) = d.as_ref()?;
                    overlay.with(|o| {
                        plan.with(|p| chart_svg::readout_html(p, &s.0, o.as_ref()?, &key))
                    })
                });
            }
            space.with(|s| {
                overlay.with(|o| {
                    plan.with(|p| chart_svg::readout_html(p, &s.as_ref()?.0, o.as_ref()?, &key))
                })
            })
        });
        html.unwrap_or_else(|| {
            r#"<p class="hint">Point at a package or a marked point, or reach it with Tab, to see its values here.</p>"#.to_string()
        })
    };
    // Built only while open: a long frontier makes a long table.
    let table = move || {
        if !table_open.get() {
            return String::new();
        }
        space.with(|s| {
            overlay.with(|o| match (s, o) {
                (Some(s), Some(o)) => chart_svg::table_html(&s.0, o),
                _ => String::new(),
            })
        })
    };
    let ready = move || space.with(Option::is_some);
    view! {
        <section class="oc" aria-labelledby="oc-heading">
            <h3 id="oc-heading">"Outcome space"</h3>
            <Show
                when=ready
                fallback=|| {
                    view! {
                        <p class="hint">
                            "The chart of every package for two parties appears here once the analysis is ready (see above)."
                        </p>
                    }
                }
            >
                {pickers}
                <figure class="oc-figure" aria-busy=move || updating().then_some("true")>
                    <div
                        class="oc-plot"
                        node_ref=plot
                        on:focusin=move |ev| show(&ev)
                        on:mouseover=move |ev| show(&ev)
                        on:mousemove=hover_cloud
                        on:mouseleave=leave
                        on:click=move |ev| {
                            if let Some(key) = point_key(&ev) {
                                open(&key);
                            }
                        }
                        on:keydown=on_key
                    ></div>
                    <figcaption id="oc-caption">{caption}</figcaption>
                </figure>
                <div class="oc-side">
                    <div class="oc-readout" aria-live="polite" inner_html=readout></div>
                    <ul class="oc-legend" aria-label="Legend" inner_html=legend></ul>
                    <p class="oc-downloads">
                        <button on:click=download_svg>"Download SVG"</button>
                        <button on:click=download_png_click>"Download PNG"</button>
                    </p>
                </div>
                <details class="oc-data" on:toggle=move |_| table_open.update(|o| *o = !*o)>
                    <summary>"Chart data as a table"</summary>
                    <div
                        class="oc-table-wrap"
                        tabindex="0"
                        role="region"
                        aria-label="Chart data"
                        inner_html=table
                    ></div>
                </details>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{three_party, Perspective, PlanId};

    #[test]
    fn the_pair_defaults_to_us_across_and_survives_only_while_valid() {
        let mut plan = three_party(PlanId::parse("p1").unwrap(), 0);
        let ids: Vec<PartyId> = plan.parties.iter().map(|p| p.id.clone()).collect();
        let us = plan
            .parties
            .iter()
            .position(|p| Some(&p.id) == plan.us())
            .unwrap();
        assert_eq!(resolve_pair(&plan, None), Some((us, usize::from(us == 0))));
        assert_eq!(
            resolve_pair(&plan, Some(&(ids[2].clone(), ids[1].clone()))),
            Some((2, 1))
        );
        // The same party twice, or a removed party, falls back to the default.
        assert_eq!(
            resolve_pair(&plan, Some(&(ids[2].clone(), ids[2].clone()))),
            resolve_pair(&plan, None)
        );
        plan.parties.remove(2);
        plan.perspective = Perspective::Neutral;
        assert_eq!(
            resolve_pair(&plan, Some(&(ids[2].clone(), ids[1].clone()))),
            Some((0, 1))
        );
        plan.parties.truncate(1);
        assert_eq!(resolve_pair(&plan, None), None);
    }

    #[test]
    fn the_plot_keeps_text_at_its_size_from_phone_to_wide_screen() {
        assert_eq!(frame_for(100.0).width, 280.0);
        assert_eq!(frame_for(340.0).height, 280.0);
        let wide = frame_for(1400.0);
        assert_eq!((wide.width, wide.height), (900.0, 560.0));
    }
}
