"""Articles mixed from real ones, for build benchmarks (a script helper, not a test).

``generate(directory, n)`` writes ``n`` plain-text articles, each a headline line,
a blank line and paragraphs of sentences drawn from several real articles: the
project's own ``data/sources/`` and, when present, the development corpus in
``/work/shared/corpus/articles`` (``EVIDENCE_MIX_POOL`` names other folders,
separated by ``:``). Real sentences carry real date expressions, quotations,
datelines and names, so the mixed texts exercise every parser and the comparison
the way a large media study would, not only the synthetic generator's patterns.
Deterministic: the same pool, ``n`` and seed give the same bytes.
"""
from __future__ import annotations

import html
import os
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POOLS = (ROOT / "data" / "sources", Path("/work/shared/corpus/articles"))
SEED = 20251106
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_TAG = re.compile(r"<[^>]+>")


def pools() -> list[Path]:
    env = os.environ.get("EVIDENCE_MIX_POOL")
    folders = [Path(p) for p in env.split(":")] if env else list(DEFAULT_POOLS)
    return [p for p in folders if p.is_dir()]


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        body = re.sub(r"(?is)<(script|style|head|nav|footer)\b.*?</\1>", " ", raw)
        raw = html.unescape(_TAG.sub("\n", body))
    return raw


def sentences(folders: list[Path] | None = None) -> tuple[list[str], list[str]]:
    """(headline-like lines, body sentences) of every article in the pool folders."""
    heads, body = [], []
    for folder in folders if folders is not None else pools():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".txt", ".html", ".htm"):
                continue
            lines = [ln.strip() for ln in _text(path).splitlines() if ln.strip()]
            for line in lines:
                words = len(line.split())
                if 5 <= words <= 20 and not line.endswith((".", ":")):
                    heads.append(line)
                elif words > 8:
                    body += [s for s in _SENTENCE.split(line) if len(s.split()) >= 6]
    if not body:
        raise SystemExit("no article text to mix: none of the pool folders has articles "
                         f"({', '.join(map(str, folders or pools()))})")
    return heads or ["Pakistan and Afghanistan talks"], body


def article(rng: random.Random, heads: list[str], body: list[str]) -> str:
    """One mixed article of roughly 2-5 KB."""
    size = rng.randint(2000, 5000)
    paragraphs, length = [], 0
    while length < size:
        start = rng.randrange(len(body))
        run = body[start:start + rng.randint(1, 4)]       # neighbouring sentences
        paragraphs.append(" ".join(run))
        length += len(paragraphs[-1])
    return rng.choice(heads) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(directory: Path, n: int, seed: int = SEED, prefix: str = "mix",
             start: int = 0) -> list[Path]:
    """Write articles ``start`` .. ``start + n - 1`` as ``<prefix>_<i>.txt``."""
    heads, body = sentences()
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(start, start + n):
        rng = random.Random(f"{seed}-{i}")
        path = directory / f"{prefix}_{i:05d}.txt"
        path.write_text(article(rng, heads, body), encoding="utf-8")
        written.append(path)
    return written
