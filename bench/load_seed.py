"""What `load.py` adds to the Insight volume of `pages.seed`: the accounts that sign in, the
lead reviewer programme, the reviews' analysis, and the pages each account's journeys visit.

Accounts, `per_type` of each of the four user types, on the same `per_type` boards spread over
the 150 (so each of those boards has a business manager, a chair and a lead reviewer under load):
- business managers: the seeded managers of those boards (half also sit on a neighbour's board);
- chairs: new accounts, the chair of one board each;
- lead reviewers: the first reviewer of each board's pair, appointed to every review of it;
- accreditation staff: new accounts, each supervising ten open reviews.
Every account has the same password and a confirmed authenticator app (TOTP) of its own.

The programme: ten cohorts over five years (two a year) of 40 applications each (with answers
and two staff scores per criterion once decided), 14 offered places a cohort, trainees, and
accreditations for the trainees who passed and for most of the seeded lead reviewers.
The analysis: the open reviews of those boards past data collection get a merged chronology of
40 entries and five key practice episodes linked to it.
"""

import datetime as dt
import random
import uuid
from urllib.parse import urlencode

from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

PASSWORD = "bench-load-not-a-secret-2026"  # noqa: S105 - throw-away accounts of a throw-away database
UNUSABLE = "!"  # Django's mark of an unusable password: applicants do not sign in here
COHORTS, APPLICATIONS, OFFERS = 10, 40, 14
CHRONOLOGY, EPISODES = 40, 5
SEARCHES = [
    "information sharing",
    "neglect",
    "domestic abuse",
    "supervision",
    "escalation",
    "voice of the child",
    "professional curiosity",
    "mental health",
]


def seed_load(seeded: dict, *, per_type: int, seed_value: int = 2027) -> dict:
    """The accounts, programme and analysis above; returns the journeys (accounts and URLs)."""
    from boards.models import Membership
    from core.models import User

    rng = random.Random(seed_value)
    boards = seeded["boards"]
    if per_type > len(boards):
        raise SystemExit(f"--accounts {per_type} is more than the {len(boards)} boards")
    picked = [boards[i * len(boards) // per_type] for i in range(per_type)]
    index = {board.pk: n for n, board in enumerate(boards)}
    managers = [seeded["managers"][index[board.pk]] for board in picked]
    reviewer_of = {
        user.email: user
        for user in User.objects.filter(email__in=[_reviewer(index[b.pk]) for b in picked])
    }
    reviewers = [reviewer_of[_reviewer(index[board.pk])] for board in picked]
    chairs = User.objects.bulk_create(
        User(email=f"chair{n}@bench.example", name=f"Chair {n}") for n in range(per_type)
    )
    Membership.objects.bulk_create(
        Membership(user=chair, board=board, role="chair")
        for chair, board in zip(chairs, picked, strict=True)
    )
    staff = User.objects.bulk_create(
        User(email=f"staff{n}@bench.example", name=f"Staff {n}", is_accreditation_staff=True)
        for n in range(per_type)
    )
    accounts = {
        "business_manager": managers,
        "chair": chairs,
        "lead_reviewer": reviewers,
        "accreditation_staff": staff,
    }
    everyone = [user for users in accounts.values() for user in users]
    # One hash for all: hashing is deliberately slow (about 0.3 s each here).
    User.objects.filter(pk__in=[u.pk for u in everyone]).update(password=make_password(PASSWORD))
    keys = _authenticators(everyone)
    supervised = _supervision(rng, staff)
    cohorts, applications = _programme(rng, staff, seeded)
    _analysis(rng, picked)

    journeys = {"password": PASSWORD, "accounts": {}}
    for kind, users in accounts.items():
        journeys["accounts"][kind] = [
            {
                "email": user.email,
                "totp_key": keys.get(user.pk, ""),
                "pages": _pages(
                    kind,
                    rng,
                    user=user,
                    board=board,
                    supervised=supervised.get(user.pk, []),
                    cohorts=cohorts,
                    applications=applications,
                ),
            }
            for user, board in zip(users, picked, strict=True)
        ]
    return journeys


def _reviewer(n: int) -> str:
    return f"reviewer{n}a@bench.example"  # as pages.seed names the first of each board's pair


def _authenticators(users) -> dict:
    """A confirmed authenticator app (TOTP) for each account: {user id: its key in hex}."""
    from django.apps import apps

    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return {}
    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="Authenticator app", confirmed=True) for user in users
    )
    return {device.user_id: device.key for device in devices}


def _supervision(rng, staff) -> dict:
    """Ten open Learning Together reviews supervised by each staff member."""
    from reviews.models import Review

    open_reviews = list(
        Review.objects.filter(completed_on__isnull=True, stage__in=_stages_from("data_collection"))
        .order_by("pk")
        .values_list("pk", "board_id")
    )
    rng.shuffle(open_reviews)
    supervised = {}
    for n, user in enumerate(staff):
        mine = open_reviews[10 * n : 10 * n + 10]
        Review.objects.filter(pk__in=[pk for pk, _ in mine]).update(supervisor=user)
        supervised[user.pk] = mine
    return supervised


def _stages_from(code: str) -> list[str]:
    from pages import STAGE_CODES

    return STAGE_CODES[STAGE_CODES.index(code) : -1]  # up to publication, not closed


def _programme(rng, staff, seeded) -> tuple[list, list]:
    """Cohorts with their applications, trainees and accreditations (see the module's text)."""
    from accreditation.models import (
        Accreditation,
        Application,
        ApplicationAnswer,
        ApplicationScore,
        Cohort,
        CohortQuestion,
        Programme,
        SelectionCriterion,
        Trainee,
    )
    from accreditation.models.accreditations import REGIONS
    from core.models import User

    today = timezone.localdate()
    programme = Programme.objects.create(name="Learning Together lead reviewer programme")
    cohorts, questions, criteria = [], [], []
    for n in range(COHORTS):  # the last one open for applications now
        closes = today + dt.timedelta(days=30 - 182 * (COHORTS - 1 - n))
        cohort = Cohort(
            programme=programme,
            name=f"Cohort {n + 1}",
            venue="SCIE, London",
            trainers="The programme's trainers",
            places=OFFERS,
            applications_open_on=closes - dt.timedelta(days=40),
            applications_close_on=closes,
        )
        cohorts.append(cohort)
        questions += [
            CohortQuestion(cohort=cohort, order=q, text=f"Question {q} for applicants.")
            for q in (1, 2, 3)
        ]
        criteria += [
            SelectionCriterion(cohort=cohort, order=c, text=f"Criterion {c}.", max_score=5)
            for c in (1, 2, 3)
        ]
    Cohort.objects.bulk_create(cohorts)
    CohortQuestion.objects.bulk_create(questions)
    SelectionCriterion.objects.bulk_create(criteria)
    applicants = User.objects.bulk_create(
        User(email=f"applicant{n}@bench.example", name=f"Applicant {n}", password=UNUSABLE)
        for n in range(COHORTS * APPLICATIONS)
    )
    applications, answers, scores, trainees, accreditations = [], [], [], [], []
    for n, cohort in enumerate(cohorts):
        is_open = n == COHORTS - 1
        for a in range(APPLICATIONS):
            status = (
                "submitted"
                if is_open
                else "offered"
                if a < OFFERS
                else rng.choice(["waiting_list", "declined", "declined", "withdrawn"])
            )
            application = Application(
                id=uuid.uuid4(),
                cohort=cohort,
                applicant=applicants[n * APPLICATIONS + a],
                status=status,
                cv=f"cvs/bench/{n}-{a}.pdf",
                cv_name="CV.pdf",
                submitted_on=cohort.applications_close_on - dt.timedelta(days=rng.randint(0, 39)),
                decided_on=None if is_open else cohort.applications_close_on + dt.timedelta(14),
                decided_by=None if is_open else rng.choice(staff),
                decision_letter="" if is_open else "Thank you for applying.",
            )
            applications.append(application)
            answers += [
                ApplicationAnswer(application=application, question=q, answer=_words(rng))
                for q in questions[3 * n : 3 * n + 3]
            ]
            if not is_open or a < APPLICATIONS // 2:  # half the open cohort's scored so far
                scorers = rng.sample(staff, 2)
                scores += [
                    ApplicationScore(
                        application=application, criterion=c, scorer=s, score=rng.randint(1, 5)
                    )
                    for c in criteria[3 * n : 3 * n + 3]
                    for s in scorers
                ]
            if status == "offered":
                recent = n >= COHORTS - 3
                trainee = Trainee(
                    application=application,
                    user=application.applicant,
                    cohort=cohort,
                    status="in_training"
                    if recent
                    else rng.choice(["accredited"] * 8 + ["not_yet", "withdrawn"]),
                )
                trainees.append(trainee)
                if trainee.status == "accredited":
                    accredited_on = cohort.applications_close_on + dt.timedelta(days=300)
                    accreditations.append(
                        _accreditation(rng, application.applicant, accredited_on, today, trainee)
                    )
    Application.objects.bulk_create(applications)
    ApplicationAnswer.objects.bulk_create(answers, batch_size=2000)
    ApplicationScore.objects.bulk_create(scores, batch_size=2000)
    Trainee.objects.bulk_create(trainees)
    # Most of the boards' lead reviewers were accredited before the service.
    reviewers = User.objects.filter(email__startswith="reviewer", email__endswith="@bench.example")
    for user in reviewers:
        accredited_on = today - dt.timedelta(days=rng.randint(30, 5 * 365))
        accreditation = _accreditation(rng, user, accredited_on, today, None)
        if rng.random() < 0.15:
            accreditation.status = rng.choice(["lapsed", "suspended"])
        accreditations.append(accreditation)
    for accreditation in accreditations:
        accreditation.regions = rng.sample([code for code, _ in REGIONS], rng.randint(1, 3))
    Accreditation.objects.bulk_create(accreditations)
    return cohorts, applications


def _accreditation(rng, user, accredited_on, today, trainee):
    from accreditation.models import Accreditation

    years = max((today - accredited_on).days // 365, 0)
    year_started_on = accredited_on + dt.timedelta(days=365 * years)
    return Accreditation(
        user=user,
        trainee=trainee,
        accredited_on=accredited_on,
        year_started_on=year_started_on,
        annual_review_due_on=year_started_on + dt.timedelta(days=365),
        availability=rng.choice(["available", "available", "limited", "unavailable"]),
    )


def _words(rng) -> str:
    from pages import SENTENCES

    return " ".join(rng.sample(SENTENCES, 3))


def _analysis(rng, boards) -> None:
    """A merged chronology and key practice episodes for the open reviews of `boards`."""
    from pages import SENTENCES, THEMES

    from boards.models import Agency
    from reviews.models import ChronologyEntry, KeyPracticeEpisode, Review

    agencies: dict = {}
    for agency in Agency.objects.filter(board__in=boards):
        agencies.setdefault(agency.board_id, []).append(agency)
    entries, episodes, links = [], [], []
    reviews = Review.objects.filter(
        board__in=boards, completed_on__isnull=True, stage__in=_stages_from("data_collection")
    ).select_related("incident")
    for review in reviews:
        start = review.incident.incident_on - dt.timedelta(days=365)
        mine = [
            ChronologyEntry(
                id=uuid.uuid4(),
                review=review,
                agency=rng.choice(agencies[review.board_id]),
                occurred_on=start + dt.timedelta(days=9 * e),
                entry=" ".join(rng.sample(SENTENCES, 2)),
                source=f"Case record {e + 1}",
            )
            for e in range(CHRONOLOGY)
        ]
        entries += mine
        if review.stage == "data_collection":
            continue
        for e in range(EPISODES):
            theme, text = rng.choice(THEMES)
            episode = KeyPracticeEpisode(
                id=uuid.uuid4(),
                review=review,
                occurred_on=mine[8 * e].occurred_on,
                title=f"Episode {e + 1}: {theme}",
                what_happened=text,
                appraisal=" ".join(rng.sample(SENTENCES, 2)),
            )
            episodes.append(episode)
            links += [
                KeyPracticeEpisode.chronology_entries.through(
                    keypracticeepisode_id=episode.pk, chronologyentry_id=entry.pk
                )
                for entry in mine[8 * e : 8 * e + 3]
            ]
    ChronologyEntry.objects.bulk_create(entries, batch_size=2000)
    KeyPracticeEpisode.objects.bulk_create(episodes, batch_size=2000)
    KeyPracticeEpisode.chronology_entries.through.objects.bulk_create(links, batch_size=2000)


def _pages(kind, rng, *, user, board, supervised, cohorts, applications) -> dict:
    """The URLs an account's journeys choose from, read from the seeded database."""
    from insight import exports
    from insight.services import annual_report_years
    from reminders.models import Reminder
    from reviews.models import Incident, Review

    def url(name, *args, query=""):
        return reverse(name, args=args) + (f"?{query}" if query else "")

    b = board.pk
    incidents = list(Incident.objects.filter(board=board).values_list("pk", "status"))
    open_reviews = list(
        Review.objects.filter(board=board, completed_on__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    closed_reviews = list(
        Review.objects.filter(board=board, completed_on__isnull=False)
        .order_by("-completed_on")
        .values_list("pk", flat=True)[:10]
    )

    def review_pages(pk, board_id=b):
        return {
            "review": url("reviews:review_detail", board_id, pk),
            "findings": url("reviews:findings", board_id, pk),
            "actions": url("reviews:actions", board_id, pk),
            "episodes": url("reviews:episodes", board_id, pk),
            "chronology": url("reviews:chronology", board_id, pk),
            "timeline": url("insight:timeline", board_id, pk),
            "report": url("publication:report", board_id, pk),
        }

    pages = {"home": url("home"), "library": [url("publication:library")]}
    pages["library"] += [
        url("publication:library", query=urlencode({"q": words})) for words in SEARCHES
    ]
    if kind in ("business_manager", "chair"):
        sample = rng.sample(incidents, min(20, len(incidents)))
        pages |= {
            "board": url("boards:detail", b),
            "incidents": url("reviews:incident_list", b),
            "awaiting": url("reviews:incident_list", b, query="status=awaiting_decision"),
            "incident": [url("reviews:incident_detail", b, pk) for pk, _ in sample],
            "reviews": url("reviews:review_list", b),
            "review": [
                review_pages(pk) for pk in rng.sample(open_reviews, min(8, len(open_reviews)))
            ],
            "closed_review": [review_pages(pk) for pk in closed_reviews],
            "dashboard": url("insight:dashboard", b),
            "deadlines": url("reviews:deadline_list", b),
        }
    if kind == "business_manager":
        pages["export"] = [url("insight:export", b, what) for what in exports.KINDS]
        pages["reminders"] = url("reminders:list")
        pages["reminder"] = [
            url("reminders:open", pk)
            for pk in Reminder.objects.filter(recipient=user, status="sent", read_at=None)
            .order_by("-send_at")
            .values_list("pk", flat=True)[:40]
        ]
    if kind == "chair":
        pages["decision"] = [
            url("reviews:decision", b, pk)
            for pk, status in incidents
            if status == Incident.Status.AWAITING_DECISION
        ]
        years = annual_report_years()
        pages["annual_reports"] = url("insight:annual_reports", b)
        pages["annual_report"] = [url("insight:annual_report_web", b, year) for year in years[:2]]
    if kind == "lead_reviewer":
        pages["reviews"] = url("reviews:review_list", b)
        pages["review"] = [review_pages(pk) for pk in open_reviews[:10]]
    if kind == "accreditation_staff":
        pages |= {
            "programme": url("accreditation:overview"),
            "cohort": [url("accreditation:cohort_detail", c.pk) for c in cohorts],
            "application": [
                url("accreditation:application_detail", a.pk) for a in rng.sample(applications, 20)
            ],
            "reviewers": url("accreditation:accreditation_list"),
            "directory": url("accreditation:directory"),
            "overview": url("insight:overview"),
            "review": [review_pages(pk, board_id) for pk, board_id in supervised],
        }
    return pages
