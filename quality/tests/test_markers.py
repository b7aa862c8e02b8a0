"""The marker sets as published: 18 for children's case reviews, 15 for safeguarding adults
reviews, each with its stage and source, and which set a review gets."""

from guidance import quality_markers as qm


def test_the_childrens_set_has_18_markers_in_three_stages():
    markers = qm.CHILDREN_SET.markers
    assert len(markers) == 18
    assert [m.number for m in markers] == list(range(1, 19))
    counts = [len(qm.CHILDREN_SET.of_stage(stage.code)) for stage in qm.CHILDREN_SET.stages]
    assert counts == [5, 8, 5]


def test_the_adults_set_has_15_markers_with_the_two_involvements_apart():
    markers = qm.ADULTS_SET.markers
    assert len(markers) == 15
    assert [m.number for m in markers] == list(range(1, 16))
    counts = [len(qm.ADULTS_SET.of_stage(stage.code)) for stage in qm.ADULTS_SET.stages]
    assert counts == [5, 7, 3]
    assert {"practitioners_involvement", "person_and_family_involvement"} <= {
        m.code for m in markers
    }


def test_every_marker_has_a_name_a_theme_a_source_and_known_evidence():
    for marker_set in qm.SETS.values():
        assert marker_set.sources
        codes = [m.code for m in marker_set.markers]
        assert len(codes) == len(set(codes))
        for marker in marker_set.markers:
            assert str(marker.name) and str(marker.theme)
            assert marker.source.startswith("https://www.scie.org.uk/")
            assert marker_set.stage(marker.stage) is not None
            assert set(marker.evidence) <= set(qm.EVIDENCE_KINDS)


def test_which_set_a_review_gets():
    assert qm.set_for("lcspr", "child") is qm.CHILDREN_SET
    assert qm.set_for("cpr_extended", "child") is qm.CHILDREN_SET
    assert qm.set_for("susr", "child") is qm.CHILDREN_SET
    assert qm.set_for("susr", "adult") is qm.ADULTS_SET
    assert qm.set_for("sar_mandatory", "adult") is qm.ADULTS_SET
    assert qm.set_for("sar_discretionary", "adult") is qm.ADULTS_SET
    # No marker set of SCIE or the NSPCC for a domestic homicide review.
    assert qm.set_for("dhr", "adult") is None
