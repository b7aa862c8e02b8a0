from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Incidents, decisions, the statutory clock and the reviews themselves."""

    name = "reviews"
    verbose_name = "Incidents and reviews"

    def ready(self):
        from django.db.models.signals import post_delete

        from core import permissions
        from core.access import access_at_stake, access_lost
        from deadlines import kinds
        from deadlines.models import Deadline
        from reviews.appointments import review_ids_seen_by
        from reviews.deadline_kinds import ACTION, AGENCY_REQUEST, KINDS
        from reviews.models import Action, AgencyRequest, Incident

        for kind in KINDS:
            kinds.register(kind)

        # The deadlines layer names owners by id, so their deadlines go with them here (what a
        # foreign key's cascade did when the deadline named them by key).
        def remove_deadlines_of_case(sender, instance, **kwargs):
            instance.deadlines.delete()

        def remove_deadline_of_record(sender, instance, **kwargs):
            Deadline.objects.filter(
                owner_id=instance.pk, kind__in=[ACTION, AGENCY_REQUEST]
            ).delete()

        post_delete.connect(
            remove_deadlines_of_case,
            sender=Incident,
            dispatch_uid="reviews.remove_deadlines_of_case",
            weak=False,
        )
        for owner in (Action, AgencyRequest):
            post_delete.connect(
                remove_deadline_of_record,
                sender=owner,
                dispatch_uid=f"reviews.remove_deadline_of_{owner._meta.model_name}",
                weak=False,
            )

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
