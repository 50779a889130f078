//! Files and links in and out of a plan: a share link opened in the browser imports a copy;
//! the scoring matrix goes out as CSV and comes back; the research formats are written.

use crate::{open_app, wait_for_titles};

#[test]
fn share_link_csv_and_research_exports() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the sample plan", |t| t.len() == 1);
    b.click(&b.wait(".plan-title"));
    b.click(&b.wait(".plan-files summary"));

    // Scores out as CSV, edited, and back in.
    b.click(&b.wait_until("the CSV button", || {
        b.find_all(".plan-files-actions button")
            .into_iter()
            .find(|x| b.text(x) == "Scores as CSV")
    }));
    let csv = b.wait_download(".scores.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("issue,option,Dana (candidate) weight,"),
        "{text:.120}"
    );
    let edited = text.replacen("Salary,€85k,40,0,", "Salary,€85k,40,7,", 1);
    assert_ne!(edited, text, "the expected row is missing: {text}");
    let path = b.downloads().join("edited.csv");
    std::fs::write(&path, edited).unwrap();
    b.send_keys(&b.wait("#csv-import"), path.to_str().unwrap());
    b.wait_until("the CSV import message", || {
        let m = b.try_find(".plan-files-message")?;
        b.text(&m)
            .contains("Imported 48 scores from “edited.csv”")
            .then_some(())
    });

    // GENIUS export: a domain file and one profile per party.
    b.click(&b.wait_until("the GENIUS button", || {
        b.find_all(".plan-files-actions button")
            .into_iter()
            .find(|x| b.text(x) == "GENIUS XML files")
    }));
    let buttons = b.wait_until("three download buttons", || {
        let v = b.find_all(".research-files button");
        (v.len() == 3).then_some(v)
    });
    for button in &buttons {
        b.click(button);
    }
    b.wait_until("three GENIUS files", || {
        let n = std::fs::read_dir(b.downloads())
            .ok()?
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
            .count();
        (n == 3).then_some(())
    });

    // A share link, opened, offers the plan and imports a copy.
    b.click(&b.wait("button.share-link"));
    let url = b.value(&b.wait("#share-url"));
    // The panel says what a link holds and where links are kept (issue #19).
    let said = b.text(&b.wait(".plan-files-message"));
    assert!(
        said.contains("The link holds the whole plan") && said.contains("browser history"),
        "{said}"
    );
    assert!(url.contains("/tools/planner/#/share/"), "{url:.80}");
    b.goto(&url);
    let h1 = b.wait("main h1");
    assert_eq!(b.text(&h1), "A plan was shared with you");
    // The offer appears once the link has been read, after the page first draws.
    let import = b.wait(".share-actions button");
    b.screenshot("share-link-offer");
    b.click(&import);
    // The library already has a plan of that title: the copy gets a number.
    let title = b.wait("#plan-title");
    assert_eq!(b.value(&title), "Job offer example (my copy) (2)");
    b.click(&b.wait(".breadcrumb a"));
    wait_for_titles(&b, "the original and the copy", |t| t.len() == 2);

    // A damaged link explains itself.
    b.goto(&format!("{}x!", &url[..url.len() / 2]));
    b.wait_until("the refusal", || {
        let h1 = b.try_find("main h1")?;
        (b.text(&h1) == "This share link cannot be opened").then_some(())
    });
}
