"""The rules the service follows, as plain functions with no database: the statutory
rulebooks of each regime (`rulebooks`), the review methods (`methodologies`), how long case
records are kept (`retention`) and the calendar they all count in (`calendar`).

The lowest layer but core (docs/architecture.md): boards, cases, reviews and reminders all read
it, and it imports none of them.
"""
