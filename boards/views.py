from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from boards import forms, selectors, services
from core import paging
from core import selectors as core_selectors
from core import services as core_services
from core.access import access_at_stake_warnings
from core.views import PolicyMixin, ServiceFormView, add_service_error


class BoardListView(PolicyMixin, TemplateView):
    template_name = "boards/board_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=paging.paginate(
                selectors.board_list_all(actor=self.request.user), self.request.GET.get("page")
            ),
            **kwargs,
        )


class BoardCreateView(ServiceFormView):
    form_class = forms.BoardCreateForm
    extra_context = {"page_title": gettext_lazy("Create a board")}

    def get_success_message(self, board):
        return _("Board created: %(name)s") % {"name": board.name}

    def perform(self, form):
        return services.board_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("boards:detail", args=[self.result.pk])


class BoardMixin(PolicyMixin):
    """Pages of one board: the board in the URL must be visible to the user, or 404."""

    def get_policy_object(self):
        self.board = selectors.board_get(user=self.request.user, board_id=self.kwargs["board_id"])
        return self.board

    def get_context_data(self, **kwargs):
        return super().get_context_data(board=self.board, **kwargs)

    def get_success_url(self):
        return reverse("boards:detail", args=[self.board.pk])


class BoardEditView(BoardMixin, ServiceFormView):
    form_class = forms.BoardEditForm

    def get_success_message(self, board):
        return _("Board saved: %(name)s") % {"name": board.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change %(board)s") % {"board": self.board.name}, **kwargs
        )

    def get_initial(self):
        return {
            key: getattr(self.board, key)
            for key in ("name", "kind", "nation", "regime", "language")
        }

    def perform(self, form):
        return services.board_update(actor=self.request.user, board=self.board, **form.cleaned_data)


class MemberAddView(BoardMixin, ServiceFormView):
    form_class = forms.MemberAddForm
    extra_context = {"page_title": gettext_lazy("Add a member")}

    def get_success_message(self, membership):
        return _("%(name)s added as %(role)s") % {
            "name": membership.user.name,
            "role": membership.get_role_display().lower(),
        }

    def perform(self, form):
        return services.member_add(actor=self.request.user, board=self.board, **form.cleaned_data)


class MemberRemoveView(BoardMixin, TemplateView):
    template_name = "boards/member_remove.html"

    def get_context_data(self, **kwargs):
        membership = selectors.membership_get(
            user=self.request.user, board=self.board, membership_id=self.kwargs["membership_id"]
        )
        return super().get_context_data(
            membership=membership,
            # What else goes with the role: each app that would act says (core/access.py).
            warnings=access_at_stake_warnings(membership=membership),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        membership = selectors.membership_get(
            user=request.user, board=self.board, membership_id=kwargs["membership_id"]
        )
        try:
            services.member_remove(actor=request.user, membership=membership)
        except ValidationError as error:
            context = self.get_context_data(errors=error.messages, **kwargs)
            return self.render_to_response(context, status=400)
        return redirect(self.get_success_url())


class AgencyAddView(BoardMixin, ServiceFormView):
    form_class = forms.AgencyForm
    extra_context = {"page_title": gettext_lazy("Add a partner agency")}

    def get_success_message(self, agency):
        return _("Agency added: %(name)s") % {"name": agency.name}

    def perform(self, form):
        return services.agency_add(actor=self.request.user, board=self.board, **form.cleaned_data)


class AgencyEditView(BoardMixin, ServiceFormView):
    form_class = forms.AgencyForm
    extra_context = {"page_title": gettext_lazy("Change a partner agency")}

    def get_success_message(self, agency):
        return _("Agency saved: %(name)s") % {"name": agency.name}

    def get_policy_object(self):
        board = super().get_policy_object()
        self.agency = selectors.agency_get(
            user=self.request.user, board=board, agency_id=self.kwargs["agency_id"]
        )
        return board

    def get_initial(self):
        return {"name": self.agency.name, "sector": self.agency.sector}

    def perform(self, form):
        return services.agency_update(
            actor=self.request.user, agency=self.agency, **form.cleaned_data
        )


class ApiAccessView(BoardMixin, TemplateView):
    """The board's API tokens: who each acts as, and revoking them."""

    template_name = "boards/api_access.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            api_tokens=core_selectors.api_token_list_for_board(
                actor=self.request.user, board=self.board
            ),
            token_lifetime_days=settings.API_TOKEN_LIFETIME_DAYS,
            **kwargs,
        )


class ApiTokenIssueView(BoardMixin, ServiceFormView):
    form_class = forms.ApiTokenIssueForm
    extra_context = {"page_title": gettext_lazy("Issue an API token")}

    def get_form_kwargs(self):
        holders = core_selectors.api_token_holders(board=self.board).exclude(
            pk=self.request.user.pk
        )
        return {
            **super().get_form_kwargs(),
            "holders": holders,
            "lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
        }

    def form_valid(self, form):
        try:
            token, key = services.api_token_issue(
                actor=self.request.user, board=self.board, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        # The key is shown on this response only: it is kept nowhere in clear, not even in the
        # session for the page after a redirect.
        return render(
            self.request,
            "boards/api_token_issued.html",
            {"board": self.board, "token": token, "key": key},
        )


class ApiTokenRevokeView(BoardMixin, TemplateView):
    template_name = "core/api_token_revoke.html"

    def get_policy_object(self):
        board = super().get_policy_object()
        self.token = core_selectors.api_token_get_of_board(
            actor=self.request.user, board=board, token_id=self.kwargs["token_id"]
        )
        return board

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            token=self.token,
            cancel_url=reverse("boards:api_access", args=[self.board.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        core_services.api_token_revoke(actor=request.user, token=self.token)
        messages.success(
            request, _("API token revoked: %(purpose)s") % {"purpose": self.token.purpose}
        )
        return redirect("boards:api_access", self.board.pk)
