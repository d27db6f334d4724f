"""A recommendation's Accept / Override form on the plan page, as HTML built here.

Each card's form was a dozen template nodes (its URL twice, its code six times, the token, the
version, the reason and its errors): a fifth of the plan page's template work for five cards
(benchmarks.pages). Values are escaped by presenters.html_format, as the template escaped
them. The card around it stays in templates/decisions/plan.html.
"""

from django.utils.safestring import SafeString

from decisions.cases.forms import DecisionForm
from decisions.cases.presenters import html_format, html_rows

_FORM = """<form method="post" action="{url}"
              hx-post="{url}"
              hx-target="#rec-{code}" hx-swap="outerHTML" class="row g-2 align-items-end">
          <input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}">
          <input type="hidden" name="version" value="{version}">
          <div class="col-md-7">
            <label class="form-label small mb-0" for="reason-{code}">Reason (needed to override)</label>
            <textarea class="form-control form-control-sm{invalid}" rows="1" name="reason" id="reason-{code}"{described}>{reason_typed}</textarea>
            {reason_errors}
          </div>
          <div class="col-md-5 d-flex gap-2">
            <button class="btn btn-sm btn-success" type="submit" name="decision" value="accepted">Accept</button>
            <button class="btn btn-sm btn-outline-danger" type="submit" name="decision" value="overridden">Override</button>
          </div>
          {conflicts}
        </form>"""  # noqa: E501 # the markup as it reads in the page
_INVALID = " is-invalid"
_DESCRIBED = ' aria-invalid="true" aria-describedby="reason-error-{code}" autofocus'
_REASON_ERROR = (
    '<div class="invalid-feedback" id="reason-error-{code}" data-testid="reason-error">'
    "{error}</div>"
)
_CONFLICT = (
    '<div class="col-12"><p class="alert alert-danger small py-1 px-2 mb-0" role="alert" '
    'data-testid="decision-conflict">{error}</p></div>'
)


def decision_form_html(
    *, url: str, code: str, version: int, csrf_token: str, posted: DecisionForm | None
) -> SafeString:
    """The form of the recommendation `code`, posting to `url` with the case `version` the page
    saw. `posted` is the form just sent from this card, if any: its reason stays in the box,
    its errors beside it, a colleague's change that refused it below the buttons."""
    reason_errors = posted.errors.get("reason", []) if posted is not None else []
    conflicts = posted.non_field_errors() if posted is not None else []
    reason_typed = (posted.data.get("reason") or "") if posted is not None else ""
    return html_format(
        _FORM,
        url=url,
        code=code,
        csrf_token=csrf_token,
        version=int(version),
        invalid=_INVALID if reason_errors else "",
        described=html_format(_DESCRIBED, code=code) if reason_errors else "",
        reason_typed=reason_typed,
        reason_errors=html_rows(
            _REASON_ERROR, ({"code": code, "error": error} for error in reason_errors)
        ),
        conflicts=html_rows(_CONFLICT, ({"error": error} for error in conflicts)),
    )
