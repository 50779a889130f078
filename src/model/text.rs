//! Text that leaves the app (files, the brief, the chart) or arrives from outside (an
//! imported title). Control characters have no place in either: NUL and BEL break the
//! programs that open an export, and the direction overrides U+202A–U+202E and isolates
//! U+2066–U+2069 let a name display as something else ("invoice" + U+202E + "fdp.exe"
//! shows as "invoiceexe.pdf"). Direction *marks* (U+200E, U+200F, U+061C) only nudge neutral
//! characters and are kept.

use std::borrow::Cow;

/// Invisible characters that reorder the text around them.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_dropped(c: char, keep_breaks: bool) -> bool {
    (c.is_control() && !(keep_breaks && (c == '\n' || c == '\t'))) || is_direction_control(c)
}

/// Text as exports write it: control and direction characters dropped, except line
/// breaks and tabs (a carriage return is dropped, so every line break is `\n`).
pub fn export_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_dropped(c, true)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !is_dropped(c, true)).collect())
}

/// One line as exports write it (a CSV cell, a heading, a chart label): line breaks and
/// tabs become spaces, other control and direction characters are dropped.
pub fn export_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_dropped(c, false)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if is_dropped(c, false) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// A title that came from outside (a file, a link): one line, no control or direction
/// characters, no surrounding spaces.
pub fn clean_title(s: &str) -> String {
    export_line(s).trim().to_string()
}

/// The title itself when no other plan has it, else the first free "title (2)",
/// "title (3)"…, so the library never lists two plans the user cannot tell apart.
pub fn unique_title(title: &str, taken: &[&str]) -> String {
    if !taken.contains(&title) {
        return title.to_string();
    }
    (2..)
        .map(|n| format!("{title} ({n})"))
        .find(|t| !taken.contains(&t.as_str()))
        .unwrap_or_else(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        for s in ["", "Salary", "عقد 😀 <b>", "a\u{200F}b"] {
            assert!(matches!(export_line(s), Cow::Borrowed(_)), "{s:?}");
            assert!(matches!(export_text(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn controls_and_overrides_are_dropped() {
        let hostile = "in\u{0}voice\u{7}\u{202E}fdp.exe\u{2066}\u{1b}[31m\u{85}";
        assert_eq!(export_line(hostile), "invoicefdp.exe[31m");
        assert_eq!(export_text("a\r\nb\tc\u{202D}"), "a\nb\tc");
        assert_eq!(export_line("a\r\nb\tc"), "a  b c");
        assert_eq!(clean_title("  \u{202E}Deal\n2 \u{0}"), "Deal 2");
    }

    #[test]
    fn a_taken_title_gets_the_first_free_number() {
        assert_eq!(unique_title("A", &[]), "A");
        assert_eq!(unique_title("A", &["B"]), "A");
        assert_eq!(unique_title("A", &["A"]), "A (2)");
        assert_eq!(unique_title("A", &["A", "A (2)", "A (4)"]), "A (3)");
    }
}
