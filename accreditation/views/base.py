"""What the accreditation pages share: a page, a form page and a withdrawal's confirmation page,
each with a back link and caption."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.views import PolicyMixin, ServiceFormView, WithdrawView


class PageMixin:
    page_title = ""
    back_text = gettext_lazy("Back")

    def get_back_url(self) -> str | None:
        return None

    def get_caption(self) -> str:
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.page_title,
            back_url=self.get_back_url(),
            back_text=self.back_text,
            caption=self.get_caption(),
            **kwargs,
        )


class Page(PageMixin, PolicyMixin, TemplateView):
    pass


class PublicMixin:
    """A page anyone may open, signed in or not (its URL is in PUBLIC_URLS): no URL policy."""

    def dispatch(self, request, *args, **kwargs):
        return super(PolicyMixin, self).dispatch(request, *args, **kwargs)


class FormPage(PageMixin, ServiceFormView):
    template_name = "accreditation/form_page.html"

    def get_success_url(self):
        return self.get_back_url() or reverse("accreditation:overview")


class ChangePage(FormPage):
    """A form page that corrects a record: the form starts from the record (`get_initial`)."""

    success_message = gettext_lazy("Saved the changes")


class WithdrawPage(WithdrawView):
    """core's confirmation of a withdrawal (GOV.UK pattern), back to where the record is
    listed (`get_back_url`) with the accreditation pages' caption."""

    def get_caption(self) -> str:
        return ""

    def get_back_url(self) -> str:
        return reverse("accreditation:overview")

    def get_success_url(self):
        return self.get_back_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.get_caption(), **kwargs)
