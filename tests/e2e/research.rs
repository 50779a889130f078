//! Research files into the library: a GENIUS domain with its utility spaces picked
//! together, a GeniusWeb set dropped on the page, and a hostile file whose names carry
//! markup, which must show as text and never become HTML.

use crate::support::Browser;
use crate::{open_app, wait_for_titles};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    // `$GENIUS_FIXTURES`, as the native tests read it, else next to the crate.
    let dir = std::env::var("GENIUS_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/genius")
        });
    // Chromium accepts only canonical paths for file inputs.
    dir.join(path)
        .canonicalize()
        .unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn import(b: &Browser, paths: &[PathBuf]) {
    let joined: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    b.send_keys(&b.wait("#import-file"), &joined.join("\n"));
}

#[test]
fn a_genius_domain_becomes_a_plan() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    import(
        &b,
        &[
            fixture("Laptop/laptop_buyer_utility.xml"),
            fixture("Laptop/laptop_domain.xml"),
            fixture("Laptop/laptop_seller_utility.xml"),
        ],
    );
    // The new plan opens; its parties and issues come from the files.
    let title = b.wait("#plan-title");
    assert!(!b.value(&title).is_empty());
    let notes = b.value(&b.wait("#plan-notes"));
    assert!(
        notes.starts_with("Imported from a research domain with 3 issues and 2 parties"),
        "{notes}"
    );
    assert!(
        notes.contains("rescaled") || notes.contains("weights"),
        "{notes}"
    );
    b.click(&b.wait(".breadcrumb a"));
    wait_for_titles(&b, "two plans", |t| t.len() == 2);

    // An incomplete set is refused, naming what is missing; nothing is imported.
    import(
        &b,
        &[
            fixture("Laptop/laptop_buyer_utility.xml"),
            fixture("Laptop/laptop_seller_utility.xml"),
        ],
    );
    let error = b.wait(".import-error");
    assert!(
        b.text(&error).contains("domain file is missing"),
        "{}",
        b.text(&error)
    );
    assert_eq!(crate::listed_titles(&b).len(), 2);
}

#[test]
fn a_geniusweb_set_dropped_on_the_library_imports() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    let read = |p: &str| std::fs::read_to_string(fixture(p)).unwrap();
    // Drop the three files as a user dragging them from a file manager would.
    b.exec(
        "const dt = new DataTransfer();
         for (const [name, text] of arguments[0]) dt.items.add(new File([text], name));
         const target = document.querySelector('.library');
         target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
         target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
        serde_json::json!([[
            ["party1.json", read("GW_Party/party1.json")],
            ["party.json", read("GW_Party/party.json")],
            ["party2.json", read("GW_Party/party2.json")]
        ]]),
    );
    let notes = b.value(&b.wait("#plan-notes"));
    assert!(notes.contains("6 issues and 2 parties"), "{notes}");
}

#[test]
fn markup_in_an_imported_file_is_shown_as_text() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    let dir = std::env::temp_dir().join(format!("hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let evil = "<img src=x onerror=\\\"document.title='pwned'\\\">";
    std::fs::write(
        dir.join("domain.json"),
        format!(r#"{{"name":"<b>bold</b>","issuesValues":{{"{evil}":{{"values":["<script>alert(1)</script>","plain"]}}}}}}"#),
    )
    .unwrap();
    for (k, name) in ["<i>one</i>", "<u>two</u>"].iter().enumerate() {
        std::fs::write(
            dir.join(format!("p{k}.json")),
            format!(
                r#"{{"LinearAdditiveUtilitySpace":{{"name":"{name}",
                   "issueWeights":{{"{evil}":1.0}},
                   "issueUtilities":{{"{evil}":{{"DiscreteValueSetUtilities":{{"valueUtilities":{{"<script>alert(1)</script>":1.0,"plain":0.0}}}}}}}}}}}}"#
            ),
        )
        .unwrap();
    }
    import(
        &b,
        &[
            dir.join("domain.json"),
            dir.join("p0.json"),
            dir.join("p1.json"),
        ],
    );
    let title = b.wait("#plan-title");
    assert_eq!(b.value(&title), "<b>bold</b>");
    // Walk every step: the names appear as text, and no element came from the file.
    for step in ["parties", "issues", "evaluate", "packages", "brief"] {
        let url = b.current_url();
        let base = url.split('#').next().unwrap().to_string();
        let id = url
            .split("#/plan/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        b.goto(&format!("{base}#/plan/{id}/{step}"));
        b.wait(".step-intro h2");
        let found = b.exec(
            "return document.querySelectorAll('main img, main script, main b, main i, main u').length;",
            serde_json::json!([]),
        );
        assert_eq!(
            found,
            serde_json::json!(0),
            "markup became HTML on the {step} step"
        );
    }
    let body = b.text(&b.wait("main"));
    assert!(
        body.contains("<script>alert(1)</script>") || body.contains("<img"),
        "{body:.300}"
    );
    let page_title = b.exec("return document.title;", serde_json::json!([]));
    assert!(!page_title.as_str().unwrap().contains("pwned"));
    let _ = std::fs::remove_dir_all(&dir);
}
