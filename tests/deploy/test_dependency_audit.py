"""The dependency audit says how many packages it audited and fails when it audited none,
unless PIP_AUDIT_OFFLINE_OK says the advisory database is unreachable (scripts/test, README)."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = load("audit_dependencies")

DJANGO_AUDITED = {"name": "django", "version": "5.2.19", "vulns": []}
CELERY_AUDITED = {"name": "celery", "version": "5.6.3", "vulns": []}
SKIPPED = {
    "name": "amqp",
    "skip_reason": "Dependency not found on PyPI and could not be audited: amqp (5.4.2)",
}
VULNERABLE = {
    "name": "django",
    "version": "5.2.0",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": [], "description": ""}],
}


def report(*dependencies) -> dict:
    return {"dependencies": list(dependencies), "fixes": []}


@pytest.mark.parametrize(
    ("dependencies", "offline_ok", "exit_code", "first_line"),
    [
        # All audited, nothing found: passes and says so.
        ([DJANGO_AUDITED, CELERY_AUDITED], False, 0, "2 of 2 packages audited"),
        # Some skipped (not on PyPI): passes, the skipped ones listed.
        ([DJANGO_AUDITED, SKIPPED], False, 0, "1 of 2 packages audited"),
        # Every package skipped (no advisory database): fails...
        ([SKIPPED, SKIPPED], False, 1, "0 of 2 packages audited"),
        # ...unless the environment says the database is unreachable.
        ([SKIPPED, SKIPPED], True, 0, "0 of 2 packages audited"),
        # No package at all is no audit either.
        ([], False, 1, "0 of 0 packages audited"),
        # A known vulnerability fails, whatever the environment says.
        ([VULNERABLE, CELERY_AUDITED], False, 1, "2 of 2 packages audited"),
        ([VULNERABLE, SKIPPED], True, 1, "1 of 2 packages audited"),
    ],
)
def test_the_verdict(dependencies, offline_ok, exit_code, first_line):
    verdict = audit.judge(report(*dependencies), offline_is_ok=offline_ok)

    assert verdict.exit_code == exit_code
    assert first_line in verdict.lines[0]


def test_it_says_plainly_that_nothing_was_audited_when_offline_is_allowed():
    verdict = audit.judge(report(SKIPPED), offline_is_ok=True)

    assert verdict.lines[-1].startswith("NOT AUDITED: no package could be checked")
    assert "No known vulnerabilities found" not in "\n".join(verdict.lines)


def test_it_names_the_vulnerability_and_its_fix():
    lines = "\n".join(audit.judge(report(VULNERABLE), offline_is_ok=False).lines)

    assert "VULNERABLE django 5.2.0: PYSEC-2025-1 (fixed in: 5.2.1)" in lines
    assert lines.endswith("FAIL: known vulnerabilities (see above).")


@pytest.mark.parametrize(
    ("value", "allowed"),
    [("1", True), ("true", True), ("yes", True), ("", False), ("0", False), ("false", False)],
)
def test_the_offline_variable(value, allowed):
    assert audit.offline_ok({audit.OFFLINE_OK: value}) is allowed


@pytest.fixture
def fake_pip_audit(tmp_path):
    """A stand-in for pip-audit: prints the report given to it and records its arguments."""

    def make(printed: str) -> list[str]:
        script = tmp_path / "fake_pip_audit.py"
        script.write_text(
            "import sys, pathlib\n"
            f"pathlib.Path({str(tmp_path / 'args')!r}).write_text(' '.join(sys.argv[1:]))\n"
            f"print({printed!r})\n"
        )
        return [sys.executable, str(script)]

    return make


def test_it_runs_pip_audit_for_json_and_keeps_the_report(fake_pip_audit, tmp_path, capsys):
    command = fake_pip_audit(json.dumps(report(DJANGO_AUDITED, SKIPPED)))
    kept = tmp_path / "artifacts" / "pip-audit.json"

    code = audit.main(["--report", str(kept), "--ignore-vuln", "X-1"], {}, command)

    assert code == 0
    assert "1 of 2 packages audited" in capsys.readouterr().out
    args = (tmp_path / "args").read_text()
    assert "--format json" in args and "--skip-editable" in args and "--ignore-vuln X-1" in args
    assert json.loads(kept.read_text())["dependencies"][0]["name"] == "django"


def test_it_fails_when_every_package_is_skipped(fake_pip_audit, capsys):
    command = fake_pip_audit(json.dumps(report(SKIPPED)))

    assert audit.main([], {}, command) == 1
    assert audit.main([], {audit.OFFLINE_OK: "1"}, command) == 0
    assert "NOT AUDITED" in capsys.readouterr().out


def test_it_fails_when_pip_audit_gives_no_report(fake_pip_audit, capsys):
    assert audit.main([], {audit.OFFLINE_OK: "1"}, fake_pip_audit("Traceback: boom")) == 2
    assert "pip-audit gave no report" in capsys.readouterr().err


def test_the_test_command_runs_the_honest_audit_not_pip_audit_alone():
    test_command = (ROOT / "scripts" / "test").read_text()

    assert "scripts/audit_dependencies.py" in test_command
    assert ".venv/bin/pip-audit " not in test_command
