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

//!
//! Modules: this one lays out the drawing and the file; `layers` draws the grid, the
//! packages, the frontier and the reservation lines, and the shapes of points; `overlay`
//! gathers the plan's own points (packages, offers) and writes the readout and the data
//! table; `place` keeps marks and labels apart.

mod layers;
mod overlay;
mod place;

pub use overlay::{
    exchange_overlay, package_tag, plan_overlay, readout_html, table_html, ChartItem, Overlay,
    PlanOverlay,
};

use crate::analysis::outcome::{mark_groups, same_package, Cloud, OutcomeSpace};
use layers::{
    axes, cloud, dots_path, frontier, frontier_dots_shown, leader, mark_shape, offer_badge,
    package_dot, reservation_lines,
};
use place::Rect;
use std::fmt::Write;

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
    // The name's own direction controls go first, so only the isolation added here remains.
    let s = crate::model::text::export_line(s);
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
    if !overlay.path.is_empty() {
        s.push_str(" The red squares joined by a dotted line are the concession plan, from the opening (O) to the target (T) and one step beyond (R).");
    }
    // Marks drawn side by side because they are one package.
    for kinds in mark_groups(&space.marks) {
        if let Some(sentence) = same_package(&kinds) {
            s.push(' ');
            s.push_str(&sentence);
        }
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
    if !overlay.path.is_empty() {
        rows.push(super::chart_path::legend_row());
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
    // Where the labelled points go, first: the reservation labels keep clear of them.
    let marks_at: Vec<(f64, f64)> = space.marks.iter().map(|m| (a.sx(m.x), a.sy(m.y))).collect();
    let marks_drawn = place::fan_out(&marks_at);
    let badges = badge_spots(overlay, a);
    let mut obstacles: Vec<Rect> = marks_drawn
        .iter()
        .map(|&(x, y)| Rect::around(x, y, 14.0))
        .chain(
            overlay
                .packages
                .iter()
                .map(|p| Rect::around(a.sx(p.x), a.sy(p.y), 8.0)),
        )
        .chain(badges.iter().map(|&(x, y)| Rect::around(x, y, 9.0)))
        .collect();
    if frontier_dots_shown(&space.frontier, a) {
        obstacles.extend(
            space
                .frontier
                .iter()
                .map(|&(x, y)| Rect::around(a.sx(x), a.sy(y), 3.5)),
        );
    }
    cloud(out, &space.cloud, a);
    frontier(out, &space.frontier, a);
    reservation_lines(out, space.reservation, a, &obstacles);
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
    let plan: Vec<(f64, f64)> = overlay
        .path
        .iter()
        .map(|p| (a.sx(p.x), a.sy(p.y)))
        .collect();
    super::chart_path::line(out, &plan);
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
        let (x, y) = marks_drawn[k];
        let label = format!("{}: {}", m.kind.label(), value_words(m.x, m.y));
        open_item(out, page, &format!("m{k}"), "img", &label, (x, y, 18.0));
        // A mark moved off a spot it shares with others points back at it.
        let (tx, ty) = marks_at[k];
        if (tx, ty) != (x, y) {
            out.push_str(&leader(x, y, tx, ty));
        }
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
    for (k, (o, &(bx, by))) in overlay.offers.iter().zip(&badges).enumerate() {
        // A rehearsal's move has no package of the plan behind it to open.
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
    // The concession plan's packages, on top: the plan is what the Strategy step is about.
    for (k, p) in overlay.path.iter().enumerate() {
        let (x, y) = (a.sx(p.x), a.sy(p.y));
        let label = format!("Concession plan, {}: {}", p.name, value_words(p.x, p.y));
        open_item(out, page, &format!("s{k}"), "img", &label, (x, y, 11.0));
        out.push_str(&super::chart_path::badge(x, y, &p.tag));
        out.push_str("</g>");
    }
}

/// Where offer badges go: above and to the right of their package; several offers of one
/// package line up side by side.
fn badge_spots(overlay: &Overlay, a: Area) -> Vec<(f64, f64)> {
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let mut out = Vec::with_capacity(overlay.offers.len());
    for o in &overlay.offers {
        let (x, y) = (a.sx(o.x), a.sy(o.y));
        let same = placed
            .iter()
            .filter(|p| (p.0 - x).abs() < 0.5 && (p.1 - y).abs() < 0.5)
            .count();
        placed.push((x, y));
        out.push((x + 12.0 + 17.0 * same as f64, y - 12.0));
    }
    out
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
        "<script>alert(\"x\")</script> & 'Ölçü' \u{5e9}\u{5dc}\u{5d5}\u{5dd} 🤝\u{1}\u{202E}\u{0}";

    pub(super) fn supplier_space() -> OutcomeSpace {
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
            path: vec![],
            exchange: false,
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
        assert_eq!(
            o.offer_values[0],
            crate::analysis::plan::package_values(&plan, &plan.packages[0])
        );
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
                !text.contains(['\u{1}', '\u{0}']),
                "{what}: a control character XML forbids"
            );
            assert!(!text.contains('\u{202E}'), "{what}: a direction override");
            let doc = xml::parse(&text, what).expect("parses");
            assert!(doc.warnings.is_empty(), "{what}: {:?}", doc.warnings);
            assert_eq!(doc.root.name, "svg");
            let mut all = Vec::new();
            walk(&doc.root, &mut all);
            assert!(all.iter().all(|e| e.name != "script"), "{what}");
            if what == "page" {
                // Names reach assistive technology whole, as attribute values.
                let labels: Vec<&str> = all.iter().filter_map(|e| e.attr("aria-label")).collect();
                let clean = HOSTILE.replace(['\u{1}', '\u{0}', '\u{202E}'], "");
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

    /// The drawn points of a page chart (reference marks, packages, offers) as boxes, and
    /// the reservation labels' boxes, read back from the SVG.
    fn points_and_labels(
        svg: &str,
        space: &OutcomeSpace,
    ) -> (Vec<(String, place::Rect)>, Vec<place::Rect>) {
        let doc = xml::parse(svg, "chart").expect("parses");
        let mut all = Vec::new();
        walk(&doc.root, &mut all);
        let num = |e: &Element, k: &str| e.attr(k).and_then(|v| v.parse::<f64>().ok()).unwrap();
        let points = all
            .iter()
            .filter(|e| e.attr("class") == Some("oc-item"))
            .map(|g| {
                let key = g.attr("data-k").unwrap().to_string();
                let ring = &g.children[0];
                let half = if key.starts_with('m') { 12.0 } else { 7.5 };
                let r = place::Rect::around(num(ring, "cx"), num(ring, "cy"), half);
                (key, r)
            })
            .collect();
        let texts = [
            format!("BATNA {:.0}", space.reservation.0),
            format!("BATNA {:.0}", space.reservation.1),
        ];
        let labels = all
            .iter()
            .filter(|e| e.attr("class") == Some("oc-rv-label"))
            .zip(&texts)
            .map(|(t, text)| {
                let anchor = if t.attr("text-anchor") == Some("end") {
                    place::Anchor::End
                } else {
                    place::Anchor::Start
                };
                place::Label::new(text, Vec::new()).rect((num(t, "x"), num(t, "y"), anchor))
            })
            .collect();
        (points, labels)
    }

    /// On every pair of the three-party example, at every width the page uses, the
    /// reservation labels cover no reference mark, package or offer, nor each other.
    #[test]
    fn reservation_labels_keep_clear_of_the_points_and_each_other() {
        let plan = crate::model::three_party(PlanId::parse("p3").expect("id"), 0);
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).expect("valid");
        for (x, y) in [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1)] {
            let space = outcome_space(&a.model, &a.frontier, &a.points, x, y).expect("pair");
            let overlay = plan_overlay(&plan, x, y).overlay;
            for width in [280.0, 320.0, 400.0, 560.0, 700.0, 900.0] {
                let frame = Frame {
                    width,
                    height: (width * 0.75_f64).clamp(280.0, 560.0),
                };
                let svg = page_svg(&space, &overlay, frame);
                let (points, labels) = points_and_labels(&svg, &space);
                assert_eq!(labels.len(), 2);
                assert_eq!(
                    labels[0].overlap(&labels[1]),
                    0.0,
                    "{x}/{y} at {width}: labels"
                );
                for (k, label) in labels.iter().enumerate() {
                    for (key, p) in &points {
                        assert_eq!(
                            label.overlap(p),
                            0.0,
                            "{x}/{y} at {width}: label {k} covers {key}"
                        );
                    }
                }
            }
        }
    }

    /// Reference points on one package are drawn side by side, each shape visible, with a
    /// line back to the spot; the caption says they are the same package.
    #[test]
    fn coinciding_reference_points_stay_visible_and_are_named_together() {
        let mut space = supplier_space();
        let first = space.marks[0].clone();
        for m in &mut space.marks {
            m.x = first.x;
            m.y = first.y;
            m.point.package = first.point.package.clone();
        }
        assert_eq!(space.marks.len(), 3);
        let svg = page_svg(
            &space,
            &hostile_overlay(),
            Frame {
                width: 600.0,
                height: 450.0,
            },
        );
        let (points, _) = points_and_labels(&svg, &space);
        let marks: Vec<&place::Rect> = points
            .iter()
            .filter(|(k, _)| k.starts_with('m'))
            .map(|(_, r)| r)
            .collect();
        for a in 0..marks.len() {
            for b in a + 1..marks.len() {
                let (ca, cb) = (marks[a], marks[b]);
                let d = ((ca.x0 - cb.x0).powi(2) + (ca.y0 - cb.y0).powi(2)).sqrt();
                assert!(d > 20.0, "marks {a} and {b} are {d:.1} px apart");
            }
        }
        assert_eq!(svg.matches("oc-leader").count(), 3);
        let said = summary(&space, &hostile_overlay());
        assert!(
            said.contains("Nash, Kalai–Smorodinsky and max joint gain are the same package."),
            "{said}"
        );
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
    fn escape_and_data_urls() {
        assert_eq!(escape("a<b>&\"'\u{7}\n"), "a&lt;b&gt;&amp;&quot;&#39; ");
        assert_eq!(data_url("<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
        assert_eq!(data_url("ab"), "data:image/svg+xml;base64,YWI=");
        assert_eq!(data_url("é"), "data:image/svg+xml;base64,w6k=");
    }
}
