use super::*;
use crate::analysis::opponent::FrequencyModel;
use crate::rehearsal::testing::*;

fn counterpart(setup: &Setup, style: Style, seed: u64) -> Counterpart {
    Counterpart::draw(setup, &settings(seed, style, 10)).unwrap()
}

fn some(p: &[usize]) -> Vec<Option<usize>> {
    p.iter().copied().map(Some).collect()
}

#[test]
fn the_pick_is_what_a_search_of_every_package_finds() {
    // Against every package listed: the pick reaches the aim, and when packages lie well
    // inside the window it is in the window and believed best for the user there (the
    // programme's buckets are 0.05 wide, so the window's edges are allowed that slack per
    // issue).
    for seed in 0..40 {
        let setup = random_setup(seed, 1 + (seed % 4) as usize, 2 + (seed % 3) as usize);
        let them = counterpart(&setup, Style::Steady, seed);
        let all = all_packages(&them.truth);
        let mut rng = SplitMix64::new(seed);
        let mut model = FrequencyModel::new(&them.contrib.iter().map(Vec::len).collect::<Vec<_>>());
        for _ in 0..(seed % 5) {
            let p = &all[(rng.next_u64() % all.len() as u64) as usize];
            model.observe(p).unwrap();
        }
        let belief = model.estimate();
        let own = |p: &[usize]| them.model.from_fixed(them.value_fixed(p).unwrap());
        let slack = 0.05 * them.contrib.len() as f64 + 1e-9;
        for k in 0..=20 {
            let aim = them.reservation() + (them.best() - them.reservation()) * f64::from(k) / 20.0;
            let Some(pick) = them.pick(aim, &belief) else {
                assert!(them.best() < aim - 1e-9);
                continue;
            };
            assert!(own(&pick) >= aim - 1e-9, "seed {seed} aim {aim}");
            let inner: Vec<&Vec<usize>> = all
                .iter()
                .filter(|p| own(p) >= aim + slack && own(p) <= aim + WINDOW - slack)
                .collect();
            if let Some(best) = inner.iter().map(|p| belief.value(p)).max_by(f64::total_cmp) {
                assert!(own(&pick) <= aim + WINDOW + 1e-9, "seed {seed} aim {aim}");
                assert!(belief.value(&pick) >= best - 1e-9, "seed {seed} aim {aim}");
            }
        }
        // Aiming at its best, it offers a package worth its best.
        let top = them.pick(them.best(), &belief).unwrap();
        assert!((own(&top) - them.best()).abs() < 1e-9);
    }
}

#[test]
fn the_styles_aims_are_ordered_and_run_from_best_to_walk_away() {
    let setup = job_offer();
    let styles = [Style::Tough, Style::Steady, Style::Accommodating];
    let them: Vec<Counterpart> = styles.iter().map(|&s| counterpart(&setup, s, 4)).collect();
    for round in 1..=10 {
        let aims: Vec<f64> = them.iter().map(|c| c.aim(round, 10, &[])).collect();
        assert!(
            aims[0] >= aims[1] - 1e-9 && aims[1] >= aims[2] - 1e-9,
            "{aims:?}"
        );
    }
    for c in &them {
        assert!((c.aim(1, 10, &[]) - c.best()).abs() < 1e-9);
        assert!((c.aim(10, 10, &[]) - c.reservation()).abs() < 1e-9);
    }
    // Tough: still above 99% of its room at 60% of the time.
    let c = &them[0];
    let share = (c.aim(7, 11, &[]) - c.reservation()) / (c.best() - c.reservation());
    assert!(share > 0.9, "{share}");
}

#[test]
fn the_mirror_concedes_as_much_as_the_user_does() {
    let setup = job_offer();
    let c = counterpart(&setup, Style::Mirror, 4);
    let (rv, best) = (c.reservation(), c.best());
    // The user repeats an offer: no move.
    let a = some(&[2, 2, 2, 2]);
    assert!((c.aim(3, 10, &[a.clone(), a.clone(), a.clone()]) - best).abs() < 1e-9);
    // The user closes a share of the gap to the counterpart's best: so does it, toward its
    // reservation value.
    let b = some(&[1, 1, 1, 2]);
    let (va, vb) = (c.value_of(&a).unwrap(), c.value_of(&b).unwrap());
    let share = (vb - va) / (best - va);
    assert!(share > 0.0);
    let aim = c.aim(2, 10, &[a.clone(), b.clone()]);
    assert!((aim - (best - share * (best - rv))).abs() < 1e-9, "{aim}");
    // Taking the concession back takes its concession back.
    let back = c.aim(3, 10, &[a.clone(), b.clone(), a.clone()]);
    assert!(back > aim + 1e-9 && back <= best + 1e-9);
}

#[test]
fn it_accepts_by_ac_next_and_never_below_its_reservation_value() {
    let setup = job_offer();
    for seed in 0..3 {
        for style in Style::ALL {
            let c = counterpart(&setup, style, seed);
            let all = all_packages(&c.truth);
            let first = some(&all[0]);
            for round in [1, 2, 5, 9, 10] {
                for p in &all {
                    let offers = vec![first.clone(), some(p)];
                    let r = c.reply(round, 10, &offers);
                    let v = c.value_fixed(p).unwrap();
                    let aim = c.aim(round, 10, &offers);
                    let next = if round >= 10 {
                        Some(c.model.to_fixed(aim))
                    } else {
                        c.pick(aim, &c.belief(&offers))
                            .and_then(|q| c.value_fixed(&q))
                    };
                    let acceptable = next.is_some_and(|n| v >= n - c.model.tolerance_fixed())
                        && v >= c.reservation - c.model.tolerance_fixed();
                    assert_eq!(
                        r.decision == Decision::Accept,
                        acceptable,
                        "seed {seed} {style:?} round {round} {p:?}"
                    );
                    if let Decision::Counter { package, last } = &r.decision {
                        assert!(
                            c.value_fixed(package).unwrap()
                                >= c.reservation - c.model.tolerance_fixed()
                        );
                        assert_eq!(*last, round == 9);
                        assert!(round < 10);
                    }
                    assert_eq!(r.below, v < c.reservation - c.model.tolerance_fixed());
                }
            }
        }
    }
}

#[test]
fn it_leaves_at_the_deadline_and_a_tough_one_leaves_early() {
    let setup = job_offer();
    // Our best package is worth nothing to Nimbus: far below any reservation value.
    let low = some(&[2, 2, 2, 2]);
    for style in Style::ALL {
        let c = counterpart(&setup, style, 8);
        let r = c.reply(10, 10, std::slice::from_ref(&low));
        assert_eq!(r.decision, Decision::WalkAway(Leave::Deadline), "{style:?}");
        let three = vec![low.clone(); 3];
        let r = c.reply(3, 10, &three);
        assert_eq!(r.below_streak, 3);
        if style == Style::Tough {
            assert_eq!(r.decision, Decision::WalkAway(Leave::BelowTooLong));
        } else {
            assert!(matches!(r.decision, Decision::Counter { .. }), "{style:?}");
        }
        // Two in a row is not yet enough for the tough one.
        let r = c.reply(2, 10, &three[..2]);
        assert!(matches!(r.decision, Decision::Counter { .. }));
    }
}

#[test]
fn with_nothing_worth_its_reservation_value_it_leaves_at_once() {
    let mut setup = job_offer();
    setup.problem.parties[1].reservation = 100.0;
    for issue in &mut setup.problem.issues {
        issue.evaluations[1].ratings[0] = 90.0;
    }
    setup.reservation_range = (100.0, 100.0);
    let c = Counterpart::draw(
        &setup,
        &Settings {
            as_estimated: true,
            ..settings(1, Style::Steady, 10)
        },
    )
    .unwrap();
    assert!(c.best() < c.reservation());
    let r = c.reply(1, 10, &[some(&[0, 0, 0, 0])]);
    assert_eq!(r.decision, Decision::WalkAway(Leave::NothingAcceptable));
}

#[test]
fn the_pick_stays_quick_and_sound_on_a_large_plan() {
    // 10 issues × 8 options (10^9 packages): the programme never lists them.
    let setup = random_setup(11, 10, 8);
    let c = counterpart(&setup, Style::Steady, 11);
    let belief = FrequencyModel::new(&[8; 10]).estimate();
    for k in 0..=10 {
        let aim = c.reservation() + (c.best() - c.reservation()) * f64::from(k) / 10.0;
        let p = c.pick(aim, &belief).unwrap();
        let v = c.model.from_fixed(c.value_fixed(&p).unwrap());
        assert!(v >= aim - 1e-9 && v <= aim + WINDOW + 1e-9, "{aim} {v}");
    }
}
