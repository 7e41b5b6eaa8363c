"""Bad input never costs data: every problem named at once, outputs untouched."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evidence import paths


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(paths.DATA, tmp_path / "data")
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, EVIDENCE_ROOT=str(project))
    return subprocess.run([sys.executable, "-m", "evidence", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_bad_files_are_all_named_and_cost_nothing(project):
    sources = project / "data/sources"
    (sources / "empty_one.txt").write_bytes(b"")
    (sources / "blank_one.txt").write_bytes(b"  \n\n\t\n")
    (sources / "binary_one.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (sources / "no_text.html").write_bytes(b"<html><head><script>x()</script></head>"
                                           b"<body></body></html>")
    before_raw = tree_digest(sources)
    before_out = tree_digest(project / "data/processed")
    result = run(project, "build-data")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    named = {name for name in ("empty_one.txt", "blank_one.txt", "binary_one.txt",
                               "no_text.html") if any(name in e for e in errors)}
    assert named == {"empty_one.txt", "blank_one.txt", "binary_one.txt", "no_text.html"}, errors
    assert len(errors) == 4, errors                      # one line per bad file
    assert "left as it was" in result.stderr
    assert tree_digest(sources) == before_raw             # raw files untouched
    assert tree_digest(project / "data/processed") == before_out


def test_committed_outputs_are_current():
    """data/processed/ is exactly what build-data writes (else: run make book, commit)."""
    result = subprocess.run([sys.executable, "-m", "evidence", "check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_stale_outputs_are_detected(project):
    victim = project / "data/processed/sources.csv"
    victim.write_text(victim.read_text().replace("2025", "2024"))
    result = run(project, "check")
    assert result.returncode == 1
    assert "sources.csv: out of date" in result.stderr


def test_a_good_run_rewrites_only_what_changed(project):
    result = run(project, "build-data")
    assert result.returncode == 0, result.stderr
    assert "0 file(s) changed" in result.stdout


def test_the_site_data_mirror_copies_what_changed_and_drops_what_went(tmp_path):
    from evidence import cli
    src, dst = tmp_path / "processed", tmp_path / "site" / "data"
    (src / "clean").mkdir(parents=True)
    (src / "a.csv").write_text("a\n1\n")
    (src / "clean" / "x.txt").write_text("x")
    cli.mirror(src, dst)
    assert (dst / "a.csv").read_text() == "a\n1\n" and (dst / "clean/x.txt").read_text() == "x"
    (src / "a.csv").write_text("a\n1\n2\n")               # changed
    (src / "clean" / "x.txt").unlink()                    # gone
    (src / "b.csv").write_text("b\n")                     # new
    (dst / "stray.txt").write_text("not in the source")
    cli.mirror(src, dst)
    assert (dst / "a.csv").read_text() == "a\n1\n2\n" and (dst / "b.csv").read_text() == "b\n"
    assert not (dst / "clean").exists() and not (dst / "stray.txt").exists()
    (src / "clean").mkdir(exist_ok=True)
    (src / "clean" / "y.txt").write_text("y")
    cli.mirror(src, dst)
    unchanged = (dst / "clean/y.txt").stat()
    time.sleep(0.01)
    cli.mirror(src, dst)                                  # nothing changed: nothing written
    assert (dst / "clean/y.txt").stat().st_ctime_ns == unchanged.st_ctime_ns


ADD_DURING_RUN = """
import sys
from pathlib import Path
from evidence import cli
from evidence.publish import export
write = export.write
def write_and_add(rendered):
    arrived = Path(sys.argv[1]) / "data/sources/999_arrived_during_the_run.txt"
    arrived.write_text("Talks resume. Delegations met again in Istanbul on 6 November 2025.")
    return write(rendered)
export.write = write_and_add
sys.exit(cli.main(["build-data"]))
"""


def test_a_source_added_while_build_data_runs_is_read_next_time(project):
    env = dict(os.environ, EVIDENCE_ROOT=str(project))
    during = subprocess.run([sys.executable, "-c", ADD_DURING_RUN, str(project)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert during.returncode == 0, during.stderr
    # the stamp holds the inputs as they were read, not as they are now
    again = run(project, "build-data")
    assert again.returncode == 0, again.stderr
    assert "up to date" not in again.stdout
    assert "up to date" in run(project, "build-data").stdout
