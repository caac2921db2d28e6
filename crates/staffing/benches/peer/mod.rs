//! What the benchmarks share: a Python virtual environment under the target directory
//! with OR-Tools (their peer solver) from the package registry, and the machine facts
//! every table is printed with.

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

/// A shell command's output, trimmed; empty when it fails.
pub fn shell(cmd: &str) -> String {
    Command::new("sh")
        .args(["-c", cmd])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// The CPU model as /proc/cpuinfo names it.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
