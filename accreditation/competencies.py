"""The competency areas of the assessment toward accreditation, as data: the defaults that
staff may rename, add to or retire (CompetencyArea is editable).

The seed names six areas without listing them, and no primary source lists them (domain.md
1.7, [U]); these follow the stages of a Learning Together review.
"""

from django.utils.translation import gettext_noop

# Marked for translation (gettext_noop): the pages translate an area's name and description
# while they are still the default English ones; a name staff have changed shows as typed.
DEFAULT_AREAS = [
    (
        "managing_the_review",
        gettext_noop("Managing the review"),
        gettext_noop(
            "Scoping, planning and running the review with the review team and case group."
        ),
    ),
    (
        "engaging_people",
        gettext_noop("Engaging practitioners and families"),
        gettext_noop("Structured conversations and the involvement of family members."),
    ),
    (
        "appraising_practice",
        gettext_noop("Appraising practice"),
        gettext_noop(
            "The narrative, key practice episodes and their contributory factors, seen from the "
            "practitioners' local rationality."
        ),
    ),
    (
        "underlying_patterns",
        gettext_noop("Identifying underlying patterns"),
        gettext_noop(
            "Moving from the case to the generalisable: findings in the Learning Together typology."
        ),
    ),
    (
        "writing_the_report",
        gettext_noop("Writing the report"),
        gettext_noop("A clear, anonymised report with findings and issues for the board."),
    ),
    (
        "fidelity_and_reflection",
        gettext_noop("Fidelity to the model and reflective practice"),
        gettext_noop(
            "Working with fidelity to the systems model, using supervision and reflecting on it."
        ),
    ),
]
