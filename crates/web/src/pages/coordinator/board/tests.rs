//! The board's own catalogue check: the crate-wide one reads only the top folders.

use crate::pages::i18n::{Lang, load};

/// The catalogue test reads only the top folders; the board's files live deeper.
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
        for marker in ["t.get(\"", "t.fill(\"", "\"board."] {
            for piece in text.split(marker).skip(1) {
                let key = piece.split('"').next().unwrap_or_default();
                let key = if marker == "\"board." {
                    format!("board.{key}")
                } else {
                    key.to_string()
                };
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
    }
    assert!(asked > 50, "the board asks for {asked} keys");
    assert!(missing.is_empty(), "keys missing: {missing:#?}");
}
