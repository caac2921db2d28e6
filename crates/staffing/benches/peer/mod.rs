//! What the benchmarks share to run their peer solver: a Python virtual environment
//! under the target directory with OR-Tools installed from the package registry.

use std::path::PathBuf;
use std::process::Command;

/// The target directory is three levels above this binary (`target/release/deps/<bench>-…`).
pub fn prepare_venv() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of this benchmark");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the benchmark runs from target/release/deps");
    let venv = target.join("bench-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        eprintln!("creating {} …", venv.display());
        run_ok(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    }
    let has_ortools = Command::new(&python)
        .args(["-c", "import ortools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_ortools {
        eprintln!("installing ortools into {} …", venv.display());
        run_ok(Command::new(&python).args(["-m", "pip", "install", "--quiet", "ortools"]));
    }
    python
}

pub fn run_ok(command: &mut Command) {
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(status.success(), "{command:?} failed: {status}");
}
