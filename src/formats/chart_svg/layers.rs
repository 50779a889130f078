//! The chart's layers (grid and axes, the packages as dots or shading, the frontier, the
//! reservation lines) and the shapes of its points (reference marks, package dots, offer
//! badges), as SVG text.

use super::place::{place, Anchor, Label, Rect, LABEL_FONT};
use super::{escape, ink, name_text, Area, Overlay};
use crate::analysis::outcome::{thin_line, Cloud, MarkKind, GRID};
use std::fmt::Write;

/// Round dots of radius `r`, all in one path (a thousand packages stay one element).
pub(super) fn dots_path(points: &[(f64, f64)], r: f64, color: &str, class: &str) -> String {
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
pub(super) fn mark_shape(kind: MarkKind, x: f64, y: f64) -> String {
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

/// One of the plan's packages: a filled dot with its tag.
pub(super) fn package_dot(x: f64, y: f64, tag: &str) -> String {
    format!(
        r#"<circle class="oc-pkg" cx="{x:.1}" cy="{y:.1}" r="7" fill="{c}" stroke="{bg}" stroke-width="1.5"/><text class="oc-pkg-tag" x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="9" font-weight="700" fill="{bg}">{t}</text>"#,
        c = ink::PACKAGE,
        bg = ink::BACKGROUND,
        ty = y + 3.2,
        t = escape(tag),
    )
}

/// An offer: a ring with its number.
pub(super) fn offer_badge(x: f64, y: f64, tag: &str) -> String {
    format!(
        r#"<circle class="oc-offer" cx="{x:.1}" cy="{y:.1}" r="7.5" fill="{bg}" stroke="{c}" stroke-width="1.5"/><text class="oc-offer-tag" x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="9.5" font-weight="700" fill="{c}">{t}</text>"#,
        c = ink::OFFER,
        bg = ink::BACKGROUND,
        ty = y + 3.3,
        t = escape(tag),
    )
}

/// The grid, the frame, the ticks and the axis titles.
pub(super) fn axes(out: &mut String, overlay: &Overlay, a: Area) {
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

/// Every package as a grey dot (bigger where several coincide), or, for very many, a
/// shading of where they lie.
pub(super) fn cloud(out: &mut String, cloud: &Cloud, a: Area) {
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

/// Few frontier points for the room there is: each one is shown (a single-point frontier,
/// too).
pub(super) fn frontier_dots_shown(points: &[(f64, f64)], a: Area) -> bool {
    !points.is_empty() && points.len() as f64 <= a.width / 10.0
}

/// A thin line from a mark drawn beside its spot back to the spot, with a dot there.
pub(super) fn leader(x: f64, y: f64, tx: f64, ty: f64) -> String {
    format!(
        r#"<path class="oc-leader" d="M{x:.1} {y:.1}L{tx:.1} {ty:.1}" stroke="{c}" stroke-width="1"/><circle class="oc-spot" cx="{tx:.1}" cy="{ty:.1}" r="2.5" fill="{c}"/>"#,
        c = ink::MUTED
    )
}

/// The pair's Pareto frontier as a line (with its points when there are few).
pub(super) fn frontier(out: &mut String, points: &[(f64, f64)], a: Area) {
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
    if frontier_dots_shown(points, a) {
        out.push_str(&dots_path(&px, 3.0, ink::FRONTIER, "oc-frontier-pt"));
    }
}

/// The two reservation values as dashed lines, with their labels: each label goes along
/// its line where it covers none of the `obstacles` (marks, packages, offers, frontier
/// points) and not the other label.
pub(super) fn reservation_lines(
    out: &mut String,
    (rx, ry): (f64, f64),
    a: Area,
    obstacles: &[Rect],
) {
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
    let (across, up) = (format!("BATNA {rx:.0}"), format!("BATNA {ry:.0}"));
    // Along the vertical line: either side of it, from the top down; along the horizontal
    // one: above or below it, from the right end leftwards.
    let steps = |from: f64, to: f64, n: usize| {
        (0..n).map(move |k| from + (to - from) * k as f64 / (n - 1).max(1) as f64)
    };
    let mut down = Vec::new();
    for ty in steps(a.top + 12.0, a.top + a.height - 6.0, 8) {
        down.push((x + 4.0, ty, Anchor::Start));
        down.push((x - 4.0, ty, Anchor::End));
    }
    let mut left = Vec::new();
    for tx in steps(a.left + a.width - 4.0, a.left + 4.0, 8) {
        let anchor = if tx > a.left + a.width / 2.0 {
            Anchor::End
        } else {
            Anchor::Start
        };
        left.push((tx, y - 5.0, anchor));
        left.push((tx, y + 14.0, anchor));
    }
    let labels = [Label::new(&across, down), Label::new(&up, left)];
    let bounds = Rect {
        x0: a.left,
        y0: a.top,
        x1: a.left + a.width,
        y1: a.top + a.height,
    };
    let spots = place(&labels, obstacles, bounds);
    // Labels with a halo in the background colour so they read over the dots.
    let halo = format!(
        r#"class="oc-rv-label" fill="{}" stroke="{}" stroke-width="3" paint-order="stroke" font-size="{LABEL_FONT}""#,
        ink::RESERVATION,
        ink::BACKGROUND
    );
    for (text, (tx, ty, anchor)) in [across, up].iter().zip(spots) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::End => r#" text-anchor="end""#,
        };
        let _ = write!(
            out,
            r#"<text {halo} x="{tx:.1}" y="{ty:.1}"{anchor}>{text}</text>"#
        );
    }
}
