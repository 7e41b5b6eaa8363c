"""The package's layout keeps its promises: stages import only downstream, no module
grows past one concern's size, and the install is the one pyproject.toml declares,
pinned by requirements.txt."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "evidence"
MAX_LINES = 450
# The flow, bottom first: a module may import its own stage and the stages before it.
ORDER = ["bottom", "read", "compare", "publish", "site", "top"]
TOP = {"cli", "evaluation", "__main__"}          # commands: they drive every stage


def stage_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in ORDER:
        return parts[1]
    name = parts[1] if len(parts) > 1 else ""
    return "top" if name in TOP else "bottom"


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        out[".".join(p for p in rel.parts if p != "__init__")] = path
    return out


def imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("evidence"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("evidence")}
    return found


def test_there_are_stage_subpackages():
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} >= {
        "read", "compare", "publish", "site"}


def test_imports_run_only_downstream():
    known = modules()
    wrong = []
    for name, path in known.items():
        for target in imported(path):
            if target not in known:
                continue
            if ORDER.index(stage_of(target)) > ORDER.index(stage_of(name)):
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_no_module_is_over_the_size_of_one_concern():
    big = {name: n for name, path in modules().items()
           if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big, big


def test_the_lock_pins_every_declared_dependency_within_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(r) for r in project["dependencies"]
                + project["optional-dependencies"]["test"]]
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    problems = []
    for req in declared:
        key = req.name.lower().replace("_", "-")
        if key not in pins:
            problems.append(f"{req.name} is not pinned in requirements.txt")
        elif not req.specifier.contains(pins[key], prereleases=True):
            problems.append(f"{req.name}=={pins[key]} is outside {req.specifier}")
    assert not problems, problems


def test_the_installed_package_is_this_checkout():
    here = subprocess.run([sys.executable, "-P", "-m", "evidence", "where", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert here.returncode == 0 and Path(here.stdout.strip()) == ROOT
    # from anywhere else (a moved copy's directory) the check fails, so `make` reinstalls
    elsewhere = subprocess.run([sys.executable, "-m", "evidence", "where", "--check"],
                               cwd=ROOT / "tests", capture_output=True, text=True)
    assert elsewhere.returncode == 1
