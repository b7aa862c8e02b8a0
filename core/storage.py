"""Private files: review documents, CVs, report PDFs, annual report PDFs. They have no public
address: a view that checks who is asking streams them through `.open()`.

Where they are kept is chosen by the settings (`STORAGES["private"]`, docs/deploy.md, "Files"):
a folder on local disk (`PrivateFileSystemStorage`, under PRIVATE_STORAGE_ROOT) or, when
PRIVATE_STORAGE_BUCKET is set, a private bucket of an S3-compatible store
(`core.storage_s3.PrivateS3Storage`, django-storages). The models' FileFields hold
`private_storage`, which hands every call to that backend when it is made: the migrations
name `core.storage.PrivateStorage()`, whichever backend an installation uses, so changing it
needs no migration.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible

NO_ADDRESS = "Private files have no public address: serve them through a view"


@deconstructible
class PrivateStorage(Storage):
    """The backend of `STORAGES["private"]`, looked up on each call (so a test may change the
    settings), behind the one storage object the FileFields and their migrations name."""

    @property
    def backend(self) -> Storage:
        return storages["private"]

    def open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def get_alternative_name(self, file_root, file_ext):
        return self.backend.get_alternative_name(file_root, file_ext)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def path(self, name):
        # Only local disk has one; nothing in the service asks (it opens files instead).
        return self.backend.path(name)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def url(self, name):
        raise ValueError(NO_ADDRESS)

    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def names(self):
        """Every file's name in the store, in no particular order (the restore drill's
        `check_private_files --unreferenced`)."""
        return self.backend.names()


class PrivateFileSystemStorage(FileSystemStorage):
    """FileSystemStorage under PRIVATE_STORAGE_ROOT (read when used, so tests can move it),
    with no URL: private files are only ever served by a view that checks who is asking."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(NO_ADDRESS)

    def names(self):
        root = self.location
        for folder, _, files in os.walk(root):
            for name in files:
                yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


private_storage = PrivateStorage()
