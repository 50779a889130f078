//! Page helpers shared by the end-to-end modules: reading and filling fields, counting
//! elements, picking options, closing the notice bar.

use crate::support::Browser;
use serde_json::json;

pub fn type_into(b: &Browser, css: &str, text: &str) {
    let el = b.wait(css);
    b.click(&el);
    b.send_keys(&el, text);
}

pub fn wait_count(b: &Browser, css: &str, n: usize) {
    b.wait_until(&format!("{n} × {css}"), || {
        (b.find_all(css).len() == n).then_some(())
    });
}

/// Values of the inputs matching `css`, in page order.
pub fn values(b: &Browser, css: &str) -> Vec<String> {
    b.exec(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.value);",
        json!([css]),
    )
    .as_array()
    .map(|a| {
        a.iter()
            .map(|v| v.as_str().unwrap_or("").to_string())
            .collect()
    })
    .unwrap_or_default()
}

pub fn wait_values(b: &Browser, css: &str, want: &[&str]) {
    b.wait_until(&format!("{css} to be {want:?}"), || {
        (values(b, css) == want).then_some(())
    });
}

/// `int7` from `int-int7-statement`.
pub fn entity(dom_id: &str) -> String {
    dom_id.split('-').nth(1).unwrap_or("").to_string()
}

pub fn ids_of(b: &Browser, css: &str) -> Vec<String> {
    b.find_all(css)
        .iter()
        .map(|e| b.prop(e, "id").as_str().unwrap_or("").to_string())
        .collect()
}

/// Picks an option of a select by clicking it, as a mouse user does.
pub fn pick(b: &Browser, select: &str, value: &str) {
    // Focused first, as a user's click focuses it: a package card's select fills its
    // options when first focused.
    b.exec(
        "const s = document.querySelector(arguments[0]); if (s) s.focus();",
        serde_json::json!([select]),
    );
    b.click(&b.wait(&format!("{select} option[value='{value}']")));
}

/// Closes the notice bar if one is open.
pub fn close_notice(b: &Browser) {
    if let Some(close) = b.try_find(".notice-close") {
        b.click(&close);
        b.wait_until("the notice to close", || {
            b.try_find(".notice").is_none().then_some(())
        });
    }
}
