"""Bad input: each is one one-line rejection, and the good documents still come out."""
import gzip
import subprocess

from conftest import ROOT, SEEDS

import storyline


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (tmp_path / "garbage.txt").write_bytes(bytes(range(1, 32)) * 200 + b"\x00\xff\xfe" * 300)
    full = gzip.compress((SEEDS / "001_87a7513349cb32d9.txt").read_bytes())
    (tmp_path / "cut.txt.gz").write_bytes(full[: len(full) // 2])
    good = tmp_path / "good.txt"
    good.write_bytes((SEEDS / "003_193422df27e2cc18.txt").read_bytes())
    return tmp_path


def test_each_bad_input_is_rejected_with_a_reason(tmp_path):
    result = storyline.run([str(_bad_inputs(tmp_path))])
    reasons = {r.source.rsplit("/", 1)[-1]: r.reason for r in result.rejected}
    assert set(reasons) == {"empty.txt", "archive.zip", "garbage.txt", "cut.txt.gz"}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["archive.zip"] and "zip" in reasons["archive.zip"]
    assert "gzip" in reasons["cut.txt.gz"]
    assert all("\n" not in r for r in reasons.values())
    assert len(result.documents) == 1 and "about 70,000 troops" in result.documents[0].text


def test_cli_reports_rejections_on_stderr_and_goes_on(tmp_path):
    inputs = _bad_inputs(tmp_path / "in") if (tmp_path / "in").mkdir() is None else None
    run = subprocess.run([str(ROOT / ".venv/bin/storyline"), "run", str(inputs), "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0
    assert run.stderr.count("rejected ") == 4
    assert (tmp_path / "out/storyline.json").exists()


def test_nothing_usable_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    run = subprocess.run([str(ROOT / ".venv/bin/storyline"), "run", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
