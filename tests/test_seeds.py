"""The seeds acceptance case, checked by the shared contract checker on a real CLI run."""
import subprocess
import sys

from conftest import ROOT, SEEDS, SHARED


def test_cli_run_on_seeds_passes_check_output(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([str(ROOT / ".venv/bin/storyline"), "run", str(SEEDS), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for name in ("storyline.json", "storyline.duckdb", "report.html", "report.md"):
        assert (out / name).exists()
    check = subprocess.run([sys.executable, str(SHARED / "tools/check_output.py"), str(out / "storyline.json")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip().endswith("0 failed")


def test_three_calls_are_dated(seed_result):
    result, _ = seed_result
    calls = sorted(e.date_range[0] for e in result.events if e.type == "CONSULT" and e.date_range
                   and {"Joe Biden", "Vladimir Putin"} <= set(e.actors + e.recipients) and e.date_range[0] >= "2021-11")
    assert calls[0] == "2021-12-07" and calls[1] == "2021-12-30" and calls[2].startswith("2022")
