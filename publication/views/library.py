"""The learning library: published findings of every board, for anyone signed in."""

from django.views.generic import TemplateView

from bank import selectors as bank_selectors
from core import paging, permissions
from core.views import PolicyMixin
from guidance import rulebooks
from publication import selectors


class LibraryView(PolicyMixin, TemplateView):
    template_name = "publication/library.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        words = params.get("q", "").strip()[:200]
        category = params.get("category", "")
        review_type = params.get("review_type", "")
        if review_type not in rulebooks.REVIEW_TYPES:
            review_type = ""
        year = paging.year_filter(params.get("year", ""))
        found, counts = selectors.library_search(
            words=words, category=category, review_type=review_type, year=year
        )
        # The counts by category have counted the findings found: the pager need not again.
        total = sum(counts.values())
        page = paging.paginate(
            found,
            params.get("page"),
            per_page=selectors.LIBRARY_PAGE_SIZE,
            count=counts.get(category, 0) if category else total,
        )
        categories = [(c, counts.get(c.code, 0)) for c in selectors.library_categories()]
        # The bank of completed reports is for the boards' people and the staff only: for them
        # the same search finds its reports too, each with the passage that matched.
        can_search_bank = permissions.can(self.request.user, "bank.view")
        banked_count, banked = (
            bank_selectors.beside_findings(
                words=words, category=category, review_type=review_type, year=year
            )
            if can_search_bank
            else (0, [])
        )
        return super().get_context_data(
            page=page,
            words=words,
            category=category,
            review_type=review_type,
            year=year,
            categories=categories,
            total=total,
            review_types=rulebooks.REVIEW_TYPES,
            years=selectors.library_years(),
            can_search_bank=can_search_bank,
            banked=banked,
            banked_count=banked_count,
            **kwargs,
        )
