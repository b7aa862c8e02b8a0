from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Incidents, decisions, the statutory clock and the reviews themselves."""

    name = "reviews"
    verbose_name = "Incidents and reviews"

    def ready(self):
        from core import permissions
        from core.access import access_at_stake, access_lost
        from reviews.appointments import review_ids_seen_by

        # Which reviews' records someone sees beyond their roles: those they are appointed to
        # or supervise (core.permissions).
        permissions.register_scope("review", review_ids_seen_by)

        def end_appointments(sender, *, user, board_id, actor, reason, **kwargs):
            # A disabled account (no board named) keeps its appointments: they give nothing
            # while it is disabled (core.permissions reads only active users), and the review
            # keeps its reviewers if the account comes back.
            if board_id is not None:
                from reviews.services.reviews import appointments_end_with_role

                appointments_end_with_role(user=user, board_id=board_id, actor=actor, reason=reason)

        access_lost.connect(end_appointments, dispatch_uid="reviews.end_appointments", weak=False)

        def appointments_at_stake(sender, *, membership, **kwargs):
            from reviews.selectors import appointments_ending_warning

            return appointments_ending_warning(membership=membership)

        access_at_stake.connect(
            appointments_at_stake, dispatch_uid="reviews.appointments_at_stake", weak=False
        )
