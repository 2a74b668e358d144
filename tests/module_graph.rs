//! No module cycles, in the shell (`src-tauri/src`) or in the core (`crates/zmeet-core/src`),
//! and a shell that stays a shell (its size is bounded; logic belongs in the core).
//!
//! Each top-level module (a file `x.rs` or a folder `x/`) is a node; a `crate::y` path in
//! its non-test code is an edge to the top-level module `y`. The graph must be acyclic, so
//! each module can be read knowing only the ones below it. No display needed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The module graph of the crate whose sources are in `root`.
fn module_graph(root: &Path) -> Graph {
    let mut files = Vec::new();
    collect_rust_files(root, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|file| top_module(root, file))
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(from) = top_module(root, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read a source file");
        let edges = graph.entry(from.clone()).or_default();
        for to in crate_paths(&non_test_code(&text)) {
            if to != from && modules.contains(&to) {
                edges.insert(to);
            }
        }
    }
    graph
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// `account/service.rs` -> `account`; the crate roots (`lib.rs`, `main.rs`) are no module.
fn top_module(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The code before the file's test module, without line comments (doc links name modules
/// without using them).
fn non_test_code(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every `crate::` path, including each of a `use crate::{a, b::c}`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (index, _) in code.match_indices("crate::") {
        let rest = &code[index + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(group_items(group).filter_map(|item| first_ident(item.trim())));
        } else if let Some(name) = first_ident(rest) {
            names.insert(name);
        }
    }
    names
}

/// The items of a `{…}` group (the text after its `{`), nested groups left whole.
fn group_items(group: &str) -> impl Iterator<Item = &str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (index, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..index]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items.into_iter()
}

fn first_ident(text: &str) -> Option<String> {
    let ident: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// A cycle in `graph` as a path `a -> b -> … -> a`, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_owned(), Mark::Open);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

fn source_root(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn assert_acyclic(relative: &str) {
    let graph = module_graph(&source_root(relative));
    assert!(
        graph.len() > 3,
        "{relative}: too few modules found: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "{relative} has a module cycle: {}. Move what both sides need into a module \
             below them (see docs/architecture.md).",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_shell_has_no_module_cycle() {
    assert_acyclic("src-tauri/src");
}

#[test]
fn the_core_has_no_module_cycle() {
    assert_acyclic("crates/zmeet-core/src");
}

/// Non-test code lines (no blank lines, no line comments) the shell may have: it translates
/// IPC, owns windows, renders the tray, shows notifications and wires deep links; anything
/// else belongs in `zmeet-core`, where it is tested without a display (issue 10 aimed at
/// about 1,500; 4,147 before the core existed, 1,425 when issue 10 closed).
const SHELL_CODE_LINES_MAX: usize = 1_500;

#[test]
fn the_shell_stays_a_shell() {
    let mut files = Vec::new();
    collect_rust_files(&source_root("src-tauri/src"), &mut files);
    let mut sizes: Vec<(usize, String)> = files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("read a source file");
            let lines = non_test_code(&text)
                .lines()
                .filter(|line| !line.trim().is_empty())
                .count();
            (lines, file.display().to_string())
        })
        .collect();
    let total: usize = sizes.iter().map(|(lines, _)| lines).sum();
    assert!(total > 500, "too little code found: {total} lines");
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    assert!(
        total <= SHELL_CODE_LINES_MAX,
        "the shell has {total} non-test code lines (at most {SHELL_CODE_LINES_MAX}); move \
         Tauri-free logic into zmeet-core. Largest: {:?}",
        &sizes[..5]
    );
}

/// The checker itself: it sees the edges that exist and reports a cycle when there is one.
#[test]
fn the_checker_finds_edges_and_cycles() {
    let shell = module_graph(&source_root("src-tauri/src"));
    assert!(shell["commands"].contains("lifecycle"), "{shell:?}");
    assert!(shell["sync"].contains("session"), "{shell:?}");
    assert_eq!(
        crate_paths("use crate::{a, b::{c, e}};\nlet x = crate::d::f();"),
        ["a", "b", "d"].map(String::from).into()
    );
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&graph), None);
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&graph),
        Some(["a", "b", "c", "a"].map(String::from).to_vec())
    );
}
