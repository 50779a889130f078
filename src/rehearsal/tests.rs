//! The rehearsal as a whole: reproducible, within its rounds, the styles in their order,
//! and the counterpart learning the user's priorities from the user's offers.

use super::testing::*;
use super::*;

#[test]
fn the_same_seed_replays_identically() {
    for seed in [1, 2, 3, 99] {
        for style in Style::ALL {
            let a = play_scripted(
                Simulation::new(job_offer(), settings(seed, style, 10)).unwrap(),
                1.0,
            );
            let b = play_scripted(
                Simulation::new(job_offer(), settings(seed, style, 10)).unwrap(),
                1.0,
            );
            assert_eq!(a.moves(), b.moves(), "seed {seed} {style:?}");
            assert_eq!(a.ending(), b.ending());
            assert!(!a.moves().is_empty());
        }
    }
    // Another seed draws another counterpart.
    let a = Simulation::new(job_offer(), settings(1, Style::Steady, 10)).unwrap();
    let b = Simulation::new(job_offer(), settings(2, Style::Steady, 10)).unwrap();
    assert_ne!(a.counterpart.truth, b.counterpart.truth);
}

#[test]
fn a_resumed_rehearsal_replies_as_the_live_one_did() {
    let live = play_scripted(
        Simulation::new(job_offer(), settings(5, Style::Mirror, 12)).unwrap(),
        0.5,
    );
    let moves = live.moves().to_vec();
    // Resume before each of the user's offers and make it again: the same reply.
    for (k, m) in moves.iter().enumerate() {
        if m.by != Side::Us || m.kind != MoveKind::Offer {
            continue;
        }
        let mut again = Simulation::resume(
            job_offer(),
            settings(5, Style::Mirror, 12),
            moves[..k].to_vec(),
        )
        .unwrap();
        assert!(again.ending().is_none());
        let reply = again.offer(&m.complete().unwrap()).unwrap().clone();
        assert_eq!(Some(&reply), moves.get(k + 1), "move {k}");
    }
    // Resuming all of it gives the same ending.
    let all = Simulation::resume(job_offer(), settings(5, Style::Mirror, 12), moves).unwrap();
    assert_eq!(all.ending(), live.ending());
    assert_eq!(all.result(), live.result());
}

#[test]
fn tough_has_conceded_less_than_accommodating_by_every_round() {
    for seed in 0..12 {
        let setup = random_setup(seed, 4, 4);
        let run = |style| {
            play_scripted(
                Simulation::new(setup.clone(), settings(seed, style, 10)).unwrap(),
                1.0,
            )
        };
        let (tough, soft) = (run(Style::Tough), run(Style::Accommodating));
        // Same seed, same counterpart: their offers valued by the counterpart, round by round.
        let offers = |sim: &Simulation| -> Vec<f64> {
            sim.moves()
                .iter()
                .filter(|m| m.by == Side::Them && m.kind == MoveKind::Offer)
                .filter_map(|m| sim.counterpart.value_of(&m.package))
                .collect()
        };
        let (t, s) = (offers(&tough), offers(&soft));
        for (round, (a, b)) in t.iter().zip(&s).enumerate() {
            assert!(
                a >= &(b - 1e-9),
                "seed {seed} round {}: tough {a} soft {b}",
                round + 1
            );
        }
        // And over the whole talks: the tough one never ends on a worse deal for itself.
        assert_eq!(tough.counterpart.truth, soft.counterpart.truth);
    }
}

#[test]
fn a_rehearsal_ends_within_its_rounds() {
    for seed in 0..20 {
        for rounds in [2, 3, 10] {
            for style in Style::ALL {
                // A user who never moves from the best package for us.
                let mut sim = Simulation::new(job_offer(), settings(seed, style, rounds)).unwrap();
                let best = all_packages(&sim.setup.problem)
                    .into_iter()
                    .max_by(|a, b| {
                        let v = |p: &Vec<usize>| sim.known_values(p).unwrap().0;
                        v(a).total_cmp(&v(b))
                    })
                    .unwrap();
                let mut offers = 0;
                while sim.ending().is_none() {
                    sim.offer(&best).unwrap();
                    offers += 1;
                    assert!(offers <= rounds, "seed {seed} {style:?}");
                }
                let end = sim.ending().unwrap();
                assert!(end.round <= rounds);
                assert_eq!(sim.offer(&best), Err(RehearsalError::Over));
            }
        }
    }
}

#[test]
fn the_counterpart_learns_the_scripted_users_priorities() {
    // A user whose weights are known (60/30/10 in every order, 3 to 5 options) concedes on
    // time for 20 rounds against a counterpart that needs more than the user ever offers
    // (so the talks run their course); by the end, the counterpart's frequency model ranks
    // the user's issues as they are.
    let base = [60.0, 30.0, 10.0];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let (mut right, mut runs) = (0, 0);
    for order in orders {
        let weights: Vec<f64> = order.iter().map(|&k| base[k]).collect();
        for options in 3..=5 {
            let top = (options - 1) as f64;
            let ratings_us: Vec<Vec<f64>> = (0..3)
                .map(|i| {
                    (0..options)
                        .map(|o| 100.0 - ((o + i) % options) as f64 * 100.0 / top)
                        .collect()
                })
                .collect();
            let ratings_them: Vec<Vec<f64>> = ratings_us
                .iter()
                .map(|r| r.iter().map(|x| 100.0 - x).collect())
                .collect();
            let problem = crate::analysis::Problem::from_matrices(
                &[weights.clone(), vec![100.0 / 3.0; 3]],
                &[ratings_us, ratings_them],
                &[30.0, 95.0],
                Some(0),
            );
            let setup = Setup {
                problem,
                reservation_range: (95.0, 95.0),
            };
            let mut truth: Vec<usize> = (0..3).collect();
            truth.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
            let sim = Simulation::new(setup, settings(1, Style::Steady, 20)).unwrap();
            let sim = play_scripted(sim, 1.0);
            assert_eq!(sim.user_offers().len(), 20);
            let belief = sim.counterpart.belief(&sim.user_offers());
            right += usize::from(belief.ranking() == truth);
            runs += 1;
        }
    }
    assert_eq!(runs, 18);
    assert!(right >= 16, "{right}/{runs}");
}

#[test]
fn exactly_as_estimated_means_the_estimates() {
    let setup = job_offer();
    let s = Settings {
        as_estimated: true,
        ..settings(77, Style::Steady, 10)
    };
    let sim = Simulation::new(setup.clone(), s).unwrap();
    assert_eq!(sim.counterpart.truth, setup.problem);
    let sim = play_scripted(sim, 1.0);
    let d = debrief::debrief(&sim, false);
    let f = &d.figures;
    for (e, t) in f.estimated_weights.iter().zip(&f.true_weights) {
        assert!((e - t).abs() < 1e-9);
    }
    assert_eq!(f.estimated_ratings, f.true_ratings);
    assert!((f.estimated_reservation - f.true_reservation).abs() < 1e-9);
    assert_eq!(f.true_reservation, 40.0);
    assert!(d.revealed_words[0].contains("exactly as you estimated"));
    for row in &d.revealed {
        if row.what.starts_with("Weight") {
            assert_eq!(row.estimated, row.actual, "{row:?}");
        }
    }
}

#[test]
fn a_drawn_counterpart_stays_inside_our_estimated_range() {
    let setup = job_offer();
    let (low, high) = setup.reservation_range;
    assert_eq!((low, high), (30.0, 55.0));
    let mut seen = Vec::new();
    for seed in 0..200 {
        let sim = Simulation::new(setup.clone(), settings(seed, Style::Steady, 10)).unwrap();
        let rv = sim.counterpart.reservation();
        assert!((low..=high).contains(&rv), "{rv}");
        seen.push(rv);
        // Our side is never drawn.
        assert_eq!(sim.counterpart.truth.parties[0], setup.problem.parties[0]);
    }
    let spread =
        seen.iter().fold(0.0_f64, |m, v| m.max(*v)) - seen.iter().fold(100.0_f64, |m, v| m.min(*v));
    assert!(spread > 10.0, "{spread}");
}

#[test]
fn surprise_styles_come_from_the_seed() {
    let styles: Vec<Style> = (0..40).map(surprise_style).collect();
    assert_eq!(styles, (0..40).map(surprise_style).collect::<Vec<_>>());
    for s in Style::ALL {
        assert!(styles.contains(&s), "{s:?} never drawn");
    }
}

#[test]
fn moves_that_do_not_fit_are_refused_and_change_nothing() {
    let mut sim = Simulation::new(job_offer(), settings(3, Style::Steady, 10)).unwrap();
    assert_eq!(sim.accept(), Err(RehearsalError::NothingToAccept));
    assert_eq!(sim.offer(&[0, 0]), Err(RehearsalError::BadPackage));
    assert_eq!(sim.offer(&[0, 0, 0, 9]), Err(RehearsalError::BadPackage));
    assert!(sim.moves().is_empty());
    sim.offer(&[2, 2, 2, 2]).unwrap();
    assert_eq!(sim.moves().len(), 2);
    assert!(sim.can_accept());
    sim.walk_away().unwrap();
    assert_eq!(sim.ending().unwrap().reason, EndReason::YouWalkedAway);
    assert_eq!(sim.walk_away(), Err(RehearsalError::Over));
    assert!(!sim.result().unwrap().agreed);
    // Values: what the user sees is the estimate; the truth is drawn.
    let (ours, theirs) = sim.known_values(&[1, 1, 1, 2]).unwrap();
    assert!((ours - 72.5).abs() < 1e-9);
    assert!((0.0..=100.0).contains(&theirs), "{theirs}");
}

#[test]
fn with_three_parties_the_rehearsal_is_between_two() {
    let setup = three_party_setup();
    assert_eq!(setup.problem.parties.len(), 2);
    assert_eq!(setup.problem.us, Some(0));
    let sim = play_scripted(
        Simulation::new(setup, settings(4, Style::Steady, 10)).unwrap(),
        1.0,
    );
    assert!(sim.ending().is_some());
    assert!(sim.ending().unwrap().round <= 10);
}

#[test]
fn the_counterparts_messages_follow_its_moves() {
    // A steady counterpart against a user who never moves from everything for Dana: each
    // reply says the offer is below what it can accept, its moves name what it gives and
    // what it asks for, its last offer says so, and the deadline ends the talks.
    let mut sim = Simulation::new(job_offer(), settings(3, Style::Steady, 6)).unwrap();
    let mut messages = Vec::new();
    while sim.ending().is_none() {
        sim.offer(&[2, 2, 2, 2]).unwrap();
        messages.push(sim.moves().last().unwrap().message.clone());
    }
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert!(
        messages[0].starts_with("That is below what we can accept."),
        "{}",
        messages[0]
    );
    assert!(messages[0].contains(" we need "), "{}", messages[0]);
    for m in &messages[1..5] {
        assert!(
            m.starts_with("That is still below what we can accept."),
            "{m}"
        );
        assert!(
            (m.contains("We can move on ") && m.contains(" if you can move on "))
                || m.contains("We cannot move further unless you do."),
            "{m}"
        );
    }
    assert!(
        messages.iter().any(|m| m.contains(" if you can move on ")),
        "{messages:#?}"
    );
    assert!(
        messages[4].ends_with("This is our final offer."),
        "{}",
        messages[4]
    );
    assert!(messages[5].starts_with("Time is up"), "{}", messages[5]);
    assert_eq!(sim.ending().unwrap().reason, EndReason::Deadline);
}
