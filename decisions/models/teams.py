from django.conf import settings
from django.db import models


class Team(models.Model):
    """A ward or service. Clinicians see and edit the cases of their teams only."""

    name = models.CharField(max_length=100, unique=True)
    email = models.EmailField(
        blank=True, help_text="Shared address that also receives the team's reminders."
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
