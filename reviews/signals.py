"""What reviews ask of the apps above them, which they may not import (docs/architecture.md).

`reviewer_standing`: whether someone may lead a review whose method needs accredited
reviewers is the lead reviewer programme's to say. Sent with: user. The accreditation app
answers when it loads (its `AppConfig.ready`) with "accredited", "trainee" or None.
"""

from django.dispatch import Signal

reviewer_standing = Signal()


def standing_of(user) -> str | None:
    """The reviewer's standing in the programme: "accredited", "trainee", or None (neither,
    or no programme installed, in which case no one may be appointed to such a review)."""
    for _, standing in reviewer_standing.send(sender=None, user=user):
        if standing:
            return standing
    return None
