//! The board's own catalogue check: the crate-wide one checks the Danish catalogue only.

use crate::pages::i18n::{Lang, keys_asked_in, load};

/// Every key the board's code and templates ask for, in a `t.get` or `t.fill` or as a
/// string starting `board.`, is in both languages.
#[test]
fn every_key_the_board_asks_for_exists() {
    let (da, en) = (load(Lang::Da).unwrap(), load(Lang::En).unwrap());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/pages/coordinator/board.rs")];
    for dir in ["src/pages/coordinator/board", "templates/coordinator"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Other pages share the templates' folder; their owners test their own.
            if name.starts_with("board") || name.starts_with("week") || dir.ends_with("board") {
                files.push(path);
            }
        }
    }
    let mut asked = 0;
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let prefixed = text.split("\"board.").skip(1).map(|piece| {
            let key = piece.split('"').next().unwrap_or_default();
            format!("board.{key}")
        });
        let keys = keys_asked_in(&text).into_iter().map(str::to_string);
        for key in keys.chain(prefixed) {
            // Only whole keys: `"board.` also starts this test's own format string.
            if key.contains(['/', '{']) || key.ends_with('.') {
                continue;
            }
            asked += 1;
            if !da.contains_key(&key) || !en.contains_key(&key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(asked > 50, "the board asks for {asked} keys");
    assert!(missing.is_empty(), "keys missing: {missing:#?}");
}
