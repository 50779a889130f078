//! Bounded fuzzing of the remaining readers: CSV scores and share links never panic on any
//! input; they either read it or say what is wrong. (The GENIUS and GeniusWeb readers are
//! fuzzed in formats_fuzz.rs, plan files in persist_exchange.rs.)

use planner::formats::{csv, share};
use planner::model::{sample_plan, PlanId};
use proptest::prelude::*;

fn plan() -> planner::model::Plan {
    sample_plan(PlanId::parse("pfuzz").unwrap(), 0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn csv_import_never_panics_and_fails_without_changing_the_plan(text in any::<String>()) {
        let mut p = plan();
        if csv::import(&mut p, &text).is_err() {
            prop_assert_eq!(p, plan());
        }
    }

    /// Mutations of a real export: cut, flipped, spliced lines.
    #[test]
    fn csv_import_survives_mutated_exports(cut in 0usize..2000, at in 0usize..2000, junk in "[,\"\\n0-9a-z.-]{0,12}") {
        let text = csv::export(&plan());
        let cut = cut.min(text.len());
        let mut s: String = text.chars().take(cut).collect();
        let at = at.min(s.chars().count());
        let head: String = s.chars().take(at).collect();
        let tail: String = s.chars().skip(at).collect();
        s = format!("{head}{junk}{tail}");
        let mut p = plan();
        let _ = csv::import(&mut p, &s);
    }

    #[test]
    fn share_links_never_panic(data in "[A-Za-z0-9_-]{0,400}") {
        let _ = share::decode(&data);
    }

    #[test]
    fn damaged_share_links_never_panic(k in 0usize..3000, c in "[A-Za-z0-9_-]") {
        let link = share::encode(&plan(), 0).unwrap();
        let mut chars: Vec<char> = link.chars().collect();
        let k = k % chars.len();
        chars[k] = c.chars().next().unwrap_or('A');
        let damaged: String = chars.into_iter().collect();
        let _ = share::decode(&damaged);
    }
}
