"""The load test's hospital: teams of clinicians with passwords, cases with plans, an API token."""

import random
from dataclasses import dataclass, field

from benchmarks.pages import case_list_page_path, patient, scenario_steps

TEAMS = ("Haematology", "Emergency department", "Paediatrics", "Obstetrics", "Intensive care")
PASSWORD = "load-test-password-4-real-logins"  # noqa: S105 (a throwaway benchmark database)


@dataclass
class Clinician:
    username: str
    team_pk: int
    case_pks: list[int] = field(default_factory=list)  # the team's cases with a plan
    draft_path: str = ""  # a draft assessment's next step, where the first round starts
    page_two_path: str = "/cases/"  # the case list's second page, by its Older link's cursor


@dataclass
class Hospital:
    clinicians: list[Clinician]
    api_token: str
    cases: int


def seed(
    *, clinicians: int, cases_per_team: int, drafts: list[int | None], rng: random.Random
) -> Hospital:
    """Clinicians spread over the teams; each team's cases walked through the services, as
    the wizard does, so every plan is a real one. `drafts[i]`: clinician i also has a draft
    case with that many steps saved (None: no draft)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.urls import reverse

    from decisions.api.tokens import api_token_issue
    from decisions.assessment.services import assessment_complete, assessment_save_answers
    from decisions.assessment.steps import STEPS
    from decisions.cases.services import case_create
    from decisions.models import Case, Team

    users = get_user_model().objects
    # One Argon2 hash for all: hashing 50 times would only slow the set-up down.
    password = make_password(PASSWORD)
    people = []
    with transaction.atomic():
        teams = [Team.objects.create(name=name) for name in TEAMS]
        for index in range(clinicians):
            team = teams[index % len(teams)]
            user = users.create(username=f"clinician{index:02d}", password=password)
            team.members.add(user)
            people.append((user, team))
        for team in teams:
            author = next(user for user, their_team in people if their_team == team)
            for i in range(cases_per_team):
                case = case_create(user=author, team=team, **patient(rng))
                assessment = case.assessments.get()
                for _slug, answers in scenario_steps(i % 4 == 0, rng.randrange(45, 120)):
                    assessment_save_answers(assessment=assessment, user=author, answers=answers)
                assessment_complete(assessment=assessment, user=author)
        draft_paths = []
        for (user, team), steps_done in zip(people, drafts, strict=True):
            if steps_done is None:
                draft_paths.append("")
                continue
            case = case_create(user=user, team=team, **patient(rng))
            assessment = case.assessments.get()
            for _slug, answers in scenario_steps(True, rng.randrange(45, 120))[:steps_done]:
                assessment_save_answers(assessment=assessment, user=user, answers=answers)
            where = {"pk": case.pk, "number": assessment.number}
            if steps_done < len(STEPS):
                draft_paths.append(
                    reverse("assessment-step", kwargs={**where, "step": STEPS[steps_done].slug})
                )
            else:
                draft_paths.append(reverse("assessment-review", kwargs=where))
        api_user = users.create(username="ward-ehr")
        api_token = api_token_issue(user=api_user, name="load test")
    with_plan = Case.objects.filter(assessments__plan__isnull=False).order_by("pk")
    case_pks = {
        team.pk: list(with_plan.filter(team=team).values_list("pk", flat=True)) for team in teams
    }
    return Hospital(
        clinicians=[
            Clinician(user.username, team.pk, case_pks[team.pk], path, case_list_page_path(user, 2))
            for (user, team), path in zip(people, draft_paths, strict=True)
        ],
        api_token=api_token,
        cases=Case.objects.count(),
    )
