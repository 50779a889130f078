//! The plan's own points on the chart (its complete packages and its offers), and the
//! words the page shows about a point: the readout and the data table, as escaped HTML.

use super::escape;
use crate::analysis::outcome::{Cloud, OutcomeSpace};
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
    /// The concession plan of the Strategy step, opening first (see `chart_path`).
    pub path: Vec<ChartItem>,
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
    /// Every party's value at each step of the concession plan (`s{k}` on the page).
    pub path_values: Vec<Vec<f64>>,
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
                "Compose it on the Packages step to see its options and every party’s value.",
            ));
        }
        "s" => {
            let item = overlay.overlay.path.get(index)?;
            let values = overlay.path_values.get(index)?.clone();
            (
                format!("Concession plan: {}", item.name),
                values,
                String::new(),
            )
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
pub(super) fn offer_word(overlay: &Overlay) -> &'static str {
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
    rows.extend(crate::formats::chart_path::table_rows(&o.path));
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

#[cfg(test)]
mod tests {
    use super::super::tests::supplier_space;
    use super::*;
    use crate::formats::xml;
    use crate::model::{supplier_contract, PlanId};

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
}
