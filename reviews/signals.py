"""What reviews ask of the apps above them, which they may not import (docs/architecture.md).

`planned_publication`: the national panel's copy of a report is due a set time before it is
published, so the clock needs the date the chair plans to publish, which the publication app
keeps. Sent with: review. It answers when it loads with that date, or None.

`reviewer_standing`: whether someone may lead a review whose method needs accredited
reviewers is the lead reviewer programme's to say. Sent with: user. The accreditation app
answers when it loads (its `AppConfig.ready`) with "accredited", "trainee" or None.
"""

from django.dispatch import Signal

reviewer_standing = Signal()
planned_publication = Signal()


def _first_answer(signal, **kwargs):
    """The first receiver's answer that is not empty, or None when none answers."""
    return next((answer for _, answer in signal.send(sender=None, **kwargs) if answer), None)


def standing_of(user) -> str | None:
    """The reviewer's standing in the programme: "accredited", "trainee", or None (neither,
    or no programme installed, in which case no one may be appointed to such a review)."""
    return _first_answer(reviewer_standing, user=user)


def planned_publication_of(review):
    """The date the chair plans to publish the review's report, if they decided to publish."""
    return _first_answer(planned_publication, review=review)
