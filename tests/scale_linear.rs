//! Work that grows with the input must grow linearly: a hostile file or link of a few
//! megabytes must not keep the page busy for minutes (issue #19). Each check is timed per
//! element at 1,000, 10,000 and 100,000 elements; a linear algorithm keeps that time
//! roughly flat, a quadratic one multiplies it by 10 at each step.
//!
//! This is the one place where tests time code, because the property itself is about
//! time; the bound is a ratio of the same machine's times, with a wide margin (4×, where
//! a quadratic algorithm gives 10×), and each size takes the best of several runs.

use planner::model::{
    InterestId, InterestLink, Offer, OfferId, Package, PackageId, Plan, PlanId, Question,
    QuestionId, Relation, Score,
};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A consistent plan with about `n` elements of every kind that refers to others:
/// interests, links between them, options serving them, scores, packages, offers and
/// fact-finding questions.
fn plan_of(n: usize) -> Plan {
    let mut p = Plan::new(PlanId::parse("pscale").unwrap(), "Scale", 0);
    let parties = [p.parties[0].id.clone(), p.parties[1].id.clone()];
    let interests: Vec<InterestId> = (0..n)
        .map(|k| p.add_interest(&parties[k % 2], &format!("interest {k}")))
        .collect();
    for k in 0..n.saturating_sub(1) {
        p.links.push(InterestLink {
            a: interests[k].clone(),
            b: interests[k + 1].clone(),
            relation: Relation::Shared,
        });
    }
    let issues = (n / 100).max(1);
    let options_per_issue = 10;
    for i in 0..issues {
        let issue = p.add_issue(&format!("issue {i}"));
        for o in 0..options_per_issue {
            let option = p.add_option(&issue, &format!("option {o}")).unwrap();
            let at = p.issues.len() - 1;
            let item = p.issues[at].options.last_mut().unwrap();
            // Every interest is served by some option.
            let first = (i * options_per_issue + o) * n / (issues * options_per_issue);
            let last = ((i * options_per_issue + o + 1) * n / (issues * options_per_issue)).min(n);
            item.serves = interests[first..last].to_vec();
            for party in &mut p.parties {
                party.ratings.insert(option.clone(), Score::new(50.0));
            }
        }
        for party in &mut p.parties {
            party.weights.insert(issue.clone(), Score::new(1.0));
        }
    }
    for k in 0..(n / 10).max(1) {
        // Ten choices each, so the number of choices grows with n, not with n².
        let choices: BTreeMap<_, _> = (0..10.min(issues))
            .map(|j| &p.issues[(k + j) % issues])
            .map(|i| (i.id.clone(), i.options[k % options_per_issue].id.clone()))
            .collect();
        let id = PackageId::from_seq(p.take_seq());
        p.packages
            .push(Package::new(id.clone(), format!("package {k}"), choices));
        let offer = OfferId::from_seq(p.take_seq());
        p.offers.push(Offer {
            id: offer,
            party: parties[k % 2].clone(),
            package: id,
            at: 0,
            response: Default::default(),
            notes: String::new(),
        });
    }
    for k in 0..(n / 10).max(1) {
        let id = QuestionId::from_seq(p.take_seq());
        p.questions.push(Question {
            id,
            question: format!("question {k}"),
            why: String::new(),
            issues: vec![p.issues[k % issues].id.clone()],
            interests: vec![interests[k % n].clone(), interests[(k * 7) % n].clone()],
            owner: String::new(),
            source: String::new(),
            status: Default::default(),
            answer: String::new(),
        });
    }
    p
}

/// The best of several timings of `f`, per element; small inputs are repeated so each
/// timing lasts long enough to measure.
fn per_element(n: usize, mut f: impl FnMut()) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..if n < 50_000 { 5 } else { 3 } {
        let start = Instant::now();
        let mut runs = 0u32;
        while runs == 0 || (start.elapsed() < Duration::from_millis(20) && n < 50_000) {
            f();
            runs += 1;
        }
        best = best.min(start.elapsed() / runs);
    }
    best.as_secs_f64() / n as f64
}

/// Times `time_at` at 1,000, 10,000 and 100,000 elements and fails as soon as the time
/// per element grows more than 4× from one size to the next (linear work stays near 1×,
/// quadratic work gives 10×), so a quadratic algorithm fails before its slowest run.
fn assert_flat(what: &str, mut time_at: impl FnMut(usize) -> f64) {
    let mut previous: Option<f64> = None;
    for n in [1_000, 10_000, 100_000] {
        let t = time_at(n);
        println!("{what}: {n} elements, {:.0} ns per element", t * 1e9);
        if let Some(p) = previous {
            let ratio = t / p;
            assert!(
                ratio < 4.0,
                "{what}: the time per element grows {ratio:.1}× from {} to {n} elements",
                n / 10
            );
        }
        previous = Some(t);
    }
}

/// One test, so the timings never share the CPU with each other.
#[test]
fn checking_repairing_and_csv_import_take_linear_time() {
    assert_flat("check", |n| {
        let plan = plan_of(n);
        assert_eq!(plan.check(), Ok(()));
        per_element(n, || {
            std::hint::black_box(plan.check()).ok();
        })
    });
    assert_flat("repair", |n| {
        let plan = plan_of(n);
        assert_eq!(plan.clone().repair(), Vec::<String>::new());
        per_element(n, || {
            std::hint::black_box(plan.clone().repair());
        })
    });
    // Importing scores from CSV: n unknown party columns and n rows, half of them
    // matching nothing and half matching an option.
    assert_flat("csv import", |n| {
        let plan = plan_of(1_000);
        let mut text = String::from("issue,option");
        for k in 0..n {
            text.push_str(&format!(",Stranger {k} rating"));
        }
        text.push_str(",Us rating\n");
        for k in 0..n {
            if k % 2 == 0 {
                text.push_str(&format!("Nowhere {k},x\n"));
            } else {
                let issue = &plan.issues[k % plan.issues.len()];
                text.push_str(&format!(
                    "{},{},,50\n",
                    issue.name,
                    issue.options[k % 10].label
                ));
            }
        }
        per_element(n, || {
            let mut p = plan.clone();
            let report = planner::formats::csv::import(&mut p, &text).unwrap();
            assert_eq!(report.unmatched.len(), 20);
        })
    });
}
