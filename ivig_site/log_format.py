"""Log lines for machines: one JSON object per line, each with the id of its request or task.

The web processes (through settings.LOGGING), the Celery worker and beat (the same settings) and
gunicorn itself (gunicorn.conf.py) all write with these formatters. No Django import here:
gunicorn loads this module before Django is set up.
"""

import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime

import orjson
from celery import current_task

# Set by decisions.middleware.request_id for the duration of a request.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# What a record may carry beyond its message: the request line's fields (the request id
# middleware passes them as `extra`). Anything else a library attaches (Django's `request`,
# with its query string) is left out on purpose.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id")

# Loggers whose DEBUG lines carry patient data (see logging_config).
# httpx and httpcore log each URL they fetch at INFO: the EHR's FHIR searches name its patient
# (decisions/ehr/fhir_read.py).
DATA_LOGGERS = ("django.db.backends", "django.template", "httpx", "httpcore")

# PostgreSQL explains a refused write with the values: "DETAIL: Failing row contains (..., Ada
# Lovelace, H123456, 1931-02-17, ...)" or "Key (...)=(...) already exists". Log lines keep the
# error's first line and lose the rest of that one, in a traceback or in a message that quotes
# the error (Celery's "Task ... raised unexpected: IntegrityError(...)").
# A quoted value may hold a newline, so the DETAIL runs to the next blank line or the end.
PG_DETAIL = re.compile(r"DETAIL: .*?(?=\n\n|\Z)", re.DOTALL)
PG_DETAIL_LEFT_OUT = "DETAIL: (left out of the logs: it may hold patient data)"
# A URL's query string: a case search's ?q= holds a patient's name. gunicorn quotes the request
# line when a worker fails or times out ("Error handling request GET /cases/?q=...").
QUERY_STRING = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")
QUERY_STRING_LEFT_OUT = r"\1?(query left out)"


def without_data(text: str) -> str:
    """`text` without PostgreSQL's DETAIL text and without the query strings of URLs."""
    if "DETAIL: " in text:
        text = PG_DETAIL.sub(PG_DETAIL_LEFT_OUT, text)
    return QUERY_STRING.sub(QUERY_STRING_LEFT_OUT, text) if "?" in text else text


class LogContextFilter(logging.Filter):
    """Give every record the id of the request or Celery task it was logged in, or None."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        task = current_task
        record.task_id = task.request.id if task else None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id or task_id, the
    request line's fields when there are any, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": without_data(record.getMessage()),
        }
        for key in ("request_id", "task_id"):
            value = getattr(record, key, None)
            if value:
                entry[key] = value
        for key in REQUEST_FIELDS:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = without_data(record.exc_text)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return orjson.dumps(entry, default=str).decode()

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return without_data(super().formatException(ei))


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s%(task_id)s] %(message)s"


class TextFormatter(logging.Formatter):
    """For a developer's terminal: the same records, one readable line each."""

    def __init__(self):
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        record.request_id = getattr(record, "request_id", None) or ""
        record.task_id = getattr(record, "task_id", None) or ""
        return super().format(record)

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return without_data(super().formatMessage(record))

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return without_data(super().formatException(ei))


def logging_config(*, log_format: str, level: str) -> dict:
    """settings.LOGGING: everything to stderr through the root logger, as `log_format`
    ("json" or "text"), from `level` up."""
    if log_format not in ("json", "text"):
        raise ValueError(f"LOG_FORMAT must be json or text, not {log_format!r}")
    level = level.upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ValueError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
    floor_level = level if logging.getLevelName(level) >= logging.WARNING else "WARNING"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": LogContextFilter}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"()": TextFormatter},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["context"],
                "formatter": log_format,
            },
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Django's own default handlers would print its lines a second time.
            "django": {"handlers": [], "level": level, "propagate": True},
            # At DEBUG these log patient names, numbers and birth dates: every SQL statement
            # with its parameters, and a template's whole context (a form's data among it) with
            # each variable it could not resolve. Never below WARNING, whatever LOG_LEVEL says.
            **{
                name: {"handlers": [], "level": floor_level, "propagate": True}
                for name in DATA_LOGGERS
            },
        },
    }
