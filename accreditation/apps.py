from django.apps import AppConfig


class AccreditationConfig(AppConfig):
    """Trainee cohorts, supervision, assessment and the reviewer directory (issue 6)."""

    name = "accreditation"

    def ready(self):
        from accreditation.selectors import reviewer_standing
        from reviews.signals import reviewer_standing as standing_asked

        def answer_standing(sender, *, user, **kwargs):
            return reviewer_standing(user)

        standing_asked.connect(
            answer_standing, dispatch_uid="accreditation.reviewer_standing", weak=False
        )
