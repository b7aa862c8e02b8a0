"""Private files: CVs, report PDFs, annual report PDFs. Kept outside the web root, with no
public address; a view that checks who is asking streams them."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under PRIVATE_STORAGE_ROOT (read when used, so tests can move it),
    with no URL: private files are only ever served by a view that checks who is asking."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address: serve them through a view")


private_storage = PrivateStorage()
