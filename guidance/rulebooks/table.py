"""The table of every clock of every rulebook, with its source, as docs/rulebooks.md shows it.

`python -m guidance.rulebooks.table` prints it; a test checks the page holds it as printed, so
the page cannot drift from the rules. The page is the developers' and in English: the rules'
texts are read in English here, whatever the language active, and the words of this table are
not translated.
"""

from django.utils import translation

from guidance.rulebooks import NOTIFICATION_RECIPIENTS, RULEBOOKS
from guidance.rulebooks.base import Met, Start

STARTS = {
    Start.LA_AWARE: "the local authority became aware",
    Start.BOARD_NOTIFIED: "the board was notified",
    Start.PANEL_NOTIFIED: "the notification was sent to the national panel",
    Start.DECIDED_NOT_TO_INITIATE: "a decision other than a statutory review",
    Start.INITIATED: "the decision to initiate",
    Start.PUBLICATION_PLANNED: "the planned publication date (counted back)",
    Start.DECIDED: "the decision, either way",
    Start.REVIEW_COMPLETED: "the review's completion",
}
MET_BY = {
    Met.NOTIFIED: "a notification of the incident",
    Met.DECISION_RECORDED: "the chair's decision",
    Met.PANEL_TOLD_OF_DECISION: "a notice of the decision to the national panel",
    Met.DFE_AND_OFSTED_NOTIFIED: "notifications to both the Department for Education and Ofsted",
    Met.REVIEW_COMPLETED: "the review's completion",
    Met.PANEL_COPY_SENT: "the report's copy sent to the national panel",
    Met.DECISION_NOTIFIED: "a notice of the decision, on or after it",
    Met.REPORT_COPY_SENT: "the report's copy sent",
}


def clock_table() -> str:
    with translation.override("en-gb"):
        return _clock_table()


def _clock_table() -> str:
    rows = [
        "| Rulebook | Clock | Starts | Length | Met by | Confirmed | Source |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, rulebook in RULEBOOKS.items():
        if not rulebook.clocks:
            rows.append(f"| `{key}` | none | | | | | no timescales were found |")
        for clock in rulebook.clocks:
            met = MET_BY[clock.met_by]
            recipients = clock.recipients or (
                rulebook.notification_recipients if clock.met_by == Met.NOTIFIED else ()
            )
            if recipients:
                met += " to the " + " or the ".join(
                    sorted(str(NOTIFICATION_RECIPIENTS[r]) for r in recipients)
                )
            code = f"`{clock.code}`" + (
                " (incidents that meet the criteria)" if clock.only_if_criteria_met else ""
            )
            if clock.length is None:
                confirmed = "no length in any source: the board sets one"
            else:
                confirmed = "yes" if clock.confirmed else "no: the board may set its own"
            rows.append(
                f"| `{key}` | {code} | {STARTS[clock.starts]} | "
                f"{clock.length_text if clock.length else 'none'} | {met} | {confirmed} | "
                f"{clock.source} |"
            )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    from django.conf import settings

    if not settings.configured:  # run on its own: the rules' English, with no translations
        settings.configure(USE_I18N=False)
    print(clock_table(), end="")
