"""Reads of the FHIR export: a plan found by its case reference, for a user who may see it."""

from django.http import Http404

from decisions.cases.selectors import cases_visible_to, plan_get_for_user


def plan_get_by_reference(user, reference: str, number: int):
    """The assessment and stored plan of the user's teams' case with this reference; 404 for
    any other (another team's case is as unknown as a case that does not exist)."""
    case_pk = (
        cases_visible_to(user)
        .filter(reference__iexact=reference)
        .values_list("pk", flat=True)
        .first()
    )
    if case_pk is None:
        raise Http404("No such case")
    return plan_get_for_user(user, case_pk, number)
