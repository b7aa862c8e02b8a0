from reviews.models.calendar import BankHoliday
from reviews.models.clocks import ClockPause, Deadline
from reviews.models.incidents import (
    Decision,
    Incident,
    IncidentPerson,
    LocalCriterion,
    Notification,
    PanelAdvice,
)
from reviews.models.reviews import Review

__all__ = [
    "BankHoliday",
    "ClockPause",
    "Deadline",
    "Decision",
    "Incident",
    "IncidentPerson",
    "LocalCriterion",
    "Notification",
    "PanelAdvice",
    "Review",
]
