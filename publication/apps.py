from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports, the anonymisation check, publication and the learning library (issue 7)."""

    name = "publication"

    def ready(self):
        from publication.selectors import planned_publication
        from reviews.signals import planned_publication as asked

        def answer(sender, *, review, **kwargs):
            return planned_publication(review=review)

        asked.connect(answer, dispatch_uid="publication.planned_publication", weak=False)
