//! Both sides' concession curves as a small SVG: each side's offers over the rounds, each
//! valued by the side that made it (so a falling line is a side conceding), with both
//! walk-away values as dashed lines. Pure text, like the outcome-space chart
//! (`formats::chart_svg`): presentation colours for a standalone look, class names for the
//! page's light and dark themes, no `<style>` and no `style` attribute (the page's policy
//! forbids inline styles). Names go through the app's one XML escaper.

use crate::formats::xml::{escape, Breaks};
use std::fmt::Write;

/// What the curves are drawn from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Curves {
    pub rounds: u32,
    /// (round, value to us) of each of our offers.
    pub ours: Vec<(u32, f64)>,
    /// (round, true value to them) of each of their offers.
    pub theirs: Vec<(u32, f64)>,
    pub our_batna: f64,
    pub their_reservation: f64,
}

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 34.0;
const OURS: &str = "#1f5f8b";
const THEIRS: &str = "#a84b00";
const GRID: &str = "#e2e6eb";
const MUTED: &str = "#4d5763";

fn text(s: &str) -> String {
    escape(s, Breaks::Space)
}

/// A value on the 0–100 scale; anything else (NaN included) is drawn at the nearest edge.
fn scale(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 100.0)
    }
}

/// The curves as an `<svg>` element, labelled for assistive technology with what it shows
/// in words.
pub fn concession_svg(c: &Curves) -> String {
    let rounds = c.rounds.max(2);
    let (pw, ph) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let sx = |r: u32| LEFT + (f64::from(r.clamp(1, rounds)) - 1.0) / f64::from(rounds - 1) * pw;
    let sy = |v: f64| TOP + (1.0 - scale(v) / 100.0) * ph;
    let describe = |points: &[(u32, f64)]| -> String {
        let values: Vec<String> = points
            .iter()
            .map(|(_, v)| format!("{:.0}", scale(*v)))
            .collect();
        if values.is_empty() {
            "no offer".to_string()
        } else {
            values.join(", ")
        }
    };
    let label = format!(
        "Concession curves over {rounds} rounds. Your offers, valued by you: {}. Their offers, \
         valued by them: {}. Your BATNA {:.0}; their walk-away value {:.0}.",
        describe(&c.ours),
        describe(&c.theirs),
        scale(c.our_batna),
        scale(c.their_reservation)
    );
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="curves-svg" viewBox="0 0 {WIDTH:.0} {HEIGHT:.0}" role="img" aria-label="{}" font-size="11" fill="{MUTED}">"#,
        text(&label)
    );
    // Grid and ticks.
    let mut grid = String::new();
    for k in 0..=4 {
        let y = sy(25.0 * f64::from(k));
        let _ = write!(grid, "M{LEFT:.1} {y:.1}H{:.1}", LEFT + pw);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 5.0,
            y + 4.0,
            25 * k
        );
    }
    let _ = write!(
        out,
        r#"<path class="curves-grid" d="{grid}" stroke="{GRID}" stroke-width="1"/>"#
    );
    let step = if rounds > 12 { rounds.div_ceil(6) } else { 1 };
    for r in (1..=rounds).filter(|r| (r - 1) % step == 0 || *r == rounds) {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{r}</text>"#,
            sx(r),
            TOP + ph + 14.0
        );
    }
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">Round</text>"#,
        LEFT + pw / 2.0,
        HEIGHT - 4.0
    );
    // Walk-away values.
    for (class, color, v) in [
        ("curves-ours", OURS, c.our_batna),
        ("curves-theirs", THEIRS, c.their_reservation),
    ] {
        let y = sy(v);
        let _ = write!(
            out,
            r#"<path class="{class} curves-rv" d="M{LEFT:.1} {y:.1}H{:.1}" stroke="{color}" stroke-width="1" stroke-dasharray="4 3"/>"#,
            LEFT + pw
        );
    }
    // The two curves, with a dot per offer (a single offer is a dot alone).
    for (class, color, points, marker) in [
        ("curves-ours", OURS, &c.ours, "circle"),
        ("curves-theirs", THEIRS, &c.theirs, "square"),
    ] {
        if points.is_empty() {
            continue;
        }
        let mut d = String::new();
        for (k, (r, v)) in points.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1} {:.1}",
                if k == 0 { "M" } else { "L" },
                sx(*r),
                sy(*v)
            );
        }
        let _ = write!(
            out,
            r#"<path class="{class} curves-line" d="{d}" fill="none" stroke="{color}" stroke-width="2"/>"#
        );
        for (r, v) in points {
            let (x, y) = (sx(*r), sy(*v));
            if marker == "circle" {
                let _ = write!(
                    out,
                    r#"<circle class="{class} curves-dot" cx="{x:.1}" cy="{y:.1}" r="3" fill="{color}"/>"#
                );
            } else {
                let _ = write!(
                    out,
                    r#"<rect class="{class} curves-dot" x="{:.1}" y="{:.1}" width="6" height="6" fill="{color}"/>"#,
                    x - 3.0,
                    y - 3.0
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curves() -> Curves {
        Curves {
            rounds: 10,
            ours: vec![(1, 90.0), (2, 84.0), (3, 80.0)],
            theirs: vec![(1, 95.0), (2, 90.0)],
            our_batna: 45.0,
            their_reservation: 40.0,
        }
    }

    #[test]
    fn each_offer_is_a_dot_and_each_side_a_line() {
        let svg = concession_svg(&curves());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("curves-line").count(), 2);
        assert_eq!(svg.matches("curves-rv").count(), 2);
        // Round 1 sits on the left edge, round 10 on the right; 90 is high up.
        assert!(svg.contains(r#"cx="36.0" cy="27.4""#), "{svg}");
        assert!(svg.contains("Your offers, valued by you: 90, 84, 80."));
        assert!(!svg.contains("style"));
        assert!(crate::formats::xml::parse(&svg, "curves.svg").is_ok());
    }

    #[test]
    fn no_offers_and_odd_values_still_draw() {
        let c = Curves {
            rounds: 0,
            ours: vec![(1, f64::NAN)],
            theirs: Vec::new(),
            our_batna: 250.0,
            their_reservation: -3.0,
        };
        let svg = concession_svg(&c);
        assert!(svg.contains("no offer"));
        assert!(!svg.contains("NaN"), "{svg}");
        assert!(svg.contains("Your BATNA 100; their walk-away value 0."));
        assert!(crate::formats::xml::parse(&svg, "curves.svg").is_ok());
    }
}
