"""Access follows roles at once (issue 16, item 7).

When someone loses a role on a board, an appointment to a review or their account, every app
takes away, in the same transaction, what that gave them: the reviews app ends the
appointments the role allowed, the reminders app cancels their pending reminders and withholds
their e-mails not yet sent. Pages, API objects and the calendar feed need nothing done: they
are read through `core.permissions` and the reminders' own check of who may see a deadline,
which already leave out what the person may no longer see.

`boards` and `core` sit below the apps that must act, and may not import them, so those apps
connect a receiver to `access_lost` when they load (their `AppConfig.ready`) and the places
that take access away send it inside their transaction: the post-delete receiver of a
membership (removed by the service or in the Django admin; not when its board or its person is
deleted, which takes everything with it), the end of an appointment, an account disabled in
the Django admin. A receiver that fails rolls the whole
change back, so access is never half taken away.

Before a role is removed, the page that asks for confirmation says what will go with it: it
sends `access_at_stake`, and each app that would act answers with a warning sentence (or
nothing), through a receiver connected in the same way.
"""

from django.dispatch import Signal

# Sent with: user (who lost access), board_id (the board concerned, or None: every board, as
# when an account is disabled), actor (who did it, or None), reason (a short sentence, kept in
# the history of what it changes; at most 100 characters).
access_lost = Signal()


def access_lose(*, user, board_id=None, actor=None, reason: str) -> None:
    """Tell every app that `user` lost access (call inside the transaction that took it)."""
    access_lost.send(sender=None, user=user, board_id=board_id, actor=actor, reason=reason)


# Sent with: membership (the role to be removed). A receiver answers with a sentence saying
# what the person would lose beyond the role itself (for the page that confirms the removal),
# or "" for nothing.
access_at_stake = Signal()


def access_at_stake_warnings(*, membership) -> list[str]:
    """What every app says the person would lose with this role, in the order apps load."""
    responses = access_at_stake.send(sender=None, membership=membership)
    return [warning for _, warning in responses if warning]
