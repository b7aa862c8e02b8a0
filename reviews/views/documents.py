"""Pages of a review's documents, for the board and the reviewers and for an agency's
contributors. Files are streamed from private storage as attachments, never served at a
public address; every download is an access event (audit/audited.py)."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.views import PolicyMixin, ServiceFormView, withdrawn_rows
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import Document
from reviews.selectors import contributions as contribution_selectors
from reviews.selectors import documents as document_selectors
from reviews.services import documents as services
from reviews.views.contributions import ContributedReviewMixin
from reviews.views.engagement import _ChildFormView, _FormView, _ListView
from reviews.views.reviews import ReviewChildMixin, ReviewWithdrawView


def file_response(version) -> FileResponse:
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # Always a download, never shown in the browser: a file is what an agency sent.
    return FileResponse(
        handle, as_attachment=True, filename=version.name, content_type="application/octet-stream"
    )


class DocumentsView(_ListView):
    template_name = "reviews/documents.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            documents=document_selectors.document_list_of_review(review=self.review),
            can_see_access=self.can("access_log.view"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Document),
                lambda document: document.title,
            ),
            **kwargs,
        )


class DocumentUploadView(_FormView):
    form_class = forms.DocumentForm
    list_url_name = "reviews:documents"
    extra_context = {"page_title": gettext_lazy("Upload a document")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "agencies": selectors.agency_list_of_board(board_id=self.board.pk),
        }

    def perform(self, form):
        return services.document_upload(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )

    def get_success_message(self, result):
        return _("%(title)s uploaded") % {"title": result.title}


class _DocumentMixin(ReviewChildMixin):
    child_model, child_kwarg = Document, "document_id"


class DocumentVersionAddView(_ChildFormView):
    child_model, child_kwarg = Document, "document_id"
    form_class = forms.DocumentVersionForm
    list_url_name = "reviews:documents"
    success_message = gettext_lazy("New version uploaded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Upload a new version of %(title)s") % {"title": self.object.title},
            **kwargs,
        )

    def perform(self, form):
        return services.document_version_add(
            actor=self.request.user, document=self.object, file=form.cleaned_data["file"]
        )


class DocumentWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Document, "document_id"
    list_url_name = "reviews:documents"
    what = gettext_lazy("the document")
    consequences = (
        gettext_lazy("It leaves the list of documents. Its versions and who opened them stay."),
    )

    def summary(self):
        return [(_("Document"), self.object.title), (_("Kind"), self.object.get_kind_display())]

    def get_context_data(self, **kwargs):
        # Whole sentences, not "Withdraw" + `what`: Welsh words run in another order.
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Withdraw the document?"), button_label=_("Withdraw the document")
        )
        return context

    def get_success_message(self, result):
        return _("The document has been withdrawn")

    def perform(self, form):
        return services.document_withdraw(
            actor=self.request.user, document=self.object, **form.cleaned_data
        )


class DocumentDownloadView(_DocumentMixin, View):
    def get(self, request, *args, **kwargs):
        return file_response(
            document_selectors.document_version(
                document=self.object, number=request.GET.get("version")
            )
        )


# An agency's contributor.


class AgencyDocumentDownloadView(ContributedReviewMixin, PolicyMixin, View):
    def get_policy_object(self):
        review = super().get_policy_object()
        self.object = document_selectors.contributed_document_get(
            review=review, pk=self.kwargs["document_id"]
        )
        return review

    def get(self, request, *args, **kwargs):
        return file_response(
            document_selectors.document_version(
                document=self.object, number=request.GET.get("version")
            )
        )


class AgencyDocumentUploadView(ContributedReviewMixin, ServiceFormView):
    """A document sent with the agency's answer to a request, while the answer is awaited."""

    form_class = forms.AgencyDocumentForm
    success_message = gettext_lazy("Document uploaded")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.object = contribution_selectors.contributed_request_get(
            review=review, request_id=self.kwargs["request_id"]
        )
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Upload a document for %(agency)s") % {"agency": self.object.agency.name},
            **kwargs,
        )

    def perform(self, form):
        return services.document_upload(
            actor=self.request.user, review=self.review, request=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("agency:request", args=[self.review.pk, self.object.pk])
