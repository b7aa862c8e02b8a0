from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports, the anonymisation check, publication and the learning library (issue 7)."""

    name = "publication"

    def ready(self):
        from django.db.models.signals import post_delete

        from bank.signals import names_in_report
        from deadlines import kinds
        from deadlines.models import Deadline
        from publication import jobs
        from publication.bank_check import names_in_banked_report
        from publication.deadline_kinds import ACCURACY_CHECK, KINDS
        from publication.models import AccuracyCheck
        from publication.selectors import planned_publication
        from publication.services.reports import RENDERINGS
        from reviews.signals import planned_publication as asked

        for kind in KINDS:
            kinds.register(kind)
        jobs.register(RENDERINGS)

        def remove_accuracy_deadline(sender, instance, **kwargs):
            Deadline.objects.filter(kind=ACCURACY_CHECK, owner_id=instance.pk).delete()

        post_delete.connect(
            remove_accuracy_deadline,
            sender=AccuracyCheck,
            dispatch_uid="publication.remove_accuracy_deadline",
            weak=False,
        )

        def answer(sender, *, review, **kwargs):
            return planned_publication(review=review)

        asked.connect(answer, dispatch_uid="publication.planned_publication", weak=False)

        def answer_names(sender, *, board, text, **kwargs):
            return names_in_banked_report(board=board, text=text)

        names_in_report.connect(
            answer_names, dispatch_uid="publication.names_in_report", weak=False
        )
