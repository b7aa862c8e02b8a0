"""What the accreditation pages share: a page and a form page with a back link and caption."""

from django.urls import reverse
from django.views.generic import TemplateView

from core.views import PolicyMixin, ServiceFormView


class PageMixin:
    page_title = ""
    back_text = "Back"

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
