"""Search across a board's cases (reviews.selectors.search).

What was searched for never goes into an address (it may be a name): the form is posted, the
words are kept in the session under a random key, and the results' address (and each of its
pages) names only that key.
"""

import secrets

from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging
from reviews import forms
from reviews.selectors import search

SESSION_KEY = "case_searches"
KEPT = 10  # searches kept in a session, the latest
PER_PAGE = 20


class CaseSearchView(BoardMixin, TemplateView):
    template_name = "reviews/case_search.html"

    def _words(self) -> tuple[str, str]:
        key = self.request.GET.get("search", "")
        kept = self.request.session.get(SESSION_KEY, {})
        return key, (kept.get(key, "") if key else "")

    def get_context_data(self, **kwargs):
        key, words = self._words()
        form = kwargs.pop("form", None) or forms.CaseSearchForm(initial={"words": words})
        results = page = None
        if words:
            results = search.case_search(user=self.request.user, board=self.board, words=words)
            page = paging.paginate(results.hits, self.request.GET.get("page"), per_page=PER_PAGE)
        return super().get_context_data(
            form=form,
            key=key,
            results=results,
            page=page,
            expired=bool(key) and not words,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = forms.CaseSearchForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        key = secrets.token_urlsafe(9)
        kept = dict(list(request.session.get(SESSION_KEY, {}).items())[-(KEPT - 1) :])
        kept[key] = form.cleaned_data["words"]
        request.session[SESSION_KEY] = kept
        return redirect(f"{reverse('reviews:case_search', args=[self.board.pk])}?search={key}")
