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


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = "decisions.Team"
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ward {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


def clinician_in(team, **kwargs):
    """A clinician who belongs to `team`."""
    user = UserFactory(**kwargs)
    team.members.add(user)
    return user


def case_for(user, team, **fields):
    """A case opened through the service, as the app does it."""
    from decisions.cases.services import case_create

    return case_create(
        user=user,
        team=team,
        patient_name=fields.get("patient_name", "Ada Lovelace"),
        patient_identifier=fields.get("patient_identifier", "H123456"),
        date_of_birth=fields.get("date_of_birth"),
    )
