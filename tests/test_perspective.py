"""Perspective tables: origins beside reporting, terminology per entity, speakers."""
from __future__ import annotations

from articles import article

from evidence.compare import perspective


def sources():
    a = article("a", "The Islamic Emirate said the TTP is an internal matter. Officials of the "
                "Islamic Emirate and the Taliban met. Both sides agreed to continue the "
                "ceasefire. The sides agreed to create a joint monitoring group.",
                quotes=[("internal matter", "Zabihullah Mujahid")],
                outlet="Kabul Daily", origin="Afghanistan", origin_group="afghan")
    b = article("b", "The Afghan Taliban regime shelters Fitna al Khwarij, officials said. "
                "A ceasefire was signed in Doha on October 19.",
                dates=[("October 19", "2025-10-19", None, "day")], published="2025-10-31",
                quotes=[("shelters", "Khawaja Asif"), ("signed", "")],
                outlet="Lahore Times", origin="Pakistan", origin_group="pakistani")
    return [b, a]


def test_terminology_groups_surface_forms_by_entity_and_source():
    df = perspective.terminology(sources())
    gov = df[df["entity_id"] == "taliban_government"]
    got = {(r.source_id, r.surface): r.count for r in gov.itertuples()}
    assert got == {("a", "Islamic Emirate"): 2, ("a", "the Taliban"): 1,
                   ("b", "Afghan Taliban regime"): 1}
    ttp = df[df["entity_id"] == "ttp"]
    assert set(zip(ttp["source_id"], ttp["surface"])) == {("a", "TTP"),
                                                          ("b", "Fitna al Khwarij")}
    mech = df[df["entity_id"] == "ceasefire_mechanism"]
    assert list(mech["surface"]) == ["joint monitoring group"]
    for r in df.itertuples():
        assert r.count >= 1 and r.first_end > r.first_start


def test_speakers_are_kept_apart_from_outlets():
    df = perspective.speakers(sources())
    rows = {(r.speaker, r.outlet): r.n_quotes for r in df.itertuples()}
    assert rows == {("Zabihullah Mujahid", "Kabul Daily"): 1, ("Khawaja Asif", "Lahore Times"): 1,
                    ("(unattributed)", "Lahore Times"): 1}


def test_origins_put_reporting_beside_origin():
    df = perspective.origins(sources()).set_index("source_id")
    assert list(df.index) == ["a", "b"]
    assert df.loc["a", "origin_group"] == "afghan" and df.loc["b", "origin_group"] == "pakistani"
    assert df.loc["a", "provisions_reported"] == "ceasefire_continuation;monitoring_mechanism"
    assert df.loc["a", "n_events"] == 0
    assert (df.loc["b", "n_events"], df.loc["b", "event_ids"]) == (1, "truce-2025-10-19-doha")
    assert df.loc["b", "n_speakers"] == 1 and df.loc["b", "n_quotes"] == 2
