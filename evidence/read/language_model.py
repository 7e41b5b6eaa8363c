"""py3langid's model, kept decompressed between runs.

py3langid ships its Naive Bayes model LZMA-compressed, and decompressing it cost every
parse ~0.6 s of CPU at its start, where nothing else can run alongside. ``load`` writes
the model's arrays once, as py3langid reads them, to ``_build/cache/language-model/<key>``
(``key``: py3langid's version and the model file's size and time, so an upgrade makes a
new copy and drops the old) and later runs map them into memory (the large score table
is not even read until used, and forked workers share its pages). A copy that cannot be
written or read is ignored: the model is then read from the package as before.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

FOLDER = "language-model"
# the arrays of a copy; "ptc" is the score table, kept as float32 (``language`` scores in
# float32: py3langid's float16 weights convert exactly)
ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def load(identifier_class, root: Path | None = None):
    """py3langid's identifier (``identifier_class``, a subclass) with normalised
    probabilities and ``nb_ptc32``, the score table as float32, from the copy under
    ``root`` (default: the project's ``_build/cache``) when there is one."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    if root is None:
        from evidence.read import cache
        root = cache.default_dir()
    model = Path(MODEL_DIR) / MODEL_FILE
    folder = Path(root) / FOLDER / _key(model)
    arrays = _read(folder)
    if arrays is None:
        arrays = _arrays(model)
        _write(folder, arrays)
    return _identifier(identifier_class, arrays)


def _key(model: Path) -> str:
    from importlib.metadata import version
    stat = model.stat()
    return f"py3langid-{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}"


def _arrays(model: Path) -> dict[str, np.ndarray]:
    """The model as py3langid reads it (its LZMA-compressed file), as arrays."""
    from py3langid import modelio
    ptc, pc, classes, nextmove, row, output = modelio.load_model(model)
    return {"ptc": np.asarray(ptc).astype(np.float32), "pc": np.asarray(pc),
            "classes": np.array(classes),
            "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
            "row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
            "output": np.array(output, dtype=np.int64)}


def _identifier(identifier_class, arrays: dict[str, np.ndarray]):
    """The identifier py3langid's ``from_model_file(..., norm_probs=True)`` makes, from
    the arrays (its lookup tables as the stdlib arrays and lists it indexes fastest)."""
    from py3langid import modelio
    identifier = identifier_class(arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
                                  modelio._to_array(arrays["nextmove"]),
                                  arrays["output"].tolist(), norm_probs=True,
                                  tk_row=modelio._to_array(arrays["row"]))
    # scored through a plain ndarray over the same memory: indexing a np.memmap runs its
    # Python-level __getitem__ and __array_finalize__ for every text
    identifier.nb_ptc32 = np.asarray(arrays["ptc"])
    return identifier


def _read(folder: Path) -> dict[str, np.ndarray] | None:
    try:
        return {name: np.load(folder / f"{name}.npy", mmap_mode="r" if name == "ptc" else None)
                for name in ARRAYS}
    except (OSError, ValueError):
        return None


def _write(folder: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the copy whole or not at all (into a fresh folder, then renamed over one
    that could not be read), and drop the copies of other keys."""
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
    try:
        partial.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(partial / f"{name}.npy", arrays[name])
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(partial, folder)
    except OSError:              # unwritable, full, or another process wrote it meanwhile
        shutil.rmtree(partial, ignore_errors=True)
        return
    for other in folder.parent.iterdir():
        if other != folder and not other.name.endswith(".partial"):
            shutil.rmtree(other, ignore_errors=True)
