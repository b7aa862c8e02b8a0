"""Nothing of a case is left undecided: a new case model, or a new text on one, fails here until
`retention.anonymise` says whether it is deleted, cleared, checked or kept (and why)."""

from django.apps import apps
from django.db.models import CharField, JSONField, TextField

from insight.models import AnnualReport
from retention import anonymise
from sharing.models import BriefSending, LearningActivity, Material, Reach

# Case data without a history of its own, or not a record of one case, and why it stays.
OUTSIDE_THE_PLAN = {
    # The board's annual report: figures and references of a year, made once (its actions'
    # words were checked for names when it was made).
    AnnualReport,
    # The learning a board shared from its published reviews (sharing/): the board's record of
    # its events and briefings, often across several reviews, naming a case by its published
    # reference only; the brief's sendings hold no text.
    LearningActivity,
    Reach,
    Material,
    BriefSending,
}


def case_models_with_history():
    return {
        model
        for model in apps.get_models()
        if getattr(model, "holds_case_data", False)
        and hasattr(model, "history")
        and model not in OUTSIDE_THE_PLAN
    }


def test_every_case_model_with_a_history_is_purged():
    assert case_models_with_history() == {model for model, _, _ in anonymise.HISTORY}


def test_every_text_of_a_case_record_is_decided():
    deleted = {model for _, model, _ in anonymise.DELETED} | set(anonymise.DELETED_WITH_THEIR_FILES)
    decided: dict = {}
    for plan in (anonymise.BLANKED, anonymise.CHECKED):
        for _, model, _, fields in plan:
            decided.setdefault(model, set()).update(fields)
    for model, fields in anonymise.REPLACED.items():
        decided.setdefault(model, set()).update(fields)
    for model, fields in anonymise.KEPT.items():
        decided.setdefault(model, set()).update(fields)
    undecided = {}
    for model in case_models_with_history() - deleted:
        texts = {
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, TextField | JSONField)
            or (isinstance(field, CharField) and not field.choices)
        }
        left = texts - decided.get(model, set())
        if left:
            undecided[model._meta.label] = sorted(left)
    assert undecided == {}


def test_every_kept_text_says_why():
    for model, fields in anonymise.KEPT.items():
        for name, why in fields.items():
            assert why.strip(), f"{model._meta.label}.{name}"
