//! `--statistics`: the findings counted per rule and per locale, as two plain-text tables (the
//! view a localization manager asks for). It counts what it is given and decides nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Diagnostic;
use crate::rules::Severity;

#[derive(Default, Clone, Copy)]
struct Count {
    errors: usize,
    warnings: usize,
}

impl Count {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }

    fn total(self) -> usize {
        self.errors + self.warnings
    }
}

/// The two tables: rules by number of findings (most first), locales by tag.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut statistics = Statistics::default();
    for d in diagnostics {
        statistics.add(d);
    }
    statistics.render()
}

/// The counts of the tables, taken one diagnostic at a time.
#[derive(Default)]
pub struct Statistics {
    by_rule: BTreeMap<&'static str, Count>,
    by_locale: BTreeMap<String, Count>,
    total: Count,
}

impl Statistics {
    pub fn add(&mut self, d: &Diagnostic) {
        self.by_rule.entry(d.rule).or_default().add(d.severity);
        let locale = d.locale.as_deref().unwrap_or("unknown");
        if let Some(count) = self.by_locale.get_mut(locale) {
            count.add(d.severity);
        } else {
            let mut count = Count::default();
            count.add(d.severity);
            self.by_locale.insert(locale.to_owned(), count);
        }
        self.total.add(d.severity);
    }

    pub fn render(&self) -> String {
        let mut rules: Vec<(&str, Count)> = self.by_rule.iter().map(|(r, c)| (*r, *c)).collect();
        rules.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0)));
        let locales: Vec<(&str, Count)> = self
            .by_locale
            .iter()
            .map(|(l, c)| (l.as_str(), *c))
            .collect();
        let mut out = String::new();
        table(&mut out, "findings per rule", "rule", &rules, self.total);
        out.push('\n');
        table(
            &mut out,
            "findings per locale",
            "locale",
            &locales,
            self.total,
        );
        out.push('\n');
        out
    }
}

fn table(out: &mut String, title: &str, label: &str, rows: &[(&str, Count)], total: Count) {
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .chain([label.len(), "total".len()])
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "  {label:<width$}  {:>8}  {:>8}  {:>8}",
        "errors", "warnings", "total"
    );
    for (name, count) in rows.iter().chain([&("total", total)]) {
        let _ = writeln!(
            out,
            "  {name:<width$}  {:>8}  {:>8}  {:>8}",
            count.errors,
            count.warnings,
            count.total()
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::render;
    use crate::report::Diagnostic;
    use crate::rules::Severity;

    fn finding(rule: &'static str, severity: Severity, locale: Option<&str>) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            path: PathBuf::from("x.md"),
            locale: locale.map(str::to_owned),
            article: "x.md".to_owned(),
            span: 0..0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            message: String::new(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn counts_per_rule_and_per_locale() {
        let table = render(&[
            finding("link-extra", Severity::Error, Some("de-DE")),
            finding("translation-out-of-sync", Severity::Warning, Some("de-DE")),
            finding("translation-out-of-sync", Severity::Warning, Some("ar-SA")),
            finding("locale-unknown", Severity::Warning, None),
        ]);
        let expected = "\
findings per rule
  rule                       errors  warnings     total
  translation-out-of-sync         0         2         2
  link-extra                      1         0         1
  locale-unknown                  0         1         1
  total                           1         3         4

findings per locale
  locale     errors  warnings     total
  ar-SA           0         1         1
  de-DE           1         1         2
  unknown         0         1         1
  total           1         3         4

";
        assert_eq!(table, expected);
    }
}
