//! Parses any bytes as one locale file into the model: front matter, sections, links, broken
//! link syntax. It must never panic, hang or blow up memory.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let article = loclint::parse::article(
        Arc::from(Path::new("de-DE/article.md")),
        Arc::from(text),
        Some("de-DE".to_owned()),
        "en-US",
    );
    // Every span the model holds must lie inside the text, on character boundaries.
    let check = |span: &std::ops::Range<usize>| {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    };
    for link in &article.body.links {
        check(&link.span);
        check(&link.text_span);
        check(&link.url_span);
    }
    for section in &article.body.sections {
        check(&section.span);
    }
    for broken in &article.body.broken_links {
        check(&broken.span);
    }
    for entry in &article.front_matter.entries {
        check(&entry.key_span);
        check(&entry.value_span);
    }
});
