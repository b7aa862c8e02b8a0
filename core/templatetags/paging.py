"""`{% pagination page label %}`: the GOV.UK pagination component under a page of a list
(core.paging), its links keeping the address's other parameters (the list's filters)."""

from django import template

from core import paging

register = template.Library()


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page, label, param=paging.PARAM):
    """`label` names the list for assistive technology ("Pages of incidents"); `param` is the
    address's parameter for the page number, for a page with two lists."""
    if page is None or not page.has_other_pages():
        return {"pager": None}
    return {
        "pager": paging.pager(page, context["request"].GET, param),
        "page": page,
        "label": label,
    }
