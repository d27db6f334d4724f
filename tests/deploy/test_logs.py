"""Logs: one JSON object per line with the request's id, and never a patient's name, number or
birth date, with the production LOGGING at its most verbose."""

import io
import json
import logging.config

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from decisions.models import Case
from decisions.monitoring.tasks import reminders_dispatch
from ivig_site.log_format import JsonFormatter, logging_config
from tests.factories import TeamFactory, clinician_in
from tests.web.wizard import plan_url, walk

pytestmark = pytest.mark.django_db

PATIENT = {
    "patient_name": "Zebediah Quixote-Marchbanks",
    "patient_identifier": "MRN7734921",
    "date_of_birth": "1931-02-17",
}
# Also as Python would print the date if it reached a log line (SQL parameters, reprs).
NEVER_LOGGED = [*PATIENT.values(), "Zebediah", "Quixote", "7734921", "1931, 2, 17"]


def production_logging(level: str = "DEBUG", **loggers) -> io.StringIO:
    """Configure logging as production does (JSON, LOG_LEVEL=`level`) into a buffer."""
    config = logging_config(log_format="json", level=level)
    config["handlers"]["stderr"]["stream"] = io.StringIO()
    for name, logger_level in loggers.items():
        config["loggers"][name] = {"handlers": [], "level": logger_level, "propagate": True}
    logging.config.dictConfig(config)
    return config["handlers"]["stderr"]["stream"]


@pytest.fixture
def log_lines():
    """Start capturing with the production config; afterwards, the test's LOGGING again."""
    captured = {}

    def capture(**kwargs):
        captured["buffer"] = production_logging(**kwargs)
        return lambda: [json.loads(line) for line in captured["buffer"].getvalue().splitlines()]

    yield capture
    logging.config.dictConfig(settings.LOGGING)


@pytest.fixture
def sql_echo():
    """Make the database layer hand every SQL statement to its logger, as DEBUG=True does."""
    connection.force_debug_cursor = True
    yield
    connection.force_debug_cursor = False


@pytest.fixture
def team():
    return TeamFactory(name="Haematology")


@pytest.fixture
def browser(team):
    client = Client()
    client.force_login(clinician_in(team, username="dr_logs"))
    return client


def open_case(browser, team) -> Case:
    response = browser.post(reverse("case-new"), {**PATIENT, "team": team.pk})
    assert response.status_code == 302
    return Case.objects.get(patient_identifier=PATIENT["patient_identifier"])


def test_it_logs_no_patient_identifier_while_a_case_goes_through_the_app(
    log_lines, sql_echo, browser, team
):
    lines = log_lines(level="DEBUG")

    case = open_case(browser, team)
    assert walk(browser, case).status_code == 200
    browser.get(reverse("case-list"), {"q": PATIENT["patient_name"]})
    browser.get(reverse("case-list"), {"q": PATIENT["patient_identifier"]})
    browser.get(reverse("case-detail", kwargs={"pk": case.pk}))
    browser.get(reverse("plan-print", kwargs={"pk": case.pk, "number": 1}))
    # Errors are logged too (django.request): a form refused, another team's clinician.
    browser.post(reverse("case-new"), {"patient_name": PATIENT["patient_name"], "team": team.pk})
    outsider = Client()
    outsider.force_login(clinician_in(TeamFactory(name="Cardiology"), username="dr_other"))
    outsider.get(plan_url(case), {"q": PATIENT["patient_name"]})

    logged = lines()
    leaks = [line for line in logged if any(w in json.dumps(line) for w in NEVER_LOGGED)]
    assert leaks == []
    # The capture saw the requests, the searches among them, without their query strings.
    paths = [line.get("path") for line in logged if line["logger"] == "decisions.request"]
    assert paths.count(reverse("case-list")) == 2
    assert any(line["message"].startswith("Not Found:") for line in logged)


@pytest.mark.parametrize("logger", ["django.db.backends", "django.template"])
def test_the_capture_would_see_the_names_these_loggers_log_at_debug(
    log_lines, sql_echo, browser, team, logger
):
    # Why they stay at WARNING: at DEBUG their lines hold query parameters, template contexts.
    lines = log_lines(level="DEBUG", **{logger: "DEBUG"})

    open_case(browser, team)
    browser.get(reverse("case-list"), {"q": PATIENT["patient_name"]})
    # A lookup that fails is logged at DEBUG with the whole context (the app's own pages no
    # longer fail one with a patient in it since the case list's form left crispy-forms).
    Template("{{ case.no_such_field }}").render(Context({"case": PATIENT}))

    text = json.dumps(lines())
    assert [word for word in NEVER_LOGGED if word in text] != []


@pytest.mark.parametrize("level", ["DEBUG", "info", "ERROR"])
@pytest.mark.parametrize("logger", ["django.db.backends", "django.template"])
def test_sql_and_template_contexts_are_never_logged_whatever_the_log_level(level, logger):
    config = logging_config(log_format="json", level=level)

    floor = logging.getLevelName(config["loggers"][logger]["level"])

    assert floor >= max(logging.WARNING, logging.getLevelName(level.upper()))


def test_each_line_is_json_with_the_request_id_the_response_shows(log_lines, browser):
    lines = log_lines(level="INFO")

    response = browser.get(reverse("case-list"), {"q": "anything"})

    [line] = [line for line in lines() if line["logger"] == "decisions.request"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO"
    assert {k: line[k] for k in ("method", "path", "status")} == {
        "method": "GET",
        "path": reverse("case-list"),
        "status": 200,
    }
    assert line["user_id"] == response.wsgi_request.user.pk
    assert isinstance(line["duration_ms"], float)
    assert set(line) >= {"time", "level", "logger", "message"}


def test_it_keeps_a_sane_request_id_from_the_caller(browser):
    response = browser.get(reverse("dashboard"), headers={"X-Request-ID": "ehr-4f2a:17.b_c"})

    assert response["X-Request-ID"] == "ehr-4f2a:17.b_c"


@pytest.mark.parametrize(
    "incoming", ["x" * 65, "<script>alert(1)</script>", 'a" "level": "ERROR', "line\nbreak", ""]
)
def test_it_replaces_an_insane_request_id_with_its_own(browser, incoming):
    response = browser.get(reverse("dashboard"), headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_an_anonymous_request_is_logged_without_a_user(log_lines, db):
    lines = log_lines(level="INFO")

    Client().get(reverse("login"))

    [line] = [line for line in lines() if line["logger"] == "decisions.request"]
    assert line["user_id"] is None


def test_health_checks_are_logged_only_at_debug(log_lines, db):
    lines = log_lines(level="INFO")

    Client().get(reverse("api-health"))

    assert [line for line in lines() if line["logger"] == "decisions.request"] == []


def test_a_celery_tasks_lines_carry_its_task_id(log_lines, db):
    lines = log_lines(level="INFO")

    # apply() runs the task here through Celery's own tracer, as a worker does.
    result = reminders_dispatch.apply()

    traced = [line for line in lines() if line["logger"] == "celery.app.trace"]
    assert traced
    assert {line["task_id"] for line in traced} == {result.id}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's errors name the column, not the values"
)
def test_a_refused_write_is_logged_without_the_row_postgresql_quotes(log_lines, browser):
    lines = log_lines(level="INFO")
    user = browser.get(reverse("dashboard")).wsgi_request.user

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Case.objects.create(**PATIENT, team_id=None, created_by=user)  # no team: refused
    # As Django logs a 500 and Celery a task that failed.
    logging.getLogger("django.request").error("Internal Server Error", exc_info=refused.value)
    logging.getLogger("celery.app.trace").error("Task raised unexpected: %r", refused.value)

    assert "Failing row contains" in str(refused.value)  # what PostgreSQL said
    text = json.dumps(lines())
    assert "IntegrityError" in text
    assert [word for word in NEVER_LOGGED if word in text] == []


@pytest.mark.parametrize(
    "message",
    [
        # gunicorn, when a worker fails or times out on a case search
        "Error handling request GET /cases/?q=Ada+Lovelace&status=open",
        # PostgreSQL quoting a value with a newline in it (a free-text reason, say)
        "null value in column\nDETAIL:  Failing row contains (7, Ada\nLovelace, H123456).",
    ],
)
def test_a_log_line_keeps_no_query_string_and_no_quoted_row(message):
    record = logging.LogRecord("gunicorn.error", logging.ERROR, __file__, 1, message, (), None)

    line = JsonFormatter().format(record)

    assert "Lovelace" not in line
    assert "H123456" not in line
