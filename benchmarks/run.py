"""Benchmarks (a script, not a test): parse speed and build times.

    make bench                                  # parse 1,000 and 10,000; books N = 5, 200, 1,000
    .venv/bin/python benchmarks/run.py --quick  # parse 1,000; books N = 5, 50 (CI-sized)
    .venv/bin/python benchmarks/run.py --sizes 500 --book-sizes 5 100

Book builds (``benchmarks/book.py``): `make book` clean, with nothing changed and
with one source added, at each N, against stock Jupyter Book building the same
texts in the same run, plus the site's size per source.

Generates a deterministic synthetic corpus (varied dates: Gregorian, ranges,
weekdays, relative phrases, Solar Hijri; varied outlet furniture; .txt and
.html; 3-5 KB each) in a temporary directory, times ``corpus.load`` on it in a
fresh subprocess, three times per size (the median run's wall time and peak RSS,
with every run's time), and compares
``dates.find_dates`` with dateparser's ``search_dates`` on a sample of the same
texts. Prints a table and writes benchmarks/results/latest.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20251030
TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 20.0, 1024, 10.0

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
HIJRI = ["Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sonbola", "Mizan", "Aqrab", "Qaws",
         "Jadi", "Dalw", "Hut"]
IRANIAN = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban",
           "Azar", "Dey", "Bahman", "Esfand"]
PLACES = ["Istanbul", "Doha", "Kabul", "Islamabad", "Tehran", "Riyadh", "Geneva"]
ACTORS = ["the foreign ministry", "a government spokesman", "the defence minister", "officials",
          "the mediators", "security sources", "the delegation", "analysts"]
FILLER = [
    "{a} said the two sides had exchanged proposals on border management and trade.",
    "Diplomats described the atmosphere as cautious but constructive, according to {a}.",
    "The talks in {p} focused on a mechanism to monitor the truce and resolve disputes.",
    "Residents of border districts reported that markets had reopened and traffic resumed.",
    "{a} urged both governments to avoid statements that could inflame tensions.",
    "Observers noted that earlier rounds had produced commitments that were not implemented.",
    "The crossing points remained closed to most trade, hurting traders on both sides.",
    "{a} declined to give details of the proposals, citing the sensitivity of the process.",
    "Humanitarian groups called for safe passage for refugees returning across the border.",
    "A joint working group is expected to draft the terms of a verification mechanism.",
]
FURNITURE = [
    ("Share this:\nFacebook Twitter WhatsApp Email Print\n", "Related Posts\nLeave a Reply\n"
     "Your email address will not be published. Required fields are marked *\n"),
    ("Trending\n", "Subscribe to get the latest posts sent to your email.\nBack to top button\n"
     "Adblock Detected\nPlease consider supporting us by disabling your ad blocker\n"),
    ("{header}\n\n", "Legal Disclaimer:\nThe aggregator provides the information as is without "
     "warranty of any kind.\nSearch\n"),
    ("", "About Us\nContact\ninfo@example.org\nLatest Tweet\n"),
]


def _date_sentences(rng: random.Random, pub: dt.date) -> list[str]:
    """Sentences with dates written in many ways, consistent with ``pub``."""
    start = pub - dt.timedelta(days=rng.randint(3, 9))
    end = start + dt.timedelta(days=rng.randint(1, 5))
    nxt = pub + dt.timedelta(days=rng.randint(5, 12))
    earlier = pub - dt.timedelta(days=rng.randint(15, 40))
    p, a = rng.choice(PLACES), rng.choice(ACTORS)
    wd = WEEKDAYS[pub.weekday()]
    jd = _jalali(nxt)
    forms = [
        f"The round held from {MONTHS[start.month - 1]} {start.day} to {end.day if end.month == start.month else MONTHS[end.month - 1] + ' ' + str(end.day)}, {end.year}, ended without a deal.",
        f"Talks were held in {p} from {start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}."
        if start.month == end.month else f"Talks opened in {p} on {start.day} {MONTHS[start.month - 1]} {start.year}.",
        f"The next meeting will be held in {p} on {MONTHS[nxt.month - 1]} {nxt.day} ({HIJRI[jd[1] - 1]} {jd[2]}).",
        f"A statement dated {pub.isoformat()} was released by {a}.",
        f"{a.capitalize()} said the ceasefire agreed on {ABBR[earlier.month - 1]} {earlier.day} would hold.",
        f"The delegations will meet again next week, {a} said late {WEEKDAYS[(pub.weekday() - 1) % 7]}.",
        f"The second session will be held in {p} on {wd} (today).",
        f"Officials met yesterday and again today, {wd}, to review the draft.",
        f"Clashes erupted earlier this month and fighting continued in recent weeks.",
        f"According to the calendar used in Kabul, the meeting falls on {jd[2]} {HIJRI[jd[1] - 1]} {jd[0]}.",
        f"Iranian media dated the visit {jd[2]} {IRANIAN[jd[1] - 1]} {jd[0]}.",
        f"The border has been a source of tension since the change of government in {pub.year - rng.randint(2, 6)}.",
        f"Envoys met on {earlier.day:02d}/{earlier.month:02d}/{earlier.year} when the day was unambiguous"
        if earlier.day > 12 else f"Envoys met in {MONTHS[earlier.month - 1]} {earlier.year}.",
        f"Three days ago {a} warned that the truce was fragile.",
    ]
    rng.shuffle(forms)
    return forms[:rng.randint(4, 8)]


def _jalali(d: dt.date) -> tuple[int, int, int]:
    import jdatetime
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


def article(i: int, rng: random.Random) -> tuple[str, str]:
    """(file suffix, content) of synthetic article ``i``."""
    pub = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 7 * 365))
    header = (dt.date(2024, 1, 2) if rng.random() < 0.2 else pub).strftime("%A, %d %B %Y 12:17 GMT")
    head, foot = rng.choice(FURNITURE)
    title = f"Talks in {rng.choice(PLACES)} end with agreement to meet again ({i})"
    paragraphs = []
    dated = _date_sentences(rng, pub)
    size = rng.randint(3000, 5000)
    body_len = 0
    while body_len < size - 600:
        sents = [rng.choice(FILLER).format(a=rng.choice(ACTORS).capitalize(), p=rng.choice(PLACES))
                 for _ in range(rng.randint(2, 4))]
        if dated:
            sents.insert(rng.randint(0, len(sents)), dated.pop())
        paragraphs.append(" ".join(sents))
        body_len += len(paragraphs[-1])
    if rng.random() < 0.25:
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
        return ".html", (f"<!doctype html><html><head><title>{html.escape(title)}</title>"
                         f'<meta property="article:published_time" content="{pub.isoformat()}T09:00:00Z">'
                         f'<meta property="og:site_name" content="Outlet {i % 17}"></head><body>'
                         f"<nav>Home | World | Region</nav><article><h1>{html.escape(title)}</h1>\n{body}"
                         f"</article><footer>{html.escape(foot)}</footer></body></html>\n")
    return ".txt", head.format(header=header) + title + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + foot


def generate(directory: Path, n: int, seed: int = SEED) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        suffix, content = article(i, rng)
        path = directory / f"bench_{i:05d}{suffix}"
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- timing

def child(directory: str) -> None:
    """Run in a fresh interpreter: parse the corpus, report seconds and peak memory."""
    from evidence.read import corpus
    t0, cpu0 = time.perf_counter(), _cpu()
    c = corpus.load(Path(directory), Path(directory) / "no-registry.csv")
    seconds = time.perf_counter() - t0
    parent_cpu, workers_cpu = (after - before for after, before in zip(_cpu(), cpu0))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "sources": len(c.sources),
                      "parent_cpu_s": round(parent_cpu, 2), "workers_cpu_s": round(workers_cpu, 2),
                      "load_average": [round(x, 2) for x in os.getloadavg()],
                      "problems": len(c.problems),
                      "first_problems": c.problems[:3]}))


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children (the
    worker processes): on a shared machine these vary far less than wall time."""
    own, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def time_parse(n: int, repeat: int = 1) -> dict:
    """Parse ``n`` generated articles ``repeat`` times, each in a fresh interpreter; the
    run reported is the median by wall time (this machine's speed drifts by 10-20%
    within minutes: one run says as much about the machine as about the code), and
    every run's seconds are kept beside it."""
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as tmp:
        files = generate(Path(tmp), n)
        mb = sum(p.stat().st_size for p in files) / 1e6
        runs = []
        for _ in range(repeat):
            out = subprocess.run([sys.executable, __file__, "--child", tmp], check=True,
                                 capture_output=True, text=True, cwd=ROOT)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    result = sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]
    result.update(n=n, input_mb=round(mb, 1), per_second=round(n / result["seconds"], 1),
                  runs_seconds=[round(r["seconds"], 2) for r in runs])
    return result


def time_dateparser(sample: int = 200) -> dict:
    from dateparser.search import search_dates

    from evidence.read import dates
    rng = random.Random(SEED)
    texts = [article(i, rng)[1] for i in range(sample)]
    dates.find_dates("warm up on October 30, 2025", None)
    search_dates("warm up on October 30, 2025", languages=["en"])
    t0 = time.perf_counter()
    ours = sum(len(dates.find_dates(t, None)) for t in texts)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = sum(len(search_dates(t, languages=["en"]) or []) for t in texts)
    t_theirs = time.perf_counter() - t0
    return {"sample": sample, "find_dates_s": round(t_ours, 3), "search_dates_s": round(t_theirs, 2),
            "find_dates_mentions": ours, "search_dates_mentions": theirs,
            "speed_ratio": round(t_theirs / t_ours, 1),
            "search_dates_10k_extrapolated_s": round(t_theirs / sample * 10000, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", help="articles to parse (default 1000 10000)")
    ap.add_argument("--book-sizes", type=int, nargs="*",
                    help="sources per book build (default 5 200 1000; none: skip)")
    ap.add_argument("--quick", action="store_true", help="parse 1,000; books of 5 and 50")
    ap.add_argument("--sample", type=int, default=200, help="texts for the dateparser comparison")
    ap.add_argument("--repeat", type=int, help="parse runs per size, the median reported "
                    "(default 3; 1 with --quick)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    sizes = args.sizes or ([1000] if args.quick else [1000, 10000])
    book_sizes = args.book_sizes if args.book_sizes is not None else \
        ([5, 50] if args.quick else [5, 200, 1000])
    repeat = args.repeat or (1 if args.quick else 3)
    results = {"parse": [time_parse(n, repeat) for n in sizes], "dateparser": time_dateparser(args.sample)}
    print(f"{'articles':>9} {'input MB':>9} {'seconds':>8} {'art/s':>8} {'peak MB':>8} {'problems':>9}"
          f" {'CPU s: parent':>14} {'workers':>8}  load average  (seconds of every run)")
    for r in results["parse"]:
        print(f"{r['n']:>9,} {r['input_mb']:>9} {r['seconds']:>8.2f} {r['per_second']:>8,.0f} "
              f"{r['peak_mb']:>8.0f} {r['problems']:>9} {r['parent_cpu_s']:>14.1f} "
              f"{r['workers_cpu_s']:>8.1f}  {' '.join(map(str, r['load_average']))}"
              f"  ({', '.join(map(str, r['runs_seconds']))})")
    d = results["dateparser"]
    print(f"\ndates on {d['sample']} articles: find_dates {d['find_dates_s']} s, dateparser search_dates "
          f"{d['search_dates_s']} s -> {d['speed_ratio']}x faster "
          f"(search_dates on 10,000 would take ~{d['search_dates_10k_extrapolated_s']} s)")
    big = [r for r in results["parse"] if r["n"] >= 10000]
    ok = bool(big) and all(r["seconds"] <= TARGET_SECONDS and r["peak_mb"] <= TARGET_MB
                           for r in big) and d["speed_ratio"] >= TARGET_RATIO
    results["targets"] = {"seconds_10k": TARGET_SECONDS, "peak_mb": TARGET_MB, "ratio": TARGET_RATIO,
                          "met": ok}
    verdict = ("met" if ok else "NOT met") if big else "not measured (no size of 10,000 or more)"
    print(f"\nparse targets (10,000 <= {TARGET_SECONDS:.0f} s, <= {TARGET_MB} MB, >= {TARGET_RATIO:.0f}x): "
          f"{verdict}")
    failed = False
    if book_sizes:
        import book
        with tempfile.TemporaryDirectory(prefix="evidence-book-bench-") as tmp:
            results["book"] = []
            for n in book_sizes:
                results["book"].append(book.bench_size(Path(tmp), n))
                print(f"  N = {n:,}: " + json.dumps({k: v for k, v in results["book"][-1].items()
                                                     if k != "failures"}), flush=True)
        print("\nmake book vs stock Jupyter Book (seconds):")
        print("\n".join(book.report(results["book"])))
        for r in results["book"]:
            print(f"  N = {r['n']:,}: one added -> {r['added_mode'] or '?'}")
            for failure in r["failures"]:
                failed = True
                print(f"\nN = {r['n']:,}: {failure}", file=sys.stderr)
        results["book_targets"] = book.targets(results["book"])
        print("\nbook targets: " + "; ".join(f"{k} {'met' if v else 'NOT met'}"
                                             for k, v in results["book_targets"].items()))
    out = ROOT / "benchmarks" / "results" / ("quick.json" if args.quick else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
