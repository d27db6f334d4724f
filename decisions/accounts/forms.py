"""The one field of the second-factor pages."""

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self):
        # Apps show "123 456"; people copy recovery codes with spaces.
        return self.cleaned_data["code"].replace(" ", "")
