"""Republished copies: sources whose text is the same story as another source's.

A wire story carried by several outlets, an aggregator's repost and an article saved a
second time from another address are one voice, not several; wherever the report counts
sources it counts such a group once (``originals`` and ``count``). Each story of a
source (a page may join several, see ``clean``) is reduced in the parallel parse to a
MinHash of its word 10-grams (``fingerprint``: ``datasketch``'s MinHash, see
``minhash``), and after the corpus is read (``mark``) locality-sensitive hashing (the
bands of ``datasketch.MinHashLSH``) proposes the story pairs that may be
near-duplicates, so the comparison stays close to linear in the number of sources.
Two sources are copies when at least ``LINK_SHARE`` of one's text is found in the other
and at least ``LINK_OTHER`` of the other's in the first (so a short statement quoted in
full by a longer article does not make that article a copy of it).
Copies form groups; a group's original is its earliest publication (date, then id), and
every other member records ``copy_of`` (the original) and ``copy_share`` (the estimated
share of its text found in the original). A group is formed transitively, so a page
joining stories A and B groups with a source of A and with a source of B alike: those
two then count once, a limit of counting whole sources rather than stories.
"""
from __future__ import annotations

import datetime as dt
import zlib
from functools import lru_cache

import numpy as np

from evidence.model import CleanDocument, ParsedSource

SHINGLE_WORDS = 10         # a shingle: this many consecutive words
NUM_PERM = 128             # MinHash permutations (share estimates within ~0.05)
MIN_SHINGLES = 25          # shorter stories are too short to call copies
SAMPLE = 4                 # one shingle in this many enters the MinHash
LSH_THRESHOLD = 0.5        # Jaccard similarity the LSH index is tuned to propose
# (bands, rows per band): datasketch's optimum for LSH_THRESHOLD and NUM_PERM, what
# MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM) uses (a test checks it). Kept
# here, not asked of datasketch: its LSH module loads scipy to find them (~1 s, which a
# build of a few sources paid in full).
LSH_BANDS = (25, 5)
LINK_SHARE = 0.6           # at least this share of one text is in the other ...
LINK_OTHER = 0.3           # ... and at least this share of the other in the first
_SEED = 1
_MASK = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(1_000_003)

Fingerprint = tuple[tuple[int, np.ndarray], ...]   # per story: (shingles, MinHash values)


# MurmurHash3's 32-bit finalizer (datasketch's ``_fmix``): shifts and multipliers
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of the affine permutations h -> a * h + b (mod 2**32) of
    ``datasketch.MinHash(num_perm=NUM_PERM, seed=_SEED)`` (its default "affine32"
    scheme), drawn as it draws them (a test checks they are its own)."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(values: np.ndarray) -> np.ndarray:
    """The hash values (uint32, ``NUM_PERM``) of ``datasketch.MinHash(num_perm=NUM_PERM,
    seed=_SEED, hashfunc=int)`` after ``update_batch(values)`` (32-bit values, at least
    one), computed as it computes them (a test checks they are equal) but from the
    array itself: importing datasketch loads scipy (~0.8 s, which every parse
    process paid before it could start), and its update converts each value to a
    Python int and back (a third of its cost)."""
    s1, m1, s2, m2, s3 = _FMIX
    h = values.astype(np.uint32)
    h ^= h >> s1
    h *= m1
    h ^= h >> s2
    h *= m2
    h ^= h >> s3
    a, b = _permutations()
    permuted = np.multiply.outer(h, a)       # wraps modulo 2**32, as datasketch's
    permuted += b
    return permuted.min(axis=0)


class _WordHashes(dict):
    """word -> the CRC-32 of its lower-cased UTF-8 bytes, each word hashed once per
    process (words recur: most of an article's are in the others; hashing every
    occurrence was half the cost of ``shingles``; lower-casing each word once here, not
    the whole text each time, saves a third of the rest). Emptied when it reaches
    ``WORD_HASHES_MAX`` words."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORD_HASHES_MAX:
            self.clear()
        value = self[word] = zlib.crc32(word.lower().encode())
        return value


WORD_HASHES_MAX = 1 << 17
_WORD_HASH = _WordHashes()


def _windows(ids: np.ndarray, k: int) -> np.ndarray:
    """For each run of ``k`` consecutive values, sum(ids[i + j] * _BASE ** (k - 1 - j))
    (a polynomial hash, wrapping modulo 2**64), built by doubling: the hash of runs of
    1, 2, 4, 8 values, each from two of the one before, joined as ``k``'s binary digits
    say (4 multiplications and 4 additions for 10 words, not 9 and 9)."""
    run, size = None, 0          # the hash of the first ``size`` values of each window
    block, width = ids, 1        # the hash of every ``width`` consecutive values
    while True:
        if k & 1:
            if run is None:
                run, size = block, width
            else:                # the window's first ``size`` values, then ``width`` more
                run = run[:len(run) - width] * _power(width)
                run += block[size:]
                size += width
        k >>= 1
        if not k:
            return run if run is not ids else ids.copy()
        doubled = block[:len(block) - width] * _power(width)
        doubled += block[width:]
        block, width = doubled, 2 * width


@lru_cache(maxsize=None)
def _power(exponent: int) -> np.uint64:
    return np.uint64(pow(int(_BASE), exponent, 1 << 64))


def shingles(text: str) -> tuple[int, np.ndarray]:
    """(number of word 10-grams, the distinct 32-bit hashes of the sampled ones): the
    text is split at white space, lower-cased, and one shingle in ``SAMPLE`` is kept
    (those whose hash is divisible by it), which estimates the same similarity at a
    fraction of the cost. (0, empty) when the text has fewer than ``MIN_SHINGLES``."""
    # (lower-casing maps white space to itself and no other character to white space, and
    # reads no context across it: the words of the lower-cased text are the lower-cased words)
    words = text.split()
    n = len(words) - SHINGLE_WORDS + 1
    if n < MIN_SHINGLES:
        return 0, np.empty(0, dtype=np.uint64)
    ids = np.fromiter(map(_WORD_HASH.__getitem__, words), dtype=np.uint64, count=len(words))
    h = _windows(ids, SHINGLE_WORDS)
    h ^= h >> np.uint64(32)
    h &= _MASK
    kept = np.sort(h[h % np.uint64(SAMPLE) == 0])
    # distinct values (``np.unique`` without its checks and bookkeeping, half the cost)
    return n, kept[np.concatenate(([True], kept[1:] != kept[:-1]))] if len(kept) else kept


def fingerprint(clean: CleanDocument) -> Fingerprint:
    """One (number of shingles, MinHash values) per story long enough to compare."""
    spans = [(s.start, s.end) for s in clean.stories] or [(0, len(clean.text))]
    prints = []
    for start, end in spans:
        n, sampled = shingles(clean.text[start:end])
        if len(sampled):       # else too short, or no shingle sampled: nothing to compare
            prints.append((n, minhash(sampled)))
    return tuple(prints)


def _shared(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """Estimated share of a's text found in b, and of b's found in a (each story is
    matched with the other source's most similar story)."""
    in_b = np.zeros(len(a))
    in_a = np.zeros(len(b))
    for i, (na, ha) in enumerate(a):
        for j, (nb, hb) in enumerate(b):
            jac = float(np.count_nonzero(ha == hb)) / NUM_PERM
            common = jac * (na + nb) / (1 + jac)
            in_b[i] = max(in_b[i], min(common, na))
            in_a[j] = max(in_a[j], min(common, nb))
    total_a, total_b = sum(n for n, _ in a), sum(n for n, _ in b)
    return float(in_b.sum()) / total_a, float(in_a.sum()) / total_b


def linked(a: Fingerprint, b: Fingerprint) -> bool:
    share_a, share_b = _shared(a, b)
    return max(share_a, share_b) >= LINK_SHARE and min(share_a, share_b) >= LINK_OTHER


def _candidates(sources: list[ParsedSource]) -> set[tuple[int, int]]:
    """Pairs of sources (indices, smaller first) with a story pair the LSH proposes:
    two stories whose MinHash values agree on all rows of at least one band, with
    datasketch's optimal bands for ``LSH_THRESHOLD`` (``LSH_BANDS``; what ``MinHashLSH``
    would return, found by sorting each band's rows: 10,000 inserts and queries into
    its index were seconds of the serial corpus pass)."""
    owners = [index for index, source in enumerate(sources) for _story in source.fingerprint]
    if not owners:
        return set()
    owner = np.array(owners)
    values = np.stack([v for source in sources for _n, v in source.fingerprint])
    bands, rows = LSH_BANDS
    pairs = set()
    for band in range(bands):
        block = values[:, band * rows:(band + 1) * rows]
        # sorted by the band's values, equal bands stand together: a run of more than
        # one is a bucket of stories whose band another story has
        order = np.lexsort(block.T)
        ranked = block[order]
        starts = np.flatnonzero(np.concatenate(([True], (ranked[1:] != ranked[:-1]).any(axis=1))))
        sizes = np.diff(np.append(starts, len(order)))
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            ids = sorted(set(owner[order[start:start + size]].tolist()))
            pairs.update((a, b) for k, a in enumerate(ids) for b in ids[k + 1:])
    return pairs


def _order(source: ParsedSource) -> tuple[dt.date, str]:
    pub = source.pubdate
    return (pub.published or pub.earliest or dt.date.max, source.source_id)


def groups(sources: list[ParsedSource]) -> list[list[int]]:
    """The groups of copies (indices into ``sources``, two or more each, in order):
    sources linked to one another, directly or through others. Read from the texts
    alone, so it may run while the corpus pass still re-dates sources (``mark`` then
    needs only their dates)."""
    parent = list(range(len(sources)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(_candidates(sources)):
        if linked(sources[i].fingerprint, sources[j].fingerprint):
            parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for index in range(len(sources)):
        members.setdefault(root(index), []).append(index)
    return [group for group in members.values() if len(group) > 1]


def mark(sources: list[ParsedSource], found: list[list[int]] | None = None) -> None:
    """Set ``copy_of`` and ``copy_share`` on every source that copies another.
    ``found``: ``groups(sources)`` if already computed."""
    for source in sources:
        source.copy_of, source.copy_share = "", None
    for group in groups(sources) if found is None else found:
        members = [sources[i] for i in group]
        original = min(members, key=_order)
        for source in members:
            if source is not original:
                source.copy_of = original.source_id
                source.copy_share = round(_shared(source.fingerprint,
                                                  original.fingerprint)[0], 2)


def originals(sources: list[ParsedSource]) -> dict[str, str]:
    """Source id -> the id it counts as: its original when it is a copy, else itself."""
    return {s.source_id: s.copy_of or s.source_id for s in sources}


def independent(source_ids, original_of: dict[str, str]) -> list[str]:
    """The distinct originals among ``source_ids`` (a copy counts as its original)."""
    return sorted({original_of.get(i, i) for i in source_ids})


def count(source_ids, original_of: dict[str, str]) -> int:
    """How many sources ``source_ids`` are when each group of copies counts once."""
    return len(independent(source_ids, original_of))
