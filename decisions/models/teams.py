from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

# A team's name goes into pages, emails and logs: one line only, so it never starts a header.
validate_one_line = RegexValidator(
    r"[\r\n]", inverse_match=True, message="Enter a name on one line (no line breaks)."
)


class Team(models.Model):
    """A ward or service. Clinicians see and edit the cases of their teams only."""

    name = models.CharField(max_length=100, unique=True, validators=[validate_one_line])
    email = models.EmailField(
        blank=True, help_text="Shared address that also receives the team's reminders."
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
