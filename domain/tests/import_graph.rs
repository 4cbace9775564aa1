//! The modules of the three crates import each other without circles.
//!
//! A circle (`model` uses `validate`, which uses `model`) means neither can be read, tested or
//! moved alone. For every module, its direct children may depend on each other only one way:
//! this test reads the sources of `domain/`, the app (`src/`) and the endpoint (`server/src/`),
//! finds every `crate::…`, `super::…` and `self::…` path a child module uses, and fails on any
//! cycle among siblings, naming it. Test modules (`tests`, `#[cfg(test)]` blocks) and comments
//! are skipped: a test may look anywhere, and a doc link is not a dependency.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path: `["registration", "model"]`; the crate root is `[]`.
type ModPath = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a source file is, from its place under the crate's `src`.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a source file: without test modules (everything from a `#[cfg(…test…)]` line
/// on — test modules come last in this code base) and without comments (a doc link is not a
/// dependency).
fn code_only(text: &str) -> String {
    // `#[cfg(test)]`, `#[cfg(all(test, …))]`: a test module, which comes last.
    let test_module = text.match_indices("#[cfg(").find(|(at, _)| {
        text[*at..]
            .lines()
            .next()
            .is_some_and(|l| l.contains("test"))
    });
    let text = match test_module {
        Some((at, _)) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a file names that starts with `crate::`, `super::` or `self::`, resolved to a
/// module path (the segments after the keyword; `super` climbs from `module`).
fn referenced_paths(text: &str, module: &ModPath, is_mod_file: bool) -> Vec<ModPath> {
    let mut found = Vec::new();
    // `use` groups are flattened first: `use crate::a::{b, c::d}` names `a::b` and `a::c::d`.
    let flat = flatten_use_groups(text);
    for keyword in ["crate::", "super::", "self::"] {
        let mut rest = flat.as_str();
        while let Some(at) = rest.find(keyword) {
            let before = rest[..at].chars().last();
            rest = &rest[at + keyword.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue; // `$crate::`, `my_crate::`
            }
            let segments: Vec<String> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or_default()
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            // The directory of a non-mod file is its parent module for `super`.
            let base: ModPath = match keyword {
                "crate::" => Vec::new(),
                "self::" => module.clone(),
                _ => {
                    let mut m = module.clone();
                    m.pop();
                    let _ = is_mod_file;
                    m
                }
            };
            let mut path = base;
            let mut segs = segments.into_iter().peekable();
            while segs.peek().is_some_and(|s| s == "super") {
                segs.next();
                path.pop();
            }
            path.extend(segs);
            found.push(path);
        }
    }
    found
}

/// `use a::{b, c::{d, e}};` → `use a::b; use a::c::d; use a::c::e;` (enough for this scan).
fn flatten_use_groups(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("::{") {
        let prefix_start = rest[..open]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |i| i + 1);
        let prefix = &rest[prefix_start..open];
        // Find the matching brace.
        let mut depth = 0;
        let mut close = None;
        for (i, c) in rest[open + 2..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(open + 2 + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        out.push_str(&rest[..prefix_start]);
        let inner = flatten_use_groups(&rest[open + 3..close]);
        for item in split_top_level(&inner) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let item = item.split(" as ").next().unwrap_or(item).trim();
            if item == "self" {
                out.push_str(&format!(" {prefix}; "));
            } else {
                out.push_str(&format!(" {prefix}::{item}; "));
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' | ';' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The cycles among the direct children of each module of the crate under `src`, as readable
/// lines (`registration: model -> validate -> model`).
fn sibling_cycles(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<ModPath> = files.iter().map(|f| module_of(src, f)).collect();
    // Edges between siblings: for each pair (from, to) of modules sharing a parent.
    let mut edges: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let module = module_of(src, file);
        if module.iter().any(|m| m == "tests") || file.ends_with("tests.rs") {
            continue;
        }
        let text = fs::read_to_string(file).unwrap();
        let is_mod_file = matches!(
            file.file_stem().and_then(|s| s.to_str()),
            Some("mod" | "lib" | "main")
        );
        let module_for_super = if is_mod_file {
            let mut m = module.clone();
            m.push(String::new()); // `super` in a mod.rs climbs out of the module itself
            m
        } else {
            module.clone()
        };
        for target in referenced_paths(&code_only(&text), &module_for_super, is_mod_file) {
            // The longest known module the path is in.
            let Some(target) = (0..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|p| modules.contains(p))
            else {
                continue;
            };
            // The first place the two paths part: siblings under their common parent.
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common < module.len() && common < target.len() {
                edges
                    .entry(module[..common].to_vec())
                    .or_default()
                    .entry(module[common].clone())
                    .or_default()
                    .insert(target[common].clone());
            }
        }
    }
    let mut cycles = Vec::new();
    // Innermost first, as a reader fixes them.
    for (parent, graph) in edges.iter().rev() {
        if let Some(cycle) = find_cycle(graph) {
            let parent = if parent.is_empty() {
                "crate".to_owned()
            } else {
                parent.join("::")
            };
            cycles.push(format!("{parent}: {}", cycle.join(" -> ")));
        }
    }
    cycles
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

#[test]
fn the_domain_modules_depend_on_each_other_one_way() {
    assert_eq!(
        sibling_cycles(&repository().join("domain/src")),
        Vec::<String>::new()
    );
}

#[test]
fn the_app_modules_depend_on_each_other_one_way() {
    assert_eq!(
        sibling_cycles(&repository().join("src")),
        Vec::<String>::new()
    );
}

#[test]
fn the_endpoint_modules_depend_on_each_other_one_way() {
    assert_eq!(
        sibling_cycles(&repository().join("server/src")),
        Vec::<String>::new()
    );
}

#[test]
fn a_cycle_between_two_modules_is_found() {
    let dir = std::env::temp_dir().join(format!("import-graph-{}", std::process::id()));
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::write(dir.join("lib.rs"), "pub mod a;\npub mod b;\n").unwrap();
    fs::write(
        dir.join("a/mod.rs"),
        "mod x;\nmod y;\nuse crate::b::Thing;\n",
    )
    .unwrap();
    fs::write(dir.join("a/x.rs"), "use super::y::{Y, other::{Z}};\n").unwrap();
    fs::write(dir.join("a/y.rs"), "use crate::a::x::X;\n").unwrap();
    fs::write(
        dir.join("b.rs"),
        "pub struct Thing;\nfn f() { crate::a::x::X; }\n",
    )
    .unwrap();
    let cycles = sibling_cycles(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(cycles, vec!["a: x -> y -> x", "crate: a -> b -> a"]);
}
