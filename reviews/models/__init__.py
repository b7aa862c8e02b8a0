from reviews.models.actions import Action, ActionUpdate
from reviews.models.analysis import Conversation, Finding, FindingCategory, KeyPracticeEpisode
from reviews.models.contributions import AgencyContributor, AgencyReturn
from reviews.models.documents import Document, DocumentVersion
from reviews.models.engagement import (
    AgencyRequest,
    ChronologyEntry,
    ChronologyImport,
    Involvement,
    Meeting,
    ReviewParticipant,
)
from reviews.models.incidents import (
    Decision,
    Incident,
    IncidentPerson,
    LocalCriterion,
    Notification,
    PanelAdvice,
)
from reviews.models.joint import JointReview
from reviews.models.proceedings import ParallelProceeding, ReportingRestriction
from reviews.models.reviews import (
    ApprovedReviewer,
    ResearchQuestion,
    Review,
    ReviewerAppointment,
    StageChange,
)

__all__ = [
    "Action",
    "ActionUpdate",
    "AgencyContributor",
    "AgencyRequest",
    "AgencyReturn",
    "ChronologyEntry",
    "ChronologyImport",
    "Conversation",
    "Decision",
    "Document",
    "DocumentVersion",
    "Finding",
    "FindingCategory",
    "Incident",
    "IncidentPerson",
    "Involvement",
    "KeyPracticeEpisode",
    "LocalCriterion",
    "Meeting",
    "Notification",
    "PanelAdvice",
    "ParallelProceeding",
    "ReportingRestriction",
    "ResearchQuestion",
    "Review",
    "ReviewParticipant",
    "ReviewerAppointment",
    "ApprovedReviewer",
    "JointReview",
    "StageChange",
]
