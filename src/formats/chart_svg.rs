//! The outcome-space chart as SVG text. Pure.
//!
//! One writer serves the page and the downloaded file, so what is downloaded is what was
//! seen. Colours are presentation attributes (a fixed light palette): a standalone file and
//! the PNG made from it look the same everywhere, while on the page the stylesheet's class
//! rules (which beat presentation attributes) apply the light or dark theme. No `<style>`
//! element and no `style` attribute: the page's Content-Security-Policy forbids inline
//! styles.
//!
//! Every piece of user text (party and package names) goes through [`escape`], which also
//! drops characters XML cannot hold, so a hostile name can neither add markup nor break the
//! file.

use crate::analysis::outcome::{thin_line, Cloud, MarkKind, OutcomeSpace, GRID};
use crate::analysis::plan::package_values;
use crate::model::{IssueId, OfferId, OptionId, Package, PackageId, Plan};
use std::collections::BTreeMap;
use std::fmt::Write;

/// A labelled point on the chart: one of the plan's packages or an offer.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartItem {
    /// Short tag drawn at the point: "A", "B", … for packages; "1", "2", … for offers.
    pub tag: String,
    /// What the point is, in words: a package's name, or "“name” by party" for an offer.
    pub name: String,
    pub x: f64,
    pub y: f64,
}

/// What the plan adds to the outcome space: names, its packages and its offers.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Overlay {
    pub x_name: String,
    pub y_name: String,
    /// Complete packages, in plan order.
    pub packages: Vec<ChartItem>,
    /// Offers of complete packages, in time order.
    pub offers: Vec<ChartItem>,
    /// The offers are a rehearsal's exchange (Practise step): practice moves, with no
    /// package of the plan behind them to open.
    pub exchange: bool,
}

/// The plan's own points for a pair of parties, with what stands behind each.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PlanOverlay {
    pub overlay: Overlay,
    /// The package behind each package point (`p{k}` on the page).
    pub packages: Vec<PackageId>,
    /// The offer behind each offer point (`o{k}`) and the package it offered (none for a
    /// rehearsal's exchange).
    pub offers: Vec<(OfferId, PackageId)>,
    /// Every party's value of each offer point, in plan party order (for the readout).
    pub offer_values: Vec<Vec<f64>>,
    /// Packages with open issues: not drawn, since their value is only what they have
    /// settled so far and would sit misleadingly low.
    pub open: usize,
}

/// "A" … "Z", "AA", "AB", …: short tags for the plan's packages.
pub fn package_tag(k: usize) -> String {
    let mut n = k + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.iter().rev().map(|&b| b as char).collect()
}

/// The plan's complete packages (tagged in plan order) and the offers of those packages in
/// time order, valued for parties `x` and `y` (plan party order).
pub fn plan_overlay(plan: &Plan, x: usize, y: usize) -> PlanOverlay {
    let name = |k: usize| {
        plan.parties
            .get(k)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut out = PlanOverlay {
        overlay: Overlay {
            x_name: name(x),
            y_name: name(y),
            ..Overlay::default()
        },
        ..PlanOverlay::default()
    };
    let complete = |p: &Package| {
        plan.issues
            .iter()
            .filter(|i| !i.options.is_empty())
            .all(|i| {
                p.choices
                    .get(&i.id)
                    .is_some_and(|o| i.options.iter().any(|x| &x.id == o))
            })
    };
    let mut points: Vec<(PackageId, String, Vec<f64>)> = Vec::new();
    for (k, p) in plan.packages.iter().enumerate() {
        if !complete(p) {
            out.open += 1;
            continue;
        }
        let v = package_values(plan, p);
        let (Some(&vx), Some(&vy)) = (v.get(x), v.get(y)) else {
            continue;
        };
        let tag = package_tag(k);
        out.overlay.packages.push(ChartItem {
            tag: tag.clone(),
            name: p.name.clone(),
            x: vx,
            y: vy,
        });
        out.packages.push(p.id.clone());
        points.push((p.id.clone(), p.name.clone(), v));
    }
    // Time order, ties in the order entered. (Sorting (time, index) pairs reuses the sort
    // code of the outcome space instead of adding a stable sort to the page.)
    let mut order: Vec<(i64, i64)> = plan
        .offers
        .iter()
        .enumerate()
        .map(|(k, o)| (o.at, k as i64))
        .collect();
    order.sort_unstable();
    for o in order
        .iter()
        .filter_map(|&(_, k)| plan.offers.get(k as usize))
    {
        let Some((_, pname, v)) = points.iter().find(|(id, ..)| id == &o.package) else {
            continue;
        };
        let by = plan.party(&o.party).map(|p| p.name.as_str()).unwrap_or("");
        out.overlay.offers.push(ChartItem {
            tag: (out.offers.len() + 1).to_string(),
            name: format!("“{}” by {}", pname.trim(), by.trim()),
            x: v.get(x).copied().unwrap_or(0.0),
            y: v.get(y).copied().unwrap_or(0.0),
        });
        out.offers.push((o.id.clone(), o.package.clone()));
        out.offer_values.push(v.clone());
    }
    out
}

/// A rehearsal's exchange on the chart instead of the plan's offers: each point a name
/// (which round, whose offer) and its choices, valued for every party by the plan's
/// estimates; the plan's packages are left out so the path stands alone.
pub fn exchange_overlay(
    plan: &Plan,
    x: usize,
    y: usize,
    points: &[(String, BTreeMap<IssueId, OptionId>)],
) -> PlanOverlay {
    let mut out = plan_overlay(plan, x, y);
    out.overlay.packages.clear();
    out.packages.clear();
    out.overlay.offers.clear();
    out.offers.clear();
    out.offer_values.clear();
    out.open = 0;
    out.overlay.exchange = true;
    for (k, (name, choices)) in points.iter().enumerate() {
        let package = Package::new(PackageId(String::new()), "", choices.clone());
        let v = package_values(plan, &package);
        out.overlay.offers.push(ChartItem {
            tag: (k + 1).to_string(),
            name: name.clone(),
            x: v.get(x).copied().unwrap_or(0.0),
            y: v.get(y).copied().unwrap_or(0.0),
        });
        out.offer_values.push(v);
    }
    out
}

/// What the point behind `key` ("p0", "o1", "m2" on the page) is, as HTML for the
/// readout beside the chart: its name, each party's value against its BATNA, and a note.
/// Every piece of text is escaped.
pub fn readout_html(
    plan: &Plan,
    space: &OutcomeSpace,
    overlay: &PlanOverlay,
    key: &str,
) -> Option<String> {
    let (kind, index) = (key.get(..1)?, key.get(1..)?);
    let index: usize = index.parse().ok()?;
    let (title, values, mut note) = match kind {
        "p" | "o" => {
            let (values, title) = if kind == "p" {
                let item = overlay.overlay.packages.get(index)?;
                let id = overlay.packages.get(index)?;
                let package = plan.packages.iter().find(|p| &p.id == id)?;
                (
                    package_values(plan, package),
                    format!("Package {} “{}”", item.tag, item.name.trim()),
                )
            } else {
                let item = overlay.overlay.offers.get(index)?;
                (
                    overlay.offer_values.get(index)?.clone(),
                    format!(
                        "{} {}: {}",
                        offer_word(&overlay.overlay),
                        item.tag,
                        item.name
                    ),
                )
            };
            let same: Vec<&str> = space
                .marks
                .iter()
                .filter(|m| {
                    m.point.values.len() == values.len()
                        && m.point
                            .values
                            .iter()
                            .zip(&values)
                            .all(|(a, b)| (a - b).abs() < 1e-6)
                })
                .map(|m| m.kind.label())
                .collect();
            let mut note = String::new();
            if !same.is_empty() {
                let _ = write!(note, " Same values as the {}.", same.join(" and the "));
            }
            if !overlay.overlay.exchange {
                note.push_str(" Press Enter or click to open it.");
            }
            (title, values, note)
        }
        "c" => {
            let Cloud::Points(points) = &space.cloud else {
                return None;
            };
            let p = points.get(index)?;
            let title = match p.count {
                1 => "A package".to_string(),
                n => format!("{n} packages with the same values"),
            };
            let pair = [
                (&overlay.overlay.x_name, p.x, space.reservation.0),
                (&overlay.overlay.y_name, p.y, space.reservation.1),
            ];
            let rows: String = pair
                .iter()
                .map(|(name, v, rv)| value_row(name, *v, *rv).0)
                .collect();
            return Some(readout_markup(
                &title,
                &rows,
                "Compose it on this step to see its options and every party’s value.",
            ));
        }
        "m" => {
            let m = space.marks.get(index)?;
            let note = if m.point.acceptable_to_all {
                String::new()
            } else {
                " No package is acceptable to every party; this is the best joint value overall."
                    .to_string()
            };
            (m.kind.label().to_string(), m.point.values.clone(), note)
        }
        _ => return None,
    };
    let mut rows = String::new();
    let mut beats = 0;
    for (party, &v) in plan.parties.iter().zip(&values) {
        let (row, ok) = value_row(&party.name, v, party.reservation.value);
        beats += usize::from(ok);
        rows.push_str(&row);
    }
    note.insert_str(0, &format!("Beats {beats} of {} BATNAs.", values.len()));
    Some(readout_markup(&title, &rows, &note))
}

/// What an offer point is called: an offer of the real talks, or a move of a rehearsal.
fn offer_word(overlay: &Overlay) -> &'static str {
    if overlay.exchange {
        "Move"
    } else {
        "Offer"
    }
}

/// The readout's HTML: a title, the value rows (already escaped) and a note.
fn readout_markup(title: &str, rows: &str, note: &str) -> String {
    format!(
        r#"<p class="oc-readout-title" dir="auto">{}</p><ul>{rows}</ul><p class="hint">{}</p>"#,
        escape(title),
        escape(note)
    )
}

/// One party's value in the readout, against its BATNA; whether it beats it.
fn value_row(name: &str, v: f64, rv: f64) -> (String, bool) {
    let ok = v >= rv - 1e-9;
    let row = format!(
        r#"<li{}><span dir="auto">{}</span>: {v:.1} ({} BATNA {rv:.0})</li>"#,
        if ok { "" } else { r#" class="below""# },
        escape(name),
        if ok { "beats" } else { "below" },
    );
    (row, ok)
}

/// The chart's data as an HTML table, the alternative to the picture for screen readers:
/// reference points, packages, offers, and the frontier (a long one evenly thinned to 100
/// rows, ends included).
pub fn table_html(space: &OutcomeSpace, overlay: &PlanOverlay) -> String {
    let o = &overlay.overlay;
    let mut rows: Vec<(String, f64, f64)> = Vec::new();
    for m in &space.marks {
        rows.push((m.kind.label().to_string(), m.x, m.y));
    }
    for p in &o.packages {
        rows.push((format!("Package {} “{}”", p.tag, p.name.trim()), p.x, p.y));
    }
    for f in &o.offers {
        rows.push((format!("{} {}: {}", offer_word(o), f.tag, f.name), f.x, f.y));
    }
    let n = space.frontier.len();
    let shown = n.min(100);
    for k in 0..shown {
        let i = if shown <= 1 {
            0
        } else {
            k * (n - 1) / (shown - 1)
        };
        let (x, y) = space.frontier[i];
        rows.push((format!("Frontier point {}", i + 1), x, y));
    }
    let caption = if shown < n {
        format!(
            "Reference points, your packages and offers, and {shown} of the {n} frontier points"
        )
    } else {
        "Reference points, your packages and offers, and the Pareto frontier".to_string()
    };
    let mut out = format!(
        r#"<table class="oc-table"><caption>{caption}</caption><thead><tr><th scope="col">Point</th><th scope="col" dir="auto">Value for {}</th><th scope="col" dir="auto">Value for {}</th></tr></thead><tbody>"#,
        escape(&o.x_name),
        escape(&o.y_name)
    );
    for (what, x, y) in rows {
        let _ = write!(
            out,
            r#"<tr><th scope="row" dir="auto">{}</th><td>{x:.1}</td><td>{y:.1}</td></tr>"#,
            escape(&what)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// Pixel size of the drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
}

/// Width of the downloaded file; its height grows with the legend.
pub const FILE_WIDTH: f64 = 800.0;
const FILE_PLOT_HEIGHT: f64 = 560.0;

/// The light palette, also the page's fallback before its stylesheet applies.
mod ink {
    pub const TEXT: &str = "#1b1f24";
    pub const MUTED: &str = "#4d5763";
    pub const GRID: &str = "#e2e6eb";
    pub const FRAME: &str = "#9aa5b1";
    pub const BACKGROUND: &str = "#ffffff";
    pub const CLOUD: &str = "#6b7785";
    pub const DENSITY: &str = "#2f4f6f";
    pub const FRONTIER: &str = "#1f5f8b";
    pub const ZOPA: &str = "#1c6b3a";
    pub const RESERVATION: &str = "#8a4b00";
    pub const NASH: &str = "#6a3d9a";
    pub const KS: &str = "#b0306a";
    pub const MAX_JOINT: &str = "#00796b";
    pub const PACKAGE: &str = "#a84b00";
    pub const OFFER: &str = "#1b1f24";
}

/// Escapes text for the SVG, line breaks as spaces (labels are one line).
pub fn escape(s: &str) -> String {
    super::xml::escape(s, super::xml::Breaks::Space)
}

/// At most `max` characters, with "…" when cut; the name is isolated (U+2068…U+2069) so a
/// right-to-left name does not reorder the words around it.
fn name_text(s: &str, max: usize) -> String {
    let s = s.trim();
    let cut: String = if s.chars().count() > max {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    };
    escape(&format!("\u{2068}{cut}\u{2069}"))
}

/// The chart in one sentence or three, for the caption, the file's description and
/// screen readers.
pub fn summary(space: &OutcomeSpace, overlay: &Overlay) -> String {
    let total = crate::analysis::outcome::describe_count(space.total);
    let mut s = match &space.cloud {
        Cloud::Points(_) => format!("Each grey dot is a package ({total} in all)"),
        Cloud::Density { drawn, sampled, .. } if *sampled => format!(
            "The shading shows where a random sample of {} of {total} packages lies",
            crate::analysis::outcome::describe_count(*drawn as u128)
        ),
        Cloud::Density { .. } => format!("The shading shows where the {total} packages lie"),
    };
    let _ = write!(
        s,
        ": value for {} across, for {} up. ",
        overlay.x_name.trim(),
        overlay.y_name.trim()
    );
    let n = space.frontier.len();
    let _ = write!(
        s,
        "The Pareto frontier of these two parties has {} point{}{}. ",
        crate::analysis::outcome::describe_count(n as u128),
        if n == 1 { "" } else { "s" },
        if space.frontier_exact {
            ""
        } else {
            " (approximate)"
        }
    );
    if space.zopa.is_empty() {
        s.push_str("No package gives both parties at least their reservation value.");
    } else {
        s.push_str("The shaded green zone is where both get at least their reservation value.");
    }
    s
}

/// The plot area inside a frame, and the mapping from values (0–100) to pixels.
#[derive(Clone, Copy)]
struct Area {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

impl Area {
    fn sx(&self, v: f64) -> f64 {
        self.left + v.clamp(0.0, 100.0) / 100.0 * self.width
    }
    fn sy(&self, v: f64) -> f64 {
        self.top + (1.0 - v.clamp(0.0, 100.0) / 100.0) * self.height
    }
}

fn area(frame: Frame, top: f64) -> Area {
    let (left, right, bottom) = (54.0, 16.0, 48.0);
    Area {
        left,
        top,
        width: (frame.width - left - right).max(40.0),
        height: (frame.height - top - bottom).max(40.0),
    }
}

/// The page's plot area (the same as [`page_svg`] draws into).
fn page_area(frame: Frame) -> Area {
    area(frame, 14.0)
}

/// The grey package dot under the pointer at (`px`, `py`) in the page chart's pixels: the
/// nearest within `reach` pixels, as its index in the cloud (`c{index}` for the readout)
/// and its centre. None while the packages are shown as a density layer: its cells are
/// not packages.
pub fn cloud_point_at(
    space: &OutcomeSpace,
    frame: Frame,
    px: f64,
    py: f64,
    reach: f64,
) -> Option<(usize, f64, f64)> {
    let Cloud::Points(points) = &space.cloud else {
        return None;
    };
    let a = page_area(frame);
    points
        .iter()
        .enumerate()
        .map(|(k, p)| (k, a.sx(p.x), a.sy(p.y)))
        .map(|(k, x, y)| (k, x, y, (x - px).hypot(y - py)))
        .filter(|p| p.3 <= reach)
        .min_by(|l, r| l.3.total_cmp(&r.3))
        .map(|(k, x, y, _)| (k, x, y))
}

/// The `<svg>` element the page shows: focusable packages, offers and reference points
/// carry `data-k` ("p3", "o0", "m1") for the page's event handlers, and names for
/// assistive technology; the rest is hidden from it (the caption and the data table say it).
pub fn page_svg(space: &OutcomeSpace, overlay: &Overlay, frame: Frame) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="oc-svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="group" aria-label="{label}" font-size="12" fill="{text}">"#,
        w = frame.width,
        h = frame.height,
        label = escape(&format!(
            "Outcome space: {} across, {} up",
            overlay.x_name.trim(),
            overlay.y_name.trim()
        )),
        text = ink::TEXT,
    );
    body(&mut out, space, overlay, page_area(frame), true);
    out.push_str("</svg>");
    out
}

/// A standalone SVG file: title, the chart, and a legend below it.
pub fn file_svg(space: &OutcomeSpace, overlay: &Overlay, title: &str) -> String {
    let legend = legend_rows(space, overlay);
    let legend_top = FILE_PLOT_HEIGHT + 8.0;
    let height = legend_top + 24.0 * legend.len().div_ceil(2) as f64 + 16.0;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{height:.0}" viewBox="0 0 {w:.0} {height:.0}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif" font-size="12" fill="{text}">
<title>{t}</title>
<desc>{d}</desc>
<rect width="100%" height="100%" fill="{bg}"/>
<text x="{left}" y="26" font-size="17" font-weight="700">{t}</text>
"#,
        w = FILE_WIDTH,
        t = escape(title),
        d = escape(&summary(space, overlay)),
        bg = ink::BACKGROUND,
        text = ink::TEXT,
        left = 54,
    );
    let frame = Frame {
        width: FILE_WIDTH,
        height: FILE_PLOT_HEIGHT,
    };
    body(&mut out, space, overlay, area(frame, 44.0), false);
    for (k, (swatch, text)) in legend.iter().enumerate() {
        let x = 54.0 + (k % 2) as f64 * 370.0;
        let y = legend_top + 24.0 * (k / 2) as f64 + 12.0;
        let _ = write!(
            out,
            r#"<g transform="translate({x:.0} {y:.0})">{swatch}<text x="26" y="4">{text}</text></g>"#,
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The legend as list items for the page (the swatches are small SVGs hidden from
/// assistive technology; the text says it all).
pub fn legend_items(space: &OutcomeSpace, overlay: &Overlay) -> String {
    let mut out = String::new();
    for (swatch, text) in legend_rows(space, overlay) {
        let _ = write!(
            out,
            r#"<li><svg class="oc-sw" viewBox="-4 -11 24 22" width="24" height="22" aria-hidden="true">{swatch}</svg><span>{text}</span></li>"#
        );
    }
    out
}

/// The legend's rows for the file: (swatch markup centred on (8, 0), escaped text).
fn legend_rows(space: &OutcomeSpace, overlay: &Overlay) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    rows.push(match space.cloud {
        Cloud::Points(_) => (
            dots_path(&[(8.0, 0.0)], 2.5, ink::CLOUD, "oc-cloud"),
            "A package (bigger dots: several packages)".to_string(),
        ),
        Cloud::Density { sampled, .. } => (
            format!(
                r#"<rect class="oc-density" x="1" y="-6" width="14" height="12" fill="{}" fill-opacity="0.5"/>"#,
                ink::DENSITY
            ),
            if sampled {
                "Where packages lie (a sample; darker: more)".to_string()
            } else {
                "Where packages lie (darker: more)".to_string()
            },
        ),
    });
    rows.push((
        format!(
            r#"<path class="oc-frontier" d="M0 4L8 -1L16 -4" fill="none" stroke="{}" stroke-width="2.5"/>"#,
            ink::FRONTIER
        ),
        "Pareto frontier".to_string(),
    ));
    rows.push((
        format!(
            r#"<rect class="oc-zopa" x="1" y="-6" width="14" height="12" fill="{}" fill-opacity="0.16"/>"#,
            ink::ZOPA
        ),
        "Zone of possible agreement (ZOPA)".to_string(),
    ));
    rows.push((
        format!(
            r#"<path class="oc-rv" d="M0 0H16" stroke="{}" stroke-width="1.5" stroke-dasharray="5 3"/>"#,
            ink::RESERVATION
        ),
        "Reservation value (BATNA)".to_string(),
    ));
    for m in &space.marks {
        let kind = m.kind;
        if rows.iter().any(|(_, t)| t == &escape(kind.label())) {
            continue;
        }
        rows.push((
            format!(
                r#"<g transform="translate(8 0) scale(0.6)">{}</g>"#,
                mark_shape(kind, 0.0, 0.0)
            ),
            escape(kind.label()),
        ));
    }
    if !overlay.offers.is_empty() {
        rows.push((
            format!(
                r#"<path class="oc-offer-path" d="M0 4L16 -4" stroke="{c}" stroke-width="1.5" stroke-dasharray="4 3"/>{badge}"#,
                c = ink::OFFER,
                badge = offer_badge(8.0, 0.0, "1"),
            ),
            if overlay.exchange {
                "The rehearsal's offers, numbered in order".to_string()
            } else {
                "Offers, numbered in time order".to_string()
            },
        ));
    }
    for p in overlay.packages.iter().take(12) {
        rows.push((package_dot(8.0, 0.0, &p.tag), name_text(&p.name, 48)));
    }
    if overlay.packages.len() > 12 {
        rows.push((
            String::new(),
            format!("and {} more packages", overlay.packages.len() - 12),
        ));
    }
    rows
}

fn dots_path(points: &[(f64, f64)], r: f64, color: &str, class: &str) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    for (x, y) in points {
        let _ = write!(d, "M{x:.1} {y:.1}h0");
    }
    format!(
        r#"<path class="{class}" d="{d}" stroke="{color}" stroke-width="{w:.1}" stroke-linecap="round"/>"#,
        w = 2.0 * r
    )
}

/// Reference points are hollow shapes (told apart by shape, not colour alone), large
/// enough to show around a package drawn on top of them at the same place.
fn mark_shape(kind: MarkKind, x: f64, y: f64) -> String {
    let (class, color, d) = match kind {
        MarkKind::Nash => (
            "oc-nash",
            ink::NASH,
            format!("M{x:.1} {:.1}l12 12l-12 12l-12 -12z", y - 12.0),
        ),
        MarkKind::KalaiSmorodinsky => (
            "oc-ks",
            ink::KS,
            format!("M{x:.1} {:.1}l13 22.5h-26z", y - 15.0),
        ),
        MarkKind::MaxJoint => (
            "oc-maxjoint",
            ink::MAX_JOINT,
            format!("M{:.1} {:.1}h19v19h-19z", x - 9.5, y - 9.5),
        ),
    };
    format!(
        r#"<path class="oc-halo" d="{d}" fill="none" stroke="{bg}" stroke-width="5"/><path class="oc-mark {class}" d="{d}" fill="none" stroke="{color}" stroke-width="2.5"/>"#,
        bg = ink::BACKGROUND
    )
}

fn package_dot(x: f64, y: f64, tag: &str) -> String {
    format!(
        r#"<circle class="oc-pkg" cx="{x:.1}" cy="{y:.1}" r="7" fill="{c}" stroke="{bg}" stroke-width="1.5"/><text class="oc-pkg-tag" x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="9" font-weight="700" fill="{bg}">{t}</text>"#,
        c = ink::PACKAGE,
        bg = ink::BACKGROUND,
        ty = y + 3.2,
        t = escape(tag),
    )
}

fn offer_badge(x: f64, y: f64, tag: &str) -> String {
    format!(
        r#"<circle class="oc-offer" cx="{x:.1}" cy="{y:.1}" r="7.5" fill="{bg}" stroke="{c}" stroke-width="1.5"/><text class="oc-offer-tag" x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="9.5" font-weight="700" fill="{c}">{t}</text>"#,
        c = ink::OFFER,
        bg = ink::BACKGROUND,
        ty = y + 3.3,
        t = escape(tag),
    )
}

/// Grid, axes, the layers and the labelled points, in drawing order (later on top).
fn body(out: &mut String, space: &OutcomeSpace, overlay: &Overlay, a: Area, page: bool) {
    // Decorative layers: hidden from assistive technology (the caption and table say it).
    out.push_str(r#"<g aria-hidden="true">"#);
    axes(out, overlay, a);
    if !space.zopa.is_empty() {
        let mut d = String::new();
        for (k, &(x, y)) in space.zopa.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1} {:.1}",
                if k == 0 { "M" } else { "L" },
                a.sx(x),
                a.sy(y)
            );
        }
        let _ = write!(
            out,
            r#"<path class="oc-zopa" d="{d}Z" fill="{}" fill-opacity="0.16"/>"#,
            ink::ZOPA
        );
    }
    cloud(out, &space.cloud, a);
    frontier(out, &space.frontier, a);
    reservation_lines(out, space.reservation, a);
    if overlay.offers.len() > 1 {
        let mut d = String::new();
        for (k, o) in overlay.offers.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1} {:.1}",
                if k == 0 { "M" } else { "L" },
                a.sx(o.x),
                a.sy(o.y)
            );
        }
        let _ = write!(
            out,
            r#"<path class="oc-offer-path" d="{d}" fill="none" stroke="{}" stroke-width="1.5" stroke-dasharray="4 3"/>"#,
            ink::OFFER
        );
    }
    out.push_str("</g>");

    // Labelled points, in reading order: reference points, then packages over them, then
    // offers.
    let value_words = |x: f64, y: f64| {
        format!(
            "{x:.1} for {}, {y:.1} for {}",
            overlay.x_name.trim(),
            overlay.y_name.trim()
        )
    };
    for (k, m) in space.marks.iter().enumerate() {
        let (x, y) = (a.sx(m.x), a.sy(m.y));
        let label = format!("{}: {}", m.kind.label(), value_words(m.x, m.y));
        open_item(out, page, &format!("m{k}"), "img", &label, (x, y, 18.0));
        out.push_str(&mark_shape(m.kind, x, y));
        out.push_str("</g>");
    }
    for (k, p) in overlay.packages.iter().enumerate() {
        let (x, y) = (a.sx(p.x), a.sy(p.y));
        let label = format!(
            "Package {} “{}”: {}. Enter opens it.",
            p.tag,
            p.name.trim(),
            value_words(p.x, p.y)
        );
        open_item(out, page, &format!("p{k}"), "button", &label, (x, y, 10.0));
        out.push_str(&package_dot(x, y, &p.tag));
        out.push_str("</g>");
    }
    // Badges sit above and to the right of their package; several offers of one package
    // line up side by side.
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for (k, o) in overlay.offers.iter().enumerate() {
        let (x, y) = (a.sx(o.x), a.sy(o.y));
        let same = placed
            .iter()
            .filter(|p| (p.0 - x).abs() < 0.5 && (p.1 - y).abs() < 0.5)
            .count();
        placed.push((x, y));
        let (bx, by) = (x + 12.0 + 17.0 * same as f64, y - 12.0);
        let (label, role) = if overlay.exchange {
            let label = format!(
                "Move {}: {}: {}.",
                o.tag,
                o.name.trim(),
                value_words(o.x, o.y)
            );
            (label, "img")
        } else {
            let label = format!(
                "Offer {}: {}: {}. Enter opens the package.",
                o.tag,
                o.name.trim(),
                value_words(o.x, o.y)
            );
            (label, "button")
        };
        open_item(out, page, &format!("o{k}"), role, &label, (bx, by, 10.0));
        out.push_str(&offer_badge(bx, by, &o.tag));
        out.push_str("</g>");
    }
}

/// Opens a labelled point's group. On the page it is focusable, named, and has a ring that
/// shows focus and hover (and widens the pointer target); in the file it is a plain group.
fn open_item(
    out: &mut String,
    page: bool,
    key: &str,
    role: &str,
    label: &str,
    at: (f64, f64, f64),
) {
    let (x, y, r) = at;
    if page {
        let _ = write!(
            out,
            r#"<g class="oc-item" tabindex="0" role="{role}" data-k="{key}" aria-label="{l}"><circle class="oc-ring" cx="{x:.1}" cy="{y:.1}" r="{r}" fill="transparent"/>"#,
            l = escape(label),
        );
    } else {
        out.push_str("<g>");
    }
}

fn axes(out: &mut String, overlay: &Overlay, a: Area) {
    let mut grid = String::new();
    for k in 0..=5 {
        let v = 20.0 * k as f64;
        let _ = write!(
            grid,
            "M{:.1} {:.1}V{:.1}M{:.1} {:.1}H{:.1}",
            a.sx(v),
            a.top,
            a.top + a.height,
            a.left,
            a.sy(v),
            a.left + a.width
        );
    }
    let _ = write!(
        out,
        r#"<path class="oc-grid" d="{grid}" stroke="{g}" stroke-width="1"/><rect class="oc-frame" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{f}"/>"#,
        a.left,
        a.top,
        a.width,
        a.height,
        g = ink::GRID,
        f = ink::FRAME,
    );
    out.push_str(&format!(r#"<g class="oc-ticks" fill="{}">"#, ink::MUTED));
    for k in 0..=5 {
        let v = 20 * k;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{v}</text><text x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"#,
            a.sx(f64::from(v)),
            a.top + a.height + 16.0,
            a.left - 6.0,
            a.sy(f64::from(v)) + 4.0,
        );
    }
    out.push_str("</g>");
    // Axis titles, shortened to the room there is (about 8 px per bold character, less
    // the 12 characters of "Value for " and the arrow).
    let across = ((a.width / 8.0) as usize).saturating_sub(12).max(8);
    let up = ((a.height / 8.0) as usize).saturating_sub(12).max(8);
    let _ = write!(
        out,
        r#"<text class="oc-axis-title" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="13" font-weight="600">Value for {} →</text>"#,
        a.left + a.width / 2.0,
        a.top + a.height + 38.0,
        name_text(&overlay.x_name, across),
    );
    let (cx, cy) = (16.0, a.top + a.height / 2.0);
    let _ = write!(
        out,
        r#"<text class="oc-axis-title" x="{cx:.1}" y="{cy:.1}" transform="rotate(-90 {cx:.1} {cy:.1})" text-anchor="middle" font-size="13" font-weight="600">Value for {} →</text>"#,
        name_text(&overlay.y_name, up),
    );
}

fn cloud(out: &mut String, cloud: &Cloud, a: Area) {
    match cloud {
        Cloud::Points(points) => {
            // Three sizes: one package, a few, many on the same point.
            let mut sizes: [Vec<(f64, f64)>; 3] = Default::default();
            for p in points {
                let s = match p.count {
                    0 | 1 => 0,
                    2..=4 => 1,
                    _ => 2,
                };
                sizes[s].push((a.sx(p.x), a.sy(p.y)));
            }
            let _ = write!(out, r#"<g class="oc-cloud-layer" opacity="0.5">"#);
            // Smaller dots on a small screen, where a thousand packages share little room.
            let unit = (a.width / 260.0).clamp(0.6, 1.0);
            for (pts, r) in sizes.iter().zip([2.2, 3.2, 4.4]) {
                if !pts.is_empty() {
                    out.push_str(&dots_path(pts, r * unit, ink::CLOUD, "oc-cloud"));
                }
            }
            out.push_str("</g>");
        }
        Cloud::Density { counts, .. } => {
            let max = counts.iter().copied().max().unwrap_or(0);
            if max == 0 {
                return;
            }
            // Five shades on a logarithmic scale, so sparse edges stay visible next to a
            // dense centre; one path per shade keeps the page's element count small.
            let mut levels: [String; 5] = Default::default();
            let (cw, ch) = (a.width / GRID as f64, a.height / GRID as f64);
            for (k, &c) in counts.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let level = if max <= 1 {
                    4
                } else {
                    ((f64::from(c).ln() / f64::from(max).ln() * 4.0).floor() as usize).min(4)
                };
                let (col, row) = (k % GRID, k / GRID);
                let x = a.left + col as f64 * cw;
                let y = a.top + a.height - (row + 1) as f64 * ch;
                let _ = write!(levels[level], "M{x:.1} {y:.1}h{cw:.2}v{ch:.2}h-{cw:.2}z");
            }
            for (d, opacity) in levels.iter().zip([0.14, 0.26, 0.4, 0.56, 0.74]) {
                if !d.is_empty() {
                    let _ = write!(
                        out,
                        r#"<path class="oc-density" d="{d}" fill="{}" fill-opacity="{opacity}"/>"#,
                        ink::DENSITY
                    );
                }
            }
        }
    }
}

fn frontier(out: &mut String, points: &[(f64, f64)], a: Area) {
    if points.is_empty() {
        return;
    }
    let px: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (a.sx(x), a.sy(y))).collect();
    let line = thin_line(&px, 1.0);
    let mut d = String::with_capacity(line.len() * 14);
    for (k, (x, y)) in line.iter().enumerate() {
        let _ = write!(d, "{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" });
    }
    let _ = write!(
        out,
        r#"<path class="oc-frontier" d="{d}" fill="none" stroke="{c}" stroke-width="2.5" stroke-linejoin="round"/>"#,
        c = ink::FRONTIER
    );
    // Few points for the room there is: show each one (a single-point frontier, too).
    if points.len() as f64 <= a.width / 10.0 {
        out.push_str(&dots_path(&px, 3.0, ink::FRONTIER, "oc-frontier-pt"));
    }
}

fn reservation_lines(out: &mut String, (rx, ry): (f64, f64), a: Area) {
    let (x, y) = (a.sx(rx), a.sy(ry));
    let _ = write!(
        out,
        r#"<path class="oc-rv" d="M{x:.1} {:.1}V{:.1}M{:.1} {y:.1}H{:.1}" stroke="{c}" stroke-width="1.5" stroke-dasharray="5 3"/>"#,
        a.top,
        a.top + a.height,
        a.left,
        a.left + a.width,
        c = ink::RESERVATION
    );
    // Labels with a halo in the background colour so they read over the dots.
    let halo = format!(
        r#"class="oc-rv-label" fill="{}" stroke="{}" stroke-width="3" paint-order="stroke" font-size="11""#,
        ink::RESERVATION,
        ink::BACKGROUND
    );
    let _ = write!(
        out,
        r#"<text {halo} x="{:.1}" y="{:.1}">BATNA {rx:.0}</text><text {halo} x="{:.1}" y="{:.1}" text-anchor="end">BATNA {ry:.0}</text>"#,
        x + 4.0,
        a.top + 12.0,
        a.left + a.width - 4.0,
        y - 5.0,
    );
}

/// `data:image/svg+xml;base64,…` for an SVG text: the page's image policy allows `data:`
/// images (not `blob:`), and base64 keeps every character of the text intact.
pub fn data_url(svg: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = svg.as_bytes();
    let mut out = String::with_capacity(26 + bytes.len().div_ceil(3) * 4);
    out.push_str("data:image/svg+xml;base64,");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::outcome::{outcome_space, CloudPoint};
    use crate::analysis::plan::PlanProblem;
    use crate::analysis::{analyze, FrontierOptions};
    use crate::formats::xml::{self, Element};
    use crate::model::{supplier_contract, PlanId};

    const HOSTILE: &str =
        "<script>alert(\"x\")</script> & 'Ölçü' \u{5e9}\u{5dc}\u{5d5}\u{5dd} 🤝\u{1}";

    fn supplier_space() -> OutcomeSpace {
        let plan = supplier_contract(PlanId::parse("p1").expect("id"), 0);
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).expect("valid");
        outcome_space(&a.model, &a.frontier, &a.points, 0, 1).expect("pair")
    }

    fn hostile_overlay() -> Overlay {
        Overlay {
            x_name: format!("Us {HOSTILE}"),
            y_name: format!("Them {HOSTILE}"),
            packages: vec![ChartItem {
                tag: "A".into(),
                name: format!("Deal {HOSTILE}"),
                x: 60.0,
                y: 55.0,
            }],
            offers: vec![
                ChartItem {
                    tag: "1".into(),
                    name: format!("“Deal” by {HOSTILE}"),
                    x: 60.0,
                    y: 55.0,
                },
                ChartItem {
                    tag: "2".into(),
                    name: "“Deal” again".into(),
                    x: 60.0,
                    y: 55.0,
                },
            ],
            exchange: false,
        }
    }

    #[test]
    fn a_rehearsals_exchange_takes_the_place_of_the_plans_offers() {
        let plan = crate::model::sample_plan(PlanId::parse("p1").unwrap(), 0);
        let choices = plan.packages[0].choices.clone();
        let points = vec![
            ("round 1, your offer".to_string(), choices.clone()),
            ("round 1, Nimbus’s offer".to_string(), choices),
        ];
        let o = exchange_overlay(&plan, 0, 1, &points);
        assert!(o.overlay.exchange);
        assert!(o.overlay.packages.is_empty() && o.packages.is_empty());
        assert!(o.offers.is_empty());
        assert_eq!(o.overlay.offers.len(), 2);
        assert_eq!(o.overlay.offers[1].tag, "2");
        assert!((o.overlay.offers[0].x - 72.5).abs() < 1e-9);
        assert_eq!(o.offer_values[0], package_values(&plan, &plan.packages[0]));
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let space = outcome_space(&a.model, &a.frontier, &a.points, 0, 1).unwrap();
        let readout = readout_html(&plan, &space, &o, "o0").unwrap();
        assert!(readout.contains("Move 1: round 1, your offer"), "{readout}");
        assert!(!readout.contains("Press Enter"), "{readout}");
        let svg = page_svg(
            &space,
            &o.overlay,
            Frame {
                width: 600.0,
                height: 450.0,
            },
        );
        assert!(
            svg.contains(r#"role="img" data-k="o1" aria-label="Move 2: round 1, Nimbus’s offer"#),
            "{svg}"
        );
        assert!(!svg.contains("Enter opens"));
        assert!(legend_items(&space, &o.overlay).contains("The rehearsal's offers"));
        // The plan's own offers read as before.
        let mine = plan_overlay(&plan, 0, 1);
        assert!(!mine.overlay.exchange);
        assert_eq!(mine.offer_values.len(), mine.offers.len());
    }

    fn walk<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
        out.push(e);
        for c in &e.children {
            walk(c, out);
        }
    }

    #[test]
    fn hostile_names_are_escaped_in_the_file_and_the_page() {
        let space = supplier_space();
        let overlay = hostile_overlay();
        for (what, text) in [
            (
                "file",
                file_svg(&space, &overlay, &format!("Plan {HOSTILE}")),
            ),
            (
                "page",
                page_svg(
                    &space,
                    &overlay,
                    Frame {
                        width: 360.0,
                        height: 280.0,
                    },
                ),
            ),
        ] {
            assert!(!text.contains("<script"), "{what}: raw markup from a name");
            assert!(
                !text.contains('\u{1}'),
                "{what}: a control character XML forbids"
            );
            let doc = xml::parse(&text, what).expect("parses");
            assert!(doc.warnings.is_empty(), "{what}: {:?}", doc.warnings);
            assert_eq!(doc.root.name, "svg");
            let mut all = Vec::new();
            walk(&doc.root, &mut all);
            assert!(all.iter().all(|e| e.name != "script"), "{what}");
            if what == "page" {
                // Names reach assistive technology whole, as attribute values.
                let labels: Vec<&str> = all.iter().filter_map(|e| e.attr("aria-label")).collect();
                let clean = HOSTILE.replace('\u{1}', "");
                assert!(
                    labels
                        .iter()
                        .any(|l| l.starts_with("Package A “Deal ") && l.contains(&clean)),
                    "{labels:?}"
                );
                let keys: Vec<&str> = all.iter().filter_map(|e| e.attr("data-k")).collect();
                assert_eq!(keys.iter().filter(|k| k.starts_with('o')).count(), 2);
                assert!(keys.contains(&"p0") && keys.iter().any(|k| k.starts_with('m')));
            } else {
                assert!(all.iter().all(|e| e.attr("tabindex").is_none()));
                assert!(all.iter().any(|e| e.name == "title"));
            }
        }
    }

    #[test]
    fn the_file_has_the_layers_a_legend_and_the_party_names() {
        let space = supplier_space();
        let overlay = Overlay {
            x_name: "Northfield Foods".into(),
            y_name: "Verpa Packaging".into(),
            ..hostile_overlay()
        };
        let svg = file_svg(&space, &overlay, "Supplier contract");
        for needle in [
            "oc-cloud",
            "oc-frontier",
            "oc-zopa",
            "oc-rv",
            "oc-nash",
            "oc-pkg",
            "oc-offer-path",
            "Value for \u{2068}Northfield Foods\u{2069}",
            "Pareto frontier",
            "Zone of possible agreement",
        ] {
            assert!(svg.contains(needle), "missing {needle}");
        }
        assert!(
            !svg.contains("style="),
            "inline styles break the page's policy"
        );
        let doc = xml::parse(&svg, "chart.svg").expect("parses");
        let h: f64 = doc
            .root
            .attr("height")
            .and_then(|h| h.parse().ok())
            .unwrap_or(0.0);
        assert!(h > FILE_PLOT_HEIGHT, "the legend adds room below the plot");
    }

    #[test]
    fn every_package_point_is_drawn_inside_the_plot() {
        let space = supplier_space();
        let Cloud::Points(points) = &space.cloud else {
            panic!("1,296 packages are listed");
        };
        let svg = page_svg(
            &space,
            &Overlay::default(),
            Frame {
                width: 500.0,
                height: 400.0,
            },
        );
        let drawn: usize = svg.matches("h0").count();
        let frontier_dots = if space.frontier.len() as f64 <= 43.0 {
            space.frontier.len()
        } else {
            0
        };
        assert_eq!(drawn, points.len() + frontier_dots);
        let a = area(
            Frame {
                width: 500.0,
                height: 400.0,
            },
            14.0,
        );
        let CloudPoint { x, y, .. } = points[0];
        assert!(svg.contains(&format!("M{:.1} {:.1}h0", a.sx(x), a.sy(y))));
    }

    #[test]
    fn the_summary_says_what_the_chart_shows() {
        let space = supplier_space();
        let overlay = Overlay {
            x_name: "Us".into(),
            y_name: "Them".into(),
            ..Overlay::default()
        };
        let s = summary(&space, &overlay);
        assert!(
            s.starts_with("Each grey dot is a package (1,296 in all)"),
            "{s}"
        );
        assert!(s.contains("value for Us across, for Them up"), "{s}");
        assert!(s.contains("shaded green zone"), "{s}");
    }

    #[test]
    fn the_overlay_tags_complete_packages_and_orders_offers_by_time() {
        use crate::model::{Offer, OfferResponse, PackageId};
        let mut plan = supplier_contract(PlanId::parse("p1").expect("id"), 0);
        let mut open = plan.packages[0].clone();
        open.id = PackageId::from_seq(900);
        open.choices.pop_first();
        plan.packages.insert(1, open.clone());
        let verpa = plan.parties[1].id.clone();
        let us = plan.parties[0].id.clone();
        for (seq, party, package, at) in [
            (901, &verpa, plan.packages[2].id.clone(), 30),
            (902, &us, plan.packages[0].id.clone(), 10),
            (903, &us, open.id.clone(), 20),
        ] {
            plan.offers.push(Offer {
                id: OfferId::from_seq(seq),
                party: party.clone(),
                package,
                at,
                response: OfferResponse::Pending,
                notes: String::new(),
            });
        }
        let o = plan_overlay(&plan, 1, 0);
        assert_eq!(o.open, 1, "the package with an open issue is not drawn");
        let tags: Vec<&str> = o.overlay.packages.iter().map(|p| p.tag.as_str()).collect();
        assert_eq!(tags, ["A", "C", "D"], "tags follow the plan's order");
        assert_eq!(o.packages[0], plan.packages[0].id);
        let values = package_values(&plan, &plan.packages[0]);
        assert_eq!(
            (o.overlay.packages[0].x, o.overlay.packages[0].y),
            (values[1], values[0])
        );
        assert_eq!(o.overlay.x_name, plan.parties[1].name);
        // Offers in time order; the offer of the open package is left out.
        let offered: Vec<&PackageId> = o.offers.iter().map(|(_, p)| p).collect();
        assert_eq!(offered, [&plan.packages[0].id, &plan.packages[2].id]);
        assert_eq!(o.overlay.offers[0].tag, "1");
        assert!(o.overlay.offers[1]
            .name
            .ends_with(&format!("by {}", plan.parties[1].name)));
        assert_eq!(package_tag(0), "A");
        assert_eq!(package_tag(25), "Z");
        assert_eq!(package_tag(26), "AA");
        assert_eq!(package_tag(27), "AB");
    }

    #[test]
    fn the_dot_under_the_pointer_is_the_nearest_within_reach() {
        let space = supplier_space();
        let frame = Frame {
            width: 600.0,
            height: 450.0,
        };
        let Cloud::Points(points) = &space.cloud else {
            panic!("the supplier's packages are all drawn")
        };
        let a = page_area(frame);
        for (k, p) in points.iter().enumerate().step_by(37) {
            let (px, py) = (a.sx(p.x), a.sy(p.y));
            let (found, x, y) =
                cloud_point_at(&space, frame, px + 0.5, py - 0.5, 6.0).expect("a dot");
            // Another dot may sit on the same pixel; it is then at the same place.
            let q = points[found];
            assert_eq!((x, y), (a.sx(q.x), a.sy(q.y)));
            assert!(
                (x - px).abs() < 1.0 && (y - py).abs() < 1.0,
                "{k} → {found}"
            );
        }
        // Far from every dot (the top-left corner of the plot is 100 for them, 0 for us).
        assert_eq!(
            cloud_point_at(&space, frame, a.sx(0.0), a.sy(100.0), 6.0),
            None
        );
        let dense = OutcomeSpace {
            cloud: Cloud::Density {
                counts: vec![1; 2500],
                drawn: 2500,
                sampled: false,
            },
            ..space.clone()
        };
        assert_eq!(
            cloud_point_at(&dense, frame, a.sx(50.0), a.sy(50.0), 600.0),
            None
        );
    }

    #[test]
    fn the_readout_and_the_table_say_what_a_point_is_in_escaped_html() {
        let mut plan = supplier_contract(PlanId::parse("p1").expect("id"), 0);
        plan.parties[1].name = "Verpa <b>&</b>".into();
        let space = supplier_space();
        let overlay = plan_overlay(&plan, 0, 1);
        let html = readout_html(&plan, &space, &overlay, "p0").expect("a package");
        assert!(
            html.contains("Package A “Draft: short and flexible”"),
            "{html}"
        );
        assert!(html.contains("Verpa &lt;b&gt;&amp;&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>"));
        // The draft is below the supplier's BATNA (the example says it leaves gain on the table).
        let values = package_values(&plan, &plan.packages[0]);
        let beats = plan
            .parties
            .iter()
            .zip(&values)
            .filter(|(p, v)| **v >= p.reservation.value)
            .count();
        assert!(
            html.contains(&format!("Beats {beats} of 2 BATNAs.")),
            "{html}"
        );
        assert_eq!(html.matches("<li").count(), 2);
        let nash = readout_html(&plan, &space, &overlay, "m0").expect("a mark");
        assert!(
            nash.starts_with(r#"<p class="oc-readout-title" dir="auto">Nash"#),
            "{nash}"
        );
        // A grey dot: the pair's values and how many packages share them.
        let Cloud::Points(points) = &space.cloud else {
            panic!("the supplier's packages are all drawn")
        };
        let k = points
            .iter()
            .position(|p| p.count > 1)
            .expect("a shared dot");
        let dot = readout_html(&plan, &space, &overlay, &format!("c{k}")).expect("a dot");
        assert!(
            dot.contains(&format!(
                "{} packages with the same values",
                points[k].count
            )),
            "{dot}"
        );
        assert!(dot.contains("Verpa &lt;b&gt;&amp;&lt;/b&gt;"), "{dot}");
        assert!(dot.contains(&format!(": {:.1} (", points[k].y)), "{dot}");
        assert_eq!(dot.matches("<li").count(), 2);
        for bad in ["", "p", "p9", "x0", "m99", "o0", "é0", "c99999"] {
            assert!(
                readout_html(&plan, &space, &overlay, bad).is_none(),
                "{bad}"
            );
        }
        let table = table_html(&space, &overlay);
        let doc = xml::parse(&table, "table").expect("well-formed");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let body = doc.root.child("tbody").expect("body");
        let rows = body.children.len();
        assert_eq!(
            rows,
            space.marks.len() + overlay.overlay.packages.len() + space.frontier.len()
        );
        assert!(table.contains("Frontier point 1<"));
        assert!(table.contains("Value for Verpa &lt;b&gt;"));
    }

    #[test]
    fn escape_and_data_urls() {
        assert_eq!(escape("a<b>&\"'\u{7}\n"), "a&lt;b&gt;&amp;&quot;&#39; ");
        assert_eq!(data_url("<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
        assert_eq!(data_url("ab"), "data:image/svg+xml;base64,YWI=");
        assert_eq!(data_url("é"), "data:image/svg+xml;base64,w6k=");
    }
}
