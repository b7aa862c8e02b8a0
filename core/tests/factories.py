import datetime as dt

import factory
from django.contrib.auth import get_user_model

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name", locale="en_GB")

    @classmethod
    def _create(cls, model_class, *args, password=DEFAULT_PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


# Tests' tokens outlive any date a test travels to (their expiry has tests of its own).
FAR_FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def api_key_for(user, *, board=None, expires_at=FAR_FUTURE) -> str:
    """The key of a new API token acting as `user` (on `board` only, if given)."""
    from core.models import ApiToken

    return ApiToken.make(user=user, board=board, purpose="Tests", expires_at=expires_at)[1]
