"""The forms of a joint review: the proposal to another board and its answer."""

from django import forms

from core.forms import GovUKForm, long_text_field, radio_field


class JointReviewProposeForm(GovUKForm):
    submit_label = "Propose the joint review"

    partner_board = forms.ChoiceField(
        label="Which board holds the other review?",
        error_messages={"required": "Select the board that holds the other review"},
    )
    note = long_text_field(
        "What the other board needs to know",
        "Enter what the other board needs to know",
        help_text="Such as the date of death and the review each board holds, so that they can "
        "find their own case. Never a name: use the case reference.",
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {str(board.pk): board for board in boards}
        self.fields["partner_board"].choices = [("", "Select a board")] + [
            (pk, f"{board.name} ({board.get_nation_display()})")
            for pk, board in self.boards.items()
        ]

    def clean_partner_board(self):
        return self.boards[self.cleaned_data["partner_board"]]


class JointReviewAcceptForm(GovUKForm):
    submit_label = "Accept the joint review"

    review = radio_field(
        "Which of this board's reviews is of the same death?", [], "Select the review"
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
