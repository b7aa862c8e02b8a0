"""The competency areas of the assessment toward accreditation, as data: the defaults that
staff may rename, add to or retire (CompetencyArea is editable).

The seed names six areas without listing them, and no primary source lists them (domain.md
1.7, [U]); these follow the stages of a Learning Together review.
"""

DEFAULT_AREAS = [
    (
        "managing_the_review",
        "Managing the review",
        "Scoping, planning and running the review with the review team and case group.",
    ),
    (
        "engaging_people",
        "Engaging practitioners and families",
        "Structured conversations and the involvement of family members.",
    ),
    (
        "appraising_practice",
        "Appraising practice",
        "The narrative, key practice episodes and their contributory factors, seen from the "
        "practitioners' local rationality.",
    ),
    (
        "underlying_patterns",
        "Identifying underlying patterns",
        "Moving from the case to the generalisable: findings in the Learning Together typology.",
    ),
    (
        "writing_the_report",
        "Writing the report",
        "A clear, anonymised report with findings and issues for the board.",
    ),
    (
        "fidelity_and_reflection",
        "Fidelity to the model and reflective practice",
        "Working with fidelity to the systems model, using supervision and reflecting on it.",
    ),
]
