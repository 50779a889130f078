//! A small, tolerant XML reader for GENIUS files.
//!
//! # Why not a crate
//!
//! GENIUS files in the wild are not always well-formed: the ANAC 2011 Car profile writes
//! `type="discrete"vtype="discrete"` (no space between attributes), older copies contain a bare
//! `&` in a value, some files close tags out of order or not at all. GENIUS itself read them with
//! a lenient home-grown parser, so an importer that wants "every file GENIUS accepted" must be at
//! least as lenient. A strict parser (quick-xml in its default configuration, or any conforming
//! parser) stops at the first such error, and configuring a crate's recovery precisely enough to
//! read the same trees as GENIUS is harder to verify than ~300 lines we control. This reader also
//! never expands DTD entities (no entity-expansion attacks), bounds nesting depth
//! ([`MAX_DEPTH`]), element count ([`MAX_ELEMENTS`]) and attributes per element
//! ([`MAX_ATTRIBUTES`]), never recurses on input structure, and never panics: every path returns a
//! tree or a [`FormatError`] with line and column.
//!
//! # What it produces
//!
//! A tree of [`Element`]s (name, attributes, children, position). Text content is not kept: the
//! GENIUS formats carry all data in attributes. Comments, processing instructions, CDATA and
//! DOCTYPE declarations are skipped. Recoveries (missing space between attributes, unquoted
//! values, unknown entities, mismatched or missing end tags, content after the root element) are
//! reported once each as warnings on the [`Document`].

use super::FormatError;

/// Deepest element nesting accepted. GENIUS files nest five levels; 64 leaves ample room while
/// keeping the tree (and its recursive drop) shallow.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document (a 20 MB file of `<a/>` would otherwise allocate
/// millions of nodes). The largest real GENIUS files have a few hundred.
pub const MAX_ELEMENTS: usize = 200_000;
/// Most attributes accepted on one element.
pub const MAX_ATTRIBUTES: usize = 256;

/// One element of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Tag name as written (GENIUS tags are lower case; comparisons here are exact).
    pub name: String,
    /// Attributes in document order, values with entities decoded.
    pub attrs: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// 1-based line of the `<` that starts the element.
    pub line: usize,
    /// 1-based column (in characters) of that `<`.
    pub column: usize,
}

impl Element {
    /// Value of the first attribute called `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Direct children called `name`, in order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// First direct child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// A parsed document: its root element and the recoveries made while reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The first top-level element.
    pub root: Element,
    /// One plain-language note per kind of recovery (with the first place it happened).
    pub warnings: Vec<String>,
}

struct Cursor<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn starts_with(&self, s: &str) -> bool {
        self.src[self.pos..].starts_with(s)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_whitespace()) {
            self.bump();
        }
    }

    /// Advances past the next occurrence of `end`; returns false (at end of input) if absent.
    fn skip_past(&mut self, end: &str) -> bool {
        match self.src[self.pos..].find(end) {
            Some(off) => {
                let target = self.pos + off + end.len();
                while self.pos < target {
                    if self.bump().is_none() {
                        break;
                    }
                }
                true
            }
            None => {
                while self.bump().is_some() {}
                false
            }
        }
    }
}

fn is_name_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '/' | '>' | '<' | '=' | '"' | '\'' | '?' | '!'))
}

struct Notes {
    kinds: Vec<&'static str>,
    out: Vec<String>,
}

impl Notes {
    fn add(&mut self, file: &str, kind: &'static str, line: usize, col: usize, text: &str) {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
            self.out.push(format!(
                "{file}, line {line}, column {col}: {text} (read tolerantly, as GENIUS does)"
            ));
        }
    }
}

/// Parses `text` (the decoded contents of `file`) into a tree.
pub fn parse(text: &str, file: &str) -> Result<Document, FormatError> {
    let mut cur = Cursor {
        src: text,
        pos: 0,
        line: 1,
        col: 1,
    };
    let mut notes = Notes {
        kinds: Vec::new(),
        out: Vec::new(),
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut element_count = 0usize;

    loop {
        let (line, col) = (cur.line, cur.col);
        let Some(c) = cur.peek() else { break };
        if c != '<' {
            // Text: skipped, but outside any element it tells us this is not XML at all.
            let start = cur.pos;
            while matches!(cur.peek(), Some(ch) if ch != '<') {
                cur.bump();
            }
            let chunk = &text[start..cur.pos];
            if stack.is_empty() && !chunk.trim().is_empty() {
                if root.is_none() {
                    return Err(not_xml(file, line, col, chunk));
                }
                notes.add(
                    file,
                    "trailing",
                    line,
                    col,
                    "text after the end of the document was ignored",
                );
            }
            continue;
        }
        if cur.starts_with("<!--") {
            if !cur.skip_past("-->") {
                return Err(FormatError::at_line(
                    file,
                    line,
                    col,
                    "a comment starting here is never closed with -->",
                ));
            }
            continue;
        }
        if cur.starts_with("<![CDATA[") {
            if !cur.skip_past("]]>") {
                return Err(FormatError::at_line(
                    file,
                    line,
                    col,
                    "a CDATA section starting here is never closed with ]]>",
                ));
            }
            continue;
        }
        if cur.starts_with("<?") {
            if !cur.skip_past("?>") {
                return Err(FormatError::at_line(
                    file,
                    line,
                    col,
                    "a processing instruction (<?…) starting here is never closed with ?>",
                ));
            }
            continue;
        }
        if cur.starts_with("<!") {
            // DOCTYPE or other declaration: skip, honouring an internal subset in [...].
            // Entities declared there are deliberately never expanded.
            let mut brackets = 0usize;
            let mut closed = false;
            while let Some(ch) = cur.bump() {
                match ch {
                    '[' => brackets += 1,
                    ']' => brackets = brackets.saturating_sub(1),
                    '>' if brackets == 0 => {
                        closed = true;
                        break;
                    }
                    _ => {}
                }
            }
            if !closed {
                return Err(FormatError::at_line(
                    file,
                    line,
                    col,
                    "a declaration (<!…) starting here is never closed with >",
                ));
            }
            continue;
        }
        if cur.starts_with("</") {
            cur.bump();
            cur.bump();
            let start = cur.pos;
            while matches!(cur.peek(), Some(ch) if is_name_char(ch)) {
                cur.bump();
            }
            let name = text[start..cur.pos].to_string();
            if !cur.skip_past(">") {
                return Err(FormatError::at_line(
                    file,
                    line,
                    col,
                    format!("the end tag </{name} is cut off by the end of the file"),
                ));
            }
            match stack.iter().rposition(|e| e.name == name) {
                Some(idx) => {
                    if idx + 1 != stack.len() {
                        let open = &stack[stack.len() - 1];
                        let msg = format!(
                            "<{}> (line {}) was not closed before </{name}>",
                            open.name, open.line
                        );
                        notes.add(file, "unclosed", line, col, &msg);
                    }
                    while stack.len() > idx {
                        close_top(&mut stack, &mut root, file, &mut notes);
                    }
                }
                None => {
                    let msg =
                        format!("the end tag </{name}> has no matching start tag and was ignored");
                    notes.add(file, "stray", line, col, &msg);
                }
            }
            continue;
        }
        // Start tag, unless "<" is not followed by a name (then it is a stray "<").
        match cur.peek_at(1) {
            Some(ch) if is_name_char(ch) => {}
            _ => {
                cur.bump();
                notes.add(
                    file,
                    "stray-lt",
                    line,
                    col,
                    "a '<' that does not start a tag was treated as text",
                );
                if stack.is_empty() && root.is_none() {
                    return Err(not_xml(file, line, col, "<"));
                }
                continue;
            }
        }
        cur.bump();
        let start = cur.pos;
        while matches!(cur.peek(), Some(ch) if is_name_char(ch)) {
            cur.bump();
        }
        let name = text[start..cur.pos].to_string();
        if stack.is_empty() && root.is_some() {
            notes.add(
                file,
                "second-root",
                line,
                col,
                "a second top-level element was found; only the first one is read",
            );
        }
        if stack.len() >= MAX_DEPTH {
            return Err(FormatError::at_line(
                file,
                line,
                col,
                format!("elements are nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        element_count += 1;
        if element_count > MAX_ELEMENTS {
            return Err(FormatError::at_line(
                file,
                line,
                col,
                format!("the file has more than {MAX_ELEMENTS} elements, far more than any negotiation domain"),
            ));
        }
        let mut el = Element {
            name,
            attrs: Vec::new(),
            children: Vec::new(),
            line,
            column: col,
        };
        let self_closing = read_attributes(&mut cur, &mut el, file, &mut notes)?;
        stack.push(el);
        if self_closing {
            close_top(&mut stack, &mut root, file, &mut notes);
        }
    }

    if let Some(open) = stack.last() {
        let msg = format!(
            "<{}> (line {}) is never closed; the end of the file closes it",
            open.name, open.line
        );
        notes.add(file, "unclosed-eof", cur.line, cur.col, &msg);
    }
    while !stack.is_empty() {
        close_top(&mut stack, &mut root, file, &mut notes);
    }
    match root {
        Some(root) => Ok(Document {
            root,
            warnings: notes.out,
        }),
        None => Err(FormatError::in_file(
            file,
            "the file is empty or contains no XML element",
        )),
    }
}

fn not_xml(file: &str, line: usize, col: usize, chunk: &str) -> FormatError {
    let first: String = chunk.trim_start().chars().take(20).collect();
    let hint = if first.starts_with('{') || first.starts_with('[') {
        " — it looks like JSON (GeniusWeb?), not GENIUS XML"
    } else {
        ""
    };
    FormatError::at_line(
        file,
        line,
        col,
        format!("this is not XML: expected '<' but found \"{first}\"{hint}"),
    )
}

/// Pops the innermost open element and attaches it to its parent (or makes it the root).
fn close_top(
    stack: &mut Vec<Element>,
    root: &mut Option<Element>,
    _file: &str,
    _notes: &mut Notes,
) {
    if let Some(el) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => {
                if root.is_none() {
                    *root = Some(el);
                }
            }
        }
    }
}

/// Reads attributes up to and including `>` or `/>`. Returns whether the tag was self-closing.
fn read_attributes(
    cur: &mut Cursor<'_>,
    el: &mut Element,
    file: &str,
    notes: &mut Notes,
) -> Result<bool, FormatError> {
    let mut need_space = false;
    loop {
        let had_space = matches!(cur.peek(), Some(c) if c.is_whitespace());
        cur.skip_ws();
        let (line, col) = (cur.line, cur.col);
        match cur.peek() {
            None => {
                return Err(FormatError::at_line(
                    file,
                    el.line,
                    el.column,
                    format!(
                        "the tag <{}> starting here is cut off by the end of the file",
                        el.name
                    ),
                ))
            }
            Some('>') => {
                cur.bump();
                return Ok(false);
            }
            Some('/') => {
                cur.bump();
                if cur.peek() == Some('>') {
                    cur.bump();
                    return Ok(true);
                }
                notes.add(
                    file,
                    "stray-slash",
                    line,
                    col,
                    "a stray '/' inside a tag was ignored",
                );
                continue;
            }
            Some('<') => {
                // A new tag starts before this one ended: treat this one as ended.
                notes.add(
                    file,
                    "unterminated-tag",
                    line,
                    col,
                    &format!("the tag <{}> was not closed with '>'", el.name),
                );
                return Ok(false);
            }
            Some(_) => {}
        }
        if need_space && !had_space {
            notes.add(
                file,
                "attr-space",
                line,
                col,
                "attributes are not separated by a space",
            );
        }
        let start = cur.pos;
        while matches!(cur.peek(), Some(c) if is_name_char(c)) {
            cur.bump();
        }
        if cur.pos == start {
            // A character that cannot start an attribute name (e.g. a quote or '='): skip it.
            cur.bump();
            notes.add(
                file,
                "junk-in-tag",
                line,
                col,
                &format!(
                    "an unexpected character inside the tag <{}> was ignored",
                    el.name
                ),
            );
            continue;
        }
        let key = cur.src[start..cur.pos].to_string();
        cur.skip_ws();
        let value = if cur.peek() == Some('=') {
            cur.bump();
            cur.skip_ws();
            match cur.peek() {
                Some(q) if q == '"' || q == '\'' => {
                    cur.bump();
                    let vstart = cur.pos;
                    match cur.src[cur.pos..].find(q) {
                        Some(off) => {
                            let vend = vstart + off;
                            while cur.pos <= vend {
                                if cur.bump().is_none() {
                                    break;
                                }
                            }
                            decode_entities(&cur.src[vstart..vend], file, line, col, notes)
                        }
                        None => {
                            return Err(FormatError::at_line(
                                file,
                                line,
                                col,
                                format!(
                                    "the value of attribute \"{key}\" is never closed with {q}"
                                ),
                            ))
                        }
                    }
                }
                _ => {
                    let vstart = cur.pos;
                    while matches!(cur.peek(), Some(c) if !c.is_whitespace() && c != '>' && c != '<')
                    {
                        if cur.starts_with("/>") {
                            break;
                        }
                        cur.bump();
                    }
                    notes.add(
                        file,
                        "unquoted",
                        line,
                        col,
                        &format!("the value of attribute \"{key}\" is not in quotes"),
                    );
                    decode_entities(&cur.src[vstart..cur.pos], file, line, col, notes)
                }
            }
        } else {
            notes.add(
                file,
                "no-value",
                line,
                col,
                &format!("attribute \"{key}\" has no value"),
            );
            String::new()
        };
        need_space = true;
        if el.attrs.iter().any(|(k, _)| *k == key) {
            notes.add(
                file,
                "dup-attr",
                line,
                col,
                &format!("attribute \"{key}\" appears twice in one tag; the first is used"),
            );
        } else if el.attrs.len() >= MAX_ATTRIBUTES {
            return Err(FormatError::at_line(
                file,
                line,
                col,
                format!(
                    "the tag <{}> has more than {MAX_ATTRIBUTES} attributes",
                    el.name
                ),
            ));
        } else {
            el.attrs.push((key, value));
        }
    }
}

/// Decodes the five predefined entities and numeric character references. Anything else after
/// `&` (an unknown entity, a bare `&`) is kept literally — GENIUS files written by hand contain
/// bare `&` — with a warning. Invalid code points become U+FFFD.
fn decode_entities(raw: &str, file: &str, line: usize, col: usize, notes: &mut Notes) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(idx) = rest.find('&') {
        out.push_str(&rest[..idx]);
        rest = &rest[idx..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if rest[e..].starts_with(';') && e <= 12 => {
                let ent = &rest[1..e];
                let ch = match ent {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => {
                        let num = if let Some(hex) =
                            ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X"))
                        {
                            u32::from_str_radix(hex, 16).ok()
                        } else if let Some(dec) = ent.strip_prefix('#') {
                            dec.parse::<u32>().ok()
                        } else {
                            None
                        };
                        num.map(|n| match char::from_u32(n) {
                            Some(c) if n != 0 => c,
                            _ => '\u{FFFD}',
                        })
                    }
                };
                ch.map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                notes.add(
                    file,
                    "bare-amp",
                    line,
                    col,
                    "a '&' that is not a known entity was kept as a literal '&'",
                );
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What [`escape`] does with tabs and line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaks {
    /// Character references, so they survive attribute-value normalisation (data files).
    Keep,
    /// A space each (labels drawn on one line, like the chart's).
    Space,
}

/// Escapes text for XML content and quoted attribute values — the one escaper for the XML
/// the app writes (GENIUS files, the chart's SVG). Characters XML 1.0 cannot contain (other
/// control characters, U+FFFE, U+FFFF) are dropped.
pub fn escape(s: &str, breaks: Breaks) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' if breaks == Breaks::Space => out.push(' '),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Direction overrides and embeddings would let a name display as another
            // (U+202E turns "fdp.exe" into "exe.pdf"); isolates stay (the chart adds its own).
            c if c.is_control()
                || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_keeps_or_flattens_breaks_and_drops_what_xml_cannot_hold() {
        let text = "a<b>&\"'\u{7}\u{FFFE}\u{202E}\t\n";
        assert_eq!(
            escape(text, Breaks::Keep),
            "a&lt;b&gt;&amp;&quot;&#39;&#9;&#10;"
        );
        assert_eq!(escape(text, Breaks::Space), "a&lt;b&gt;&amp;&quot;&#39;  ");
    }

    use super::*;

    #[test]
    fn reads_attributes_without_space() {
        let d = parse(
            r#"<a x="1"y="2"><b z='&lt;&amp;&#65;&#x42;&bogus;'/></a>"#,
            "t.xml",
        )
        .unwrap();
        assert_eq!(d.root.attr("x"), Some("1"));
        assert_eq!(d.root.attr("y"), Some("2"));
        assert_eq!(d.root.children[0].attr("z"), Some("<&AB&bogus;"));
        assert_eq!(d.warnings.len(), 2);
    }

    #[test]
    fn depth_is_bounded() {
        let s = "<a>".repeat(MAX_DEPTH + 1);
        let e = parse(&s, "deep.xml").unwrap_err();
        assert!(e.message.contains("nested"), "{e}");
    }

    #[test]
    fn recovers_from_mismatched_tags() {
        let d = parse("<a><b><c></b><d/></a>trailing", "m.xml").unwrap();
        assert_eq!(d.root.children.len(), 2);
        assert_eq!(d.root.children[0].children[0].name, "c");
    }

    #[test]
    fn json_is_not_xml() {
        let e = parse("{\"a\": 1}", "x.json").unwrap_err();
        assert!(e.message.contains("JSON"), "{e}");
        assert_eq!(e.line, Some(1));
    }
}
