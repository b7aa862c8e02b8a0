from django.core.management.base import BaseCommand, CommandError

from core import private_files


class Command(BaseCommand):
    help = (
        "Check that every private file a row names (documents, CVs, report and annual report "
        "PDFs) is in private storage: the restore drill (docs/deploy.md). Prints each missing "
        "file by its model, id, case reference and stored name, and fails if any is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unreferenced",
            action="store_true",
            help="Also list the files in storage that no row names (they do not fail the check).",
        )

    def handle(self, *args, unreferenced, **options):
        findings = private_files.check(unreferenced=unreferenced)
        for stored in findings.missing:
            self.stdout.write(f"Missing: {stored}")
        for name in findings.unreferenced or []:
            self.stdout.write(f"Unreferenced: {name}")
        summary = f"{findings.rows} files named by rows, {len(findings.missing)} missing"
        if findings.unreferenced is not None:
            summary += f", {len(findings.unreferenced)} in storage named by no row"
        if findings.missing:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)
