"""read/copies.py: republished copies recognised, and counted once."""
from __future__ import annotations

import datetime as dt
import shutil

from evidence.model import RawDocument, RegistryEntry
from evidence.read import copies
from evidence.read.corpus import parse_text

STORY_A = (
    "QUETTA: Delegations from the two neighbours ended a fourth day of talks on Saturday "
    "without a written text, officials said, but agreed to keep the border crossings open "
    "for trucks carrying fruit and medicine while the negotiators consult their capitals.\n\n"
    "A provincial spokesman told reporters that the mediators had proposed a committee of "
    "tribal elders to settle disputes over grazing land, a plan that both sides described as "
    "worth studying before the next meeting in the coming weeks.\n\n"
    "Traders waiting at the crossing said hundreds of lorries had been stuck for nine days "
    "and that much of the fresh produce had already spoiled in the heat.")
STORY_B = (
    "HERAT: A new railway link between the western city and the border town was opened on "
    "Sunday by the transport minister, who said the line would carry fuel and grain and cut "
    "the cost of freight by a third within a year.\n\n"
    "Engineers had worked through the winter to lay the final stretch of track across the "
    "desert, and the first train carried forty wagons of wheat donated by a charity.")
SAME_TOPIC = (
    "Negotiators from both countries left the talks on Saturday with no signed agreement. "
    "According to one delegate, the crossings will stay open to lorries with food and "
    "medicine, and elders from the tribes may be asked to settle quarrels about pasture. "
    "Drivers at the border complained that they had waited more than a week and that their "
    "cargo of fruit was rotting, while the mediators urged patience until the next round.")


def source(source_id: str, text: str, published: dt.date | None = None):
    raw = RawDocument(source_id=source_id, path=f"{source_id}.txt", fmt="txt", text=text,
                      sha256="")
    parsed = parse_text(raw, RegistryEntry(source_id, in_registry=False))
    parsed.pubdate.published = parsed.pubdate.earliest = parsed.pubdate.latest = published
    return parsed


def marked(*sources):
    copies.mark(list(sources))
    return {s.source_id: (s.copy_of, s.copy_share) for s in sources}


def test_an_exact_copy_is_a_copy_of_the_earlier_publication():
    result = marked(source("b", STORY_A, dt.date(2025, 3, 2)),
                    source("a", STORY_A, dt.date(2025, 3, 3)))
    assert result == {"a": ("b", 1.0), "b": ("", None)}


def test_without_dates_the_original_is_the_smaller_id():
    assert marked(source("y", STORY_A), source("x", STORY_A)) == \
        {"x": ("", None), "y": ("x", 1.0)}


def test_a_dated_source_is_the_original_of_an_undated_one():
    assert marked(source("a", STORY_A), source("b", STORY_A, dt.date(2025, 3, 2)))["a"][0] == "b"


def test_a_wire_copy_with_other_page_furniture_is_a_copy():
    own = source("own", "Talks end without text, crossings stay open\n\n" + STORY_A
                 + "\n\nShare this:\nFacebook Twitter WhatsApp\n\nRelated Posts\n")
    repost = source("repost", "Trending\n\nMonday, 3 March 2025\n\n" + STORY_A.replace(
        "QUETTA:", "(WIRE- Frontier Daily) QUETTA:") + "\n\nLegal Disclaimer:\nThe aggregator "
        "provides this content as is.\n\n© 2025 Aggregator. All rights reserved.\n")
    result = marked(own, repost)
    assert result["repost"][0] == "own"
    assert result["repost"][1] >= 0.9


def test_a_trimmed_copy_is_a_copy_and_its_share_says_how_much():
    trimmed = STORY_A.rsplit("\n\n", 1)[0]
    result = marked(source("full", STORY_A), source("short", trimmed))
    assert result["short"][0] == "full"
    assert result["short"][1] >= 0.9          # all of the short text is in the full one


def test_different_stories_on_the_same_topic_are_not_copies():
    assert marked(source("a", STORY_A), source("b", SAME_TOPIC), source("c", STORY_B)) == \
        {"a": ("", None), "b": ("", None), "c": ("", None)}


def test_a_page_joining_two_stories_groups_with_each_story_it_carries():
    joined = source("page", "Talks end without text\n\n" + STORY_A
                    + "\n\nShare this:\nFacebook Twitter WhatsApp\n\nNew railway opens in the west\n\n"
                    + STORY_B)
    assert len(joined.clean.stories) == 2
    single = source("single", STORY_A, dt.date(2025, 3, 1))
    other = source("other", SAME_TOPIC)
    result = marked(joined, single, other)
    assert result["page"][0] == "single"
    assert 0.3 <= result["page"][1] <= 0.8    # about the half that is story A
    assert result["other"] == ("", None)


def test_a_short_statement_quoted_in_full_does_not_make_the_article_a_copy():
    statement = STORY_A.split("\n\n")[1]
    article = source("article", STORY_A + "\n\n" + STORY_B + "\n\n" + SAME_TOPIC)
    assert marked(source("statement", statement), article) == \
        {"article": ("", None), "statement": ("", None)}


def test_too_short_texts_are_never_compared():
    short = "Talks ended on Saturday without a signed text, officials said."
    assert copies.shingles(short)[0] == 0
    assert marked(source("a", short), source("b", short)) == {"a": ("", None), "b": ("", None)}


def test_a_copy_counts_once():
    sources = [source("a", STORY_A, dt.date(2025, 3, 1)), source("b", STORY_A),
               source("c", SAME_TOPIC)]
    copies.mark(sources)
    original_of = copies.originals(sources)
    assert copies.independent(["b", "a", "c"], original_of) == ["a", "c"]
    assert copies.count(["a", "b"], original_of) == 1
    assert copies.count(["b", "c"], original_of) == 2
    assert copies.count(["unknown"], original_of) == 1


def test_marking_again_forgets_an_old_answer():
    a, b = source("a", STORY_A), source("b", STORY_A)
    copies.mark([a, b])
    b.fingerprint = source("b", STORY_B).fingerprint
    copies.mark([a, b])
    assert (b.copy_of, b.copy_share) == ("", None)


def test_a_seed_saved_again_counts_once_in_events_provisions_and_facts(tmp_path):
    """The same story saved a second time from another address, with other page
    furniture, is recognised as a copy and counted once wherever sources are counted:
    every count is what the seeds alone give."""
    from evidence import paths
    from evidence.compare import comparison
    from evidence.publish import facts
    from evidence.read import corpus

    alone, with_copy = tmp_path / "alone", tmp_path / "with_copy"
    for folder in (alone, with_copy):
        folder.mkdir()
        for path in paths.source_files():
            shutil.copy2(path, folder / path.name)
    seed = paths.SOURCES / "001_95596e8d0491c733.txt"
    (with_copy / "saved_again.txt").write_text(
        "Menu\n\nSearch\n\n" + seed.read_text(encoding="utf-8")
        + "\n\nShare this:\nFacebook Twitter WhatsApp\n\n"
        "© 2025 Another Site. All rights reserved.\n", encoding="utf-8")
    results = {}
    for folder in (alone, with_copy):
        loaded = corpus.load(folder, tmp_path / "no-registry.csv")
        result = comparison.compare(loaded.sources)
        results[folder.name] = (loaded, result, facts.compute(loaded, result))
    loaded, result, named = results["with_copy"]
    copy = loaded.by_id()["saved_again"]
    assert copy.copy_of == seed.stem and copy.copy_share >= 0.9
    assert (named["n_sources"], named["n_independent_sources"], named["n_copies"]) == \
        (str(len(paths.source_files()) + 1), str(len(paths.source_files())), "1")
    attested = [e for e in result.events_list if "saved_again" in e.source_ids]
    assert attested and all(seed.stem in e.source_ids for e in attested)
    seeds_named = results["alone"][2]
    counted = [k for k in seeds_named if k.endswith(".n_sources") or ".n_reported" in k
               or ".n_contradicted" in k or ".n_not_mentioned" in k]
    assert counted and {k: named.get(k) for k in counted} == \
        {k: seeds_named[k] for k in counted}
    seeds_events = results["alone"][1].events.set_index("event_id")["n_sources"].to_dict()
    assert result.events.set_index("event_id")["n_sources"].to_dict() == seeds_events


def test_unrelated_texts_are_not_compared_pairwise():
    """The LSH index proposes only similar stories: 400 unrelated texts give (almost) no
    candidate pairs out of 79,800, so the pass stays close to linear in the sources."""
    import random
    from types import SimpleNamespace

    from evidence.model import CleanDocument

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    unrelated = [SimpleNamespace(source_id=f"s{i:03d}", fingerprint=copies.fingerprint(
        CleanDocument(text=" ".join(rng.choices(vocabulary, k=150))))) for i in range(400)]
    assert len(copies._candidates(unrelated)) <= 5
    same = [SimpleNamespace(source_id=f"c{i}", fingerprint=unrelated[0].fingerprint)
            for i in range(3)]
    assert copies._candidates(unrelated + same) >= {(0, 400), (0, 401), (400, 402)}


def test_candidate_pairs_are_those_datasketch_lsh_proposes():
    import random
    from types import SimpleNamespace

    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=(12, copies.NUM_PERM), dtype=np.uint64).astype(np.uint32)
    stories = []
    for k in range(60):                       # near-copies of a few stories, and strangers
        values = base[k % 12].copy()
        changed = random.Random(k).sample(range(copies.NUM_PERM), k % 5 * 25)
        values[changed] = rng.integers(0, 2**32, size=len(changed), dtype=np.uint64)
        stories.append(values)
    sources = [SimpleNamespace(fingerprint=tuple((30, v) for v in stories[i:i + 1 + i % 2]))
               for i in range(0, 60, 2)] + [SimpleNamespace(fingerprint=())]
    lsh = MinHashLSH(num_perm=copies.NUM_PERM, params=copies.LSH_BANDS)
    owners = [(i, LeanMinHash(seed=copies._SEED, hashvalues=v, scheme="affine32"))
              for i, s in enumerate(sources) for _n, v in s.fingerprint]
    for key, (_i, m) in enumerate(owners):
        lsh.insert(key, m)
    expected = {(min(i, owners[k][0]), max(i, owners[k][0]))
                for i, m in owners for k in lsh.query(m) if owners[k][0] != i}
    assert len(expected) > 10
    assert copies._candidates(sources) == expected


def _datasketch_minhash(values):
    from datasketch import MinHash
    sketch = MinHash(num_perm=copies.NUM_PERM, seed=copies._SEED, hashfunc=int)
    sketch.update_batch(values.tolist())
    return sketch


def test_minhash_is_datasketchs_minhash():
    """``minhash`` computes what datasketch's MinHash does, permutations and all: on
    small and large batches, on values spanning 32 bits, and on a text's shingles."""
    import numpy as np
    sketch = _datasketch_minhash(np.array([1], dtype=np.uint64))
    assert sketch.scheme == "affine32"
    a, b = copies._permutations()
    assert np.array_equal(sketch.permutations, np.array([a, b]))
    rng = np.random.default_rng(11)
    batches = [np.array([0], dtype=np.uint64), np.array([2**32 - 1, 7], dtype=np.uint64),
               *(rng.integers(0, 2**32, size=size, dtype=np.uint64) for size in (3, 250, 4000))]
    text = " ".join(f"word{i % 97} other{i % 13}" for i in range(400))
    batches.append(copies.shingles(text)[1])
    for values in batches:
        ours = copies.minhash(values)
        expected = _datasketch_minhash(values).hashvalues
        assert ours.dtype == np.uint32 and expected.dtype == np.uint32
        assert np.array_equal(ours, expected)


def test_remembered_word_hashes_are_the_hashes_of_each_occurrence(monkeypatch):
    """``shingles`` hashes each distinct word once; its shingles are those hashing every
    occurrence of the lower-cased text's words gives, also when the memo fills up and is
    emptied midway."""
    import zlib

    import numpy as np

    class HashingEach:
        def __getitem__(self, word):
            return zlib.crc32(word.encode())

    text = " ".join(f"Wörd{i % 37} TALKS ended on Day {i % 11}, the ΕΝΟΣ envoy said."
                    for i in range(60))
    with monkeypatch.context() as m:
        m.setattr(copies, "_WORD_HASH", HashingEach())
        want_n, want = copies.shingles(text.lower())     # each occurrence of each word
    for limit in (copies.WORD_HASHES_MAX, 5):
        monkeypatch.setattr(copies, "WORD_HASHES_MAX", limit)
        copies._WORD_HASH.clear()
        n, got = copies.shingles(text)
        assert n == want_n > copies.MIN_SHINGLES and len(got) and np.array_equal(got, want)
        assert len(copies._WORD_HASH) <= limit


def test_window_hashes_by_doubling_are_the_polynomial_hashes():
    """``_windows`` gives, for every run of k values, the polynomial hash word by word
    (modulo 2**64), whatever k and however few values."""
    import numpy as np
    rng = np.random.default_rng(5)
    for k in range(1, 18):
        for length in (k, k + 1, k + 6, 200):
            ids = rng.integers(0, 2**64, size=length, dtype=np.uint64)
            expected = np.zeros(length - k + 1, dtype=np.uint64)
            for j in range(k):
                expected *= copies._BASE
                expected += ids[j:j + length - k + 1]
            assert np.array_equal(copies._windows(ids, k), expected)


def test_lsh_bands_are_datasketchs_optimum_for_the_threshold():
    from datasketch import MinHashLSH
    lsh = MinHashLSH(threshold=copies.LSH_THRESHOLD, num_perm=copies.NUM_PERM)
    assert (lsh.b, lsh.r) == copies.LSH_BANDS
