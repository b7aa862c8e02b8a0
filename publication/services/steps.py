"""What may happen next to a review's report and its publication, for the person asking.

The report page offers exactly these steps, as the review page offers what its workflow
allows: the order of the report's states (draft, quality-assured, approved by the board,
signed off as final; published) is decided here, not in a template. Each service still
refuses a step out of order; this says which to offer.
"""

from dataclasses import dataclass

from core import permissions
from publication.models import Publication, Report


@dataclass(frozen=True)
class ReportSteps:
    quality_assure: bool
    approve: bool
    sign_off: bool
    reopen: bool
    change_sections: bool
    keep_flags: bool
    decide: bool
    record_panel_copy: bool
    record_publication: bool
    take_off_website: bool

    @property
    def any_of_the_report(self) -> bool:
        return self.quality_assure or self.approve or self.sign_off or self.reopen


def report_steps(
    *, user, report: Report, publication: Publication | None, panel_copy_due: bool
) -> ReportSteps:
    """The steps `user` may take now. `panel_copy_due`: the regime asks for a copy to the
    national panel before publication (publishing.panel_copy_clock)."""
    review = report.review

    def can(rule):
        return permissions.can(user, rule, review)

    can_approve = can("reports.approve")
    can_manage = can("publication.manage")
    status = report.status
    published = publication is not None and publication.is_published
    publishing = publication is not None and publication.decision == Publication.Decision.PUBLISH
    draft, final = status == Report.Status.DRAFT, status == Report.Status.FINAL
    return ReportSteps(
        quality_assure=draft and can("reports.quality_assure"),
        approve=can_approve and status == Report.Status.QUALITY_ASSURED and not published,
        sign_off=can_approve and status == Report.Status.BOARD_APPROVED and not published,
        reopen=can_approve and not draft and not published,
        change_sections=not final and can("reports.edit"),
        keep_flags=can_approve and not final,
        decide=not published and can("publication.decide"),
        record_panel_copy=can_manage and publishing and panel_copy_due and not published,
        record_publication=can_manage and publishing and not published,
        take_off_website=can_manage and published and not publication.withdrawn_on,
    )
