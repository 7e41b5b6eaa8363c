"""The Makefile makes .venv from the interpreter it is asked for (PYTHON, by default the
system's own Python 3.11 where it can make a venv) and makes it again when an existing one
was made from another interpreter, so that a checkout never keeps running on the
interpreter of an older setup without saying so."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _checkout(tmp_path: Path, made_from: str | None) -> Path:
    """The Makefile beside a set-up-looking .venv (made from ``made_from``), its stamp
    newer than the lock and the project file."""
    (tmp_path / "Makefile").write_text((ROOT / "Makefile").read_text())
    for name in ("requirements.txt", "pyproject.toml"):
        (tmp_path / name).write_text("")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    if made_from is not None:
        (tmp_path / ".venv" / ".made-from").write_text(made_from + "\n")
    stamp = tmp_path / ".venv" / ".requirements-installed"
    stamp.touch()
    later = (tmp_path / "pyproject.toml").stat().st_mtime + 10
    os.utime(stamp, (later, later))
    return stamp


def _dry_run(tmp_path: Path, python: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-n", ".venv/.requirements-installed", f"PYTHON={python}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)


def test_a_venv_made_from_the_asked_interpreter_is_kept(tmp_path):
    stamp = _checkout(tmp_path, "/opt/python3.11")
    result = _dry_run(tmp_path, "/opt/python3.11")
    assert result.returncode == 0, result.stderr
    assert stamp.exists() and "pip install" not in result.stdout, result.stdout


def test_a_venv_made_from_another_interpreter_is_made_again(tmp_path):
    for recorded in ("/opt/other-python", None):        # another, or not recorded (older setup)
        checkout = tmp_path / str(recorded).strip("/").replace("/", "_")
        checkout.mkdir()
        stamp = _checkout(checkout, recorded)
        result = _dry_run(checkout, "/opt/python3.11")
        assert result.returncode == 0, result.stderr
        assert not stamp.exists(), "the stamp of a venv to re-make must be forgotten"
        assert "Making .venv again, from /opt/python3.11" in result.stdout, result.stdout
        assert "/opt/python3.11 -m venv .venv" in result.stdout, result.stdout


def test_the_default_interpreter_is_one_that_can_make_a_venv():
    shown = subprocess.run(["make", "-s", "--no-print-directory", "-f", str(ROOT / "Makefile"),
                            "-f", "-", "show-python"], cwd=ROOT, capture_output=True, text=True,
                           input="show-python:\n\t@echo $(PYTHON)\n", timeout=60)
    python = shown.stdout.strip()
    assert python, shown.stderr
    made = subprocess.run([python, "-c", "import venv, ensurepip, sys; print(sys.version_info[:2])"],
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    if Path("/usr/bin/python3.11").exists() and python != "/usr/bin/python3.11":
        assert subprocess.run(["/usr/bin/python3.11", "-c", "import venv, ensurepip"],
                              capture_output=True).returncode != 0, \
            "the system's Python 3.11 can make a venv but was not chosen"
