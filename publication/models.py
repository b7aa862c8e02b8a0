"""The report of a review, its rendered PDFs, the decision to publish and the learning library.

The report holds only what the reviewers write; everything else in it (the review team, the
findings, the board's response, the actions) is read from the review's records when the report
is assembled (`publication.assembly`), so the report never disagrees with them.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Board
from core import limits
from core.models import BaseModel, ChoiceLabels, Withdrawable
from core.storage import private_storage
from guidance import rulebooks

# The narrative sections the reviewers write, in the order of the Learning Together report
# (SCIE Guide 24, appendix: the report structure). Code, title, hint.
SECTIONS = (
    (
        "introduction",
        _("Introduction and why this case was chosen"),
        _("Why the case was reviewed, and what the board wanted to learn from it."),
    ),
    (
        "case_summary",
        _("Succinct summary of the case"),
        _("What happened, in brief, using the case reference and roles: never a real name."),
    ),
    (
        "methodology_notes",
        _("Methodology"),
        _("How the review was carried out, its limits, and how the family took part."),
    ),
    (
        "appraisal",
        _("Appraisal of practice"),
        _("An overview of what happened and why, with the key practice episodes."),
    ),
    (
        "further_work",
        _("What more will be done"),
        _("What the board will do next, beyond the actions already agreed."),
    ),
    (
        "learning_brief",
        _("Learning brief: summary for practitioners"),
        _("One or two paragraphs for the one-page learning brief."),
    ),
)
# The languages of a report: English always, Welsh too for a report held in both.
ENGLISH = settings.LANGUAGE_CODE
WELSH = "cy"
SECTION_CODES = tuple(code for code, _title, _hint in SECTIONS)


class Report(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        QUALITY_ASSURED = "quality_assured", _("Quality-assured")
        BOARD_APPROVED = "board_approved", _("Board-approved")
        FINAL = "final", _("Final")

    review = models.OneToOneField("reviews.Review", on_delete=models.CASCADE, related_name="report")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Bumped by every edit of a section: a rendering names the version it shows.
    version = models.PositiveIntegerField(default=1)
    introduction = models.TextField(blank=True, max_length=limits.NARRATIVE)
    case_summary = models.TextField(blank=True, max_length=limits.NARRATIVE)
    methodology_notes = models.TextField(blank=True, max_length=limits.NARRATIVE)
    appraisal = models.TextField(blank=True, max_length=limits.NARRATIVE)
    further_work = models.TextField(blank=True, max_length=limits.NARRATIVE)
    learning_brief = models.TextField(blank=True, max_length=limits.NARRATIVE)
    # The merged chronology as an appendix: the reviewers choose (a long one may not belong).
    chronology_appendix = models.BooleanField(default=True)
    # A Welsh board's report held in Welsh as well as English (Welsh Language Standards): every
    # passage then has its Welsh (`WelshPassage`), both are checked for real names before
    # sign-off, and both are rendered and published together.
    in_welsh = models.BooleanField("held in Welsh too", default=False)

    quality_assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quality_assured_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_on = models.DateField(null=True, blank=True)
    # A digest of every passage of the report as signed off (assembly.digest): the records it
    # is made of can still change (an episode, an action), and what is published must be what
    # the chair signed off. Empty for reports signed off before it was kept.
    signed_off_digest = models.CharField(max_length=64, blank=True, editable=False)

    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    def __str__(self):
        return f"Report v{self.version} ({self.get_status_display()})"

    @property
    def board(self):
        return self.review.board

    @property
    def is_draft(self) -> bool:
        return self.status != self.Status.FINAL


class WelshPassage(BaseModel):
    """The Welsh of one passage of a report held in both languages, keyed by the passage's
    place in the report (`assembly`'s key: a record's id and field, never its text). It
    translates the English as it was when written (`english_digest`): once the English changes,
    the Welsh is out of date until someone writes it again. Every change keeps its history."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="welsh_passages")
    key = models.CharField(max_length=120)
    text = models.TextField(max_length=limits.NARRATIVE)
    english_digest = models.CharField(max_length=64)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    board_lookup = "report__review__board_id"
    review_lookup = "report__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_welsh_text_per_passage")
        ]

    def __str__(self):
        return f"Welsh of {self.key}"


class FlagDismissal(BaseModel):
    """The chair looked at a detail the check flagged (publication.disclosure) and kept it,
    saying why. Keyed by the flag's digest of kind, place and words: it holds while those stay,
    through every later version of the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="dismissals")
    key = models.CharField(max_length=64)
    kind = models.CharField(max_length=40)
    place = models.CharField(max_length=300)
    reason = models.TextField()
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    board_lookup = "report__review__board_id"
    review_lookup = "report__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_dismissal_per_flag")
        ]

    def __str__(self):
        return f"Flag dismissed: {self.kind} at {self.place}"


class PdfJob(BaseModel):
    """A PDF the worker renders (`publication.jobs`): queued → rendering → ready or failed."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    failure_reason = models.TextField(blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # The HTML the PDF was made from: its web version, as it was.
    html = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Which try this is: 1 as asked for; more when the sweep queued it again because the one
    # before was abandoned (`publication.jobs.retry_abandoned`), that one kept as failed.
    attempt = models.PositiveSmallIntegerField(default=1, editable=False)
    # One to one: a job is tried again at most once, whichever sweep gets to it.
    retry_of = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="retried_as",
    )

    board_lookup = "accuracy_check__report__review__board_id"
    review_lookup = "accuracy_check__report__review_id"
    holds_case_data = True

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)


class Rendering(PdfJob):
    """One PDF of the report (or of its learning brief), rendered by the worker; or a Word
    version of the report to edit (its file in `pdf` all the same)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        BRIEF = "brief", _("Learning brief")
        # A DOCX of the report for the reviewers and the board office to edit as a draft
        # (publication/word.py); never published: the PDF is the record.
        WORD = "word", _("Word version of the report")

    # How `manage.py check_private_files` tells a missing file's case (core.private_files).
    CASE_REFERENCE = "report__review__incident__reference"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="renderings")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REPORT)
    # The language of the document: English, or the Welsh of a report held in both.
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # What was rendered: the report's version and status when the rendering was asked for.
    report_version = models.PositiveIntegerField()
    report_status = models.CharField(max_length=20, choices=Report.Status.choices)
    pdf = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    # A digest of every passage rendered (assembly.digest): publishing compares it with the
    # records as they are, so what is published is what was rendered and checked.
    content_digest = models.CharField(max_length=64, blank=True)

    board_lookup = "report__review__board_id"
    review_lookup = "report__review_id"
    holds_case_data = True

    class Meta(PdfJob.Meta):
        pass

    def __str__(self):
        return f"{self.get_kind_display()} v{self.report_version}: {self.get_state_display()}"

    @property
    def in_welsh(self) -> bool:
        return self.language == WELSH


class Publication(BaseModel):
    """The chair's decision on publishing the review's report, and what became of it."""

    class Decision(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        DO_NOT_PUBLISH = "do_not_publish", _("Do not publish")

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, related_name="publication"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    planned_on = models.DateField("planned publication date", null=True, blank=True)
    # Told to the national panel with the decision not to publish: a paragraph or two.
    reasons = models.TextField(blank=True, max_length=5_000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField()
    # The final renderings that were published (kept even if the report is rendered again).
    report_pdf = models.ForeignKey(
        Rendering, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    brief_pdf = models.ForeignKey(
        Rendering, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Their Welsh, published with them, of a report held in Welsh too.
    welsh_report_pdf = models.ForeignKey(
        Rendering, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    welsh_brief_pdf = models.ForeignKey(
        Rendering, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    address = models.URLField("web address of the published report", blank=True)
    withdrawn_on = models.DateField("taken off the website on", null=True, blank=True)

    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    class Meta:
        indexes = [
            # The published reports (the public listing, the overview's counts): few beside
            # every decision, read without the rest (issue 21).
            models.Index(
                fields=["review", "published_on"],
                condition=models.Q(decision="publish", published_on__isnull=False),
                name="publication_published",
            ),
        ]

    def __str__(self):
        return self.get_decision_display()

    @property
    def board(self):
        return self.review.board

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    # The renderings published, in English and (of a report held in both) Welsh.
    PUBLISHED_RENDERINGS = ("report_pdf", "brief_pdf", "welsh_report_pdf", "welsh_brief_pdf")

    @property
    def on_request_only(self) -> bool:
        """Taken off the website after its minimum time online: available on request."""
        return self.withdrawn_on is not None


class LibraryFinding(ChoiceLabels):
    """A finding as published: copied from the final report when it is published, so the
    library shows what the public saw, and holds no link to the case's other records."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="library_findings"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        "reviews.FindingCategory", on_delete=models.PROTECT, related_name="+"
    )
    review_type = models.CharField(max_length=30, choices=rulebooks.REVIEW_TYPE_CHOICES)
    case_reference = models.CharField(max_length=60)
    published_on = models.DateField()
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    # The finding's sections, joined, for reading and for search.
    body = models.TextField()
    # Title (weight A) and body (weight B) as one stemmed document, kept by a trigger on
    # PostgreSQL and searched through a GIN index (migration 0003); empty elsewhere.
    search_document = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-published_on", "case_reference", "position"]
        indexes = [
            models.Index(fields=["category", "published_on"]),
            # The library's order (core.paging.stable adds the key): a page is read from the
            # index's start, not by sorting every finding in the country (issue 21).
            models.Index(
                fields=["-published_on", "case_reference", "position", "id"],
                name="library_finding_order",
            ),
        ]

    def __str__(self):
        return self.title


class AccuracyCheck(BaseModel):
    """A draft of the report shared with chosen agencies' contributors to check its facts, by
    a date. The sections are kept as they were shared, so the comments stay with that version
    whatever the reviewers write next."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="accuracy_checks")
    report_version = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    due_on = models.DateField()
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    board_lookup = "report__review__board_id"
    review_lookup = "report__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["-created_at"]

    @property
    def board(self):
        return self.report.review.board

    @property
    def review(self):
        return self.report.review

    @property
    def review_id(self):
        return self.report.review_id


class AccuracyInvitee(BaseModel):
    """A contributor asked to check a shared draft; done when they say they have finished."""

    accuracy_check = models.ForeignKey(
        AccuracyCheck, on_delete=models.CASCADE, related_name="invitees"
    )
    contributor = models.ForeignKey(
        "reviews.AgencyContributor", on_delete=models.CASCADE, related_name="accuracy_checks"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    board_lookup = "accuracy_check__report__review__board_id"
    review_lookup = "accuracy_check__report__review_id"
    holds_case_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["accuracy_check", "contributor"], name="one_invitation")
        ]


class AccuracyComment(BaseModel):
    """A comment on one section of a shared draft: by an agency's contributor, or the family's
    view recorded by the business manager (the family does not sign in). The reviewers accept
    or decline each with a reason."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    accuracy_check = models.ForeignKey(
        AccuracyCheck, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(max_length=40, choices=[(c, t) for c, t, _hint in SECTIONS])
    comment = models.TextField(max_length=limits.LONG_TEXT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "boards.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_family = models.BooleanField(default=False)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True, max_length=limits.LONG_TEXT)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    board_lookup = "accuracy_check__report__review__board_id"
    review_lookup = "accuracy_check__report__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["created_at"]


class HomeOfficeQaStep(Withdrawable, BaseModel):
    """A step of the Home Office Quality Assurance Panel's look at a domestic homicide review
    (docs/research/dhr.md, section 4): the partnership submits the overview report and
    executive summary, the Panel considers it at a meeting and a letter follows, with changes
    asked for or content that "on completion of these changes, the DHR may be published".
    Until it approves, the report is not published (`publication.services.home_office_qa`).
    Recorded here after the fact; a mistake is withdrawn with a reason, never deleted."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted to the Panel")
        FEEDBACK = "feedback", _("Feedback from the Panel")
        APPROVED = "approved", _("Approved for publication")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="home_office_qa_steps"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    occurred_on = models.DateField()
    # What was sent, or what the Home Office's letter asked: roles and the case reference,
    # never a real name.
    note = models.TextField(blank=True, max_length=limits.LONG_TEXT)
    # The report's version when it was submitted (a resubmission after changes is another).
    report_version = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    class Meta:
        ordering = ["occurred_on", "created_at"]
        verbose_name = "Home Office quality assurance step"

    def __str__(self):
        return f"{self.get_kind_display()} on {self.occurred_on:%-d %B %Y}"

    @property
    def board(self):
        return self.review.board
