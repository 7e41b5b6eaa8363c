"""Provisions: reported / contradicted / not_mentioned per source, hedges, details."""
from __future__ import annotations

from articles import article

from evidence.compare import provisions


def status(text: str, provision: str, **kw) -> provisions.Claim:
    src = article("s", text, **kw)
    (claim,) = [c for c in provisions.code([src]) if c.provision == provision]
    if claim.quote is not None:
        assert src.clean_text[claim.quote.start:claim.quote.end] == claim.quote.text
    return claim


def test_explicit_no_mechanism_is_contradicted():
    for text in ("The talks ended and no monitoring mechanism was agreed by the two sides.",
                 "The delegations did not agree on a joint monitoring group.",
                 "Kabul rejected the proposal for a verification mechanism to monitor the truce."):
        claim = status(text, "monitoring_mechanism")
        assert claim.status == "contradicted", text
        assert claim.quote.text == text


def test_details_not_yet_clarified_is_a_qualifier_not_a_contradiction():
    claim = status("The talks produced an agreement on establishing a monitoring and "
                   "verification mechanism. Although details of this mechanism have not yet "
                   "been clarified, it is a step forward.", "monitoring_mechanism")
    assert claim.status == "reported"
    assert "not yet been clarified" in claim.qualifier


def test_not_only_is_not_a_negation():
    claim = status("The ministry announced that the sides not only agreed to the continuation "
                   "of the ceasefire but also the setting up of a joint monitoring group.",
                   "monitoring_mechanism")
    assert claim.status == "reported"


def test_without_a_concrete_agreement_qualifies_the_outcome():
    claim = status("Both sides agreed to maintain the ceasefire, although the round ended "
                   "without a concrete agreement.", "ceasefire_continuation")
    assert claim.status == "reported"
    assert "without a concrete agreement" in claim.qualifier


def test_an_aim_or_a_demand_is_not_a_reported_provision():
    for text in ("The sides agreed to meet again, aiming to establish a joint monitoring "
                 "mechanism.",
                 "Pakistan demanded that both sides agree to create a monitoring mechanism.",
                 "Pakistan And Afghanistan Agree To Continue Ceasefire Talks In Istanbul"):
        provision = "ceasefire_continuation" if "Talks In" in text else "monitoring_mechanism"
        assert status(text, provision).status == "not_mentioned", text


def test_collapsed_ceasefire_contradicts_continuation():
    claim = status("The ceasefire collapsed on Friday as shelling resumed.",
                   "ceasefire_continuation")
    assert claim.status == "contradicted"


def test_penalty_wording_is_kept_as_detail():
    cases = {"The statement said the mechanism would impose a penalty on any party that "
             "violates the agreement.": "penalty",
             "The agreed mechanism would include legal measures against any party found "
             "violating the agreement.": "legal measures",
             "A mechanism will be established to impose sanctions against any party that "
             "violates the agreement.": "sanctions"}
    for text, word in cases.items():
        claim = status(text, "penalties")
        assert (claim.status, claim.detail) == ("reported", word), text


def test_no_penalties_is_contradicted():
    claim = status("The agreement contains no penalties for violations, officials said.",
                   "penalties")
    assert claim.status == "contradicted"


def test_next_meeting_detail_has_date_place_and_level():
    claim = status("Both sides agreed to reconvene in Ankara on November 9 for ministerial "
                   "talks.", "next_meeting",
                   dates=[("November 9", "2025-11-09", None, "day")])
    assert claim.status == "reported"
    assert claim.detail == "date=2025-11-09; place=Ankara; level=ministerial"


def test_conditions_groups_and_mediators():
    text = ("The sides pledged to keep the ceasefire on the condition that Afghan territory "
            "will not be used for attacks. The understanding calls for the Taliban to take "
            "effective action against groups such as the TTP and BLA. The talks were "
            "mediated by Saudi Arabia and Qatar.")
    claims = {c.provision: c for c in provisions.code([article("s", text)])}
    assert claims["conditions"].status == "reported"
    assert claims["action_against_groups"].detail == "bla; ttp"
    assert claims["mediators"].detail == "qatar; saudi_arabia"
    assert claims["ceasefire_continuation"].status == "reported"


def test_reported_and_denied_in_one_source_keeps_the_conflict():
    claim = status("Both sides agreed to create a joint monitoring group. Later, the Taliban "
                   "rejected the joint monitoring group outright.", "monitoring_mechanism")
    assert claim.status == "reported"
    assert claim.conflicting is not None and "rejected" in claim.conflicting.text


def test_matrix_has_every_pair_and_not_mentioned_rows_are_empty():
    a = article("a", "Both sides agreed to continue the ceasefire.")
    b = article("b", "The weather was fine.")
    claims = provisions.code([b, a])
    table = provisions.table(claims)
    assert len(table) == 2 * len(provisions.provision_ids())
    assert list(table.columns[:4]) == ["claim_id", "source_id", "status", "quote"]
    assert set(table["status"]) <= set(provisions.STATUSES)
    empty = table[table["status"] == "not_mentioned"]
    assert (empty["quote"] == "").all() and empty["start_char"].isna().all()
    matrix = provisions.matrix(claims)
    assert list(matrix.columns) == ["provision", "label", "a", "b"]
    assert list(matrix["provision"]) == provisions.provision_ids()
    row = matrix.set_index("provision").loc["ceasefire_continuation"]
    assert (row["a"], row["b"]) == ("reported", "not_mentioned")


def test_adding_an_article_adds_its_claims_without_code_change():
    a = article("a", "Both sides agreed to continue the ceasefire.")
    before = provisions.code([a])
    z = article("z", "A joint monitoring and verification mechanism will be established to "
                "impose sanctions against any party that violates the agreement.")
    after = provisions.code([a, z])
    assert len(after) == 2 * len(before)
    mine = {c.provision: c.status for c in after if c.source_id == "z"}
    assert mine["monitoring_mechanism"] == mine["penalties"] == "reported"
