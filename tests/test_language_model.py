"""The language model kept decompressed between runs (read/language_model): the copy gives
the identifier py3langid's own file gives, a broken copy is ignored, an old one dropped."""
import numpy as np
import pytest

from evidence.read import language, language_model

TEXTS = ["The talks in Istanbul ended on Friday without an agreement, officials said.",
         "Les pourparlers se sont terminés vendredi sans accord, selon les responsables.",
         "مذاکرات در استانبول روز جمعه بدون توافق پایان یافت",
         "Die Gespräche endeten am Freitag ohne Einigung.", "12345 !!! ...", ""]


def _shipped():
    """The identifier as py3langid makes it from its shipped (compressed) file."""
    from py3langid.langid import MODEL_FILE
    identifier = language._identifier_class().from_model_file(MODEL_FILE, norm_probs=True)
    identifier.nb_ptc32 = identifier.nb_ptc.astype(np.float32)
    return identifier


def _scores(identifier):
    return [identifier._decide(t).tolist() for t in TEXTS] + [identifier.classify(t) for t in TEXTS]


@pytest.fixture(scope="module")
def shipped_scores():
    return _scores(_shipped())


def test_the_kept_copy_scores_as_the_shipped_model(tmp_path, shipped_scores):
    first = language_model.load(language._identifier_class(), tmp_path)     # writes the copy
    folder = tmp_path / language_model.FOLDER
    [copy] = folder.iterdir()
    assert sorted(p.stem for p in copy.iterdir()) == sorted(language_model.ARRAYS)
    second = language_model.load(language._identifier_class(), tmp_path)    # reads it
    assert isinstance(second.nb_ptc32.base, np.memmap)     # mapped, not read whole
    assert _scores(first) == _scores(second) == shipped_scores
    assert second.tk_nextmove == first.tk_nextmove and second._rowbase == first._rowbase


def test_a_broken_copy_is_ignored_and_written_again_and_an_old_one_dropped(tmp_path,
                                                                         shipped_scores):
    language_model.load(language._identifier_class(), tmp_path)
    [copy] = (tmp_path / language_model.FOLDER).iterdir()
    (copy / "nextmove.npy").write_bytes(b"not an array")
    assert language_model._read(copy) is None
    assert _scores(language_model.load(language._identifier_class(), tmp_path)) == shipped_scores
    assert language_model._read(copy) is not None          # written again, whole
    old = tmp_path / language_model.FOLDER / "py3langid-0.0-1-1"
    old.mkdir()
    copy.rename(copy.with_name("elsewhere"))               # no copy for this key: written
    language_model.load(language._identifier_class(), tmp_path)
    assert sorted(p.name for p in (tmp_path / language_model.FOLDER).iterdir()) == [copy.name]


def test_features_are_counted_as_py3langid_counts_them():
    """``language._counted`` gives Counter's keys (in order of first appearance) and counts."""
    from collections import Counter
    features = [7, 3, 7, 99999, 3, 3, 0, 7, 42, 0]
    index, counts = language._counted(np.array(features, dtype=np.intc))
    expected = Counter(features)
    assert index.tolist() == list(expected) and counts.tolist() == list(expected.values())
    index, counts = language._counted(np.array([5], dtype=np.intc))
    assert (index.tolist(), counts.tolist()) == ([5], [1])
