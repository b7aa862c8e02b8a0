"""The upload of an import: a ZIP of the reports' PDFs, with the CSV of their details inside it
or beside it."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bank.forms import KeeperChoiceMixin
from bank.imports import rows
from core.forms import UploadForm, file_field, radio_field


class ImportForm(KeeperChoiceMixin, UploadForm):
    submit_label = _("Upload and import")

    keeper = radio_field(
        _("Whose bank are the reports for?"),
        [],
        _("Select whose bank the reports are for"),
        help_text=_("Those who keep the entries may confirm, change or withdraw them."),
    )
    archive = file_field(
        _("A ZIP of the reports' PDFs"),
        max_bytes=settings.BANK_IMPORT_MAX_BYTES,
        help_text=_(
            "Put the PDFs (and the CSV, if you like) in a folder, then compress the folder: "
            "right-click it and choose “Send to” then “Compressed (zipped) folder” on "
            "Windows, or “Compress” on a Mac. At most %(size)s MB."
        )
        % {"size": f"{settings.BANK_IMPORT_MAX_BYTES / (1024 * 1024):g}"},
    )
    csv_file = file_field(
        _("The CSV of their details (if it is not in the ZIP)"),
        max_bytes=rows.MAX_CSV_BYTES,
        required=False,
        help_text=_("Save the spreadsheet as “CSV UTF-8”."),
    )
