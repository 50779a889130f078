//! Native tests of the strategy: the invariants the issue asks for, on the examples, on
//! generated plans and on hand-built ones.

use super::review::{review_for, Review};
use super::*;
use crate::analysis::sensitivity::SplitMix64;
use crate::analysis::{dominates, improve, ImproveOptions, ImproveOutcome};
use crate::model::{
    sample_plan, supplier_contract, three_party, Agreement, Contingency, Offer, OfferId,
    OfferResponse, Outcome, PackageId, PlanId, Score,
};

const TOL: f64 = 1e-9;

fn id() -> PlanId {
    PlanId::parse("p1").unwrap()
}

fn examples() -> Vec<Plan> {
    vec![
        sample_plan(id(), 0),
        supplier_contract(id(), 0),
        three_party(id(), 0),
    ]
}

/// Every invariant of the issue's list that holds for any plan with a zone of agreement.
fn check_invariants(plan: &Plan, what: &str) {
    let pp = PlanProblem::from_plan(plan);
    let analysis = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
    let s = plan_strategy(plan, &pp, &analysis).unwrap();
    let us = s.us;
    let (Some(target), Some(opening)) = (&s.target, &s.opening) else {
        assert!(
            !analysis.points.zopa_nonempty,
            "{what}: no target with a ZOPA"
        );
        return;
    };
    // Opening ≥ target ≥ walk-away, in our value.
    assert!(opening.value >= target.value - TOL, "{what}");
    assert!(target.value >= s.walk_away.value - TOL, "{what}");
    // Each number's package realises it, with the chance the others accept it.
    for f in [opening, target] {
        let p = f.package.as_ref().unwrap();
        assert!(p.chances.is_some(), "{what}");
        assert!((p.values[us] - f.value).abs() < 1e-6, "{what}");
        assert_eq!(p.lines.len(), pp.issues.len(), "{what}");
    }
    assert!(!s.steps.is_empty(), "{what}");
    assert_eq!(
        s.steps[0].package.indices,
        opening.package.as_ref().unwrap().indices
    );
    let planned: Vec<_> = s.steps.iter().filter(|c| !c.beyond_target).collect();
    assert_eq!(
        planned.last().unwrap().package.indices,
        target.package.as_ref().unwrap().indices,
        "{what}: the planned steps end at the target"
    );
    let f = &analysis.frontier;
    for (j, step) in s.steps.iter().enumerate() {
        let p = &step.package;
        // On the frontier, or within its stated ε.
        if f.is_exact() {
            assert!(
                f.contains_package(&analysis.model, &p.indices),
                "{what}: step {j}"
            );
            assert_eq!(s.epsilon, 0.0);
        } else {
            let v: Vec<i64> = analysis.model.value_fixed(&p.indices).unwrap();
            assert!(!f.is_dominated(&v) || s.epsilon > 0.0, "{what}: step {j}");
        }
        // Never below the walk-away; acceptable to everyone on our estimates.
        assert!(p.values[us] >= s.walk_away.value - TOL, "{what}: step {j}");
        assert!(
            analysis
                .model
                .acceptable(&p.indices)
                .unwrap()
                .iter()
                .all(|a| *a),
            "{what}: step {j}"
        );
        assert!(p.chances.is_some(), "{what}: step {j} has no chances");
        if j > 0 {
            let q = &s.steps[j - 1].package;
            assert!(
                p.values[us] <= q.values[us] + TOL,
                "{what}: ours rose at {j}"
            );
            for other in (0..p.values.len()).filter(|&x| x != us) {
                assert!(
                    p.values[other] >= q.values[other] - TOL,
                    "{what}: party {other} lost at step {j}"
                );
            }
            assert!(!step.text.is_empty(), "{what}");
        }
    }
    assert!(!s.stop.is_empty(), "{what}");
}

#[test]
fn the_examples_keep_every_invariant_of_the_plan() {
    for plan in examples() {
        check_invariants(&plan, &plan.title);
    }
}

#[test]
fn generated_plans_keep_the_invariants_and_never_panic() {
    for seed in 0..60u64 {
        let mut rng = SplitMix64::new(seed);
        let parties = 2 + (seed % 3) as usize;
        let issues = 1 + (rng.next_u64() % 5) as usize;
        let mut plan = Plan::new(id(), format!("generated {seed}"), 0);
        while plan.parties.len() < parties {
            plan.add_party(&format!("P{}", plan.parties.len()));
        }
        for i in 0..issues {
            let issue = plan.add_issue(&format!("I{i}"));
            for o in 0..2 + (rng.next_u64() % 3) as usize {
                plan.add_option(&issue, &format!("o{o}"));
            }
        }
        for p in 0..parties {
            let weights: Vec<f64> = (0..issues).map(|_| 1.0 + rng.next_f64() * 9.0).collect();
            let total: f64 = weights.iter().sum();
            let rv = rng.next_f64() * 60.0;
            let issue_list = plan.issues.clone();
            let party = &mut plan.parties[p];
            party.reservation = crate::model::Estimate {
                value: rv,
                low: (rv - 10.0).max(0.0),
                high: (rv + 10.0).min(100.0),
            };
            for (issue, w) in issue_list.iter().zip(&weights) {
                party
                    .weights
                    .insert(issue.id.clone(), Score::new(w * 100.0 / total));
                for o in &issue.options {
                    let r = (rng.next_f64() * 100.0).round();
                    party.ratings.insert(o.id.clone(), Score::new(r));
                }
            }
        }
        check_invariants(&plan, &plan.title.clone());
        // A target anywhere keeps the order of the three numbers.
        for t in [0.0, 30.0, 70.0, 100.0] {
            plan.strategy.target = Some(t);
            check_invariants(&plan, &format!("{} target {t}", plan.title));
        }
    }
}

#[test]
fn a_moved_target_is_reached_by_the_frontier_package_best_for_them() {
    let mut plan = supplier_contract(id(), 0);
    plan.strategy.target = None;
    let s = strategy_for(&plan).unwrap();
    let suggested = s.suggested_target.unwrap();
    assert!((s.target.as_ref().unwrap().value - suggested).abs() < TOL);

    plan.strategy.target = Some(70.0);
    let s = strategy_for(&plan).unwrap();
    let t = s.target.unwrap();
    assert!(t.value >= 70.0 - TOL && t.value < suggested, "{}", t.value);
    assert!(
        t.reasons[0].contains("You set the target at 70.0"),
        "{:?}",
        t.reasons
    );
    assert!(t.reasons.iter().any(|r| r.contains("The suggestion is")));

    // Below the walk-away: the target starts at the walk-away.
    plan.strategy.target = Some(10.0);
    let s = strategy_for(&plan).unwrap();
    let t = s.target.unwrap();
    assert!(t.value >= 45.0 - TOL);
    assert!(
        t.reasons[0].contains("below the walk-away"),
        "{:?}",
        t.reasons
    );

    // Above anything they accept: the best package they still accept.
    plan.strategy.target = Some(99.0);
    let s = strategy_for(&plan).unwrap();
    let ideal = s.target.as_ref().unwrap().value;
    assert!(s.target.unwrap().reasons[0].contains("no package that"));
    assert!((s.opening.unwrap().value - ideal).abs() < TOL);
}

#[test]
fn the_opening_is_defensible_and_comes_with_offers_of_equal_value() {
    let plan = supplier_contract(id(), 0);
    let s = strategy_for(&plan).unwrap();
    let opening = s.opening.as_ref().unwrap();
    let p = opening.package.as_ref().unwrap();
    // Above the supplier's estimated reservation value, and likely enough.
    assert!(p.values[1] >= 40.0 - TOL);
    let steps_chance = s.steps[0].package.chances.as_ref().unwrap();
    assert!(steps_chance.all >= OPENING_MIN_CHANCE, "{steps_chance:?}");
    assert!(steps_chance.text.contains("Verpa"), "{}", steps_chance.text);
    // Every option has the issue's criteria (the supplier example has one per issue).
    assert!(p
        .lines
        .iter()
        .all(|l| !l.criteria.is_empty() && !l.criteria[0].starts_with("No objective criterion")));
    let offers = s.mesos.as_ref().unwrap();
    assert_eq!(offers.len(), MESO_COUNT);
    for o in offers {
        assert!((o.values[0] - opening.value).abs() <= MESO_BAND + 1e-6);
    }
}

#[test]
fn each_step_gives_cheaply_and_asks_for_something_in_return() {
    let plan = supplier_contract(id(), 0);
    let s = strategy_for(&plan).unwrap();
    for step in &s.steps[1..] {
        assert!(
            !step.gives.is_empty() || !step.asks.is_empty(),
            "{}",
            step.text
        );
        assert!(
            step.text.contains("ask for"),
            "every step asks for something: {}",
            step.text
        );
        assert!(step.concession >= -TOL);
    }
    // Shrinking concessions up to the target.
    let planned: Vec<f64> = s
        .steps
        .iter()
        .skip(1)
        .filter(|c| !c.beyond_target)
        .map(|c| c.concession)
        .collect();
    assert!(
        planned.windows(2).all(|w| w[1] <= w[0] + TOL),
        "{planned:?}"
    );
    let beyond = s.steps.iter().find(|c| c.beyond_target).unwrap();
    assert!(beyond
        .text
        .starts_with("Only if the talks would otherwise fail"));
    assert_eq!(beyond.tag, "R");
    assert_eq!(s.steps[0].tag, "O");
}

#[test]
fn the_agenda_pairs_gives_with_asks_and_leaves_contested_issues_for_last() {
    let plan = supplier_contract(id(), 0);
    let s = strategy_for(&plan).unwrap();
    let kinds: Vec<agenda::IssueKind> = s.agenda.order.iter().map(|a| a.kind).collect();
    assert_eq!(kinds.len(), 6);
    use agenda::IssueKind::*;
    // Weights (us, Verpa): payment 10/20 and volume 10/20, length 10/15 are gives;
    // warranty 20/5 and delivery 15/10 asks; price 35/30 contested.
    assert_eq!(kinds, vec![Give, Take, Give, Take, Give, Contested]);
    assert_eq!(s.agenda.order[0].issue, "Payment terms");
    assert_eq!(s.agenda.order[1].issue, "Warranty on the film");
    assert!(s.agenda.order[0]
        .reason
        .contains("in exchange for Warranty on the film"));
    assert_eq!(s.agenda.order[5].issue, "Price per 1,000 bags");
    assert!(s.agenda.advice.contains("whole packages"));
    // Questions from the interests, the unsure estimates and the open fact-finding.
    let q = &s.agenda.questions;
    assert!(q
        .iter()
        .any(|x| x.contains("“Fill the new production line”")));
    assert!(q
        .iter()
        .any(|x| x.contains("Volume commitment matters to") && x.contains("low confidence")));
    assert!(q
        .iter()
        .any(|x| x.contains("shorter delivery time") && x.contains("still open")));
    // Never reveal the walk-away or the target.
    assert!(s.agenda.keep[0].starts_with("Our walk-away (45.0)"));
    assert!(s.agenda.keep.iter().any(|k| k.starts_with("Our target")));
}

#[test]
fn a_shared_issue_comes_first() {
    // Two issues: on "Venue" both rate "Online" 90; on "Price" they are opposed.
    let mut plan = Plan::new(id(), "shared", 0);
    let venue = plan.add_issue("Venue");
    let online = plan.add_option(&venue, "Online").unwrap();
    let office = plan.add_option(&venue, "Office").unwrap();
    let price = plan.add_issue("Price");
    let low = plan.add_option(&price, "Low").unwrap();
    let high = plan.add_option(&price, "High").unwrap();
    for (p, (w_price, r_low)) in [(60.0, 100.0), (70.0, 0.0)].into_iter().enumerate() {
        let party = &mut plan.parties[p];
        party.weights.insert(price.clone(), Score::new(w_price));
        party
            .weights
            .insert(venue.clone(), Score::new(100.0 - w_price));
        party.ratings.insert(low.clone(), Score::new(r_low));
        party
            .ratings
            .insert(high.clone(), Score::new(100.0 - r_low));
        party.ratings.insert(online.clone(), Score::new(90.0));
        party.ratings.insert(office.clone(), Score::new(20.0));
        party.batna = "Walk".into();
    }
    let s = strategy_for(&plan).unwrap();
    assert_eq!(s.agenda.order[0].issue, "Venue");
    assert_eq!(s.agenda.order[0].kind, agenda::IssueKind::Shared);
    assert_eq!(s.agenda.order[1].kind, agenda::IssueKind::Contested);
}

/// One issue "Bonus": A = "Bonus paid" (us 100, them 0), B = "No bonus" (us 0, them 100),
/// and a second issue the parties weigh the other way round, so the plan has room.
fn bet_plan(chance_us: f64, chance_them: f64) -> (Plan, crate::model::OptionId) {
    let mut plan = Plan::new(id(), "bet", 0);
    let bonus = plan.add_issue("Bonus");
    let paid = plan.add_option(&bonus, "Bonus paid").unwrap();
    let none = plan.add_option(&bonus, "No bonus").unwrap();
    let term = plan.add_issue("Term");
    let short = plan.add_option(&term, "Short").unwrap();
    let long = plan.add_option(&term, "Long").unwrap();
    for (p, sign) in [(0usize, 1.0), (1, -1.0)] {
        let party = &mut plan.parties[p];
        party.weights.insert(bonus.clone(), Score::new(50.0));
        party.weights.insert(term.clone(), Score::new(50.0));
        let (a, b) = if sign > 0.0 {
            (100.0, 0.0)
        } else {
            (0.0, 100.0)
        };
        party.ratings.insert(paid.clone(), Score::new(a));
        party.ratings.insert(none.clone(), Score::new(b));
        party.ratings.insert(short.clone(), Score::new(a));
        party.ratings.insert(long.clone(), Score::new(b));
        party.reservation = crate::model::Estimate::exact(20.0);
    }
    let bet = plan
        .add_option(&bonus, "Bonus if sales beat the forecast")
        .unwrap();
    let chances = BTreeMap::from([
        (plan.parties[0].id.clone(), chance_us),
        (plan.parties[1].id.clone(), chance_them),
    ]);
    plan.issues[0].options[2].contingent = Some(Contingency {
        event: "Sales beat the forecast".into(),
        then: paid,
        otherwise: none,
        chances,
    });
    (plan, bet)
}

#[test]
fn a_contingent_option_matches_the_formula_and_differing_chances_create_joint_value() {
    // We expect the event at 70%, they at 30%: each values the bet at 70 (us 0.7·100,
    // them 0.3·0 + 0.7·100). With a shared 50% each would value it at 50: the difference
    // is 2 × 20 rating points, 2 × 10 points of package value at weight 50.
    let (plan, bet) = bet_plan(70.0, 30.0);
    let issue = &plan.issues[0];
    let option = issue.options.iter().find(|o| o.id == bet).unwrap();
    let (ratings, gains) = contingent::bet_values(&plan, issue, option).unwrap();
    assert!(
        (ratings[0] - 70.0).abs() < TOL && (ratings[1] - 70.0).abs() < TOL,
        "{ratings:?}"
    );
    assert!(
        (gains[0] - 10.0).abs() < TOL && (gains[1] - 10.0).abs() < TOL,
        "{gains:?}"
    );
    let s = strategy_for(&plan).unwrap();
    assert_eq!(s.bets.len(), 1);
    assert!((s.bets[0].joint - 20.0).abs() < TOL);
    assert!(
        s.bets[0].text.contains("together it is worth 20.0 more"),
        "{}",
        s.bets[0].text
    );
    assert!(s.bets[0].text.contains("part of a package on the frontier"));

    // The analysis treats it like any other option: the best joint value rises from 100
    // (any plain package) to 120 (the bet plus either term).
    let joint = |plan: &Plan| {
        let pp = PlanProblem::from_plan(plan);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        a.points.max_joint.unwrap().values.iter().sum::<f64>()
    };
    let mut plain = plan.clone();
    plain.issues[0].options.pop();
    assert!((joint(&plain) - 100.0).abs() < 1e-6);
    assert!((joint(&plan) - 120.0).abs() < 1e-6);

    // The same chances create nothing; reversed ones destroy value, and the text says so.
    let (same, _) = bet_plan(50.0, 50.0);
    assert!(strategy_for(&same).unwrap().bets[0].joint.abs() < TOL);
    let (reversed, _) = bet_plan(30.0, 70.0);
    let s = strategy_for(&reversed).unwrap();
    assert!((s.bets[0].joint + 20.0).abs() < TOL);
    assert!(
        s.bets[0].text.contains("Swap the outcomes"),
        "{}",
        s.bets[0].text
    );
}

#[test]
fn degenerate_plans_get_plain_messages() {
    // A party without scores.
    let mut plan = supplier_contract(id(), 0);
    plan.parties[1].weights.clear();
    let e = strategy_for(&plan).unwrap_err();
    assert!(
        e.contains("“Verpa Packaging (supplier)” has no complete scores yet"),
        "{e}"
    );
    assert!(e.contains("Evaluate step"), "{e}");
    // A contingent option without a party's chance is not rated yet either.
    let (mut bet, _) = bet_plan(70.0, 30.0);
    if let Some(c) = bet.issues[0].options[2].contingent.as_mut() {
        c.chances.clear();
    }
    assert!(strategy_for(&bet).unwrap_err().contains("Evaluate step"));
    // Nobody marked as us.
    let mut plan = supplier_contract(id(), 0);
    plan.perspective = crate::model::Perspective::Neutral;
    assert!(strategy_for(&plan).unwrap_err().contains("“us”"));
    // No ZOPA: the walk-away stands, nothing else is planned, and the note says why.
    let mut plan = supplier_contract(id(), 0);
    plan.parties[0].reservation = crate::model::Estimate::exact(95.0);
    let s = strategy_for(&plan).unwrap();
    assert!(s.target.is_none() && s.opening.is_none() && s.steps.is_empty());
    assert!(
        s.notes[0].starts_with("No package is acceptable to every party"),
        "{:?}",
        s.notes
    );
    assert!(s.mesos.is_err());
    assert_eq!(s.walk_away.value, 95.0);
    assert!(s.walk_away.package.is_none());
    // One issue: the plan still works, and says there is nothing to trade.
    let mut plan = supplier_contract(id(), 0);
    plan.issues.truncate(1);
    for p in &mut plan.parties {
        p.weights.retain(|k, _| k == &plan.issues[0].id);
        if let Some(w) = p.weights.values_mut().next() {
            w.value = 100.0;
        }
    }
    plan.packages.clear();
    plan.repair();
    let s = strategy_for(&plan).unwrap();
    assert!(
        s.notes.iter().any(|n| n.starts_with("With a single issue")),
        "{:?}",
        s.notes
    );
    check_invariants(&plan, "one issue");
}

#[test]
fn three_parties_get_per_counterpart_chances_and_a_plain_caveat() {
    let plan = three_party(id(), 0);
    let s = strategy_for(&plan).unwrap();
    let c = s.steps[0].package.chances.as_ref().unwrap();
    assert_eq!(c.per.len(), 2);
    assert!(
        c.text.starts_with("Acceptable to every counterpart in "),
        "{}",
        c.text
    );
    assert!(s
        .notes
        .iter()
        .any(|n| n.contains("two-party advice holds only in part")));
    assert!(s
        .notes
        .iter()
        .any(|n| n.starts_with("Where it does not apply")));
}

#[test]
fn a_fragile_plan_is_warned_about_with_the_least_sure_estimates() {
    let mut plan = supplier_contract(id(), 0);
    // Very unsure about everything the supplier thinks, and of its walk-away.
    let supplier = &mut plan.parties[1];
    for p in supplier
        .weights
        .values_mut()
        .chain(supplier.ratings.values_mut())
    {
        p.confidence = crate::model::Confidence::Low;
    }
    plan.parties[1].reservation = crate::model::Estimate {
        value: 50.0,
        low: 35.0,
        high: 65.0,
    };
    // The suggested target is still likely enough (75%)…
    plan.strategy.target = None;
    let s = strategy_for(&plan).unwrap();
    assert_eq!(s.risk, None);
    // …an ambitious one is not.
    plan.strategy.target = Some(78.0);
    let s = strategy_for(&plan).unwrap();
    let risk = s.risk.expect("a warning");
    assert!(
        risk.starts_with("The plan rests on fragile estimates"),
        "{risk}"
    );
    assert!(risk.contains("reservation value (35.0 to 65.0)"), "{risk}");
}

// ---- the agreement's review ----------------------------------------------------------

fn agreed(plan: &mut Plan, choices: BTreeMap<crate::model::IssueId, crate::model::OptionId>) {
    let mut a = Agreement::new(Outcome::Agreed);
    a.choices = choices;
    plan.agreement = Some(a);
}

#[test]
fn an_agreement_off_the_frontier_brings_back_pareto_better_questions() {
    let mut plan = supplier_contract(id(), 0);
    let draft = plan.packages[0].choices.clone();
    agreed(&mut plan, draft.clone());
    let r: Review = review_for(&plan).unwrap();
    assert_eq!(r.on_frontier, Some(false));
    assert!(!r.questions.is_empty());
    let deal = r.values.clone().unwrap();
    for q in &r.questions {
        assert!(dominates(&q.values, &deal), "{q:?} against {deal:?}");
        assert!(q.text.starts_with("Would you also prefer "), "{}", q.text);
        assert!(
            q.text.contains("it stays both sides' fallback"),
            "{}",
            q.text
        );
        // The choices say the same as the values.
        let mut p = plan.packages[0].clone();
        p.choices = q.choices.clone();
        let v = crate::analysis::plan::package_values(&plan, &p);
        assert!(v.iter().zip(&q.values).all(|(a, b)| (a - b).abs() < 1e-6));
    }
    // The engine's own fewest-changes improvement is among them.
    let pp = PlanProblem::from_plan(&plan);
    let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
    let idx: Vec<usize> = pp
        .package_indices(&plan.packages[0])
        .into_iter()
        .flatten()
        .collect();
    let ImproveOutcome::Improved(imp) =
        improve(&a.model, &a.frontier, &idx, &ImproveOptions::default()).unwrap()
    else {
        panic!("the draft is improvable");
    };
    assert_eq!(r.questions[0].choices, pp.choices(&imp.package));
    assert!(
        r.figures
            .iter()
            .any(|f| f.starts_with("Off the frontier: ")),
        "{:?}",
        r.figures
    );
    assert!(
        r.figures.iter().any(|f| f.starts_with("Target ")),
        "{:?}",
        r.figures
    );
    assert!(
        r.figures.iter().any(|f| f.starts_with("Walk-away 45.0: ")),
        "{:?}",
        r.figures
    );
    assert!(r
        .figures
        .iter()
        .any(|f| f.starts_with("Against our BATNA (“Renew with Kartonex")));
}

#[test]
fn an_agreement_on_the_frontier_has_nothing_to_bring_back() {
    let mut plan = supplier_contract(id(), 0);
    let s = strategy_for(&plan).unwrap();
    let choices = s.target.unwrap().package.unwrap().choices;
    agreed(&mut plan, choices);
    let r = review_for(&plan).unwrap();
    assert_eq!(r.on_frontier, Some(true));
    assert!(r.questions.is_empty());
    assert!(r
        .figures
        .iter()
        .any(|f| f.starts_with("Target ") && f.contains("reached")));
    // An incomplete deal cannot be judged yet, and says so.
    if let Some(a) = plan.agreement.as_mut() {
        a.choices.pop_first();
    }
    let r = review_for(&plan).unwrap();
    assert_eq!(r.on_frontier, None);
    assert!(r.notes[0].starts_with("Pick the agreed option for every issue"));
    // Without a record there is no review.
    plan.agreement = None;
    assert!(review_for(&plan).is_none());
}

#[test]
fn the_review_compares_our_offers_with_the_plan() {
    let mut plan = supplier_contract(id(), 0);
    let s = strategy_for(&plan).unwrap();
    // Our offers: the planned opening, then the target, then the draft (below target).
    let us = plan.parties[0].id.clone();
    let offer = |plan: &mut Plan, choices, at| {
        let pid = PackageId::from_seq(plan.take_seq());
        plan.packages
            .push(crate::model::Package::new(pid.clone(), "offer", choices));
        let oid = OfferId::from_seq(plan.take_seq());
        plan.offers.push(Offer {
            id: oid,
            party: us.clone(),
            package: pid,
            at,
            response: OfferResponse::Rejected,
            notes: String::new(),
        });
    };
    offer(&mut plan, s.steps[0].package.choices.clone(), 10);
    offer(
        &mut plan,
        s.target
            .as_ref()
            .unwrap()
            .package
            .as_ref()
            .unwrap()
            .choices
            .clone(),
        20,
    );
    let draft = plan.packages[0].choices.clone();
    offer(&mut plan, draft.clone(), 30);
    agreed(&mut plan, draft);
    let r = review_for(&plan).unwrap();
    let log = r.log.join(" ");
    assert!(log.contains("the plan opened at 84.0 (the same)"), "{log}");
    assert!(
        log.contains("2 of 3 offers were within 2.0 points of a planned step"),
        "{log}"
    );
    assert!(
        log.contains("From offer 3 on, our offers went below the target"),
        "{log}"
    );
    // No offers: said plainly.
    plan.offers.clear();
    let r = review_for(&plan).unwrap();
    assert!(r.log[0].starts_with("No offer of ours is in the offer log"));
}

#[test]
fn no_agreement_is_reviewed_against_the_batna_and_the_zone() {
    let mut plan = supplier_contract(id(), 0);
    plan.agreement = Some(Agreement::new(Outcome::NoAgreement));
    let r = review_for(&plan).unwrap();
    assert_eq!(r.values, None);
    assert!(r.figures[0].starts_with("Our BATNA, “Renew with Kartonex"));
    assert!(
        r.figures[1].contains("the Nash package gave us"),
        "{:?}",
        r.figures
    );
    plan.parties[0].reservation = crate::model::Estimate::exact(95.0);
    let r = review_for(&plan).unwrap();
    assert!(
        r.figures[1].contains("walking away was consistent"),
        "{:?}",
        r.figures
    );
}
