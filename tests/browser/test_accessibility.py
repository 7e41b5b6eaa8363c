"""Accessibility of every built page, by axe-core (WCAG 2.1 A and AA rules) in Chromium.

axe-core is the pinned npm package of tests/browser/package.json, installed into
tests/browser/node_modules by ``make browser`` (``npm ci``); it is injected into the
page by the test, so the site itself never loads it.  Every page must have no serious
or critical violation, whatever brings it: our pages, the notebooks' output or the
theme.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = {"serious", "critical"}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        message = f"{AXE} is missing: run `make browser` (npm ci in tests/browser)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[dict]:
    """axe-core's violations on the loaded page: [{id, impact, nodes: [target…]}]."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                           resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' '))}));
    }""", TAGS)
    return result


def test_axe_finds_a_planted_violation(visit, site_url, axe_source):
    """The check can fail: a button without a name is a critical violation."""
    v = visit()
    page = v.open("book/index.html")
    page.evaluate("() => document.body.appendChild(document.createElement('button'))")
    found = axe_violations(page, axe_source)
    assert any(x["id"] == "button-name" and x["impact"] in SERIOUS for x in found), found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_or_critical_violation_on_any_page(visit, site_pages, axe_source, theme):
    v = visit(viewport={"width": 1280, "height": 900}, color_scheme=theme)
    report: dict[str, list] = {}
    for rel in site_pages:
        page = v.open(rel)
        page.wait_for_load_state("networkidle")
        bad = [x for x in axe_violations(page, axe_source) if x["impact"] in SERIOUS]
        if bad:
            report[rel] = bad
    counts: dict[str, int] = {}
    for bad in report.values():
        for x in bad:
            counts[x["id"]] = counts.get(x["id"], 0) + len(x["nodes"])
    out = Path(os.environ.get("SCREENSHOTS_DIR", "/tmp/screens")) / f"axe-{theme}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"counts": counts, "pages": report}, indent=1), encoding="utf-8")
    assert not report, f"{sum(counts.values())} serious/critical nodes {counts}; see {out}"
