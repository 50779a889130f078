//! End-to-end: the release build served under a sub-path by a plain static server, driven
//! in real Chromium through WebDriver the way a user would. Run by scripts/test.sh after
//! `trunk build --release` (it sets E2E_DIST). One module per area of the app.

mod a11y;
mod brief;
mod chart;
mod dom;
mod elicit;
mod explore;
mod files;
mod hostile;
mod journey;
mod library;
mod offline;
mod options;
mod packages;
mod people;
mod practise;
mod research;
mod strategy;
mod support;
mod team;

use support::{Browser, StaticServer};

/// Serves the release build and opens its library in a fresh browser (empty storage).
/// (The bare address opens the sample plan on a first visit; `#/` asks for the library.)
pub fn open_app() -> (StaticServer, Browser) {
    open_app_sized(1280, 900)
}

/// The same at a given screen size (below 500 px wide, a phone is emulated).
pub fn open_app_sized(width: u32, height: u32) -> (StaticServer, Browser) {
    let server = StaticServer::start(support::dist_dir());
    let browser = Browser::start_sized(width, height);
    browser.goto(&format!("{}#/", server.url()));
    (server, browser)
}

/// Titles in the library, in list order.
pub fn listed_titles(b: &Browser) -> Vec<String> {
    b.find_all(".plan-list .plan-title")
        .iter()
        .map(|e| b.text(e))
        .collect()
}

pub fn wait_for_titles(b: &Browser, what: &str, f: impl Fn(&[String]) -> bool) -> Vec<String> {
    b.wait_until(what, || {
        let titles = listed_titles(b);
        f(&titles).then_some(titles)
    })
}

/// Starts a plan from one of the library's example templates ("job-offer",
/// "supplier-contract", "three-party") and waits until its workspace has saved it.
pub fn start_template(b: &Browser, template: &str) {
    wait_for_titles(b, "the library", |t| !t.is_empty());
    b.click(&b.wait(&format!("button[data-template='{template}']")));
    b.wait("#plan-title");
    wait_saved(b);
}

/// Waits until the workspace says its edits are saved.
pub fn wait_saved(b: &Browser) {
    b.wait_until("the save indicator to say Saved", || {
        let s = b.try_find(".save-status")?;
        (b.text(&s) == "✓ Saved" || b.text(&s) == "Saved").then_some(())
    });
}

/// Runs axe-core (from node_modules, injected through WebDriver, which the page's CSP
/// does not restrict) on the current page and fails on any serious or critical violation.
/// Returns the number of rules that passed, so callers can tell it really ran.
pub fn check_axe(b: &Browser, what: &str) -> usize {
    let (passes, bad) = axe_serious(b, what);
    assert!(
        bad.is_empty(),
        "axe: serious or critical violations on {what}: {bad:#?}"
    );
    passes
}

/// The number of rules axe passed and its serious or critical violations.
pub fn axe_serious(b: &Browser, what: &str) -> (usize, Vec<serde_json::Value>) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} ({e}): run npm ci",
            path.display()
        )
    });
    b.exec(
        &format!("{source}\n;window.axe = axe; return true;"),
        serde_json::json!([]),
    );
    let result = b.exec_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] })
            .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })) }))
            .catch(e => done({ error: String(e) }));",
        serde_json::json!([]),
    );
    assert!(
        result.get("error").is_none(),
        "axe failed on {what}: {result}"
    );
    let bad: Vec<serde_json::Value> = result["violations"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter(|x| matches!(x["impact"].as_str(), Some("serious") | Some("critical")))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    (result["passes"].as_u64().unwrap_or(0) as usize, bad)
}

/// Opens the step list when a narrow screen folds it behind its button.
pub fn unfold_steps(b: &Browser) {
    let folded = b.exec(
        "const t = document.querySelector('.step-nav-toggle');
         return !!t && getComputedStyle(t).display !== 'none'
             && t.getAttribute('aria-expanded') !== 'true';",
        serde_json::json!([]),
    );
    if folded == serde_json::json!(true) {
        b.click(&b.wait(".step-nav-toggle"));
        b.wait(".step-phases.open");
    }
}

/// Opens a step from the workspace's step list (unfolding it on a narrow screen) and waits
/// for its heading.
pub fn open_step(b: &Browser, label: &str) {
    b.wait(".step-nav");
    unfold_steps(b);
    let link = b.wait_until(&format!("the step link {label}"), || {
        b.find_all(".step-nav a")
            .into_iter()
            .find(|a| b.text(a).contains(label))
    });
    b.click(&link);
    b.wait_until(&format!("the {label} heading"), || {
        let h = b.try_find("#step-heading")?;
        (b.text(&h) == label).then_some(())
    });
}

/// Creates a plan from the library with the keyboard (name, Enter); its workspace opens.
pub fn create_plan(b: &Browser, title: &str) {
    wait_for_titles(b, "the library", |t| !t.is_empty());
    let name = b.wait("#new-plan-title");
    b.click(&name);
    b.send_keys(&name, &format!("{title}{}", support::ENTER));
    b.wait("#plan-title");
}

/// Nothing was logged as an error (CSP violations and panics would show here).
pub fn assert_clean_console(b: &Browser) {
    let errors: Vec<_> = b
        .console()
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// The page itself never scrolls sideways (wide tables scroll inside their own box): not
/// the document, and not the content area (`main`, which scrolls under the header).
pub fn assert_no_page_overflow(b: &Browser, what: &str) {
    let overflow = b.exec(
        "const d = document.documentElement, m = document.querySelector('main');
         return Math.max(d.scrollWidth - d.clientWidth, m ? m.scrollWidth - m.clientWidth : 0);",
        serde_json::json!([]),
    );
    if overflow.as_i64().unwrap_or(0) > 0 {
        // Name the widest elements that reach past the right edge, to say what to fix.
        let culprits = b.exec(
            "const w = document.documentElement.clientWidth;
             return [...document.querySelectorAll('main *')]
               .map(e => [e, e.getBoundingClientRect().right])
               .filter(([e, r]) => r > w + 0.5)
               .sort((a, b) => b[1] - a[1]).slice(0, 4)
               .map(([e, r]) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
                    + ' ' + Math.round(r) + 'px');",
            serde_json::json!([]),
        );
        panic!("{what}: the page scrolls sideways by {overflow}px ({culprits})");
    }
}
