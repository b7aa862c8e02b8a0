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
