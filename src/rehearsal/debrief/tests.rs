use super::*;
use crate::rehearsal::testing::*;
use crate::rehearsal::{Settings, Style};

fn played(seed: u64, style: Style, e: f64) -> Simulation {
    play_scripted(
        Simulation::new(job_offer(), settings(seed, style, 10)).unwrap(),
        e,
    )
}

#[test]
fn an_agreement_is_read_against_the_frontier_and_the_nash_point() {
    let mut agreements = 0;
    for seed in 0..10 {
        let sim = played(seed, Style::Steady, 1.0);
        let d = debrief(&sim, false);
        let f = &d.figures;
        assert_eq!(d.lessons.len(), 3, "{:#?}", d.lessons);
        assert_eq!(d.seed, seed);
        let Some(deal) = &f.deal else { continue };
        agreements += 1;
        let (ours, theirs) = sim.true_values(deal).unwrap();
        assert_eq!(f.ours, Some(ours));
        assert_eq!(f.theirs, Some(theirs));
        assert!(
            theirs >= f.true_reservation - 1e-9,
            "never below its reservation value"
        );
        assert!(d.result[0].starts_with("Agreement in round"));
        assert!(d.result[1].contains("against your BATNA of 45"));
        // Left on the table: what the best package dominating the deal adds.
        let all = all_packages(&sim.counterpart.truth);
        let best_gain = all
            .iter()
            .filter_map(|p| sim.true_values(p))
            .filter(|v| v.0 >= ours - 1e-9 && v.1 >= theirs - 1e-9)
            .map(|v| v.0 + v.1 - ours - theirs)
            .fold(0.0, f64::max);
        assert!(
            (f.left_on_table.unwrap() - best_gain).abs() < 1e-6,
            "seed {seed}"
        );
        assert_eq!(f.improvement.is_some(), best_gain > 1e-9);
        let nash = f.nash.as_ref().unwrap();
        assert!(d.frontier.iter().any(|s| s.starts_with("The Nash point")));
        assert!(nash.1 >= f.our_batna - 1e-9);
    }
    assert!(agreements >= 5, "{agreements}");
}

#[test]
fn concessions_are_read_for_what_they_bought() {
    let sim = played(3, Style::Mirror, 1.0);
    let d = debrief(&sim, true);
    let f = &d.figures;
    assert!(d.style.contains("Mirror (your surprise)"), "{}", d.style);
    assert!(!f.concessions.is_empty());
    assert_eq!(f.concessions.len(), d.concessions.len());
    for (c, line) in f.concessions.iter().zip(&d.concessions) {
        assert!(c.gave > 0.05);
        assert!(
            line.starts_with(&format!("Round {}: you gave up", c.round)),
            "{line}"
        );
        assert_eq!(
            line.contains("for nothing"),
            c.got.is_some_and(|g| g <= 0.05),
            "{line}"
        );
    }
    // The user's offers fall round by round (it concedes on time); the curves show them.
    assert_eq!(f.curves.ours.len(), f.offers.len());
    assert!(f.curves.ours.windows(2).all(|w| w[1].1 <= w[0].1 + 1e-9));
    assert!(d.curves_svg.contains("<svg"));
    assert!(d.first_offer.starts_with("Your first offer"));
}

#[test]
fn a_walk_away_is_read_with_what_was_possible() {
    let mut sim = Simulation::new(job_offer(), settings(5, Style::Tough, 10)).unwrap();
    // Three offers that give Nimbus nothing: a tough counterpart leaves.
    for _ in 0..3 {
        sim.offer(&[2, 2, 2, 2]).unwrap();
    }
    let end = sim.ending().unwrap();
    assert_eq!(end.reason, EndReason::BelowTooLong);
    let d = debrief(&sim, false);
    assert!(d.result[0].starts_with("No agreement"), "{:?}", d.result);
    assert!(d.result[0].contains("round 3"));
    assert!(
        d.frontier[0].starts_with("A deal was possible"),
        "{:?}",
        d.frontier
    );
    assert_eq!(d.lessons.len(), 3);
    assert!(d.lessons[0].contains("was possible"), "{:?}", d.lessons);
    assert!(
        d.lessons
            .iter()
            .any(|l| l.contains("Your opening gave them")),
        "{:?}",
        d.lessons
    );
    assert!(d.concessions.is_empty());
}

#[test]
fn the_revealed_counterpart_is_put_in_words() {
    let sim = Simulation::new(job_offer(), settings(9, Style::Steady, 10)).unwrap();
    let d = debrief(&sim, false);
    let f = &d.figures;
    assert_eq!(d.revealed.len(), 5);
    assert_eq!(d.revealed[0].what, "Weight of Salary");
    assert_eq!(d.revealed[4].estimated, "40 (30–55)");
    assert!((f.estimated_weights.iter().sum::<f64>() - 100.0).abs() < 1e-9);
    assert!((f.true_weights.iter().sum::<f64>() - 100.0).abs() < 1e-9);
    let rv_line = d.revealed_words.last().unwrap();
    assert!(rv_line.starts_with("Their walk-away value"), "{rv_line}");
    // A big difference in a weight is named with its numbers.
    for w in &d.revealed_words {
        if w.starts_with("They cared about") {
            assert!(w.contains(" against "), "{w}");
        }
    }
    assert_eq!(d.result[0], "The rehearsal is still going: round 1 of 10.");
    assert_eq!(d.first_offer, "You made no offer.");
}

#[test]
fn lessons_are_drawn_from_the_figures() {
    // A user who accepts their first offer at once: early acceptance, far from the Nash point.
    let mut sim = Simulation::new(job_offer(), settings(2, Style::Tough, 10)).unwrap();
    sim.offer(&[2, 2, 2, 2]).unwrap();
    sim.accept().unwrap();
    let d = debrief(&sim, false);
    let f = &d.figures;
    assert_eq!(f.reason, Some(EndReason::YouAccepted));
    assert_eq!(d.lessons.len(), 3);
    if f.ours.unwrap() < f.our_batna {
        assert!(d.lessons[0].contains("below your BATNA"), "{:?}", d.lessons);
    }
    for l in &d.lessons {
        assert!(
            l.chars().any(|c| c.is_ascii_digit()),
            "a lesson without a figure: {l}"
        );
    }
    let s = Settings {
        as_estimated: true,
        ..settings(2, Style::Tough, 10)
    };
    let sim = play_scripted(Simulation::new(job_offer(), s).unwrap(), 2.0);
    let d = debrief(&sim, false);
    assert!(!d.lessons.iter().any(|l| l.contains("than you estimated")));
}
