"""The forms of a joint review: the proposal to another board and its answer."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import GovUKForm, long_text_field, radio_field


class JointReviewProposeForm(GovUKForm):
    submit_label = gettext_lazy("Propose the joint review")

    partner_board = forms.ChoiceField(
        label=gettext_lazy("Which board holds the other review?"),
        error_messages={"required": gettext_lazy("Select the board that holds the other review")},
    )
    note = long_text_field(
        gettext_lazy("What the other board needs to know"),
        gettext_lazy("Enter what the other board needs to know"),
        help_text=gettext_lazy(
            "Such as the date of death and the review each board holds, so that they can "
            "find their own case. Never a name: use the case reference."
        ),
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {str(board.pk): board for board in boards}
        self.fields["partner_board"].choices = [("", _("Select a board"))] + [
            (pk, f"{board.name} ({board.get_nation_display()})")
            for pk, board in self.boards.items()
        ]

    def clean_partner_board(self):
        return self.boards[self.cleaned_data["partner_board"]]


class JointReviewAcceptForm(GovUKForm):
    submit_label = gettext_lazy("Accept the joint review")

    review = radio_field(
        gettext_lazy("Which of this board's reviews is of the same death?"),
        [],
        gettext_lazy("Select the review"),
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviews = {str(review.pk): review for review in reviews}
        self.fields["review"].choices = [
            (pk, f"{review.incident.reference}: {review.get_review_type_display()}")
            for pk, review in self.reviews.items()
        ]

    def clean_review(self):
        return self.reviews[self.cleaned_data["review"]]
