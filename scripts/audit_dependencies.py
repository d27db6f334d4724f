"""Known vulnerabilities of every installed distribution, said honestly.

pip-audit alone prints "No known vulnerabilities found" even when it could look up nothing
(every package skipped: the advisory database unreachable). This runs it with JSON output,
says how many packages were audited and how many skipped, and fails when:

- a known vulnerability is found (raise the range in pyproject.toml, or pass
  `--ignore-vuln ID` in scripts/test with the reason);
- no package at all could be audited, unless PIP_AUDIT_OFFLINE_OK=1 says this machine cannot
  reach the advisory database (README, "Dependency audit"); then it says so and passes.

Usage: python scripts/audit_dependencies.py [--report FILE] [pip-audit options, e.g.
--ignore-vuln ID]. The project itself (editable, not on PyPI) is not audited.
"""

import json
import os
import subprocess  # nosec B404 # runs pip-audit, a fixed command of our own
import sys
from dataclasses import dataclass
from pathlib import Path

OFFLINE_OK = "PIP_AUDIT_OFFLINE_OK"
PIP_AUDIT = [sys.executable, "-m", "pip_audit"]
BASE_OPTIONS = ["--skip-editable", "--progress-spinner", "off", "--format", "json"]
TRUE_WORDS = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Verdict:
    exit_code: int
    lines: list[str]


def offline_ok(environ=os.environ) -> bool:
    return environ.get(OFFLINE_OK, "").strip().lower() in TRUE_WORDS


def judge(report: dict, *, offline_is_ok: bool) -> Verdict:
    """What pip-audit's JSON report means: the counts in words, and whether the run fails."""
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    lines = [
        f"pip-audit: {len(audited)} of {len(dependencies)} packages audited against the "
        f"advisory database, {len(skipped)} skipped, {len(vulnerable)} with known "
        "vulnerabilities."
    ]
    lines += [f"  skipped {d['name']}: {d['skip_reason']}" for d in skipped[:10]]
    if len(skipped) > 10:
        lines.append(f"  ... and {len(skipped) - 10} more skipped")
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "none yet"
            lines.append(
                f"  VULNERABLE {dependency['name']} {dependency.get('version', '')}: "
                f"{vuln['id']} (fixed in: {fixes})"
            )
    if vulnerable:
        return Verdict(1, [*lines, "FAIL: known vulnerabilities (see above)."])
    if not audited:
        if offline_is_ok:
            return Verdict(
                0,
                [
                    *lines,
                    f"NOT AUDITED: no package could be checked; {OFFLINE_OK}=1 says the advisory "
                    "database is unreachable here, so this run passes knowing nothing about "
                    "their vulnerabilities.",
                ],
            )
        return Verdict(
            1,
            [
                *lines,
                "FAIL: no package could be audited (is the advisory database reachable?). "
                f"Where it cannot be reached, set {OFFLINE_OK}=1 to pass without an audit.",
            ],
        )
    return Verdict(0, lines)


def run_pip_audit(options: list[str], command: list[str] = PIP_AUDIT) -> tuple[dict | None, str]:
    """pip-audit's JSON report (None if it gave none) and what it wrote to stderr."""
    finished = subprocess.run(  # noqa: S603  # nosec B603 # our own fixed command, no shell
        [*command, *BASE_OPTIONS, *options], capture_output=True, text=True, check=False
    )
    try:
        return json.loads(finished.stdout), finished.stderr
    except json.JSONDecodeError:
        return None, finished.stderr or finished.stdout


def main(argv: list[str], environ=os.environ, command: list[str] = PIP_AUDIT) -> int:
    report_path = None
    if argv[:1] == ["--report"]:
        report_path, argv = Path(argv[1]), argv[2:]
    report, errors = run_pip_audit(argv, command)
    if report is None:
        print(f"FAIL: pip-audit gave no report:\n{errors.strip()}", file=sys.stderr)
        return 2
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(json.dumps(report, indent=2))
    verdict = judge(report, offline_is_ok=offline_ok(environ))
    print("\n".join(verdict.lines))
    return verdict.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
