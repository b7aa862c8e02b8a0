"""Demo data (`manage.py seed_demo`): two activities that shared the board's published demo
review, so that the dashboard shows its reach by agency and finding category."""

import datetime as dt

from django.utils import timezone

from sharing import selectors, services
from sharing.models import LearningActivity


def seed(*, board, manager) -> list[LearningActivity]:
    review = selectors.published_reviews(board).first()
    if review is None or LearningActivity.objects.filter(board=board).exists():
        return []
    today = timezone.localdate()
    agencies = list(selectors.agencies(board))
    published_on = review.publication.published_on
    return [
        services.activity_record(
            actor=manager,
            board=board,
            kind=LearningActivity.Kind.SEVEN_MINUTE_BRIEFING,
            title=f"Seven-minute briefing: {review.incident.reference}",
            held_on=min(today, published_on + dt.timedelta(days=2)),
            reviews=[review],
            reach={agency.pk: 12 + 6 * n for n, agency in enumerate(agencies)},
            feedback="Practitioners found the briefing clear; several asked for the slides.",
            feedback_count=20,
            practice_change_count=14,
        ),
        services.activity_record(
            actor=manager,
            board=board,
            kind=LearningActivity.Kind.LEARNING_EVENT,
            title="Multi-agency learning event: information sharing",
            held_on=min(today, published_on + dt.timedelta(days=5)),
            reviews=[review],
            categories=list(selectors.categories()[:1]),
            reach={**{agency.pk: 8 for agency in agencies[:2]}, None: 5},
            feedback="A lively discussion of the review's findings in mixed-agency groups.",
        ),
    ]
