"""The bank of completed reports: adding a report (a PDF or a link), the same file once, its
words read by the worker with the themes they suggest, confirming and withdrawing, and who may
keep an entry."""

import base64

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bank import services, tasks, themes
from bank.models import BankedReport, Theme
from boards.models import Membership
from boards.tests.factories import MembershipFactory
from core.tests.factories import UserFactory
from core.tests.test_document_text import PIXELS, weasyprint_pdf

pytestmark = pytest.mark.django_db

NEGLECT_REPORT = (
    "<h1>Child Q: a local child safeguarding practice review</h1>"
    "<p>The review found that neglect of the children was known to every agency.</p>"
    '<p style="break-before: page">Health visitors saw signs of neglect; the school saw '
    "neglect too, but information sharing between them and the police did not happen.</p>"
    "<p>Neglect was not named in any referral. Information sharing was left to chance.</p>"
    "<p>The board asks how information sharing will be assured.</p>"
)


def a_pdf(html=NEGLECT_REPORT, name="child-q.pdf"):
    return SimpleUploadedFile(name, weasyprint_pdf(html), content_type="application/pdf")


def added(actor, board, *, file=None, url="", title="Child Q", year=2024):
    return services.report_add(
        actor=actor,
        board=board,
        title=title,
        published_by="Northshire Safeguarding Children Partnership",
        year=year,
        review_type="lcspr",
        age_band="5_to_10",
        file=file,
        published_url=url,
    )


@pytest.fixture
def staff(db):
    return UserFactory(is_accreditation_staff=True)


@pytest.mark.pdf
@time_machine.travel("2026-06-01 12:00", tick=False)
def test_a_business_manager_adds_their_boards_report_and_the_worker_reads_it(
    business_manager, board, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    queued = []
    monkeypatch.setattr("bank.tasks.read_report.delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        report = added(business_manager, board, file=a_pdf())
    assert queued == [str(report.pk)]  # after the commit, to the worker
    assert (report.board, report.file_name, report.text_state) == (board, "child-q.pdf", "pending")
    assert report.confirmed_at is None  # not in the bank until someone confirms it

    with caplog.at_level("DEBUG"):
        assert tasks.read_report(str(report.pk)) == "extracted"
        assert tasks.read_report(str(report.pk)) is None  # delivered twice: read once
    report.refresh_from_db()
    assert "information sharing between them and the police" in report.text
    # Neglect (4 times) and information sharing (3) are suggested; a passing mention is not.
    assert [t.code for t in report.suggested_themes.order_by("order")] == [
        "neglect",
        "information_sharing",
    ]
    assert report.themes.count() == 0  # suggested, not confirmed
    assert "neglect" not in caplog.text.casefold()  # logs name the report by its id only
    # The change history keeps no copy of the words.
    assert "text" not in {f.name for f in BankedReport.history.model._meta.fields}


@pytest.mark.pdf
def test_a_scanned_report_is_accepted_and_says_it_is_not_searchable(business_manager, board):
    image = base64.b64encode(PIXELS).decode()
    scanned = a_pdf(f'<img src="data:image/png;base64,{image}" style="width: 15cm">')
    report = added(business_manager, board, file=scanned)
    assert tasks.read_report(str(report.pk)) == "no_text"
    report.refresh_from_db()
    assert report.text == "" and report.suggested_themes.count() == 0
    assert report.get_text_state_display() == (
        "Text not searchable: the file has no text layer (a scanned document)"
    )


@pytest.mark.pdf
def test_the_same_file_is_added_once(business_manager, board, staff):
    pdf = weasyprint_pdf(NEGLECT_REPORT)
    first = added(business_manager, board, file=SimpleUploadedFile("a.pdf", pdf))
    with pytest.raises(ValidationError) as refused:
        added(staff, None, file=SimpleUploadedFile("copy.pdf", pdf), title="Copy")
    assert refused.value.message_dict == {
        "file": ["This report is already in the bank, as “Child Q”"]
    }
    assert BankedReport.objects.count() == 1
    # Withdrawn, its file may be added again.
    services.report_withdraw(actor=business_manager, report=first, reason="Added by mistake")
    again = added(staff, None, file=SimpleUploadedFile("again.pdf", pdf), title="Again")
    assert again.sha256 == first.sha256 and again.board is None


def test_a_report_kept_as_a_link_has_nothing_to_read(business_manager, board):
    report = added(business_manager, board, url="https://example.org/child-q.pdf")
    assert (report.file.name, report.text_state) == ("", "no_file")


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"url": ""},
            {"file": ["Choose the report's PDF, or enter the address where it is published"]},
        ),
        (
            {"url": "https://example.org/q.pdf", "year": 1985},
            {"year": ["Enter a year from 1991 to 2026"]},
        ),
        (
            {"url": "https://example.org/q.pdf", "year": 2027},
            {"year": ["Enter a year from 1991 to 2026"]},
        ),
        ({"url": "not an address"}, {"published_url": ["Enter a valid URL."]}),
        (
            {"file": SimpleUploadedFile("q.pdf", b"Not a PDF at all")},
            {"file": ["The selected file must be a PDF"]},
        ),
    ],
)
@time_machine.travel("2026-06-01 12:00", tick=False)
def test_bad_details_are_refused_and_nothing_is_saved(business_manager, board, fields, errors):
    with pytest.raises(ValidationError) as refused:
        added(business_manager, board, **fields)
    assert refused.value.message_dict == errors
    assert not BankedReport.all_objects.exists()


def test_who_keeps_an_entry(
    board, other_board, business_manager, role_users, staff, platform_admin
):
    link = {"url": "https://example.org/q.pdf"}
    # Another board's business manager, the board's other roles and a platform admin: no.
    stranger = MembershipFactory(board=other_board, role=Membership.Role.BUSINESS_MANAGER).user
    for user in [
        stranger,
        platform_admin,
        *(u for r, u in role_users.items() if r != "business_manager"),
    ]:
        with pytest.raises(PermissionDenied):
            added(user, board, **link)
    # The accreditation staff keep SCIE's own bank, not a board's entries.
    with pytest.raises(PermissionDenied):
        added(staff, board, **link)
    with pytest.raises(PermissionDenied):
        added(business_manager, None, **link)
    ours = added(business_manager, board, **link)
    scie = added(staff, None, **link, title="SCIE's")
    neglect = Theme.objects.get(code="neglect")
    with pytest.raises(PermissionDenied):
        services.report_confirm(actor=staff, report=ours, themes=[neglect])
    with pytest.raises(PermissionDenied):
        services.report_confirm(actor=business_manager, report=scie, themes=[neglect])
    services.report_confirm(actor=business_manager, report=ours, themes=[neglect])
    services.report_confirm(actor=staff, report=scie, themes=[])
    ours.refresh_from_db()
    assert ours.confirmed_by == business_manager and list(ours.themes.all()) == [neglect]


def test_the_vocabulary_holds_the_learning_together_categories_and_topics():
    codes = list(Theme.objects.values_list("code", flat=True))
    assert codes[:6] == [
        "tools",
        "management_systems",
        "incidents_and_crises",
        "longer_term_work",
        "family_professional",
        "human_reasoning",
    ]
    assert {"neglect", "domestic_abuse", "information_sharing", "adolescents"} <= set(codes)


@pytest.mark.parametrize(
    ("text", "phrases", "count"),
    [
        ("Escalation was not used; no one escalated.", ["escalat*"], 2),
        ("Neglectful care. NEGLECT. neglected", ["neglect"], 1),  # whole words only
        ("Self-neglect and self neglect", ["self-neglect", "self neglect"], 2),
        ("Information sharing", [" "], 0),
    ],
)
def test_phrases_are_matched_whole_and_whatever_the_case(text, phrases, count):
    assert themes.uses(text, phrases) == count


def test_a_report_lost_by_the_worker_is_read_by_the_command(business_manager, board):
    import io

    from django.core.management import call_command

    damaged = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    lost = added(business_manager, board, file=SimpleUploadedFile("q.pdf", damaged))
    out = io.StringIO()
    call_command("read_bank_reports", stdout=out)
    assert out.getvalue().strip() == "Banked reports read: 1 (failed 1)"
    lost.refresh_from_db()
    assert lost.text_state == "failed"
    call_command("read_bank_reports", stdout=out)  # nothing left waiting
    assert out.getvalue().strip().endswith("Banked reports read: 0 (none)")
