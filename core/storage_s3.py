"""Private files in a bucket of an S3-compatible store (Amazon S3, MinIO, Ceph, a cloud
provider's object storage), through django-storages. Chosen by PRIVATE_STORAGE_BUCKET
(config/settings.py); imported only then, so boto3 is loaded only where it is used."""

from botocore.config import Config
from django.conf import settings
from storages.backends.s3 import S3Storage

from core.storage import NO_ADDRESS


class PrivateS3Storage(S3Storage):
    """S3Storage that never gives an address: no public URL and no signed one either, since a
    link that works for an hour works for whoever it is forwarded to. Files are read by the
    views that check who is asking (`.open()`) and streamed from there.

    The bucket must block public access (docs/deploy.md); objects are written with no ACL of
    their own, so they are the bucket owner's alone (and an "ACLs disabled" bucket accepts
    them)."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            # Two files of one name must not replace each other (a rendering's name is its
            # case reference and version): a suffix is added, as on local disk.
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "custom_domain": None,
            "location": "",
            # A download is read into memory up to Django's upload limit, then a temporary
            # file, rather than held whole in memory (the default).
            "max_memory_size": settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
        }

    def __init__(self, **options):
        super().__init__(**options)
        # A store that does not answer fails the request well within the web process's
        # WEB_TIMEOUT (30 s), after botocore's standard retries, rather than holding it.
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=5,
                read_timeout=20,
                retries={"mode": "standard", "total_max_attempts": 3},
            )
        )

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_ADDRESS)

    def names(self):
        """Every object's name in the bucket, listed a thousand at a time."""
        for summary in self.bucket.objects.all():
            yield summary.key
