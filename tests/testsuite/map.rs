//! The README's Architecture tree is the newcomer's map: every module of every crate must
//! be named in it, under its crate, so that a module added without a line in the map fails
//! here instead of leaving the map out of date.
//!
//! The rule: the tree (the first code block after `## Architecture`) is split into
//! sections, one per line that starts at the left margin with a folder (`crates/guide-engine/`,
//! `src/`). Each `.rs` file under that crate's `src/` must appear in its section as a word:
//! its name without `.rs` (`front_matter`), or with it, or as a folder (`configuration/`).

// Every helper here runs only inside a test, where a panic is how a failure is reported
// (clippy.toml allows it inside #[cfg(test)] modules).
#[cfg(test)]
mod readme_map {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    /// The crates whose modules the map must name: the folder as the tree writes it, and the
    /// folder of its sources.
    const CRATES: &[(&str, &str)] = &[
        ("crates/authelia-check/", "crates/authelia-check/src"),
        ("crates/guide-engine/", "crates/guide-engine/src"),
        ("crates/guide-secrets/", "crates/guide-secrets/src"),
        ("src/", "src"),
    ];

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// The Architecture tree's sections, by their folder.
    fn sections() -> BTreeMap<String, String> {
        let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
        let after = readme
            .split_once("\n## Architecture\n")
            .expect("README has an Architecture section")
            .1;
        let tree = after
            .split_once("\n```\n")
            .expect("the Architecture section has a code block")
            .1
            .split_once("\n```\n")
            .expect("the code block ends")
            .0;
        let mut sections = BTreeMap::new();
        let mut current = String::new();
        for line in tree.lines() {
            if !line.starts_with(' ')
                && let Some(folder) = line.split_whitespace().next()
            {
                current = folder.to_owned();
            }
            let text: &mut String = sections.entry(current.clone()).or_default();
            text.push_str(line);
            text.push('\n');
        }
        sections
    }

    /// Every `.rs` file under `dir`, relative to it.
    fn modules(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(at) = stack.pop() {
            for entry in std::fs::read_dir(&at).expect("a source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    found.push(path.strip_prefix(dir).expect("under dir").to_path_buf());
                }
            }
        }
        found.sort();
        found
    }

    /// Whether `word` appears in `text` with no letter, digit or `_` on either side.
    fn names(text: &str, word: &str) -> bool {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
    }

    #[test]
    fn every_module_of_every_crate_is_named_in_the_readme_s_map() {
        let sections = sections();
        let mut missing = Vec::new();
        for (folder, sources) in CRATES {
            let section = sections
                .get(*folder)
                .unwrap_or_else(|| panic!("the map has no section for {folder}"));
            for module in modules(&root().join(sources)) {
                let stem = module
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .expect("a UTF-8 file name");
                if !names(section, stem) {
                    missing.push(format!("{sources}/{}", module.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "modules the README's Architecture tree does not name in their crate's section:\n  {}",
            missing.join("\n  ")
        );
    }

    #[test]
    fn the_map_check_finds_a_missing_word_and_not_a_part_of_one() {
        assert!(names("client, provider, key_use", "key_use"));
        assert!(names("configuration/: read", "configuration"));
        assert!(!names("key_use", "key"));
        assert!(!names("keys.rs", "key"));
        assert!(names("keys.rs", "keys"));
    }
}
