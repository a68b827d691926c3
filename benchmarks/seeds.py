"""End to end on the seed articles: wall time of `storyline run` and the contract checker's verdict.

    .venv/bin/python benchmarks/seeds.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        run = subprocess.run([str(ROOT / ".venv/bin/storyline"), "run", str(SHARED / "seeds"), "-o", out],
                             capture_output=True, text=True)
        seconds = time.perf_counter() - started
        print(run.stdout.strip())
        check = subprocess.run([sys.executable, str(SHARED / "tools/check_output.py"), f"{out}/storyline.json"],
                               capture_output=True, text=True)
        print(f"check_output: {check.stdout.strip().splitlines()[-1]}")
        print(f"wall time: {seconds:.1f} s for 5 articles (model load included)")
        return check.returncode


if __name__ == "__main__":
    sys.exit(main())
