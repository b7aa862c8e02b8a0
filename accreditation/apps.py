from django.apps import AppConfig


class AccreditationConfig(AppConfig):
    """Trainee cohorts, supervision, assessment and the reviewer directory (issue 6)."""

    name = "accreditation"

    def ready(self):
        from django.db.models.signals import post_delete

        from accreditation.deadline_kinds import ACCREDITATION_YEAR
        from accreditation.models import Accreditation
        from accreditation.selectors import reviewer_standing
        from deadlines import kinds

        kinds.register(ACCREDITATION_YEAR)

        def remove_deadlines(sender, instance, **kwargs):
            instance.deadlines.delete()

        post_delete.connect(
            remove_deadlines,
            sender=Accreditation,
            dispatch_uid="accreditation.remove_deadlines",
            weak=False,
        )
        from reviews.signals import reviewer_standing as standing_asked

        def answer_standing(sender, *, user, **kwargs):
            return reviewer_standing(user)

        standing_asked.connect(
            answer_standing, dispatch_uid="accreditation.reviewer_standing", weak=False
        )
