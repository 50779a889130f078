//! A table of bad inputs, each with the plain-language message (and place) it must produce.

mod formats_common;

use planner::formats::{
    genius_xml, geniusweb, FormatError, ImportOptions, ImportedDomain, InputFile, MAX_INPUT_BYTES,
};

const DOMAIN: &str = r#"<negotiation_template><utility_space><objective index="0" name="D">
<issue index="1" name="Food" type="discrete"><item index="1" value="Pizza"/><item index="2" value="Soup"/></issue>
<issue index="2" name="Days" type="integer" lowerbound="1" upperbound="3"/>
</objective></utility_space></negotiation_template>"#;

fn profile(food: &str, days: &str, weights: &str, extra: &str) -> String {
    format!(
        r#"<utility_space>{extra}<objective index="0" name="D">
<issue index="1" name="Food" type="discrete">{food}</issue>
<issue index="2" name="Days" type="integer" lowerbound="1" upperbound="3">{days}</issue>
{weights}</objective></utility_space>"#
    )
}

const FOOD: &str = r#"<item value="Pizza" evaluation="2"/><item value="Soup" evaluation="1"/>"#;
const DAYS: &str = r#"<evaluator ftype="linear" slope="0.5" offset="0"/>"#;
const WEIGHTS: &str = r#"<weight index="1" value="0.6"/><weight index="2" value="0.4"/>"#;

fn genius(domain: &str, profile: &str) -> Result<ImportedDomain, FormatError> {
    genius_xml::import(
        InputFile::new("d.xml", domain.as_bytes()),
        &[InputFile::new("p.xml", profile.as_bytes())],
        &ImportOptions::default(),
    )
}

const GW_DOMAIN: &str = r#"{"name": "d", "issuesValues": {"Food": {"values": ["Pizza", "Soup"]}, "Days": {"values": ["1", "2"]}}}"#;

fn gw_profile(body: &str) -> String {
    format!(r#"{{"LinearAdditiveUtilitySpace": {{ {body} }} }}"#)
}

const GW_OK: &str = r#""name": "p", "issueWeights": {"Food": 0.5, "Days": 0.5},
 "issueUtilities": {"Food": {"DiscreteValueSetUtilities": {"valueUtilities": {"Pizza": 1, "Soup": 0.5}}},
                    "Days": {"DiscreteValueSetUtilities": {"valueUtilities": {"1": 0, "2": 1}}}}"#;

fn gw(domain: &str, profile: &str) -> Result<ImportedDomain, FormatError> {
    geniusweb::import(
        InputFile::new("d.json", domain.as_bytes()),
        &[InputFile::new("p.json", profile.as_bytes())],
        &ImportOptions::default(),
    )
}

fn expect_err(r: Result<ImportedDomain, FormatError>, parts: &[&str], case: &str) -> FormatError {
    let e = match r {
        Ok(_) => panic!("{case}: expected an error"),
        Err(e) => e,
    };
    let shown = e.to_string();
    for p in parts {
        assert!(shown.contains(p), "{case}: message {shown:?} lacks {p:?}");
    }
    println!("{case:<40} → {shown}");
    e
}

#[test]
fn the_valid_baselines_import() {
    let d = genius(DOMAIN, &profile(FOOD, DAYS, WEIGHTS, "")).unwrap();
    assert_eq!(d.issues[1].options, vec!["1", "2", "3"]);
    assert_eq!(d.parties[0].ratings[1], vec![0.0, 50.0, 100.0]);
    let d = gw(GW_DOMAIN, &gw_profile(GW_OK)).unwrap();
    assert_eq!(d.parties[0].ratings[0], vec![100.0, 50.0]);
}

#[test]
fn genius_bad_inputs_table() {
    let ok_profile = profile(FOOD, DAYS, WEIGHTS, "");
    let cases: Vec<(&str, String, String, Vec<&str>)> = vec![
        ("not XML at all", "hello world".into(), ok_profile.clone(), vec!["d.xml, line 1, column 1", "not XML", "hello world"]),
        ("JSON given as XML", GW_DOMAIN.into(), ok_profile.clone(), vec!["looks like JSON"]),
        ("empty file", "".into(), ok_profile.clone(), vec!["d.xml", "empty"]),
        ("wrong schema", "<html><body/></html>".into(), ok_profile.clone(), vec!["no <objective>", "not a GENIUS domain"]),
        ("unknown issue in profile", DOMAIN.into(), ok_profile.replace("name=\"Food\"", "name=\"Drink\""), vec!["p.xml, line 2", "\"Drink\"", "does not define"]),
        ("unknown value in profile", DOMAIN.into(), profile(&FOOD.replace("Soup", "Salad"), DAYS, WEIGHTS, ""), vec!["p.xml, line 2", "no value \"Salad\""]),
        ("value without evaluation", DOMAIN.into(), profile(r#"<item value="Pizza" evaluation="2"/>"#, DAYS, WEIGHTS, ""), vec!["no evaluation for the value \"Soup\""]),
        ("missing profile issue", DOMAIN.into(), profile(FOOD, DAYS, WEIGHTS, "").replace(r#"<issue index="2" name="Days" type="integer" lowerbound="1" upperbound="3"><evaluator ftype="linear" slope="0.5" offset="0"/></issue>"#, ""), vec!["no <issue name=\"Days\">"]),
        ("negative evaluation", DOMAIN.into(), profile(&FOOD.replace("\"1\"", "\"-1\""), DAYS, WEIGHTS, ""), vec!["negative"]),
        ("NaN evaluation", DOMAIN.into(), profile(&FOOD.replace("\"1\"", "\"NaN\""), DAYS, WEIGHTS, ""), vec!["\"NaN\"", "not a finite number"]),
        ("missing weight", DOMAIN.into(), profile(FOOD, DAYS, r#"<weight index="1" value="1"/>"#, ""), vec!["no <weight index=\"2\">", "\"Days\""]),
        ("negative weight", DOMAIN.into(), profile(FOOD, DAYS, r#"<weight index="1" value="-1"/><weight index="2" value="1"/>"#, ""), vec!["must not be negative"]),
        ("all weights zero", DOMAIN.into(), profile(FOOD, DAYS, r#"<weight index="1" value="0"/><weight index="2" value="0"/>"#, ""), vec!["at least one weight must be positive"]),
        ("reservation out of range", DOMAIN.into(), profile(FOOD, DAYS, WEIGHTS, r#"<reservation value="1.5"/>"#), vec!["reservation value is 1.5"]),
        ("absurd integer range", DOMAIN.replace("upperbound=\"3\"", "upperbound=\"5000000\""), ok_profile.clone(), vec!["5000000 whole numbers", "at most 1000"]),
        ("real issue without a step", DOMAIN.replace("type=\"integer\"", "type=\"real\""), ok_profile.clone(), vec!["real-valued", "choose a step"]),
        ("unknown issue type", DOMAIN.replace("type=\"integer\"", "type=\"objective-ish\""), ok_profile.clone(), vec!["\"objective-ish\"", "only discrete, integer and real"]),
        ("duplicate domain value", DOMAIN.replace("\"Soup\"", "\"Pizza\""), ok_profile.clone(), vec!["lists the value \"Pizza\" twice"]),
        ("deeply nested", "<a>".repeat(100_000), ok_profile.clone(), vec!["nested more than 64 levels"]),
        ("unterminated attribute", "<negotiation_template name=\"x".into(), ok_profile.clone(), vec!["never closed"]),
        ("cut-off tag", "<negotiation_template".into(), ok_profile.clone(), vec!["cut off by the end of the file"]),
        ("nested objectives", DOMAIN.replace("<issue index=\"1\"", "<objective name=\"sub\"/><issue index=\"1\""), ok_profile.clone(), vec!["nested objectives"]),
    ];
    for (case, d, p, parts) in cases {
        expect_err(genius(&d, &p), &parts, case);
    }
}

#[test]
fn genius_size_limit() {
    let mut big = String::from("<negotiation_template>");
    while big.len() <= MAX_INPUT_BYTES {
        big.push_str("<!-- padding padding padding padding padding padding padding padding -->\n");
    }
    expect_err(
        genius(&big, "<x/>"),
        &["d.xml", "larger than 20 MB"],
        "21 MB file",
    );
}

#[test]
fn genius_real_issue_with_step_and_hostile_names() {
    let domain = r#"<utility_space><objective name="&lt;script&gt;alert(1)&lt;/script&gt;">
<issue index="1" name="Price&#10;&#1;" vtype="real"><range lowerbound="0" upperbound="1"/></issue>
<issue index="2" name="Who" type="discrete"><item value="&lt;b&gt;bold&lt;/b&gt;"/><item value="plain"/></issue>
</objective></utility_space>"#;
    let long = "x".repeat(500);
    let prof = r#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><utility_space><objective>
<issue index="1" name="Price&#10;&#1;" vtype="real"><evaluator ftype="linear" parameter0="0" parameter1="1"/></issue>
<issue index="2" name="Who"><item value="&lt;b&gt;bold&lt;/b&gt;" evaluation="1"/><item value="plain" evaluation="&lol2;"/></issue>
<weight index="1" value="0.5"/><weight index="2" value="0.5"/></objective></utility_space>"#.to_string();
    // Entities from a DTD are never expanded: "&lol2;" is not a number.
    expect_err(
        genius_xml::import(
            InputFile::new("d.xml", domain.as_bytes()),
            &[InputFile::new(&format!("{long}.xml"), prof.as_bytes())],
            &ImportOptions {
                real_step: Some(0.25),
            },
        ),
        &["\"&lol2;\"", "not a finite number"],
        "DTD entity not expanded",
    );
    let prof = prof.replace("&lol2;", "0");
    let d = genius_xml::import(
        InputFile::new("d.xml", domain.as_bytes()),
        &[InputFile::new(&format!("{long}.xml"), prof.as_bytes())],
        &ImportOptions {
            real_step: Some(0.25),
        },
    )
    .unwrap();
    assert_eq!(d.name, "<script>alert(1)</script>");
    assert_eq!(d.issues[0].name, "Price");
    assert_eq!(d.issues[0].options, vec!["0", "0.25", "0.5", "0.75", "1"]);
    assert_eq!(d.parties[0].ratings[0], vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    assert_eq!(d.issues[1].options[0], "<b>bold</b>");
    assert_eq!(d.parties[0].name.chars().count(), 200);
    assert!(
        d.warnings.iter().any(|w| w.contains("control characters")),
        "{:?}",
        d.warnings
    );
    assert!(
        d.warnings.iter().any(|w| w.contains("longer than 200")),
        "{:?}",
        d.warnings
    );
    // A step that yields too many options is refused.
    expect_err(
        genius_xml::import(
            InputFile::new("d.xml", domain.as_bytes()),
            &[],
            &ImportOptions {
                real_step: Some(1e-6),
            },
        ),
        &["more than 1000 options", "larger step"],
        "real step too small",
    );
    expect_err(
        genius_xml::import(
            InputFile::new("d.xml", domain.as_bytes()),
            &[],
            &ImportOptions {
                real_step: Some(f64::NAN),
            },
        ),
        &["must be a positive number"],
        "NaN step",
    );
}

#[test]
fn geniusweb_bad_inputs_table() {
    let ok = gw_profile(GW_OK);
    let cases: Vec<(&str, String, String, Vec<&str>)> = vec![
        ("not JSON at all", "hello".into(), ok.clone(), vec!["d.json, line 1", "not valid JSON"]),
        ("XML given as JSON", "<utility_space/>".into(), ok.clone(), vec!["this is XML"]),
        ("empty file", "".into(), ok.clone(), vec!["d.json", "empty"]),
        ("wrong schema", "{\n \"name\": \"d\"\n}".into(), ok.clone(), vec!["line 3", "missing field `issuesValues`"]),
        ("wrong type", r#"{"name": "d", "issuesValues": {"Food": {"values": "Pizza"}}}"#.into(), ok.clone(), vec!["line 1", "invalid type"]),
        ("number range issue", r#"{"name": "d", "issuesValues": {"Food": {"range": {"low": 1, "high": 5}}}}"#.into(), ok.clone(), vec!["issuesValues.Food", "number-valued"]),
        ("duplicate issue", r#"{"name": "d", "issuesValues": {"Food": {"values": ["a"]}, "Food": {"values": ["b"]}}}"#.into(), ok.clone(), vec!["defined twice"]),
        ("unsupported profile type", GW_DOMAIN.into(), r#"{"DiscountedUtilitySpace": {}}"#.into(), vec!["\"DiscountedUtilitySpace\" is not supported"]),
        ("profile wrong shape", GW_DOMAIN.into(), gw_profile(r#""issueWeights": 3"#), vec!["p.json, line 1", "LinearAdditiveUtilitySpace"]),
        ("unknown issue", GW_DOMAIN.into(), ok.replace("\"Food\": {\"Disc", "\"Drink\": {\"Disc"), vec!["issueUtilities.Drink", "does not define"]),
        ("unknown value", GW_DOMAIN.into(), ok.replace("\"Soup\": 0.5", "\"Salad\": 0.5"), vec!["issueUtilities.Food.DiscreteValueSetUtilities.valueUtilities.Salad", "no value \"Salad\""]),
        ("missing value", GW_DOMAIN.into(), ok.replace(", \"Soup\": 0.5", ""), vec!["issueUtilities.Food.DiscreteValueSetUtilities.valueUtilities", "no utility is given for value \"Soup\""]),
        ("utility out of range", GW_DOMAIN.into(), ok.replace("\"Soup\": 0.5", "\"Soup\": 1.5"), vec!["valueUtilities.Soup", "between 0 and 1"]),
        ("missing weight", GW_DOMAIN.into(), ok.replace("\"Days\": 0.5}", "\"Dayz\": 0.5}"), vec!["issueWeights.Dayz"]),
        ("NaN is not JSON", GW_DOMAIN.into(), ok.replace("\"Soup\": 0.5", "\"Soup\": NaN"), vec!["p.json, line 2", "not valid JSON"]),
        // Deep nesting where a value is expected stops at the first level; in an ignored
        // position serde_json skips it iteratively (no recursion, no stack overflow).
        ("deeply nested JSON (typed place)", GW_DOMAIN.into(), gw_profile(&format!("\"issueWeights\": {{\"Food\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000))), vec!["p.json, line 1", "invalid type: sequence"]),
        ("deeply nested JSON (ignored place)", GW_DOMAIN.into(), format!("{{\"x\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000)), vec!["profile type \"x\" is not supported"]),
        ("deeply nested JSON (unclosed)", GW_DOMAIN.into(), "[".repeat(1_000_000), vec!["p.json"]),
        ("reservation bid unknown value", GW_DOMAIN.into(), gw_profile(&format!("{GW_OK}, \"reservationBid\": {{\"issuevalues\": {{\"Food\": \"Cake\"}}}}")), vec!["reservationBid.issuevalues.Food", "\"Cake\""]),
        // A profile that embeds another domain names the first issue or value that differs,
        // even when both domains carry the same name.
        ("profile for another domain", GW_DOMAIN.into(), gw_profile(&format!("{GW_OK}, \"domain\": {{\"name\": \"other\", \"issuesValues\": {{\"X\": {{\"values\": [\"1\"]}}}}}}")), vec!["does not fit the domain file (\"d\")", "no issue \"Food\""]),
        ("embedded domain lacks a value", GW_DOMAIN.into(), gw_profile(&format!("{GW_OK}, \"domain\": {{\"name\": \"d\", \"issuesValues\": {{\"Food\": {{\"values\": [\"Pizza\", \"Soup\"]}}, \"Days\": {{\"values\": [\"1\", \"3\"]}}}}}}")), vec!["domain.issuesValues.Days.values", "issue \"Days\" has no value \"2\""]),
        ("embedded domain has another value", GW_DOMAIN.into(), gw_profile(&format!("{GW_OK}, \"domain\": {{\"name\": \"d\", \"issuesValues\": {{\"Food\": {{\"values\": [\"Pizza\", \"Soup\", \"Cake\"]}}, \"Days\": {{\"values\": [\"1\", \"2\"]}}}}}}")), vec!["Food.values", "a value \"Cake\" that the domain file does not list"]),
        ("embedded domain has another issue", GW_DOMAIN.into(), gw_profile(&format!("{GW_OK}, \"domain\": {{\"name\": \"d\", \"issuesValues\": {{\"Food\": {{\"values\": [\"Pizza\", \"Soup\"]}}, \"Days\": {{\"values\": [\"1\", \"2\"]}}, \"Extra\": {{\"values\": [\"x\"]}}}}}}")), vec!["issuesValues.Extra", "an issue \"Extra\" that the domain file does not define"]),
        ("unsupported utility type", GW_DOMAIN.into(), ok.replace("\"Food\": {\"DiscreteValueSetUtilities\"", "\"Food\": {\"NumberValueSetUtilities\""), vec!["NumberValueSetUtilities", "not supported"]),
    ];
    for (case, d, p, parts) in cases {
        expect_err(gw(&d, &p), &parts, case);
    }
}

#[test]
fn geniusweb_size_limit_and_markup_names() {
    let big = format!("{{\"name\": \"{}\"}}", "a".repeat(MAX_INPUT_BYTES));
    expect_err(
        gw(&big, "{}"),
        &["d.json", "larger than 20 MB"],
        "21 MB JSON",
    );
    let domain = r#"{"name": "<img src=x onerror=alert(1)>", "issuesValues": {"<script>x</script>": {"values": ["a\u0007b", "c"]}}}"#;
    let prof = gw_profile(
        r#""name": "<i>them</i>", "issueWeights": {"<script>x</script>": 1},
      "issueUtilities": {"<script>x</script>": {"discreteutils": {"valueUtilities": {"a\u0007b": 1, "c": 0}}}}"#,
    );
    let d = gw(domain, &prof).unwrap();
    assert_eq!(d.name, "<img src=x onerror=alert(1)>");
    assert_eq!(d.issues[0].name, "<script>x</script>");
    assert_eq!(d.issues[0].options[0], "ab");
    assert_eq!(d.parties[0].name, "<i>them</i>");
    assert!(d.warnings.iter().any(|w| w.contains("control characters")));
}

/// serde_json refuses more than 128 nested levels when it builds values recursively; the
/// importer relies on that (and on typed structs of fixed depth) never to overflow the stack.
#[test]
fn serde_json_recursion_limit_is_128() {
    let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    assert!(serde_json::from_str::<serde_json::Value>(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    let e = serde_json::from_str::<serde_json::Value>(&deep).unwrap_err();
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn messages_are_tidy_for_hostile_names() {
    let long = "N".repeat(100_000);
    let d = format!(r#"{{"name": "d", "issuesValues": {{"{long}\u0001": {{"range": {{}}}}}}}}"#);
    let e = expect_err(
        gw(&d, "{}"),
        &["number-valued", "…"],
        "huge hostile issue name",
    );
    assert!(e.to_string().chars().count() < 1200);
    assert!(!e.to_string().chars().any(|c| c.is_control()));
}
