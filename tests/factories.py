import factory
from django.conf import settings
from factory.django import DjangoModelFactory, Password


class UserFactory(DjangoModelFactory):
    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"clinician{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = Password("correct horse battery staple")
