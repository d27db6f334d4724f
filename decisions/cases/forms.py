"""Forms for opening, finding and deciding on cases."""

import secrets
from typing import NamedTuple

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.functional import cached_property

from decisions.cases.selectors import cases_with_identifier, teams_listed_for, teams_of
from decisions.models import Case, RecommendationDecision


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


class CaseForm(forms.Form):
    patient_name = forms.CharField(label="Patient name", max_length=200)
    patient_identifier = forms.CharField(label="Hospital number", max_length=64)
    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    team = forms.ModelChoiceField(queryset=None, empty_label=None)
    # One-time: the same form posted twice opens one case (services.case_create). Optional, so a
    # script posting the fields alone still works, without that protection.
    form_token = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, initial=new_form_token
    )

    CASE_FIELDS = ("patient_name", "patient_identifier", "date_of_birth", "team", "form_token")

    def __init__(self, *args, teams, cases_with_number=None, **kwargs):
        """`cases_with_number(identifier)`: the cases with that hospital number the clinician
        may see; when there are any, opening another needs a tick (a second case for a patient
        splits their history)."""
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        number = (self.data.get("patient_identifier") or "").strip() if self.is_bound else ""
        self.same_number = list(cases_with_number(number)) if number and cases_with_number else []
        if self.same_number:
            self.fields["confirm_same_number"] = forms.BooleanField(
                label="This is another case for this patient: open a new case anyway",
                required=False,
            )
        # The page writes the <form> and its button: the assessment's first step shares it.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        if self.same_number and not cleaned.get("confirm_same_number"):
            count = len(self.same_number)
            self.add_error(
                "patient_identifier",
                f"This hospital number already has {'a case' if count == 1 else f'{count} cases'}"
                " in your teams (listed above). Open it instead, or tick the box below to open "
                "a new case.",
            )
        return cleaned

    def case_fields(self) -> dict:
        """The cleaned values case_create takes."""
        return {name: self.cleaned_data[name] for name in self.CASE_FIELDS}


def case_form_for(user, data=None, *, initial=None) -> CaseForm | None:
    """The form that opens a case, over the user's teams (the first chosen), naming a hospital
    number's other cases; None when the user belongs to no team yet."""
    teams = teams_of(user)
    if not teams.exists():
        return None
    return CaseForm(
        data,
        teams=teams,
        initial={**(initial or {}), "team": teams.first()},
        cases_with_number=lambda number: cases_with_identifier(user, number),
    )


NO_TEAM_MESSAGE = "You belong to no team yet; ask an administrator to add you."


class SelectOption(NamedTuple):
    value: str
    label: str
    selected: bool


def select_options(choices, chosen) -> list[SelectOption]:
    """A select's options as the template prints them, the chosen one (if any) marked; the
    empty option is chosen when nothing is. Built here, the template's per-option filters and
    lookups were most of the search form's time (benchmarks.pages)."""
    chosen = "" if chosen is None else str(chosen)
    return [SelectOption(str(value), label, str(value) == chosen) for value, label in choices]


class CaseSearchForm(forms.Form):
    q = forms.CharField(label="Patient name, hospital number or case reference", required=False)
    team = forms.ModelChoiceField(queryset=None, required=False, empty_label="All my teams")
    status = forms.ChoiceField(choices=[("", "Any status"), *Case.Status.choices], required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Checks a chosen team; asks the database only when one is chosen.
        self.fields["team"].queryset = teams_of(user)
        self._teams_listed = teams_listed_for(user)

    @cached_property
    def helper(self) -> FormHelper:
        """The layout crispy-forms would render. The page writes it out instead
        (includes/case_search_form.html, for speed); this stays as the reference the tests
        hold that template to, built only when asked for."""
        helper = FormHelper()
        helper.form_method = "get"
        helper.form_class = "row g-2 align-items-end"
        helper.add_input(Submit("", "Search", css_class="btn-secondary"))
        return helper

    def team_options(self) -> list[SelectOption]:
        teams = [(str(team.pk), team.name) for team in self._teams_listed]
        empty = ("", self.fields["team"].empty_label)
        return select_options([empty, *teams], self["team"].value())

    def status_options(self) -> list[SelectOption]:
        return select_options(self.fields["status"].choices, self["status"].value())


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=RecommendationDecision.Decision.choices)
    reason = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)

    def clean(self):
        cleaned = super().clean()
        overriding = cleaned.get("decision") == RecommendationDecision.Decision.OVERRIDDEN
        if overriding and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why you override this recommendation.")
        return cleaned
