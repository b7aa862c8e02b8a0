"""Demo data for `make run`: two boards, their agencies and one account per role.

Refused unless DEBUG is on: it creates accounts whose passwords are printed on the console.
Running it again keeps the data and sets new passwords.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accreditation import demo as accreditation_demo
from accreditation.selectors import trainee_reviewer_ids
from bank import demo as bank_demo
from boards import services
from boards.models import Agency, Board, Membership
from publication import demo as publication_demo
from quality import demo as quality_demo
from sharing import demo as sharing_demo

Role = Membership.Role

BOARDS = [
    {
        "name": "Northshire Local Safeguarding Children Board",
        "kind": Board.Kind.CHILDREN,
        "nation": Board.Nation.ENGLAND,
        "regime": Board.Regime.LSCB_2015,
        "agencies": [
            ("Northshire Children's Services", Agency.Sector.CHILDRENS_SOCIAL_CARE),
            ("Northshire Constabulary", Agency.Sector.POLICE),
            ("Northshire Community Health NHS Trust", Agency.Sector.HEALTH),
            ("Riverside Primary School", Agency.Sector.EDUCATION),
        ],
    },
    {
        "name": "Westbridge Safeguarding Children Partnership",
        "kind": Board.Kind.CHILDREN,
        "nation": Board.Nation.ENGLAND,
        "regime": Board.Regime.PARTNERS_2018,
        "agencies": [
            ("Westbridge Council Children's Social Care", Agency.Sector.CHILDRENS_SOCIAL_CARE),
            ("Westbridge Police", Agency.Sector.POLICE),
            ("Westbridge Integrated Care Board", Agency.Sector.HEALTH),
        ],
    },
    {
        "name": "Cwm Ffynnon Regional Safeguarding Board",
        "kind": Board.Kind.ADULTS,
        "nation": Board.Nation.WALES,
        "regime": Board.Regime.WALES_SUSR_2024,
        "language": "cy",
        "agencies": [
            ("Cwm Ffynnon County Council Social Services", Agency.Sector.ADULT_SOCIAL_CARE),
            ("Dyfed-Morgannwg Police", Agency.Sector.POLICE),
            ("Cwm Ffynnon University Health Board", Agency.Sector.HEALTH),
        ],
    },
    {
        "name": "Westbridge Community Safety Partnership",
        "kind": Board.Kind.COMMUNITY_SAFETY,
        "nation": Board.Nation.ENGLAND,
        "regime": Board.Regime.DHR_2016,
        "agencies": [
            ("Westbridge Police (community safety)", Agency.Sector.POLICE),
            ("Westbridge Domestic Abuse Service", Agency.Sector.OTHER),
        ],
    },
]

# (e-mail, name, [(board index, role)])
ACCOUNTS = [
    (
        "business.manager@example.org",
        "Bea Manager",
        [
            (0, Role.BUSINESS_MANAGER),
            (1, Role.BUSINESS_MANAGER),
            (2, Role.BUSINESS_MANAGER),
            (3, Role.BUSINESS_MANAGER),
        ],
    ),
    (
        "chair@example.org",
        "Charles Chair",
        [(0, Role.CHAIR), (1, Role.CHAIR), (2, Role.CHAIR), (3, Role.CHAIR)],
    ),
    ("member@example.org", "Mo Member", [(0, Role.MEMBER)]),
    (
        "lead.reviewer@example.org",
        "Lee Reviewer",
        [(0, Role.LEAD_REVIEWER), (1, Role.LEAD_REVIEWER), (2, Role.LEAD_REVIEWER)],
    ),
    ("viewer@example.org", "Vi Viewer", [(0, Role.VIEWER)]),
    ("trainee.reviewer@example.org", "Tia Trainee", [(0, Role.LEAD_REVIEWER)]),
    # A member of the Welsh regional board who reads the service in Welsh.
    ("aelod@example.org", "Aled Aelod", [(2, Role.MEMBER)]),
]
# Those who chose Cymraeg (User.language): their pages and e-mails are in Welsh.
WELSH_SPEAKERS = {"aelod@example.org"}
# People of partner agencies, each invited to one review of a board for their agency:
# (e-mail, name, board index, case reference, agency).
CONTRIBUTORS = [
    ("police.contributor@example.org", "Pat Police", 0, "Child A", "Northshire Constabulary"),
    (
        "health.contributor@example.org",
        "Hana Health",
        1,
        "Child C",
        "Westbridge Integrated Care Board",
    ),
]
# Accreditation staff hold no board role: they supervise the reviews they are given.
STAFF = ("accreditation@example.org", "Alex Accreditation")
ADMIN = ("admin@example.org", "Ada Admin")


class Command(BaseCommand):
    help = "Create demo boards and one account per role, printing their passwords (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo runs only with DEBUG on: it prints passwords.")
        with transaction.atomic():
            passwords = self._seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/"))
        width = max(len(email) for email in passwords)
        for email, (role, password) in passwords.items():
            self.stdout.write(f"  {email.ljust(width)}  {password}  {role}")
        self.stdout.write(
            "At its first sign-in each account sets up an authenticator app (any TOTP app, or "
            "`oathtool --totp -b KEY` with the key the page shows)."
        )

    def _seed(self):
        User = get_user_model()
        passwords = {}
        admin = User.objects.filter(email=ADMIN[0]).first() or User.objects.create_superuser(
            ADMIN[0], ADMIN[1]
        )
        passwords[admin.email] = ("platform admin", self._new_password(admin))
        staff = User.objects.filter(email=STAFF[0]).first() or User.objects.create_user(
            STAFF[0], STAFF[1], is_accreditation_staff=True
        )
        passwords[staff.email] = ("accreditation staff", self._new_password(staff))

        boards = [
            Board.objects.filter(name=spec["name"]).first()
            or services.board_create(
                actor=admin,
                **{key: spec[key] for key in ("name", "kind", "nation", "regime")},
                language=spec.get("language", "en-gb"),
            )
            for spec in BOARDS
        ]
        for email, name, roles in ACCOUNTS:
            for board_index, role in roles:
                board = boards[board_index]
                held = Membership.objects.filter(user__email=email, board=board, role=role)
                if not held.exists():
                    services.member_add(
                        actor=admin, board=board, email=email, name=name, role=role, notify=False
                    )
            user = User.objects.get(email=email)
            if email in WELSH_SPEAKERS and user.language != "cy":
                User.objects.filter(pk=user.pk).update(language="cy")
            labels = ", ".join(sorted({Role(role).label.lower() for _, role in roles}))
            passwords[email] = (labels, self._new_password(user))

        # Agencies are the business manager's to add (core.permissions).
        manager = User.objects.get(email=ACCOUNTS[0][0])
        for board, spec in zip(boards, BOARDS, strict=True):
            for name, sector in spec["agencies"]:
                if not board.agencies.filter(name=name).exists():
                    services.agency_add(actor=manager, board=board, name=name, sector=sector)
        lead = User.objects.get(email="lead.reviewer@example.org")
        trainee = User.objects.get(email="trainee.reviewer@example.org")
        accreditation_demo.seed(staff=staff, lead=lead, trainee_user=trainee)
        # The trainee holds the lead reviewer role so that a board can appoint them; what they
        # are is a trainee reviewer.
        accounts = User.objects.filter(email__in=passwords).values("pk")
        for user in User.objects.filter(pk__in=trainee_reviewer_ids(accounts)):
            role, password = passwords[user.email]
            passwords[user.email] = (role.replace("lead reviewer", "trainee reviewer"), password)
        chair = User.objects.get(email="chair@example.org")
        self._seed_incidents(boards[:2], manager, chair)
        self._seed_other_regimes(boards, manager, chair, admin, lead)
        publication_demo.seed(
            board=boards[0],
            manager=manager,
            chair=User.objects.get(email="chair@example.org"),
            staff=staff,
            warn=self.stderr.write,
        )
        bank_demo.seed(board=boards[0], manager=manager, staff=staff, warn=self.stderr.write)
        quality_demo.seed(board=boards[0], manager=manager)
        sharing_demo.seed(board=boards[0], manager=manager)
        review = self._seed_review(boards[0], manager, staff)
        if review is not None:
            accreditation_demo.link_practice_review(
                staff=staff, trainee_user=trainee, review=review
            )
        for email, label in self._seed_contributors(boards, manager).items():
            passwords[email] = (label, self._new_password(User.objects.get(email=email)))
        return passwords

    @staticmethod
    def _seed_contributors(boards, manager) -> dict:
        """One agency's contributor on a review of each board; on Child A's, a request for the
        police's chronology sent to them. Returns {e-mail: what they are}."""
        from reviews.models import AgencyContributor, AgencyRequest
        from reviews.services import contributions, engagement

        today = timezone.localdate()
        seeded = {}
        for email, name, board_index, reference, agency_name in CONTRIBUTORS:
            board = boards[board_index]
            review = board.reviews.filter(incident__reference=reference).first()
            if review is None:
                continue
            agency = board.agencies.get(name=agency_name)
            if not AgencyContributor.objects.filter(review=review, user__email=email).exists():
                contributions.contributor_invite(
                    actor=manager,
                    review=review,
                    agency=agency,
                    email=email,
                    name=name,
                    job=AgencyContributor.Job.RETURN_AUTHOR,
                    notify=False,
                )
            if board_index == 0 and not review.agency_requests.exists():
                request = engagement.agency_request_add(
                    actor=manager,
                    review=review,
                    agency=agency,
                    asks=AgencyRequest.Asks.CHRONOLOGY,
                    details="Every contact with Child A and the household.",
                    period_from=review.incident.incident_on - dt.timedelta(days=730),
                    period_to=review.incident.incident_on,
                    requested_on=today,
                    due_on=today + dt.timedelta(days=14),
                )
                contributions.agency_request_send(actor=manager, request=request)
            seeded[email] = f"contributor for {agency_name} ({reference})"
        return seeded

    @staticmethod
    def _seed_review(board, manager, staff):
        """The review of Child A: its pair appointed, supervised, in preparation."""
        from reviews.models import Review
        from reviews.services import reviews

        review = Review.objects.filter(board=board, incident__reference="Child A").first()
        if review is None or review.appointments.exists():
            return review
        User = get_user_model()
        for email, role in [
            ("lead.reviewer@example.org", "lead"),
            ("trainee.reviewer@example.org", "trainee"),
        ]:
            reviews.reviewer_appoint(
                actor=manager,
                review=review,
                user=User.objects.get(email=email),
                role=role,
                independence_declared=True,
                appointed_on=review.initiated_on,
            )
        reviews.review_setup(
            actor=manager,
            review=review,
            review_type=review.review_type,
            methodology="learning_together",
            lt_option="full",
            terms_of_reference="How the agencies shared what they knew about Child A's home.",
            supervisor=staff,
        )
        return review

    @staticmethod
    def _seed_incidents(boards, manager, chair):
        """A few incidents with running clocks, dated from today so that the deadlines page
        shows every status. Names of people are invented."""
        from reviews.services import decisions, incidents

        today = timezone.localdate()
        northshire, westbridge = boards
        for board, reference, aware_days_ago, facts in [
            (northshire, "Child A", 40, {"died": True}),
            (northshire, "Child B", 3, {"seriously_harmed": True}),
            (westbridge, "Child C", 2, {"died": True}),
            # Its notification is overdue: the first reminder sweep of `make run` says so.
            (westbridge, "Child D", 14, {"seriously_harmed": True}),
        ]:
            if board.incidents.filter(reference=reference).exists():
                continue
            aware = today - dt.timedelta(days=aware_days_ago)
            incident = incidents.incident_log(
                actor=manager,
                board=board,
                reference=reference,
                subject_kind="child",
                incident_on=aware - dt.timedelta(days=1),
                la_aware_on=aware,
                notified_on=aware,
                notifier="Children's services",
                abuse_or_neglect_suspected=True,
                concern_about_working_together=True,
                agencies=list(board.agencies.all()[:2]),
                **facts,
            )
            incidents.person_add(
                actor=manager, incident=incident, role="subject", name=f"Demo {reference[-1]}lex"
            )
            if reference == "Child C":
                decisions.decision_record(
                    actor=chair,
                    incident=incident,
                    outcome="initiate_review",
                    review_type=incident.rules.statutory_review_types[0],
                    rationale="Abuse or neglect is suspected and the child died.",
                    decided_on=today,
                )
            if reference == "Child A":
                incidents.notification_record(
                    actor=manager,
                    incident=incident,
                    recipient="ofsted",
                    sent_on=aware + dt.timedelta(days=2),
                )
                decisions.decision_record(
                    actor=chair,
                    incident=incident,
                    outcome="initiate_review",
                    review_type="scr",
                    rationale="Abuse or neglect is suspected and the child died.",
                    decided_on=aware + dt.timedelta(days=20),
                )

    @staticmethod
    def _seed_other_regimes(boards, manager, chair, admin, lead):
        """The Welsh regional board under the SUSR, with the times it set for the clocks no
        source fixes, a referral awaiting the chair's decision and the lead reviewer on the
        Welsh Government's list; the Community Safety Partnership's domestic homicide review,
        run jointly with Westbridge's review of the same death."""
        from guidance import rulebooks
        from reviews.models import ApprovedReviewer
        from reviews.services import calendar, decisions, incidents, joint, timescales

        today = timezone.localdate()
        _, westbridge, welsh, csp = boards
        susr = rulebooks.for_regime(welsh.regime)
        for clock, length, unit in [
            ("decision", 20, "working_days"),
            ("notify_welsh_government", 10, "working_days"),
            ("notify_home_office", 10, "working_days"),
            ("complete", 6, "calendar_months"),
        ]:
            if not welsh.timescales.filter(rulebook=susr.key, clock=clock).exists():
                timescales.timescale_set(
                    actor=manager,
                    board=welsh,
                    rulebook=susr.key,
                    clock=clock,
                    length=length,
                    unit=unit,
                    reason="Agreed by the board in its SUSR procedure (demo data).",
                )
        if not ApprovedReviewer.objects.filter(user=lead).exists():
            calendar.approved_reviewer_add(
                actor=admin,
                user=lead,
                approved_list="Welsh Government",
                approved_on=today - dt.timedelta(days=200),
                reference="Demo list entry",
            )
        if not welsh.incidents.filter(reference="Adult W").exists():
            aware = today - dt.timedelta(days=5)
            incidents.incident_log(
                actor=manager,
                board=welsh,
                reference="Adult W",
                subject_kind="adult",
                incident_on=aware - dt.timedelta(days=2),
                la_aware_on=aware,
                notified_on=aware,
                notifier="Referral form from adult social services",
                abuse_or_neglect_suspected=True,
                died=True,
                care_and_support_needs=True,
                agencies=list(welsh.agencies.all()[:2]),
            )
        if csp.incidents.filter(reference="Adult K").exists():
            return
        aware = today - dt.timedelta(days=30)
        common = {
            "incident_on": aware - dt.timedelta(days=1),
            "la_aware_on": aware,
            "notified_on": aware,
            "abuse_or_neglect_suspected": True,
            "died": True,
        }
        adult_k = incidents.incident_log(
            actor=manager,
            board=csp,
            reference="Adult K",
            subject_kind="adult",
            notifier="Westbridge Police, in writing",
            domestic_homicide=True,
            **common,
        )
        child_k = incidents.incident_log(
            actor=manager,
            board=westbridge,
            reference="Child K",
            subject_kind="child",
            notifier="Westbridge Police",
            **common,
        )
        for incident, review_type in [(adult_k, "dhr"), (child_k, "lcspr")]:
            decisions.decision_record(
                actor=chair,
                incident=incident,
                outcome="initiate_review",
                review_type=review_type,
                rationale="The criteria are met; run jointly with the other board's review.",
                decided_on=aware + dt.timedelta(days=14),
            )
        proposal = joint.joint_review_propose(
            actor=manager,
            review=adult_k.review,
            partner_board=westbridge,
            note="The same death: our DHR is Adult K, the partnership's LCSPR Child K.",
        )
        joint.joint_review_accept(actor=manager, joint=proposal, review=child_k.review)

    @staticmethod
    def _new_password(user):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        return password
