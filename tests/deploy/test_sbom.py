"""The CycloneDX SBOM of the installed environment: valid JSON that lists what is installed, the
project as its root component (scripts/test writes it to test-artifacts/sbom.cdx.json)."""

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import django
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sbom(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("sbom") / "sbom.cdx.json"
    finished = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "write_sbom.py"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "components (CycloneDX)" in finished.stdout
    return json.loads(path.read_text())


def test_it_is_a_cyclonedx_document_of_this_project(sbom):
    assert sbom["bomFormat"] == "CycloneDX"
    assert sbom["metadata"]["component"]["name"] == "ivig-decision-support"


def test_it_lists_django_with_the_installed_version(sbom):
    django_components = [c for c in sbom["components"] if c["name"].lower() == "django"]

    assert [c["version"] for c in django_components] == [django.__version__]
    assert django_components[0]["purl"] == f"pkg:pypi/django@{django.__version__}"


def test_it_lists_every_installed_distribution(sbom):
    installed = {
        dist.metadata["Name"].lower().replace("_", "-")
        for dist in importlib.metadata.distributions()
    }
    listed = {c["name"].lower().replace("_", "-") for c in sbom["components"]}

    assert {"celery", "weasyprint", "django-otp", "pip-audit"} <= listed
    assert installed - listed <= {"ivig-decision-support"}  # the root component, not a part


def test_the_test_command_writes_it_into_the_gitignored_artifacts():
    assert (
        "scripts/write_sbom.py test-artifacts/sbom.cdx.json"
        in (ROOT / "scripts" / "test").read_text()
    )
    assert "/test-artifacts/" in (ROOT / ".gitignore").read_text().split()
