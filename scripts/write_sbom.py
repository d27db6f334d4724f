"""A CycloneDX SBOM (software bill of materials) of the installed environment, as JSON.

Usage: python scripts/write_sbom.py FILE   (scripts/test writes test-artifacts/sbom.cdx.json)

cyclonedx-py (cyclonedx-bom) lists every distribution installed beside this Python, with its
version, licence and package URL, the project itself (from pyproject.toml) as the root
component, and validates the document against the CycloneDX schema before writing it.
"""

import json
import subprocess  # nosec B404 # runs cyclonedx-py, a fixed command of our own
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_sbom(path: Path, python: str = sys.executable) -> dict:
    """Write the SBOM of `python`'s environment to `path`; return it, read back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603  # nosec B603 # our own fixed command, no shell
        [
            sys.executable, "-m", "cyclonedx_py", "environment",
            "--pyproject", str(ROOT / "pyproject.toml"),
            "--output-format", "JSON", "--output-reproducible", "--validate",
            "--output-file", str(path), python,
        ],
        check=True,
    )  # fmt: skip
    return json.loads(path.read_text())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[0])
    sbom = write_sbom(path)
    print(f"SBOM: {len(sbom.get('components', []))} components (CycloneDX) in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
