//! The packages step on the sample plan: values per party, BATNAs, interests, composing a
//! package, the engine's suggestions, sorting; everything persists.

use crate::support::Browser;
use crate::{open_app, open_step, wait_for_titles, wait_saved};

fn open_packages(b: &Browser) {
    wait_for_titles(b, "the sample plan", |t| t.len() == 1);
    b.click(&b.wait(".plan-title"));
    open_step(b, "Packages");
    b.wait(".package-card");
}

fn card_texts(b: &Browser) -> Vec<String> {
    b.find_all(".package-card")
        .iter()
        .map(|c| b.text(c))
        .collect()
}

#[test]
fn packages_compare_parties_and_persist() {
    let (_server, b) = open_app();
    open_packages(&b);
    let first = card_texts(&b).remove(0);
    assert!(first.contains("Joint value 131.0"), "{first}");
    assert!(first.contains("72.5") && first.contains("58.5"), "{first}");
    assert!(first.contains("beats BATNA (45)"), "{first}");
    assert!(first.contains("Serves 2 interest(s), misses 4"), "{first}");

    // The analysis suggests its reference packages; add the first as a package.
    let add = b.wait(".suggestions button");
    b.click(&add);
    b.wait_until("two packages", || (card_texts(&b).len() == 2).then_some(()));

    // Compose a new package with the keyboard-operable selects: all options at their first.
    b.click(&b.wait(".packages-controls button.primary"));
    b.wait_until("three packages", || {
        (card_texts(&b).len() == 3).then_some(())
    });
    let selects = b.find_all(".package-card:last-child select");
    assert_eq!(selects.len(), 4);
    for s in &selects {
        // Focus by keyboard and press ArrowDown: the first option after "still open".
        b.send_keys(s, "\u{E015}");
    }
    b.wait_until("the new package's value", || {
        card_texts(&b)
            .last()
            .filter(|t| !t.contains("some issues are still open"))
            .map(|_| ())
    });
    // Sort by joint gain: the highest joint value comes first.
    let sort = b.wait("#package-sort");
    b.send_keys(&sort, "Joint gain");
    wait_saved(&b);
    b.screenshot("step-packages");
    let joint = |t: &String| -> f64 {
        t.split("Joint value ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(-1.0)
    };
    let texts = b.wait_until("sorted packages", || {
        let t = card_texts(&b);
        let v: Vec<f64> = t.iter().map(joint).collect();
        (v.len() == 3 && v.windows(2).all(|w| w[0] >= w[1])).then_some(t)
    });
    assert_eq!(texts.len(), 3);

    b.refresh();
    b.wait(".package-card");
    assert_eq!(card_texts(&b).len(), 3, "packages persist after a reload");
}
