from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seed_result(tmp_path_factory):
    import storyline
    out = tmp_path_factory.mktemp("seeds-out")
    return storyline.run([str(SEEDS)], out=out), out
