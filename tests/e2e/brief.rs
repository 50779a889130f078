//! The brief: a plan started from the supplier-contract template, its one-page brief on
//! screen at desktop and phone widths, the Markdown download, and the print stylesheet.

use crate::open_app;
use crate::support::Browser;
use serde_json::json;

/// From the library: starts a plan from the supplier-contract example and opens its Brief
/// step through the step navigation.
fn open_supplier_brief(b: &Browser) {
    crate::start_template(b, "supplier-contract");
    assert_eq!(
        b.value(&b.wait("#plan-title")),
        "Supplier contract example (my copy)"
    );
    crate::open_step(b, "Brief");
    b.wait(".brief");
    assert!(b.current_url().ends_with("/brief"), "{}", b.current_url());
}

fn scroll_to(b: &Browser, css: &str) {
    b.exec(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
        json!([css]),
    );
}

#[test]
fn the_supplier_brief_shows_the_preparation_and_downloads_as_markdown() {
    let (_server, b) = open_app();
    open_supplier_brief(&b);

    let text = b.text(&b.wait(".brief"));
    for needle in [
        "Preparation brief: Supplier contract example (my copy)",
        "Prepared for Northfield Bakeries (buyer).",
        // Parties and their BATNAs, with the counterpart's reservation value as a range.
        "Northfield Bakeries (buyer)",
        "Verpa Packaging (supplier)",
        "Renew with Kartonex: €132 per 1,000",
        "Sell the line's spare capacity to wholesalers at lower margins.",
        "40 (range 30–50)",
        // An issue with its options and its objective criterion.
        "Price per 1,000 bags",
        "€118 · €124 · €130 · €136",
        "Resin price index and competing quotes",
        // Packages, best first, with verdicts; the MESO group; the engine's package.
        "1. Lowest price for full commitment",
        "3. Draft: short and flexible",
        "✓ beats 45",
        "Offers to present together",
        "The engine's suggestion: the Nash bargaining package",
        // Fact-finding.
        "What does a shorter delivery time really cost Verpa?",
        "Down 6% year on year.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // Sections are headings a screen reader can jump between.
    let headings: Vec<String> = b.find_all(".brief h4").iter().map(|h| b.text(h)).collect();
    assert_eq!(
        headings,
        [
            "Parties and alternatives",
            "Key interests",
            "Issues, options and criteria",
            "Best packages",
            "Strategy",
            "Fact-finding"
        ]
    );
    b.screenshot("brief-1280-top");
    scroll_to(&b, "#brief-packages");
    b.screenshot("brief-1280-packages");

    // The Markdown download: the same brief, named after the plan.
    let button = b.wait_until("the download button", || {
        b.find_all(".brief-actions button")
            .into_iter()
            .find(|e| b.text(e) == "Download as Markdown")
    });
    b.click(&button);
    let file = b.wait_download(".brief.md");
    assert!(
        file.to_string_lossy()
            .ends_with("Supplier-contract-example-my-copy.brief.md"),
        "{}",
        file.display()
    );
    let md = b.wait_until("the downloaded file's text", || {
        std::fs::read_to_string(&file)
            .ok()
            .filter(|t| t.ends_with('\n'))
    });
    for needle in [
        "# Preparation brief: Supplier contract example (my copy)\n",
        "- **Verpa Packaging (supplier)**: Sales director with a new line to fill\n",
        "  - Reservation value: 40 (range 30–50)\n",
        "### Price per 1,000 bags\n",
        "- Criterion: Resin price index and competing quotes",
        "### 1. Lowest price for full commitment — joint value 132\n",
        "- **First meeting:** Lowest price for full commitment, Fast delivery for partial commitment\n",
        "## Fact-finding\n",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
}

#[test]
fn the_print_stylesheet_hides_the_app_around_the_brief() {
    let (_server, b) = open_app();
    open_supplier_brief(&b);
    // Collect the selectors of every rule inside @media print, from the loaded stylesheets.
    let selectors = b.exec(
        "const out = [];
         for (const sheet of document.styleSheets) {
           for (const rule of sheet.cssRules) {
             if (rule instanceof CSSMediaRule && rule.media.mediaText === 'print') {
               for (const r of rule.cssRules) {
                 out.push(r.selectorText + ' { ' + r.style.cssText + ' }');
               }
             }
           }
         }
         return out;",
        json!([]),
    );
    let rules: Vec<String> = selectors
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let hiding = rules
        .iter()
        .find(|r| r.contains("display: none"))
        .unwrap_or_else(|| panic!("no rule hides anything in print: {rules:?}"));
    for chrome in [
        ".app-header",
        ".step-nav",
        ".toolbar",
        ".breadcrumb",
        ".step-pager",
        ".notice-region",
        ".title-input",
        ".brief-actions",
        "button",
    ] {
        assert!(hiding.contains(chrome), "{chrome} is printed: {hiding}");
    }
    assert!(
        rules
            .iter()
            .any(|r| r.starts_with("html, body") && r.contains("255, 255, 255")),
        "{rules:?}"
    );
    // On screen, the intro and the buttons are there.
    assert!(b.try_find(".brief-step .step-intro").is_some());
    assert_eq!(b.find_all(".brief-actions button").len(), 2);
}

#[test]
fn the_brief_fits_a_phone_screen() {
    let (_server, b) = crate::open_app_sized(360, 800);
    open_supplier_brief(&b);
    // Nothing wider than the screen: tables scroll inside their own box.
    crate::assert_no_page_overflow(&b, "the brief at 360 px");
    scroll_to(&b, ".brief");
    b.screenshot("brief-360-top");
    scroll_to(&b, "#brief-packages");
    b.screenshot("brief-360-packages");
}
