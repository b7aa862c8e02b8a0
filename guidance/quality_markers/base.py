"""The shapes of the quality markers (guidance.quality_markers): stages, markers, sets, the kinds
of evidence the service holds, and the sources' addresses."""

from dataclasses import dataclass

from guidance.rulebooks.base import Translated

CHILDREN = "children"
ADULTS = "adults"

SCR_SOURCE = "https://www.scie.org.uk/safeguarding/children/case-reviews/quality-markers/"
SCR_SOURCE_NSPCC = (
    "https://www.nspcc.org.uk/services-and-resources/research-and-resources/2016/"
    "serious-case-review-quality-markers/"
)
SAR_SOURCE = "https://www.scie.org.uk/safeguarding/adults/reviews/quality-markers/list/"

# What the service already holds, by kind: reviews' records read by quality.selectors.
CLOCKS = "clocks"  # the case's statutory clocks, met on time or not
REFERRAL = "referral"  # when the local authority knew and the board was told
DECISION = "decision"  # the chair's decision and its date
FAMILY = "family"  # involvement offered to the family, and their answers
PRACTITIONERS = "practitioners"  # practitioners' involvement, conversations held
AGENCY_RETURNS = "agency_returns"  # agencies' returns against their due dates
MEETINGS = "meetings"  # review team and case group meetings held
PROCEEDINGS = "proceedings"  # parallel proceedings recorded
ANALYSIS = "analysis"  # findings, and those quality-assured
REPORT = "report"  # the report's quality assurance, approval and sign-off
PUBLICATION = "publication"  # the decision to publish, planned and actual dates
ACTIONS = "actions"  # the action plan: owners, due dates, progress
BOARD_RESPONSE = "board_response"  # the board's written response to the findings

EVIDENCE_KINDS = (
    CLOCKS,
    REFERRAL,
    DECISION,
    FAMILY,
    PRACTITIONERS,
    AGENCY_RETURNS,
    MEETINGS,
    PROCEEDINGS,
    ANALYSIS,
    REPORT,
    PUBLICATION,
    ACTIONS,
    BOARD_RESPONSE,
)


@dataclass(frozen=True)
class Stage:
    code: str
    title: str = Translated()


@dataclass(frozen=True)
class Marker:
    number: int
    code: str
    stage: str
    name: str = Translated()
    # Our own words for what the marker is about, never the source's text.
    theme: str = Translated()
    source: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarkerSet:
    code: str
    title: str = Translated()
    published: str = Translated()
    sources: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    markers: tuple[Marker, ...] = ()

    def marker(self, code: str) -> Marker | None:
        return next((marker for marker in self.markers if marker.code == code), None)

    def stage(self, code: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.code == code), None)

    def of_stage(self, code: str) -> list[Marker]:
        return [marker for marker in self.markers if marker.stage == code]


SETUP, RUNNING, OUTPUTS = "setup", "running", "outputs"
