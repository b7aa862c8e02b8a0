"""Private files are kept on local disk, or in a private bucket of an S3-compatible store when
the settings name one; either way they have no address, only the views that check who is
asking read them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from core.storage import PrivateFileSystemStorage, private_storage

ROOT = Path(__file__).resolve().parents[2]


def test_by_default_files_are_kept_on_local_disk_with_no_address(private_files):
    assert isinstance(private_storage.backend, PrivateFileSystemStorage)
    name = private_storage.save("documents/a/letter.pdf", ContentFile(b"%PDF-1.7"))
    assert (private_files / name).read_bytes() == b"%PDF-1.7"
    with private_storage.open(name) as file:
        assert file.read() == b"%PDF-1.7"
    again = private_storage.save("documents/a/letter.pdf", ContentFile(b"other"))
    assert again != name  # never over another file
    assert set(private_storage.names()) == {name, again}
    with pytest.raises(ValueError, match="no public address"):
        private_storage.url(name)
    private_storage.delete(name)
    assert not private_storage.exists(name)


def test_in_a_bucket_files_are_private_kept_apart_and_have_no_address(s3_private_storage):
    bucket = s3_private_storage
    name = private_storage.save("reports/R-1-report-v1.pdf", ContentFile(b"%PDF-1.7 first"))
    again = private_storage.save("reports/R-1-report-v1.pdf", ContentFile(b"%PDF-1.7 second"))
    assert name != again
    assert bucket.keys() == {name, again} == set(private_storage.names())
    assert bucket.read(name) == b"%PDF-1.7 first"
    with private_storage.open(again) as file:
        assert file.read() == b"%PDF-1.7 second"
    assert private_storage.size(name) == len(b"%PDF-1.7 first")

    # The owner alone: no grant to anyone else, and no address, signed or not.
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    with pytest.raises(ValueError, match="no public address"):
        private_storage.url(name)
    with pytest.raises(ValueError, match="no public address"):
        private_storage.backend.url(name)

    private_storage.delete(name)
    assert bucket.keys() == {again}
    with pytest.raises(FileNotFoundError):
        private_storage.open(name)


def private_backend(**environment) -> dict:
    """STORAGES["private"] as the settings make it from these variables."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.STORAGES['private']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DOTENV": "none",
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_the_settings_choose_a_bucket_when_one_is_named():
    assert private_backend() == {"BACKEND": "core.storage.PrivateFileSystemStorage"}
    aws = private_backend(
        PRIVATE_STORAGE_BUCKET="reviews-files", PRIVATE_STORAGE_REGION="eu-west-2"
    )
    assert aws == {
        "BACKEND": "core.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": "reviews-files",
            "endpoint_url": None,
            "region_name": "eu-west-2",
            # None: boto3's own chain (AWS_* variables, the instance's or pod's role).
            "access_key": None,
            "secret_key": None,
            "addressing_style": "auto",
        },
    }
    other_store = private_backend(
        PRIVATE_STORAGE_BUCKET="reviews-files",
        PRIVATE_STORAGE_ENDPOINT_URL="https://objects.example.net",
        PRIVATE_STORAGE_ACCESS_KEY_ID="key-id",
        PRIVATE_STORAGE_SECRET_ACCESS_KEY="secret",  # noqa: S106 - a test value
    )
    assert other_store["OPTIONS"] | {"secret_key": "-"} == {
        "bucket_name": "reviews-files",
        "endpoint_url": "https://objects.example.net",
        "region_name": None,
        "access_key": "key-id",
        "secret_key": "-",
        "addressing_style": "path",
    }


def test_another_s3_compatible_store_is_reached_at_its_address_by_path(monkeypatch):
    from core.storage_s3 import PrivateS3Storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    storage = PrivateS3Storage(
        bucket_name="reviews-files",
        endpoint_url="https://objects.example.net",
        addressing_style="path",  # as the settings say with an endpoint
    )
    client = storage.connection.meta.client  # made here, nothing sent
    assert client.meta.endpoint_url == "https://objects.example.net"
    assert client.meta.config.s3 == {"addressing_style": "path"}
    # A store that does not answer fails the request within the web process's 30 seconds.
    assert (client.meta.config.connect_timeout, client.meta.config.read_timeout) == (5, 20)
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 3}
