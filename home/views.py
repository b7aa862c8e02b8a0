"""Pages that bring the parts of the service together: the home page (each person's work), a
board's page (its members, and links to everything the board does) and the service's status.
They sit at the top of the layers (docs/architecture.md), so they may read every app below.
"""

from django.views.generic import TemplateView

from accreditation import selectors as accreditation_selectors
from boards import selectors as board_selectors
from boards.views import BoardMixin
from core import permissions
from core import selectors as core_selectors
from core.views import PolicyMixin
from home.work import remember_navigation_counts, work_queue
from publication import selectors as publication_selectors
from reminders import selectors as reminder_selectors
from reviews import selectors as review_selectors
from reviews.selectors import joint as joint_selectors
from reviews.selectors import review_list_for_reviewer
from reviews.selectors.contributions import contribution_list_of_user


class HomeView(PolicyMixin, TemplateView):
    template_name = "home/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        lists = {
            "reviews": review_list_for_reviewer(user=user),
            "contributions": contribution_list_of_user(user=user),
            "drafts_to_check": publication_selectors.accuracy_checks_for_contributor(user=user),
        }
        programme = accreditation_selectors.programme_parts(user=user)
        # Most people have none of most lists: they are counted with the work, in its one
        # query, and only those with rows are read.
        work = work_queue(user=user, also_count={**lists, **programme})
        remember_navigation_counts(user=user, work=work)
        return super().get_context_data(
            work=work,
            # The navigation's counts, read with the queue rather than again.
            work_count=work.total,
            unread_reminders=work.unread,
            boards=board_selectors.board_list_for_user(user=user),
            **{name: list(rows) if work.also[name] else [] for name, rows in lists.items()},
            programme=accreditation_selectors.programme_summary(
                user=user, parts=programme, counts=work.also
            ),
            **kwargs,
        )


class BoardDetailView(BoardMixin, TemplateView):
    template_name = "home/board_detail.html"

    def get_policy_object(self):
        self.board = board_selectors.board_detail(
            user=self.request.user, board_id=self.kwargs["board_id"]
        )
        return self.board

    def get_context_data(self, **kwargs):
        user = self.request.user
        members = [membership.user_id for membership in self.board.memberships.all()]
        return super().get_context_data(
            # Trainees hold the lead reviewer role (to be appointed); the list says what they are.
            trainee_reviewers=accreditation_selectors.trainee_reviewer_ids(members),
            can_manage_members=permissions.can(user, "members.manage", self.board),
            can_manage_agencies=permissions.can(user, "agencies.manage", self.board),
            can_edit=permissions.can(user, "board.edit", self.board),
            can_set_reminders=permissions.can(user, "reminders.policy", self.board),
            can_manage_retention=permissions.can(user, "retention.manage", self.board),
            can_see_cases=permissions.can(user, "incidents.view", self.board),
            can_see_sharing=permissions.can(user, "sharing.view", self.board),
            can_list_reviews=permissions.can(user, "reviews.list", self.board),
            can_log=permissions.can(user, "incidents.manage", self.board),
            can_manage_criteria=permissions.can(user, "local_criteria.manage", self.board),
            timescales=review_selectors.board_timescales(board=self.board),
            # Only its business manager answers (and so sees) another board's proposal.
            joint_proposals=joint_selectors.joint_proposals_to_board(board=self.board)
            if permissions.can(user, "joint_reviews.manage", self.board)
            else (),
            can_set_timescales=permissions.can(user, "timescales.manage", self.board),
            can_manage_api_tokens=permissions.can(user, "api_tokens.manage", self.board),
            **kwargs,
        )


class ServiceStatusView(PolicyMixin, TemplateView):
    template_name = "home/service_status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heartbeat=core_selectors.heartbeat_status(),
            emails=reminder_selectors.email_counts(),
            failed_emails=reminder_selectors.failed_emails(limit=50),
            in_flight_emails=reminder_selectors.in_flight_emails(limit=50),
            **kwargs,
        )
