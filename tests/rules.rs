//! The rule registry's own rules: ids, docs compiled in with their sections, messages' form.

use loclint::rules::{ALL, Severity};

const SECTIONS: &[&str] = &[
    "## What it flags",
    "## Why it matters",
    "## Example",
    "## How to fix",
    "## Configuration",
];

#[test]
fn ids_are_unique_kebab_case_and_sorted() {
    let ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "ALL must be sorted by id, without repeats");
    for id in ids {
        let kebab = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        assert!(kebab, "`{id}` is not kebab-case");
    }
}

#[test]
fn every_rule_has_its_doc_with_the_required_sections() {
    for rule in ALL {
        let docs = rule.docs;
        assert!(
            docs.starts_with(&format!("# {}\n", rule.id)),
            "rules/{}.md must start with `# {}`",
            rule.id,
            rule.id
        );
        let mut at = 0;
        for section in SECTIONS {
            let found = docs[at..].find(section).unwrap_or_else(|| {
                panic!(
                    "rules/{}.md lacks `{section}` (in this order: {SECTIONS:?})",
                    rule.id
                )
            });
            at += found + section.len();
        }
        let severity = match rule.severity {
            Severity::Error => "Default severity: **error**",
            Severity::Warning => "Default severity: **warning**",
        };
        assert!(
            docs.contains(severity),
            "rules/{}.md must say `{severity}`",
            rule.id
        );
    }
}

#[test]
fn every_doc_file_belongs_to_a_rule() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(&dir).expect("rules/ exists") {
        let name = entry.expect("readable entry").file_name();
        let name = name.to_string_lossy();
        let id = name.trim_end_matches(".md");
        assert!(
            ALL.iter().any(|r| r.id == id),
            "rules/{name} documents no rule"
        );
    }
}

#[test]
fn summaries_read_like_messages() {
    for rule in ALL {
        let first = rule.summary.chars().next().expect("a summary");
        assert!(
            !first.is_uppercase(),
            "{}: summary starts lowercase",
            rule.id
        );
        assert!(
            !rule.summary.ends_with('.'),
            "{}: summary has no trailing period",
            rule.id
        );
    }
}
