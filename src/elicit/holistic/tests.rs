use super::*;
use crate::analysis::SplitMix64;
use crate::model::{sample_plan, PlanId};

fn rows_of(ratings: &[Vec<f64>], packages: &[Vec<usize>]) -> Vec<Vec<f64>> {
    packages
        .iter()
        .map(|p| p.iter().zip(ratings).map(|(&o, r)| r[o]).collect())
        .collect()
}

fn scores_for(rows: &[Vec<f64>], weights: &[f64]) -> Vec<f64> {
    rows.iter().map(|r| dot(r, weights) / 100.0).collect()
}

fn identifiable(rows: &[Vec<f64>], n: usize) -> bool {
    let mut with_sum: Vec<Vec<f64>> = rows.to_vec();
    with_sum.push(vec![100.0; n]);
    null_vector(&with_sum, n).is_none()
}

/// Ratings per issue: options spread from 0 to 100 in a shuffled order.
fn random_ratings(rng: &mut SplitMix64, n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|_| {
            let k = 2 + (rng.next_u64() % 4) as usize;
            let mut r: Vec<f64> = (0..k)
                .map(|j| (100.0 * j as f64 / (k - 1) as f64).round())
                .collect();
            for j in (1..k).rev() {
                let s = (rng.next_u64() % (j as u64 + 1)) as usize;
                r.swap(j, s);
            }
            r
        })
        .collect()
}

fn random_weights(rng: &mut SplitMix64, n: usize) -> Vec<f64> {
    let raw: Vec<f64> = (0..n)
        .map(|i| {
            // Some issues weigh nothing (never the first): the fit must find zeros too.
            if i > 0 && rng.next_u64().is_multiple_of(5) {
                0.0
            } else {
                1.0 + rng.next_f64() * 9.0
            }
        })
        .collect();
    let total: f64 = raw.iter().sum::<f64>().max(1e-9);
    raw.iter().map(|w| 100.0 * w / total).collect()
}

#[test]
fn five_to_eight_packages_and_always_more_than_the_issues() {
    let counts: Vec<usize> = (1..=10).map(package_count).collect();
    assert_eq!(counts, vec![5, 5, 5, 6, 7, 8, 8, 9, 10, 11]);
}

#[test]
fn the_design_contrasts_packages_and_determines_the_fit() {
    let job = vec![
        vec![0.0, 60.0, 100.0],
        vec![0.0, 60.0, 100.0],
        vec![0.0, 50.0, 100.0],
        vec![0.0, 50.0, 100.0],
    ];
    let packages = design(&job, package_count(4));
    assert_eq!(packages.len(), 6);
    let rows = rows_of(&job, &packages);
    assert!(identifiable(&rows, 4));
    for (k, p) in packages.iter().enumerate() {
        assert!(!packages[..k].contains(p), "repeated {p:?}");
        assert!(
            p.iter().any(|&o| o != 2) && p.iter().any(|&o| o != 0),
            "{p:?}"
        );
    }
    // Between them they vary every issue.
    for i in 0..4 {
        assert!(
            rows.iter().any(|r| r[i] != rows[0][i]),
            "issue {i}: {rows:?}"
        );
    }
    // Deterministic.
    assert_eq!(design(&job, 6), packages);

    let mut rng = SplitMix64::new(11);
    for n in 1..=10 {
        for _ in 0..5 {
            let ratings = random_ratings(&mut rng, n);
            let count = package_count(n);
            let packages = design(&ratings, count);
            let distinct_candidates = candidates(&ratings).len().saturating_sub(2);
            assert_eq!(
                packages.len(),
                count.min(distinct_candidates),
                "{ratings:?}"
            );
            if packages.len() >= n {
                assert!(
                    identifiable(&rows_of(&ratings, &packages), n),
                    "{ratings:?}"
                );
            }
        }
    }
    assert!(design(&[], 5).is_empty());
    assert!(design(&[vec![]], 5).is_empty());
}

#[test]
fn noise_free_scores_give_back_the_weights_exactly() {
    let mut rng = SplitMix64::new(3);
    for n in 2..=8 {
        for _ in 0..10 {
            let ratings = random_ratings(&mut rng, n);
            let truth = random_weights(&mut rng, n);
            let packages = design(&ratings, package_count(n));
            if packages.len() < n {
                continue;
            }
            let rows = rows_of(&ratings, &packages);
            let scores = scores_for(&rows, &truth);
            match fit(&rows, &scores) {
                FitOutcome::Fitted(f) => {
                    for (a, b) in f.weights.iter().zip(&truth) {
                        assert!((a - b).abs() < 1e-6, "{:?} vs {truth:?}", f.weights);
                    }
                    assert!(f.rms < 1e-6);
                    assert!((f.weights.iter().sum::<f64>() - 100.0).abs() < 1e-9);
                }
                other => panic!("{other:?}"),
            }
        }
    }
}

#[test]
fn noisy_scores_give_the_weights_within_5_points() {
    let mut rng = SplitMix64::new(5);
    for n in 2..=6 {
        for _ in 0..20 {
            let ratings = random_ratings(&mut rng, n);
            let truth = random_weights(&mut rng, n);
            let packages = design(&ratings, package_count(n));
            if packages.len() < n + 1 {
                continue;
            }
            let rows = rows_of(&ratings, &packages);
            // A user's scores within ±3 points of what their weights say.
            let scores: Vec<f64> = scores_for(&rows, &truth)
                .iter()
                .map(|s| (s + 3.0 * rng.symmetric()).clamp(0.0, 100.0))
                .collect();
            let FitOutcome::Fitted(f) = fit(&rows, &scores) else {
                panic!("{ratings:?} {scores:?}");
            };
            for (a, b) in f.weights.iter().zip(&truth) {
                assert!((a - b).abs() <= 5.0, "{:?} vs {truth:?}", f.weights);
            }
            assert!(f.weights.iter().all(|w| *w >= 0.0));
        }
    }
}

#[test]
fn contradictory_scores_are_inconsistent() {
    let ratings = vec![vec![0.0, 100.0], vec![0.0, 100.0], vec![0.0, 100.0]];
    let packages = vec![
        vec![1, 0, 0],
        vec![0, 1, 0],
        vec![0, 0, 1],
        vec![1, 1, 0],
        vec![0, 1, 1],
    ];
    let rows = rows_of(&ratings, &packages);
    // Packages with two issues at best scored well below those with one.
    let scores = [80.0, 75.0, 70.0, 20.0, 25.0];
    match fit(&rows, &scores) {
        FitOutcome::Inconsistent { contradictions, .. } => {
            assert!(contradictions.contains(&Contradiction {
                better: 3,
                worse: 0
            }));
        }
        other => panic!("{other:?}"),
    }
    // No contradiction in pairs, but no weights come close either.
    let rows = vec![
        vec![100.0, 0.0],
        vec![0.0, 100.0],
        vec![50.0, 50.0],
        vec![100.0, 50.0],
    ];
    let scores = [90.0, 90.0, 10.0, 95.0];
    match fit(&rows, &scores) {
        FitOutcome::Inconsistent {
            fit,
            contradictions,
        } => {
            assert!(contradictions.is_empty());
            assert!(fit.rms > INCONSISTENT_RMS);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn too_few_or_look_alike_packages_cannot_decide() {
    let rows = vec![vec![100.0, 0.0, 0.0, 50.0], vec![0.0, 100.0, 50.0, 0.0]];
    assert_eq!(
        fit(&rows, &[40.0, 60.0]),
        FitOutcome::CannotDecide(Undecided::TooFew {
            scored: 2,
            needed: 4
        })
    );
    assert_eq!(
        fit(&[], &[]),
        FitOutcome::CannotDecide(Undecided::TooFew {
            scored: 0,
            needed: 1
        })
    );
    // Issues 1 and 2 always move together: their weights cannot be told apart.
    let rows = vec![
        vec![100.0, 0.0, 0.0],
        vec![0.0, 100.0, 100.0],
        vec![100.0, 100.0, 100.0],
        vec![50.0, 0.0, 0.0],
    ];
    assert_eq!(
        fit(&rows, &[40.0, 60.0, 100.0, 20.0]),
        FitOutcome::CannotDecide(Undecided::Confounded { issues: vec![1, 2] })
    );
}

#[test]
fn disagreements_are_put_in_words() {
    let names: Vec<String> = ["Salary", "Signing bonus", "Start date", "Remote days"]
        .map(String::from)
        .to_vec();
    let words = disagreements(&names, &[40.0, 10.0, 15.0, 35.0], &[30.0, 8.0, 31.0, 31.0]);
    assert_eq!(
        words,
        [
            "Your package scores suggest “Start date” matters about twice as much as your \
             weights say (scores 31, weights 15).",
            "Your package scores suggest “Salary” matters somewhat less than your weights say \
             (scores 30, weights 40)."
        ]
    );
    let words = disagreements(&names[..2], &[0.0, 100.0], &[20.0, 80.0]);
    assert_eq!(
        words[0],
        "Your package scores suggest “Salary” matters (about 20), though your weights give it nothing."
    );
    let words = disagreements(&names[..2], &[30.0, 70.0], &[0.0, 100.0]);
    assert_eq!(
        words,
        [
            "Your package scores suggest “Salary” hardly matters to you, though your weights \
             give it 30.",
            "Your package scores suggest “Signing bonus” matters about one and a half times \
             as much as your weights say (scores 100, weights 70)."
        ]
    );
    assert_eq!(ratio_words(10.0, 32.0), "about three times as much as");
    assert_eq!(ratio_words(10.0, 40.0), "far more than");
    assert_eq!(ratio_words(30.0, 15.0), "about half as much as");
    assert_eq!(ratio_words(30.0, 20.0), "about two thirds as much as");
    let f = Fit {
        weights: vec![],
        predicted: vec![],
        rms: 2.04,
        explained: 0.956,
    };
    assert_eq!(
        fit_words(&f),
        "Weights alone explain your scores closely: 96% of the differences between them; a \
         typical package is off by 2 points."
    );
}

fn job() -> (Plan, PartyId) {
    let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
    let dana = plan.parties[0].id.clone();
    (plan, dana)
}

/// Scores the check's packages as a user with these weights would (ratings as in the plan).
fn score_as(plan: &mut Plan, party: &PartyId, weights: &[f64]) {
    let ids: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
    for (k, choices) in check_choices(plan, party).iter().enumerate() {
        let p = plan.party(party).unwrap();
        let s: f64 = ids
            .iter()
            .zip(weights)
            .map(|(i, w)| w * p.ratings[&choices[i]].value / 100.0)
            .sum();
        set_score(plan, party, k, Some(s));
    }
}

#[test]
fn a_check_on_the_job_offer_from_start_to_adoption() {
    let (mut plan, dana) = job();
    let view = check_view(&plan, &dana);
    assert_eq!(view.blocked, None);
    assert!(view.rows.is_empty() && view.outcome.is_none());

    start_check(&mut plan, &dana).unwrap();
    let view = check_view(&plan, &dana);
    assert_eq!(view.rows.len(), 6);
    assert_eq!(view.rows[0].choices.len(), 4);
    assert_eq!(view.rows[0].choices[0].0, "Salary");
    assert!(!view.stale && view.outcome.is_none());

    // Three scored of four issues: cannot decide yet.
    set_score(&mut plan, &dana, 0, Some(50.0));
    set_score(&mut plan, &dana, 1, Some(40.0));
    set_score(&mut plan, &dana, 2, Some(30.0));
    let outcome = check_view(&plan, &dana).outcome.unwrap();
    assert!(!outcome.can_adopt);
    assert_eq!(
        outcome.headline,
        "The scores cannot decide the weights yet: 3 packages scored, and telling 4 issues \
         apart takes at least 4."
    );
    assert!(adopt(&mut plan, &dana, false).is_err());

    // Scores of someone for whom start date matters twice as much as stated.
    score_as(&mut plan, &dana, &[30.0, 10.0, 30.0, 30.0]);
    let outcome = check_view(&plan, &dana).outcome.unwrap();
    assert!(outcome.can_adopt);
    assert_eq!(outcome.comparison.len(), 4);
    assert_eq!(outcome.comparison[2].0, "Start date");
    assert_eq!(outcome.comparison[2].1, 15.0);
    assert!((outcome.comparison[2].2 - 30.0).abs() < 1e-6);
    assert!(outcome.details[0].starts_with("Weights alone explain your scores closely: 100%"));
    assert!(
        outcome.details.iter().any(|d| d
            == "Your package scores suggest “Start date” matters about twice as much as your \
                weights say (scores 30, weights 15)."),
        "{:#?}",
        outcome.details
    );

    let mut blended = plan.clone();
    adopt(&mut plan, &dana, false).unwrap();
    let ids: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
    let w = |plan: &Plan| -> Vec<f64> {
        ids.iter()
            .map(|i| plan.party(&dana).unwrap().weights[i].value)
            .collect()
    };
    assert_eq!(w(&plan), vec![30.0, 10.0, 30.0, 30.0]);
    assert_eq!(
        plan.party(&dana).unwrap().elicitation.method,
        WeightMethod::Holistic
    );
    adopt(&mut blended, &dana, true).unwrap();
    // Halfway: 35, 10, 22.5, 32.5 in whole numbers summing to 100.
    let b = w(&blended);
    assert_eq!(b.iter().sum::<f64>(), 100.0);
    assert_eq!((b[0], b[1], b[3]), (35.0, 10.0, 32.0));
    assert_eq!(
        blended.party(&dana).unwrap().elicitation.method,
        WeightMethod::Blend
    );

    // The plan changes: the check is out of date until started again.
    let extra = plan.add_issue("Title");
    plan.add_option(&extra, "Senior");
    plan.add_option(&extra, "Staff");
    let view = check_view(&plan, &dana);
    assert!(view.stale);
    assert!(view
        .blocked
        .as_deref()
        .unwrap()
        .starts_with("Rate the options of “Title”"));
    discard(&mut plan, &dana);
    assert!(check_view(&plan, &dana).rows.is_empty());
}

#[test]
fn ordering_packages_spreads_their_scores() {
    let (mut plan, dana) = job();
    start_check(&mut plan, &dana).unwrap();
    let first = check_choices(&plan, &dana)[0].clone();
    move_package(&mut plan, &dana, 0, 5);
    assert_eq!(check_choices(&plan, &dana)[5], first);
    score_by_order(&mut plan, &dana);
    let scores: Vec<Option<f64>> = check_view(&plan, &dana)
        .rows
        .iter()
        .map(|r| r.score)
        .collect();
    assert_eq!(
        scores,
        [86.0, 71.0, 57.0, 43.0, 29.0, 14.0].map(Some).to_vec()
    );
}

#[test]
fn contradictions_are_told_by_package_number() {
    let (mut plan, dana) = job();
    start_check(&mut plan, &dana).unwrap();
    // Score the packages the reverse of what any weights would give.
    score_as(&mut plan, &dana, &[25.0, 25.0, 25.0, 25.0]);
    let n = check_choices(&plan, &dana).len();
    let scores: Vec<f64> = check_view(&plan, &dana)
        .rows
        .iter()
        .map(|r| r.score.unwrap())
        .collect();
    for (k, s) in scores.iter().enumerate() {
        set_score(&mut plan, &dana, k, Some(100.0 - s));
    }
    let outcome = check_view(&plan, &dana).outcome.unwrap();
    assert_eq!(n, 6);
    assert!(!outcome.can_adopt);
    assert!(outcome
        .headline
        .starts_with("These scores are inconsistent"));
    assert!(!outcome.details.is_empty());
}
