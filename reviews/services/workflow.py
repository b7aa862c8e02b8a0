"""Moving a review between the stages of its methodology, behind explicit guards.

The stages and which conditions each needs are data (`guidance.methodologies`); the conditions
and tasks are named here, each with the message a user sees when it is unmet. A review runs the
stages of its methodology's option (`Review.method`): a focused Learning Together review has no
conversations, a themed one audits the case files.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import permissions
from core.history import acting_as
from reviews.models import (
    Action,
    AgencyRequest,
    ChronologyEntry,
    Conversation,
    Finding,
    Incident,
    Involvement,
    KeyPracticeEpisode,
    Meeting,
    ResearchQuestion,
    Review,
    ReviewerAppointment,
    ReviewParticipant,
    StageChange,
)
from reviews.services.clocks import deadlines_sync


@dataclass(frozen=True)
class Condition:
    # Marked for translation; `unmet` reads it in the language of the request.
    message: str
    holds: Callable[[dict], bool]

    @property
    def unmet(self) -> str:
        return str(self.message)


@functools.cache
def _facts_query():
    """The facts of any review as annotations, built once: building these subqueries took
    longer than compiling and running them (bench/pages.py). Each use filters a copy."""

    def exists(model, **where):
        return Exists(model.objects.filter(review=OuterRef("pk"), **where))

    open_appointments = ReviewerAppointment.objects.filter(review=OuterRef("pk"), ended_on=None)
    completed = [Action.Status.COMPLETED, Action.Status.CANCELLED]
    # An agency involved in the incident that the review has not asked for information.
    unasked = Incident.agencies.through.objects.filter(incident=OuterRef("incident_id")).exclude(
        Exists(
            AgencyRequest.objects.filter(review=OuterRef(OuterRef("pk")), agency=OuterRef("agency"))
        )
    )
    annotations = {
        "reviewers": Coalesce(
            Subquery(open_appointments.values("review").annotate(n=Count("pk")).values("n")[:1]),
            0,
        ),
        "undeclared": Exists(open_appointments.filter(independence_declared=False)),
        "questions": exists(ResearchQuestion),
        "review_team": exists(ReviewParticipant, group="review_team"),
        "case_group": exists(ReviewParticipant, group="case_group"),
        "participants": exists(ReviewParticipant),
        "meetings": exists(Meeting),
        "meetings_to_hold": exists(Meeting, held_on=None),
        "meetings_held": exists(Meeting, held_on__isnull=False),
        "requests": exists(AgencyRequest),
        "agencies_unasked": Exists(unasked),
        "requests_awaited": exists(AgencyRequest, received_on=None),
        "files_unlocked": exists(AgencyRequest, files_locked_on=None),
        "files_locked": exists(AgencyRequest, files_locked_on__isnull=False),
        "chronology": exists(ChronologyEntry),
        "involvements": exists(Involvement),
        "involvements_awaited": exists(Involvement, response="awaited"),
        "conversations": exists(Conversation),
        "episodes": exists(KeyPracticeEpisode),
        "findings": exists(Finding),
        "findings_unassured": exists(Finding, quality_assured_on=None),
        "findings_assured": exists(Finding, quality_assured_on__isnull=False),
        "findings_unanswered": exists(Finding, board_response=""),
        "findings_answered": Exists(
            Finding.objects.filter(review=OuterRef("pk")).exclude(board_response="")
        ),
        "actions": exists(Action),
        "actions_open": Exists(
            Action.objects.filter(review=OuterRef("pk")).exclude(status__in=completed)
        ),
        "actions_unevidenced": exists(
            Action, status=Action.Status.COMPLETED, evidence_of_impact=""
        ),
    }
    # Prefixed: several facts share their names with the review's relations.
    return Review.objects.annotate(
        **{f"fact_{name}": value for name, value in annotations.items()}
    ).values(*(f"fact_{name}" for name in annotations))


def review_facts(review: Review) -> dict:
    """What the conditions and tasks read, in one query."""
    return _facts_from(_facts_query().filter(pk=review.pk).get(), review)


def _facts_from(row: dict, review: Review) -> dict:
    """A row of `_facts_query` as the conditions and tasks read it."""
    facts = {name.removeprefix("fact_"): value for name, value in row.items()}
    facts["terms_of_reference"] = bool(review.terms_of_reference.strip())
    return facts


CONDITIONS: dict[str, Condition] = {
    # A pair: two lead reviewers, or a trainee with a trainee or an accredited reviewer.
    "reviewer_pair": Condition(
        gettext_lazy("no reviewer pair appointed"), lambda f: f["reviewers"] >= 2
    ),
    "independence": Condition(
        gettext_lazy("a reviewer has not declared their independence"),
        lambda f: not f["undeclared"],
    ),
    "terms_of_reference": Condition(
        gettext_lazy("no terms of reference agreed"), lambda f: f["terms_of_reference"]
    ),
    "research_questions": Condition(
        gettext_lazy("no research questions set"), lambda f: f["questions"]
    ),
    "agencies_asked": Condition(
        gettext_lazy("an agency involved in the case has not been asked for information"),
        lambda f: not f["agencies_unasked"],
    ),
    "agency_information_received": Condition(
        gettext_lazy("information requested from agencies is not all received"),
        lambda f: f["requests"] and not f["requests_awaited"],
    ),
    "files_locked": Condition(
        gettext_lazy("not every agency has confirmed its case files are locked down"),
        lambda f: f["requests"] and not f["files_unlocked"],
    ),
    # A focused Learning Together review's findings come from its one-day learning event.
    "learning_event_held": Condition(
        gettext_lazy("no meeting of the learning event is recorded as held"),
        lambda f: f["meetings_held"],
    ),
    "episodes_recorded": Condition(
        gettext_lazy("no key practice episodes recorded"), lambda f: f["episodes"]
    ),
    "findings_recorded": Condition(gettext_lazy("no findings recorded"), lambda f: f["findings"]),
    "findings_quality_assured": Condition(
        gettext_lazy("findings not quality-assured"),
        lambda f: f["findings"] and not f["findings_unassured"],
    ),
    "board_responded": Condition(
        gettext_lazy("the board has not responded to every finding"),
        lambda f: f["findings"] and not f["findings_unanswered"],
    ),
    "actions_agreed": Condition(gettext_lazy("no actions agreed"), lambda f: f["actions"]),
    "actions_finished": Condition(
        gettext_lazy("actions are not all completed with evidence of their impact, or cancelled"),
        lambda f: f["actions"] and not f["actions_open"] and not f["actions_unevidenced"],
    ),
}


@dataclass(frozen=True)
class Task:
    # Marked for translation; `title` reads it in the language of the request.
    label: str
    url_name: str
    # (done, started) from the review's facts
    progress: Callable[[dict], tuple[bool, bool]]

    @property
    def title(self) -> str:
        return str(self.label)


def _held(code):
    return lambda f: CONDITIONS[code].holds(f)


TASKS: dict[str, Task] = {
    "reviewers": Task(
        gettext_lazy("Appoint the reviewer pair"),
        "reviews:appointments",
        lambda f: (f["reviewers"] >= 2 and not f["undeclared"], f["reviewers"] > 0),
    ),
    "terms_of_reference": Task(
        gettext_lazy("Agree the terms of reference"),
        "reviews:setup",
        lambda f: (f["terms_of_reference"], False),
    ),
    "research_questions": Task(
        gettext_lazy("Set the research questions"),
        "reviews:research_questions",
        lambda f: (f["questions"], False),
    ),
    "team": Task(
        gettext_lazy("Form the review team and case group"),
        "reviews:participants",
        lambda f: (f["review_team"] and f["case_group"], f["participants"]),
    ),
    "meetings": Task(
        gettext_lazy("Plan and hold the meetings"),
        "reviews:meetings",
        lambda f: (f["meetings"] and not f["meetings_to_hold"], f["meetings"]),
    ),
    "agency_requests": Task(
        gettext_lazy("Request information from the agencies"),
        "reviews:agency_requests",
        lambda f: (
            _held("agencies_asked")(f) and _held("agency_information_received")(f),
            f["requests"],
        ),
    ),
    "files_locked": Task(
        gettext_lazy("Confirm case files are locked down"),
        "reviews:agency_requests",
        lambda f: (_held("files_locked")(f), f["files_locked"]),
    ),
    "chronology": Task(
        gettext_lazy("Build the multi-agency chronology"),
        "reviews:chronology",
        lambda f: (False, f["chronology"]),
    ),
    "involvement": Task(
        gettext_lazy("Offer the family and practitioners involvement"),
        "reviews:involvements",
        lambda f: (f["involvements"] and not f["involvements_awaited"], f["involvements"]),
    ),
    "conversations": Task(
        gettext_lazy("Hold structured conversations"),
        "reviews:conversations",
        lambda f: (False, f["conversations"]),
    ),
    # Done when the guard of the next stage holds; more can still be added.
    "episodes": Task(
        gettext_lazy("Record key practice episodes"),
        "reviews:episodes",
        lambda f: (_held("episodes_recorded")(f), f["episodes"]),
    ),
    "findings": Task(
        gettext_lazy("Write the findings"),
        "reviews:findings",
        lambda f: (_held("findings_recorded")(f), f["findings"]),
    ),
    "quality_assurance": Task(
        gettext_lazy("Quality-assure the findings"),
        "reviews:findings",
        lambda f: (_held("findings_quality_assured")(f), f["findings_assured"]),
    ),
    "board_response": Task(
        gettext_lazy("Record the board's response to each finding"),
        "reviews:findings",
        lambda f: (_held("board_responded")(f), f["findings_answered"]),
    ),
    "actions": Task(
        gettext_lazy("Agree the action plan and track it to impact"),
        "reviews:actions",
        lambda f: (_held("actions_finished")(f), f["actions"]),
    ),
}

TASK_STATUS_LABELS = {
    "completed": gettext_lazy("Completed"),
    "in_progress": gettext_lazy("In progress"),
    "not_started": gettext_lazy("Not yet started"),
}


def require_analysis_open(review: Review) -> None:
    """Conversations, episodes and findings are settled once the report goes to publication."""
    stage = review.method.stage(review.stage)
    if stage is not None and not stage.analysis_open:
        raise ValidationError(
            _(
                "The review is at %(stage)s: its conversations, episodes and findings can no "
                "longer change. Move it back to the report stage to change them."
            )
            % {"stage": stage.title.lower()}
        )


def require_actions_open(review: Review) -> None:
    """The action plan is tracked to impact until the review is closed."""
    stage = review.method.stage(review.stage)
    if stage is not None and not stage.actions_open:
        raise ValidationError(
            _(
                "The review is closed: its action plan can no longer change. Move it back to "
                "publication to change it."
            )
        )


def allows(guard, review: Review) -> bool:
    """Whether a stage guard (`require_analysis_open`, `require_actions_open`) lets the
    review's records change now: pages offer to change only what may change."""
    try:
        guard(review)
    except ValidationError:
        return False
    return True


def unmet_conditions(review: Review, to_stage: str, facts: dict | None = None) -> list[str]:
    """What stops `review` entering `to_stage`, in the words users see."""
    method = review.method
    stage = method.stage(to_stage)
    if stage is None:
        return [
            _("“%(stage)s” is not a stage of %(method)s")
            % {"stage": to_stage, "method": method.title}
        ]
    facts = facts if facts is not None else review_facts(review)
    return [CONDITIONS[code].unmet for code in stage.requires if not CONDITIONS[code].holds(facts)]


def tasks_of(review: Review, facts: dict | None = None) -> list[dict]:
    """The task list of the review's stage, each task completed, in progress or not started."""
    stage = review.method.stage(review.stage)
    if stage is None:
        return []
    facts = facts if facts is not None else review_facts(review)
    tasks = []
    for code in stage.tasks:
        done, started = TASKS[code].progress(facts)
        status = "completed" if done else ("in_progress" if started else "not_started")
        tasks.append(
            {"title": TASKS[code].title, "url_name": TASKS[code].url_name, "status": status}
        )
    return tasks


@transaction.atomic
def review_transition(*, actor, review: Review, to: str) -> Review:
    """Move the review to the next stage (guarded) or back to the previous one.

    Raises a ValidationError listing every unmet condition when the guard refuses.
    """
    permissions.require(actor, "reviews.transition", review)
    review = Review.objects.select_for_update().get(pk=review.pk)
    method = review.method
    current = method.stage(review.stage)
    if current is None:
        # A stage its methodology (or option) does not have, so no next or previous stage: a
        # data problem, not the user's. (Reviews of an option that ran the full model's stages
        # before it had its own are placed by `Stage.replaces`, and never get here.)
        raise ValidationError(
            {
                "to": _(
                    "This review is at “%(stage)s”, which is not a stage of %(method)s, so it "
                    "cannot move from there"
                )
                % {"stage": review.stage, "method": method.title}
            }
        )
    forward, back = method.next_stage(review.stage), method.previous_stage(review.stage)
    if forward is not None and to == forward.code:
        unmet = unmet_conditions(review, to)
        if unmet:
            raise ValidationError(
                {"to": [_("This review cannot move on: %(reason)s") % {"reason": m} for m in unmet]}
            )
        if forward.completes and review.completed_on is None:
            review.completed_on = timezone.localdate()
    elif back is not None and to == back.code:
        if current.completes:
            review.completed_on = None  # back before the completing stage: not complete yet
    else:
        allowed = [s.title for s in (forward, back) if s is not None]
        raise ValidationError(
            {
                "to": _("From %(stage)s a review can move to: %(stages)s")
                % {"stage": current.title, "stages": _(" or ").join(allowed)}
            }
        )
    StageChange.objects.create(review=review, from_stage=review.stage, to_stage=to, actor=actor)
    review.stage = to
    acting_as(review, actor).save()
    deadlines_sync(incident=review.incident, actor=actor)
    return review


@dataclass(frozen=True)
class NextStep:
    """What a review needs next: the next stage, what stops it entering (in the words users
    see), and the first task of the current stage not yet completed."""

    next_stage: str
    unmet: list[str]
    task: dict | None


def next_steps(reviews) -> dict:
    """{review pk: NextStep} for the reviews, their facts read in one query (the work queue:
    home.work). A review at its last stage has none."""
    reviews = list(reviews)
    rows = _facts_query().filter(pk__in=[r.pk for r in reviews]).values("pk", *_fact_names())
    rows_of = {row.pop("pk"): row for row in rows}
    steps = {}
    for review in reviews:
        forward = review.method.next_stage(review.stage)
        if forward is None or review.pk not in rows_of:
            continue
        facts = _facts_from(rows_of[review.pk], review)
        task = next((t for t in tasks_of(review, facts) if t["status"] != "completed"), None)
        steps[review.pk] = NextStep(
            forward.title, unmet_conditions(review, forward.code, facts), task
        )
    return steps


def _fact_names() -> list[str]:
    return list(_facts_query().query.annotations)
