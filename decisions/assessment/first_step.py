"""The assessment's first step asked on the "New case" page itself, so that opening a case and
describing the patient is one page: in an emergency, one click less to the plan (issue 9: the
emergency plan in ten interactions or fewer, counting the click on "New case")."""

from django.http import QueryDict

from decisions.assessment.forms import StepForm
from decisions.assessment.services import assessment_save_answers
from decisions.assessment.steps import STEPS
from decisions.models import Assessment

FIRST_STEP = STEPS[0]


def first_step_form(data: QueryDict | None = None) -> StepForm:
    """The first step's fields, as a new assessment (nothing saved yet) asks them."""
    # Not marked required in the page: the browser would refuse to open a case without them.
    form = StepForm(data, step=FIRST_STEP, saved={}, use_required_attribute=False)
    if data is not None:
        form.is_valid()
    return form


def typed_in_error(form: StepForm) -> bool:
    """A value was typed or chosen on the page and refused: the page must say so before any
    case is opened (a field left empty is asked on the step itself, as before)."""
    return any(any(value.strip() for value in form.data.getlist(name)) for name in form.errors)


def first_step_save(*, assessment: Assessment, user, form: StepForm) -> bool:
    """Save the first step's valid answers into the new assessment; True if the step is
    complete, so the wizard goes on to the next one."""
    answers = form.answers()
    if answers:
        assessment_save_answers(
            assessment=assessment,
            user=user,
            answers=answers,
            confirmed=tuple(n for n in form.confirmed_fields() if n in FIRST_STEP.fields),
        )
    return bool(answers) and form.is_valid()
