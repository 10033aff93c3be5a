//! The invariants ARCHITECTURE.md states, checked on the source itself, so
//! a change that breaks one fails CI rather than leaving the map untrue.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// Every file under `dir` (relative to the repository) ending in one of
/// `exts`, with its text.
fn sources(dir: &str, exts: &[&str]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![root().join(dir)];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with("node_modules") {
                    todo.push(p);
                }
            } else if exts.iter().any(|x| p.to_string_lossy().ends_with(x)) {
                out.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// The identifiers that follow each `marker` in `text`.
fn names_after<'a>(text: &'a str, marker: &'a str) -> impl Iterator<Item = String> + 'a {
    text.split(marker).skip(1).map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
}

/// Lines that are code, not comments.
fn code(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim_start().starts_with("//"))
}

/// The core does no I/O and knows nothing of SQLite, Tauri or the command line.
#[test]
fn the_core_knows_no_database_window_or_command_line() {
    let manifest = std::fs::read_to_string(root().join("src-tauri/crates/jifenbu-core/Cargo.toml")).unwrap();
    let deps = &manifest[manifest.find("[dependencies]").unwrap()..];
    for crate_name in ["rusqlite", "tauri", "clap", "jifenbu-store", "jifenbu-print"] {
        assert!(!deps.contains(&format!("\n{crate_name} ")), "jifenbu-core depends on {crate_name}");
    }
    for (path, text) in sources("src-tauri/crates/jifenbu-core/src", &[".rs"]) {
        for line in code(&text) {
            for io in ["std::fs", "std::net", "File::open", "std::process"] {
                assert!(!line.contains(io), "{} does I/O: {line}", path.display());
            }
        }
    }
}

/// The store keeps; the core decides. The store constructs no refusal of
/// its own but that an id it was asked for is not in the book
/// (`Refusal::Unknown…`): every rule of the scheme is a core function the
/// store calls with the facts it loaded. Matching a refusal the core made
/// (left of a `=>`) is no decision.
#[test]
fn the_store_decides_no_rule() {
    for (path, text) in sources("src-tauri/crates/jifenbu-store/src", &[".rs"]) {
        if path.ends_with("tests.rs") {
            continue;
        }
        for line in code(&text) {
            for (at, _) in line.match_indices("Refusal::") {
                let rest = &line[at + "Refusal::".len()..];
                let variant: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                let matched = rest.contains("=>");
                assert!(
                    variant.starts_with("Unknown") || matched,
                    "{} decides a rule (Refusal::{variant}): {line}",
                    path.display()
                );
            }
        }
    }
}

/// Which entries still count (neither a reversal nor reversed) is the
/// core's `still_counting`; the store's SQL loads entries and reversals and
/// never filters out the reversed itself.
#[test]
fn no_sql_decides_what_still_counts() {
    for (path, text) in sources("src-tauri/crates/jifenbu-store/src", &[".rs"]) {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
        assert!(
            !flat.contains("NOT EXISTS (SELECT 1 FROM ENTRIES"),
            "{} decides in SQL which entries still count",
            path.display()
        );
    }
}

/// The store's modules, each with the text of its files outside their
/// tests: a file directly in src/ is one, a folder (ledger/) is one.
fn store_modules() -> std::collections::BTreeMap<String, String> {
    let dir = root().join("src-tauri/crates/jifenbu-store/src");
    let mut modules: std::collections::BTreeMap<String, String> = Default::default();
    for (path, text) in sources("src-tauri/crates/jifenbu-store/src", &[".rs"]) {
        let inner = path.strip_prefix(&dir).unwrap();
        if inner == Path::new("lib.rs") || path.ends_with("tests.rs") {
            continue;
        }
        let first = inner.components().next().unwrap().as_os_str().to_string_lossy();
        let name = first.trim_end_matches(".rs").to_string();
        let body = text.split("#[cfg(test)]").next().unwrap_or_default();
        let entry = modules.entry(name).or_default();
        entry.extend(code(body).flat_map(|l| [l, "\n"]));
    }
    modules
}

/// Each table of the book belongs to one module of the store (its
/// aggregate: the ledger, the roster, review, publications, objections,
/// closed years, the shop…), and only that module names it as what a
/// statement reads from, inserts into, updates or deletes from: the one
/// place its rows become types and back. A query may join another's
/// table to relate rows (a meeting to the quarter of the entries it
/// approved). The schema's migrations, and the evidence, which hashes the
/// rows of every table, are the exceptions.
#[test]
fn each_table_is_kept_by_one_module() {
    let schema = std::fs::read_to_string(root().join("src-tauri/crates/jifenbu-store/src/schema.rs")).unwrap();
    let tables: std::collections::BTreeSet<String> = names_after(&schema, "CREATE TABLE ").collect();
    assert!(tables.len() > 20, "only {} tables found", tables.len());
    let mut keepers: std::collections::BTreeMap<&str, std::collections::BTreeSet<String>> = Default::default();
    for (module, text) in store_modules() {
        if module == "schema" {
            continue;
        }
        let words: Vec<&str> = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).collect();
        for pair in words.windows(2).filter(|w| ["FROM", "INTO", "UPDATE"].contains(&w[0])) {
            let Some(table) = tables.get(pair[1]) else { continue };
            if module != "evidence" || table == "evidence" {
                keepers.entry(table).or_default().insert(module.clone());
            }
        }
    }
    for (table, modules) in &keepers {
        assert_eq!(modules.len(), 1, "table {table} is read or written by several modules: {modules:?}");
    }
    assert!(
        keepers.len() == tables.len(),
        "tables no module keeps: {:?}",
        tables.iter().filter(|t| !keepers.contains_key(t.as_str())).collect::<Vec<_>>()
    );
}

/// The store's modules import each other without a circle: the leaves
/// (the clock, the backup record, the tables' keepers) below the
/// procedures that use them. `Book` itself, which every module extends,
/// is not counted: an `impl Book` block is not an import.
#[test]
fn the_stores_modules_import_in_no_circle() {
    let mut imports: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (name, body) in store_modules() {
        let used = names_after(&body, "crate::")
            .filter(|m| m.chars().all(|c| c.is_ascii_lowercase() || c == '_') && *m != name)
            .collect::<Vec<_>>();
        imports.insert(name, used);
    }
    // Depth-first, keeping the path: a module met again on it closes a circle.
    fn visit<'a>(
        m: &'a str,
        imports: &'a std::collections::BTreeMap<String, Vec<String>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::HashSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            panic!("the store's modules import in a circle: {} → {m}", path[at..].join(" → "));
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in imports.get(m).into_iter().flatten().filter(|n| imports.contains_key(*n)) {
            visit(next, imports, path, done);
        }
        path.pop();
    }
    let mut done = std::collections::HashSet::new();
    for m in imports.keys() {
        visit(m, &imports, &mut Vec::new(), &mut done);
    }
}

/// `Book`'s whole API is listed in one place, the doc comment on `Book` in
/// book.rs (the facade): every `pub fn` of an `impl Book` block in any of
/// the store's modules is there, and nothing else is.
#[test]
fn books_api_is_listed_in_one_place() {
    let dir = "src-tauri/crates/jifenbu-store/src";
    let mut methods = std::collections::BTreeSet::new();
    for (_, text) in sources(dir, &[".rs"]) {
        let body = text.split("#[cfg(test)]").next().unwrap_or_default();
        for block in body.split("\nimpl Book {\n").skip(1) {
            let block = block.split("\n}\n").next().unwrap_or_default();
            for line in block.lines().filter_map(|l| l.strip_prefix("    pub fn ")) {
                methods.insert(line.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>());
            }
        }
    }
    let facade = std::fs::read_to_string(root().join(dir).join("book.rs")).unwrap();
    let listed: std::collections::BTreeSet<String> = names_after(&facade, "](Book::").collect();
    assert!(methods.len() > 50, "only {} methods found", methods.len());
    assert_eq!(listed, methods, "book.rs's list of Book's API and the code differ");
}

/// Nothing updates or deletes an entry, a batch, a publication or a row of
/// evidence (the triggers refuse it too; `verify` checks they are there).
#[test]
fn nothing_updates_or_deletes_an_entry() {
    for (path, text) in sources("src-tauri", &[".rs"]) {
        let upper = text.to_uppercase();
        for statement in [
            "UPDATE ENTRIES",
            "DELETE FROM ENTRIES",
            "UPDATE BATCHES",
            "DELETE FROM BATCHES",
            "UPDATE PUBLISHED",
            "DELETE FROM PUBLISHED",
            "UPDATE EVIDENCE",
            "DELETE FROM EVIDENCE",
        ] {
            // Tests that tamper on purpose say so in their names.
            if upper.contains(statement) && !path.to_string_lossy().contains("test") {
                panic!("{} runs {statement}", path.display());
            }
        }
    }
}

/// The window computes no points and parses no value: every figure comes
/// from Rust as text, every typed value goes to the core's parsers.
#[test]
fn the_window_computes_no_points() {
    for (path, text) in sources("ui/src", &[".ts", ".tsx"]) {
        if path.to_string_lossy().contains(".test.") {
            continue;
        }
        for line in code(&text) {
            for arithmetic in ["parseFloat(", "parseInt(", "Number(qty", "Number(points", "Date.parse("] {
                assert!(!line.contains(arithmetic), "{} computes: {line}", path.display());
            }
        }
    }
}

/// The core's refusals reach the window as they are, so they say what to
/// do and never name a command to type: the command line adds its own hint
/// at its edge (`CliError::hint`). Commands and flags are lowercase ASCII
/// words (`register`, `people add`, `--role`); a message's own words are
/// Chinese, its codes and formats upper case or digits.
#[test]
fn the_cores_messages_name_no_command() {
    for (path, text) in sources("src-tauri/crates/jifenbu-core/src", &[".rs"]) {
        for line in code(&text) {
            let Some(at) = line.find("#[error(\"") else { continue };
            let message = first_literal(&line[at + "#[error(".len()..]);
            let words = lowercase_words(&without_placeholders(&message));
            assert!(words.is_empty(), "{} names a command {words:?}: {line}", path.display());
        }
    }
}

/// The string literal that `text` starts with, unquoted.
fn first_literal(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().skip(1);
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '"' => break,
            c => out.push(c),
        }
    }
    out
}

/// A format string without its `{…}` placeholders.
fn without_placeholders(format: &str) -> String {
    let mut depth = 0;
    format
        .chars()
        .filter(|&c| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// The words of `text` written in lowercase ASCII letters alone (hyphens
/// allowed: `people`, `--role`), three letters or more.
fn lowercase_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .filter(|w| w.chars().filter(char::is_ascii_lowercase).count() >= 3)
        .map(str::to_string)
        .collect()
}
