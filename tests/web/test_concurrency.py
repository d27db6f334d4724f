"""Two clinicians saving the same case at once: one wins, the other is told; nothing is lost.

Runs on PostgreSQL (as CI does): real concurrent transactions on separate connections.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from decisions.assessment.services import assessment_save_answers
from decisions.cases.services import recommendation_decide
from decisions.cases.versioning import ConcurrentEditError
from decisions.models import Assessment, Case, RecommendationDecision
from tests.factories import TeamFactory, case_for, clinician_in

from .wizard import walk

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]


def race(*actions):
    """Run the actions at the same moment on their own connections; return their outcomes."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            action()
            outcomes[index] = "saved"
        except ConcurrentEditError:
            outcomes[index] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_clinicians_saving_the_same_draft_one_is_refused():
    team = TeamFactory()
    first, second = clinician_in(team), clinician_in(team)
    case = case_for(first, team)
    version = case.version

    def save(user, weight):
        def action():
            assessment = Assessment.objects.get(case=case)
            assessment_save_answers(
                assessment=assessment,
                user=user,
                answers={"weight_kg": weight},
                expected_version=version,
            )

        return action

    assert race(save(first, 70), save(second, 90)) == ["refused", "saved"]
    assert Assessment.objects.get(case=case).answers["weight_kg"] in (70, 90)


def test_two_decisions_on_the_same_page_one_is_refused(client):
    team = TeamFactory()
    first, second = clinician_in(team), clinician_in(team)
    case = case_for(first, team)
    client.force_login(first)
    walk(client, case)
    case.refresh_from_db()
    plan = Assessment.objects.get(case=case).plan

    def decide(user, decision, reason=""):
        return lambda: recommendation_decide(
            plan=plan,
            user=user,
            code="IVIG",
            decision=decision,
            reason=reason,
            expected_version=case.version,
        )

    outcomes = race(decide(first, "accepted"), decide(second, "overridden", "renal failure"))
    assert outcomes == ["refused", "saved"]
    assert RecommendationDecision.objects.count() == 1


def test_two_clinicians_saving_different_fields_at_once_both_are_kept():
    team = TeamFactory()
    first, second = clinician_in(team), clinician_in(team)
    case = case_for(first, team)
    version = case.version

    def save(user, answers):
        def action():
            assessment_save_answers(
                assessment=Assessment.objects.get(case=case),
                user=user,
                answers=answers,
                expected_version=version,
            )

        return action

    outcomes = race(save(first, {"weight_kg": 70}), save(second, {"age_years": 54}))
    assert outcomes == ["saved", "saved"]
    answers = Assessment.objects.get(case=case).answers
    assert (answers["weight_kg"], answers["age_years"]) == (70, 54)  # neither lost


def test_two_clinicians_deciding_separate_recommendations_at_once_both_are_kept(client):
    team = TeamFactory()
    first, second = clinician_in(team), clinician_in(team)
    case = case_for(first, team)
    client.force_login(first)
    walk(client, case)
    case.refresh_from_db()
    plan = Assessment.objects.get(case=case).plan

    def decide(user, code):
        return lambda: recommendation_decide(
            plan=plan, user=user, code=code, decision="accepted", expected_version=case.version
        )

    outcomes = race(decide(first, "IVIG"), decide(second, "CORTICOSTEROID"))
    assert outcomes == ["saved", "saved"]
    assert RecommendationDecision.objects.count() == 2


def test_ten_posts_of_the_same_new_case_form_at_once_open_one_case(clinician, team):
    # Loaded once, sent ten times at the same moment, each on its own connection.
    loader = Client()
    loader.force_login(clinician)
    page = loader.get("/cases/new/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    form = {"patient_name": "Ada Lovelace", "patient_identifier": "H1", "team": team.pk}
    answers = []

    def post():
        client = Client()
        client.force_login(clinician)
        answers.append(client.post("/cases/new/", {**form, "form_token": token}))

    race(*[post] * 10)

    case = Case.objects.get()
    assert [answer.status_code for answer in answers] == [302] * 10
    assert {answer.url.split("/")[2] for answer in answers} == {str(case.pk)}
