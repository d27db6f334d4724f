"""Walk the guided assessment as a clinician without JavaScript would."""

from django.urls import reverse

GI_BLEED = {
    "patient": {"age_group": "adult", "age_years": "54", "sex": "male", "weight_kg": "70"},
    "platelets": {
        "platelet_count": "12000",
        "platelet_unit": "per_uL",
        "bleeding": "life_threatening",
        "bleeding_sites": ["gi"],
    },
    "context": {"condition": "primary_itp"},
    "risks": {"dosing_weight": "actual"},
}


def step_url(case, step, number=1):
    return reverse("assessment-step", kwargs={"pk": case.pk, "number": number, "step": step})


def review_url(case, number=1):
    return reverse("assessment-review", kwargs={"pk": case.pk, "number": number})


def plan_url(case, number=1):
    return reverse("plan-detail", kwargs={"pk": case.pk, "number": number})


def post_step(client, case, step, data, number=1, **extra):
    case.refresh_from_db()
    return client.post(step_url(case, step, number), {**data, "version": case.version}, **extra)


def walk(client, case, answers=GI_BLEED, number=1):
    """Post every step, then produce the plan; return the plan page response."""
    for step, data in answers.items():
        response = post_step(client, case, step, data, number)
        assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    response = client.post(review_url(case, number), {"version": case.version})
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(plan_url(case, number))
