"""Form widgets shared by the features' forms (cases sit below them all in the layers)."""

from django import forms
from django.utils import timezone


class LocalDateTimeInput(forms.DateTimeInput):
    """A date and time in the site's zone, as the browser's datetime-local input posts it."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def name_the_time_zone(form: forms.Form) -> None:
    """Say in which zone the time fields are read (the site's; stored in UTC)."""
    zone = timezone.get_current_timezone_name()
    for field in form.fields.values():
        if isinstance(field.widget, LocalDateTimeInput):
            field.help_text = f"Local time ({zone})."
