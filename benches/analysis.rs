//! Criterion benchmarks of the analysis engine (see the report for figures).
//!
//! (a) AMPOvsCity (10 issues, 2 parties, 1.944 million packages): frontier + points, and the
//!     brute-force oracle on the same plan for the ratio; also improve and MESOs;
//! (b) 30 issues × 10 options, 2 parties (10^30 packages): frontier + points;
//! (c) 3 parties, 12 issues × 6 options (2.2·10^9 packages): frontier + points;
//! (d) the oracle and the engine on a 3-party plan of 7 issues × 6 options (280k packages).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use planner::analysis::*;

#[path = "../tests/analysis_common/genius.rs"]
mod genius;

fn random_problem(seed: u64, parties: usize, issues: usize, options: usize) -> Problem {
    let mut rng = SplitMix64::new(seed);
    let weights: Vec<Vec<f64>> = (0..parties)
        .map(|_| {
            (0..issues)
                .map(|_| (rng.next_u64() % 100 + 1) as f64)
                .collect()
        })
        .collect();
    let ratings: Vec<Vec<Vec<f64>>> = (0..parties)
        .map(|_| {
            (0..issues)
                .map(|_| {
                    (0..options)
                        .map(|_| (rng.next_u64() % 101) as f64)
                        .collect()
                })
                .collect()
        })
        .collect();
    Problem::from_matrices(&weights, &ratings, &vec![20.0; parties], Some(0))
}

/// A harder 3-party plan: real-valued ratings where party 1 mirrors party 0 and party 2 is
/// random, so few options are dominated within their issue and the frontier is large.
fn hard3(seed: u64, issues: usize, options: usize) -> Problem {
    let mut rng = SplitMix64::new(seed);
    let weights: Vec<Vec<f64>> = (0..3)
        .map(|_| (0..issues).map(|_| rng.next_f64() * 10.0 + 1.0).collect())
        .collect();
    let base: Vec<Vec<f64>> = (0..issues)
        .map(|_| (0..options).map(|_| rng.next_f64() * 100.0).collect())
        .collect();
    let mirror: Vec<Vec<f64>> = base
        .iter()
        .map(|r| r.iter().map(|x| 100.0 - x).collect())
        .collect();
    let third: Vec<Vec<f64>> = (0..issues)
        .map(|_| (0..options).map(|_| rng.next_f64() * 100.0).collect())
        .collect();
    Problem::from_matrices(&weights, &[base, mirror, third], &[20.0; 3], Some(0))
}

fn ampo() -> Problem {
    genius::read_genius_xml(
        "AMPOvsCity/ampo_vs_city_template.xml",
        &[
            "AMPOvsCity/ampo_vs_city_ampo_space.xml",
            "AMPOvsCity/ampo_vs_city_city_space.xml",
        ],
    )
}

fn full(model: &Model) -> (Frontier, BargainingPoints) {
    let f = compute_frontier(model, &FrontierOptions::default());
    let b = bargaining_points(model, &f);
    (f, b)
}

fn report(name: &str, model: &Model) {
    let t = std::time::Instant::now();
    let (f, b) = full(model);
    let el = t.elapsed();
    let s = f.stats();
    eprintln!(
        "[{name}] packages {:.3e}, frontier points {}, exact {}, eps {}, peak candidates {}, peak working set {:.2} MB, frontier held {:.2} MB, one run {:?}, nash {:?}",
        f.total_packages() as f64,
        f.len(),
        f.is_exact(),
        f.epsilon(),
        s.peak_candidates,
        s.peak_bytes as f64 / 1e6,
        f.memory_bytes() as f64 / 1e6,
        el,
        b.nash.as_ref().map(|p| p.values.clone())
    );
}

fn benches(c: &mut Criterion) {
    let (a, _) = ampo().compile().expect("valid");
    let (b30, _) = random_problem(30, 2, 30, 10).compile().expect("valid");
    let (c3, _) = random_problem(12, 3, 12, 6).compile().expect("valid");
    let (d3, _) = random_problem(7, 3, 7, 6).compile().expect("valid");
    report("a AMPOvsCity", &a);
    report("b 30x10 2p", &b30);
    report("c 12x6 3p", &c3);
    report("d 7x6 3p", &d3);
    let (h3, _) = hard3(5, 12, 6).compile().expect("valid");
    report("c' 12x6 3p hard", &h3);
    // Stress (report only): big 3- and 4-party plans that hit the memory bound (ε-frontier).
    if std::env::var("STRESS").is_ok() {
        let (s3, _) = hard3(9, 30, 10).compile().expect("valid");
        report("stress 30x10 3p hard", &s3);
        let (s4, _) = random_problem(4, 4, 12, 6).compile().expect("valid");
        report("stress 12x6 4p", &s4);
    }

    let mut g = c.benchmark_group("analysis");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    g.bench_function("a_ampo_frontier_nash_ks", |bn| {
        bn.iter(|| full(black_box(&a)))
    });
    g.bench_function("b_30x10_2p_frontier_points", |bn| {
        bn.iter(|| full(black_box(&b30)))
    });
    let (fa, pa) = full(&a);
    let x: Vec<usize> = vec![0; a.issues()];
    g.bench_function("a_ampo_improve_zero_package", |bn| {
        bn.iter(|| improve(black_box(&a), &fa, &x, &ImproveOptions::default()))
    });
    g.bench_function("a_ampo_mesos", |bn| {
        bn.iter(|| mesos(black_box(&a), &pa, &MesoOptions::default()))
    });
    g.bench_function("d_7x6_3p_engine", |bn| bn.iter(|| full(black_box(&d3))));
    g.finish();

    let mut g = c.benchmark_group("slow");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("c_12x6_3p_frontier_points", |bn| {
        bn.iter(|| full(black_box(&c3)))
    });
    g.bench_function("c_hard_12x6_3p_frontier_points", |bn| {
        bn.iter(|| full(black_box(&h3)))
    });
    g.bench_function("a_ampo_oracle", |bn| {
        bn.iter(|| {
            let e = oracle::enumerate(black_box(&a), 2_000_000).expect("fits");
            let fr = oracle::frontier(&e);
            oracle::values(&a, &e, &fr)
        })
    });
    g.bench_function("d_7x6_3p_oracle", |bn| {
        bn.iter(|| {
            let e = oracle::enumerate(black_box(&d3), 300_000).expect("fits");
            let fr = oracle::frontier(&e);
            oracle::values(&d3, &e, &fr)
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
