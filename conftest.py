"""Fixtures named by role, shared by every app's tests.

`board` is the board under test; `other_board_user` holds every role, but on another board,
and must get nothing of `board`.
"""

import copy
import io
import json
import logging.config
import os

import pytest

from boards.models import Membership
from boards.tests.factories import AgencyFactory, BoardFactory, MembershipFactory
from core.tests.factories import DEFAULT_PASSWORD, UserFactory

Role = Membership.Role


def _weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401  (loads Pango and HarfBuzz)
    except (ImportError, OSError):
        return False
    return True


def pytest_collection_modifyitems(config, items):
    """Tests marked `pdf` render with WeasyPrint: skipped, with the reason, where its system
    libraries are missing, unless REQUIRE_PDF=1 (as in .ci/run) turns that into a failure."""
    wanted = [item for item in items if "pdf" in item.keywords]
    if not wanted or os.environ.get("REQUIRE_PDF") == "1" or _weasyprint_loads():
        return
    skip = pytest.mark.skip(
        reason="WeasyPrint's system libraries (Pango, HarfBuzz) are missing: "
        "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 (.ci/run does)"
    )
    for item in wanted:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files (CVs) of each test go to a folder of its own."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


class Bucket:
    """A bucket of moto's S3, as a test looks into it."""

    name = "case-reviews-private"

    def __init__(self, client):
        self.client = client

    def keys(self) -> set[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listed.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def s3_private_storage(settings, monkeypatch):
    """Private files in a private bucket of an S3 store (moto's, in this process: no network),
    as with PRIVATE_STORAGE_BUCKET set; credentials from boto3's own chain (AWS_* variables)."""
    import boto3
    from moto import mock_aws

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        client = boto3.client("s3", region_name="eu-west-2")
        client.create_bucket(
            Bucket=Bucket.name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        client.put_public_access_block(
            Bucket=Bucket.name,
            PublicAccessBlockConfiguration=dict.fromkeys(
                (
                    "BlockPublicAcls",
                    "IgnorePublicAcls",
                    "BlockPublicPolicy",
                    "RestrictPublicBuckets",
                ),
                True,
            ),
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "core.storage_s3.PrivateS3Storage",
                "OPTIONS": {"bucket_name": Bucket.name, "region_name": "eu-west-2"},
            },
        }
        # The settings fixture puts STORAGES back after the test, and Django forgets the backend.
        yield Bucket(client)


@pytest.fixture(autouse=True)
def work_counted_on_every_page(settings):
    """The navigation counts each person's work afresh on every page, as the tests expect after
    a change made without a form; home/tests/test_work.py tests the short cache it keeps in use."""
    settings.WORK_COUNT_SECONDS = 0


@pytest.fixture
def json_log(settings):
    """What production would log (LOG_FORMAT=json, its filters), as a function returning the
    lines so far, each read back as JSON."""
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"] = {
        "capture": {
            "class": "logging.StreamHandler",
            "stream": stream,
            "formatter": "json",
            "filters": ["request_id", "user_id"],
        }
    }
    config["root"] = {"handlers": ["capture"], "level": "INFO"}
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.config.dictConfig(settings.LOGGING)


@pytest.fixture
def client():
    """pytest-django's client, but `force_login` also gives the second factor (every page with
    case data needs it). Tests of signing in use Django's own client (core/tests/test_mfa.py)."""
    from core.tests.clients import VerifiedClient

    return VerifiedClient()


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def board(db):
    return BoardFactory(name="Northshire Safeguarding Children Partnership")


@pytest.fixture
def other_board(db):
    return BoardFactory(name="Southshire Safeguarding Children Partnership")


def _member(board, role, **user_fields):
    return MembershipFactory(board=board, role=role, user=UserFactory(**user_fields)).user


@pytest.fixture
def business_manager(board):
    return _member(board, Role.BUSINESS_MANAGER, name="Bea Manager")


@pytest.fixture
def chair(board):
    return _member(board, Role.CHAIR, name="Charles Chair")


@pytest.fixture
def member(board):
    return _member(board, Role.MEMBER, name="Mo Member")


@pytest.fixture
def lead_reviewer(board):
    return _member(board, Role.LEAD_REVIEWER, name="Lee Reviewer")


@pytest.fixture
def viewer(board):
    return _member(board, Role.VIEWER, name="Vi Viewer")


@pytest.fixture
def platform_admin(db):
    return UserFactory(name="Ada Admin", is_superuser=True, is_staff=True)


@pytest.fixture
def other_board_user(other_board):
    user = UserFactory(name="Otto Outsider")
    for role in Role.values:
        MembershipFactory(board=other_board, role=role, user=user)
    return user


@pytest.fixture
def agency(board):
    return AgencyFactory(board=board, name="Northshire Constabulary")


@pytest.fixture
def role_users(business_manager, chair, member, lead_reviewer, viewer):
    return {
        Role.BUSINESS_MANAGER: business_manager,
        Role.CHAIR: chair,
        Role.MEMBER: member,
        Role.LEAD_REVIEWER: lead_reviewer,
        Role.VIEWER: viewer,
    }


@pytest.fixture
def api_client_for(db):
    """An API client authenticated with the user's token, as other systems call the API."""
    from rest_framework.test import APIClient

    from core.tests.factories import api_key_for

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
        return client

    return make
