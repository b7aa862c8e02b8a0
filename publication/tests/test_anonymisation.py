"""The anonymisation check: finding the real names and aliases of the people involved in a
report's text, and the chair's sign-off refused while one is there."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from publication import assembly, rendering, sample
from publication.anonymisation import Match, Name, Passage, check
from publication.models import Report
from publication.services import reports
from reviews.models import ChronologyEntry, Finding, IncidentPerson, KeyPracticeEpisode

SUBJECT = Name("Amelia Thornbury", "the subject")
FATHER = Name("Gareth Thornbury", "a family member")
NAMES = [SUBJECT, FATHER]


def found(text: str, names=NAMES) -> list[str]:
    """What the check finds in one passage, as written there."""
    return [match.found for match in check([Passage("Appraisal of practice", text)], names)]


class TestWhatIsFound:
    def test_a_full_name_is_one_match(self):
        matches = check([Passage("Introduction", "Amelia Thornbury was nine.")], NAMES)
        assert [(m.found, m.role) for m in matches] == [("Amelia Thornbury", "the subject")]

    @pytest.mark.parametrize("text", ["amelia thornbury", "AMELIA THORNBURY", "aMeLiA tHoRnBuRy"])
    def test_in_any_case(self, text):
        assert found(f"We met {text} twice.") == [text]

    def test_split_across_a_line_break(self):
        assert found("The school saw Amelia\nThornbury on Monday.") == ["Amelia Thornbury"]

    def test_split_by_a_line_break_and_indentation(self):
        assert found("Amelia  \n    Thornbury") == ["Amelia Thornbury"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # A word hyphenated at the end of a line, as text pasted from a laid-out document is.
            ("Amelia Thorn-\nbury was seen.", ["Amelia Thorn- bury"]),
            ("The worker met Mr Thorn-\nbury alone.", ["Thorn- bury"]),
            ("Amelia-\nThornbury was seen.", ["Amelia- Thornbury"]),
        ],
    )
    def test_hyphenated_at_a_line_break(self, text, expected):
        assert found(text) == expected

    def test_a_hyphen_without_a_line_break_is_not_a_split(self):
        assert found("Thorn-bury is a village.") == []

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Thornbury's home was cold.", "Thornbury's"),
            ("The Thornburys' home was cold.", "Thornburys'"),
            ("Thornbury\u2019s home was cold.", "Thornbury's"),  # a curly apostrophe
            ("Amelia\u2019s school", "Amelia's"),
            ("The Thornburys moved in May.", "Thornburys"),  # the family, in the plural
            ("Amelia Thornbury's school", "Amelia Thornbury's"),
        ],
    )
    def test_possessives_and_plurals(self, text, expected):
        assert found(text) == [expected]

    def test_a_surname_alone(self):
        matches = check([Passage("Case summary", "Mr Thornbury was not at home.")], NAMES)
        assert [(m.found, m.role) for m in matches] == [("Thornbury", "the subject")]

    def test_a_first_name_alone(self):
        assert found("Gareth was not at home.") == ["Gareth"]

    @pytest.mark.parametrize(
        "text",
        [
            "Thornburyville primary school",
            "the McThornbury estate",
            "Ameliaton Road",
            "the Garethsons",
            "thornbury_2",
        ],
    )
    def test_a_word_merely_containing_a_name_is_not_a_match(self, text):
        assert found(text) == []

    def test_a_short_part_alone_is_not_looked_for(self):
        names = [Name("Jo Li Okafor", "a family member")]
        assert found("Jo and Li went to the shop.", names) == []
        assert found("Jo Li Okafor went to the shop.", names) == ["Jo Li Okafor"]
        assert found("Mrs Okafor went to the shop.", names) == ["Okafor"]

    def test_a_short_name_recorded_on_its_own_is_looked_for(self):
        # "Jo" is not looked for as a part of "Jo Okafor", but an alias "Jo" is a whole name.
        assert found("Jo said", [Name("Jo Okafor", "the subject")]) == []
        assert found("Jo said", [Name("Jo", "the subject")]) == ["Jo"]

    def test_a_name_is_found_as_recorded_even_where_casefolding_changes_it(self):
        names = [Name("Hans Strauß", "a practitioner"), Name("İlker Yılmaz", "a practitioner")]
        assert found("Mr Strauß and İlker met.", names) == ["Strauß", "İlker"]

    def test_every_occurrence_in_order_and_a_whole_name_counted_once(self):
        text = "Thornbury's father, Gareth Thornbury, met Amelia.\nLater Amelia Thornbury left."
        assert found(text) == [
            "Thornbury's",
            "Gareth Thornbury",
            "Amelia",
            "Amelia Thornbury",
        ]

    def test_nothing_to_look_for_finds_nothing(self):
        assert check([Passage("Introduction", "Amelia Thornbury")], []) == []
        assert check([Passage("Introduction", "Amelia Thornbury")], [Name(" - ", "x")]) == []
        assert found("Child Q was nine. The family moved twice.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Amelia Thornbury was nine.",
        "Amelia\n   Thornbury",
        "Thorn-\nbury's father",
        "the Thornburys' house",
        "AMELIA said",
        "Ameliana and Thornburyshire are not names.",
        "Siân and Sion",
        "Mr Strauß and İlker met.",
        "Jo said",
        "Child Q was nine.",
        "",
    ],
)
def test_one_scan_finds_a_name_wherever_a_name_is_found(text):
    """The check scans each passage once for any name (`any_name_pattern`), then looks for
    each name only in a passage that holds one: that scan matches exactly where one of the
    names' own patterns does, so no passage with a name is passed over."""
    from publication.anonymisation import _normalise, any_name_pattern, patterns_for

    names = [
        *NAMES,
        Name("Sian Jones", "a practitioner"),
        Name("Hans Strauß", "a practitioner"),
        Name("İlker Yılmaz", "a practitioner"),
        Name("Jo", "someone involved"),
    ]
    normalised = _normalise(text)
    by_each = any(pattern.search(normalised) for pattern, _role in patterns_for(names))
    assert bool(any_name_pattern(names).search(normalised)) == by_each


class TestWhatAMatchSays:
    def test_its_place_and_line(self):
        passages = [
            Passage("Introduction", "Child Q was nine."),
            Passage("Finding 2: why it matters", "One.\nTwo.\nThe Thornburys moved."),
        ]
        (match,) = check(passages, NAMES)
        assert (match.place, match.line, match.found) == (
            "Finding 2: why it matters",
            3,
            "Thornburys",
        )

    def test_the_line_where_a_split_name_starts(self):
        (match,) = check([Passage("Case summary", "One.\nTwo Amelia\nThornbury.")], NAMES)
        assert match.line == 2

    def test_the_role_never_the_recorded_name(self):
        # An alias is found: the match says whose it is by role, and nothing of the name the
        # people list records, so the report page can show it without the people list.
        names = [SUBJECT, Name("Millie", "the subject"), FATHER]
        (match,) = check([Passage("Case summary", "Millie went to school.")], names)
        assert match.role == "the subject"
        shown = " ".join(str(value) for value in dataclasses.astuple(match))
        assert "Amelia" not in shown and "Thornbury" not in shown
        assert {field.name for field in dataclasses.fields(Match)} == {
            "place",
            "line",
            "found",
            "role",
            "excerpt",
        }

    def test_the_excerpt_is_the_text_around_the_name_on_one_line(self):
        text = "The health visitor\nvisited on a Tuesday and saw Amelia\nThornbury at the door."
        (match,) = check([Passage("Appraisal of practice", text)], NAMES)
        assert "saw Amelia Thornbury at the door" in match.excerpt
        assert "\n" not in match.excerpt


# The review's names, and where a report can hold one.


def people_names():
    return [name for _, name, _ in sample.PEOPLE]


def participant_names():
    return [name for _, name, _ in sample.PARTICIPANTS]


def aliases():
    return [alias for _, _, text in sample.PEOPLE for alias in text.splitlines() if alias]


def test_names_for_gives_every_name_and_alias_with_its_role(report):
    names = assembly.names_for(report.review)
    by_text = {name.text: name.role for name in names}
    assert by_text["Amelia Thornbury"] == "the subject"
    assert by_text["Millie"] == "the subject"
    assert by_text["Amy Thornbury-Hale"] == "the subject"
    assert by_text["Gareth Thornbury"] == "a family member"
    assert by_text["Gaz"] == "a family member"
    assert by_text["Priya Ramaswamy"] == "a practitioner"
    for group, name, _ in sample.PARTICIPANTS:
        assert by_text[name].lower() == f"a member of the {group.replace('_', ' ')}"
    assert len(names) == 3 + 3 + len(sample.PARTICIPANTS)


def test_a_blank_line_in_the_aliases_is_not_a_name(report):
    IncidentPerson.objects.filter(name="Gareth Thornbury").update(aliases="Gaz\n\n  \nG-Man")
    texts = [name.text for name in assembly.names_for(report.review)]
    assert "Gaz" in texts and "G-Man" in texts
    assert not [text for text in texts if not text.strip()]


def _put(review, where: str, text: str):
    """Write `text` into one place of the report, straight in the tables (as an edit would,
    but leaving the report board-approved); returns what undoes it."""
    if where == "section":
        report = Report.objects.get(review=review)
        before = report.appraisal
        Report.objects.filter(pk=report.pk).update(appraisal=f"{before}\n\n{text}")
        return lambda: Report.objects.filter(pk=report.pk).update(appraisal=before)
    if where == "episode":
        episode = KeyPracticeEpisode.objects.filter(review=review).last()
        before = episode.appraisal
        KeyPracticeEpisode.objects.filter(pk=episode.pk).update(appraisal=f"{before} {text}")
        return lambda: KeyPracticeEpisode.objects.filter(pk=episode.pk).update(appraisal=before)
    if where == "finding":
        finding = Finding.objects.get(review=review, title__startswith="Finding 1:")
        before = finding.why_it_matters
        Finding.objects.filter(pk=finding.pk).update(why_it_matters=f"{text}\n{before}")
        return lambda: Finding.objects.filter(pk=finding.pk).update(why_it_matters=before)
    if where == "board response":
        finding = Finding.objects.get(review=review, title__startswith="Finding 3:")
        before = finding.board_response
        Finding.objects.filter(pk=finding.pk).update(board_response=f"{before} {text}")
        return lambda: Finding.objects.filter(pk=finding.pk).update(board_response=before)
    if where == "chronology":
        entry = ChronologyEntry.objects.filter(review=review).order_by("occurred_on")[3]
        before = entry.entry
        ChronologyEntry.objects.filter(pk=entry.pk).update(entry=f"{before} {text}")
        return lambda: ChronologyEntry.objects.filter(pk=entry.pk).update(entry=before)
    raise AssertionError(where)


def matches_in(report) -> list[Match]:
    """The check's matches in the report as stored now (not as the objects in hand hold it)."""
    return reports.anonymisation_matches(Report.objects.get(pk=report.pk).review)


def number_of(review, title_start: str) -> int:
    """The number the report gives a finding (the sample's findings share one created_at on
    the frozen clock, so their order is the database's)."""
    content = assembly.assemble(review)
    (number,) = [f.number for f in content.findings if f.title.startswith(title_start)]
    return number


PLACES = {
    "section": lambda review: "Appraisal of practice",
    "episode": lambda review: "Key practice episode 3",
    "finding": lambda review: f"Finding {number_of(review, 'Finding 1:')}: why it matters",
    "board response": lambda review: (
        f"Finding {number_of(review, 'Finding 3:')}: the board's response"
    ),
    "chronology": lambda review: "Chronology: 22 February 2026",
}


class TestSignOff:
    @pytest.fixture(autouse=True)
    def today(self, frozen):
        return frozen

    def refused(self, report, chair) -> str:
        with pytest.raises(ValidationError) as error:
            reports.report_sign_off(actor=chair, report=report)
        assert Report.objects.get(pk=report.pk).status == Report.Status.BOARD_APPROVED
        return " ".join(error.value.messages)

    @pytest.mark.parametrize("where", list(PLACES))
    def test_refused_while_a_real_name_is_in_the_report_then_signed_off(
        self, approved, chair, where
    ):
        undo = _put(approved.review, where, "The worker spoke to Priya Ramaswamy about it.")
        matches = matches_in(approved)
        assert [(m.place, m.found, m.role) for m in matches] == [
            (PLACES[where](approved.review), "Priya Ramaswamy", "a practitioner")
        ]
        message = self.refused(approved, chair)
        assert f"found 1 real name, in: {PLACES[where](approved.review)}" in message
        assert "Priya" not in message

        undo()
        assert matches_in(approved) == []
        done = reports.report_sign_off(actor=chair, report=approved)
        assert done.status == Report.Status.FINAL
        assert (done.signed_off_by, done.signed_off_on) == (chair, dt.date(2026, 6, 15))

    @pytest.mark.parametrize("name", people_names() + aliases())
    def test_every_name_and_alias_of_the_people_involved_counts(self, approved, chair, name):
        _put(approved.review, "finding", f"It was {name}\u2019s school.")
        assert "real name" in self.refused(approved, chair)

    @pytest.mark.parametrize("name", participant_names())
    def test_the_names_of_the_review_participants_count(self, approved, chair, name):
        undo = _put(approved.review, "section", f"The meeting was chaired by {name}.")
        (match,) = matches_in(approved)
        assert match.role.lower().startswith("a member of the ")
        assert "found 1 real name, in:" in self.refused(approved, chair)
        undo()
        assert reports.report_sign_off(actor=chair, report=approved).status == "final"

    def test_a_name_split_over_lines_in_a_chronology_entry(self, approved, chair):
        _put(approved.review, "chronology", "Seen with Amy\nThornbury-Hale at the door.")
        (match,) = matches_in(approved)
        assert (match.found, match.line) == ("Amy Thornbury-Hale", 1)
        self.refused(approved, chair)

    def test_every_name_is_counted(self, approved, chair):
        _put(approved.review, "section", "Amelia Thornbury lived with Gaz.")
        _put(approved.review, "episode", "The Thornburys' landlord called.")
        assert "found 3 real names, in:" in self.refused(approved, chair)

    def test_the_sample_review_holds_no_name(self, approved, chair):
        assert matches_in(approved) == []


def test_the_report_shows_the_review_team_by_role_and_no_name(report):
    content = assembly.assemble(report.review)
    for kind in ("report", "brief"):
        html = rendering.html_for(content, kind=kind, draft=False)
        for name in people_names() + participant_names() + aliases():
            assert name not in html
            for word in name.split():
                assert word not in html, (kind, word)
    html = rendering.html_for(content, kind="report", draft=False)
    team = html.split("Members of the review team, by role", 1)[1].split("</table>", 1)[0]
    for group, _, role in sample.PARTICIPANTS:
        if group == "review_team":
            assert f"<td>{role}</td>" in team
    assert "Social worker" not in team  # the case group is counted by agency, not listed


def test_a_name_in_an_episode_title_is_not_repeated_in_the_refusal(approved, chair):
    """A place names where a name is, by number: a title is text a reviewer typed, and could
    hold the very name the check reports."""
    episode = approved.review.episodes.first()
    episode.title = "Priya Ramaswamy's home visit"
    episode.save()
    with pytest.raises(ValidationError) as refused:
        reports.report_sign_off(actor=chair, report=approved)
    message = " ".join(refused.value.messages)
    assert "in: Key practice episode 1" in message
    assert "Priya" not in message and "Ramaswamy" not in message
