//! The concession plan on the outcome-space chart: a line from the opening through the
//! planned steps to the target and one step beyond, with a square badge per package
//! (tags "O", "1", "2", "T", "R" as in the Strategy step's list). `chart_svg` draws it with
//! the rest of the chart; this module holds the pieces that are the plan's own.

use super::chart_svg::{escape, ChartItem, PlanOverlay};
use std::fmt::Write;

const INK: &str = "#b3261e";
const BACKGROUND: &str = "#ffffff";

/// One package of the plan for the chart: its tag, its name ("Opening", "Step 1") and its
/// value for every party (plan order).
#[derive(Clone, Debug, PartialEq)]
pub struct PathStep {
    pub tag: String,
    pub name: String,
    pub values: Vec<f64>,
}

/// The plan's overlay for the Strategy step: the concession plan in place of the plan's
/// packages and offers (those open a package card, which lives on the Packages step).
pub fn with_path(mut overlay: PlanOverlay, x: usize, y: usize, steps: &[PathStep]) -> PlanOverlay {
    overlay.overlay.packages.clear();
    overlay.overlay.offers.clear();
    overlay.packages.clear();
    overlay.offers.clear();
    overlay.open = 0;
    overlay.overlay.path = steps
        .iter()
        .filter_map(|s| {
            Some(ChartItem {
                tag: s.tag.clone(),
                name: s.name.clone(),
                x: *s.values.get(x)?,
                y: *s.values.get(y)?,
            })
        })
        .collect();
    overlay.path_values = steps.iter().map(|s| s.values.clone()).collect();
    overlay
}

/// The line through the plan's points (already in pixels).
pub(super) fn line(out: &mut String, points: &[(f64, f64)]) {
    if points.len() < 2 {
        return;
    }
    let mut d = String::new();
    for (k, (x, y)) in points.iter().enumerate() {
        let _ = write!(d, "{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" });
    }
    let _ = write!(
        out,
        r#"<path class="oc-plan-path" d="{d}" fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="1 4" stroke-linecap="round"/>"#
    );
}

/// A square badge with the step's tag, centred on (x, y).
pub(super) fn badge(x: f64, y: f64, tag: &str) -> String {
    format!(
        r#"<rect class="oc-plan" x="{:.1}" y="{:.1}" width="15" height="15" rx="2" fill="{INK}" stroke="{BACKGROUND}" stroke-width="1.5"/><text class="oc-plan-tag" x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="9.5" font-weight="700" fill="{BACKGROUND}">{}</text>"#,
        x - 7.5,
        y - 7.5,
        y + 3.3,
        escape(tag)
    )
}

/// The legend's row for the plan: (swatch centred on (8, 0), escaped text).
pub(super) fn legend_row() -> (String, String) {
    (
        badge(8.0, 0.0, "O"),
        "Concession plan: O opening, 1, 2 steps, T target, R beyond the target".to_string(),
    )
}

/// The plan's rows for the chart's data table.
pub(super) fn table_rows(items: &[ChartItem]) -> Vec<(String, f64, f64)> {
    items
        .iter()
        .map(|p| (format!("Concession plan: {} ({})", p.name, p.tag), p.x, p.y))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::chart_svg::{
        legend_items, page_svg, plan_overlay, readout_html, summary, table_html, Frame,
    };
    use super::*;
    use crate::analysis::outcome::outcome_space;
    use crate::analysis::plan::PlanProblem;
    use crate::analysis::{analyze, FrontierOptions};
    use crate::model::{supplier_contract, PlanId};
    use crate::strategy::strategy_for;

    #[test]
    fn the_concession_plan_is_drawn_named_and_listed() {
        let plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let space = outcome_space(&a.model, &a.frontier, &a.points, 0, 1).unwrap();
        let s = strategy_for(&plan).unwrap();
        let steps: Vec<PathStep> = s
            .steps
            .iter()
            .map(|c| PathStep {
                tag: c.tag.clone(),
                name: c.label.clone(),
                values: c.package.values.clone(),
            })
            .collect();
        let overlay = with_path(plan_overlay(&plan, 0, 1), 0, 1, &steps);
        assert!(overlay.overlay.packages.is_empty() && overlay.overlay.offers.is_empty());
        assert_eq!(overlay.overlay.path.len(), s.steps.len());
        let svg = page_svg(
            &space,
            &overlay.overlay,
            Frame {
                width: 640.0,
                height: 480.0,
            },
        );
        assert!(svg.contains("oc-plan-path"));
        assert_eq!(svg.matches("class=\"oc-plan\"").count(), s.steps.len());
        assert!(svg.contains(r#"data-k="s0""#));
        assert!(
            svg.contains("aria-label=\"Concession plan, Opening: 84.0 for"),
            "{svg}"
        );
        let readout = readout_html(&plan, &space, &overlay, "s0").unwrap();
        assert!(readout.contains("Concession plan: Opening"), "{readout}");
        assert!(readout.contains("Beats 2 of 2 BATNAs."), "{readout}");
        assert!(table_html(&space, &overlay).contains("Concession plan: Target (T)"));
        assert!(legend_items(&space, &overlay.overlay).contains("Concession plan: O opening"));
        assert!(summary(&space, &overlay.overlay).contains("concession plan"));
    }
}
