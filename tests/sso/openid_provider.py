"""A real OpenID provider on loopback: Node running the `oidc-provider` package (provider/).

Its node_modules are installed from package-lock.json on first use (npm ci, from the registry).
"""

import shutil
import socket
import subprocess  # nosec B404 # the test starts its own provider
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
CLIENT_ID = "ivig-test"
CLIENT_SECRET = "ivig-test-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _install_once(npm: str):
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(  # noqa: S603
            [npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"],
            cwd=PROVIDER_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )


@contextmanager
def running_provider(redirect_uri: str):
    """Start the provider for a client whose only redirect is `redirect_uri`; yield its
    endpoints, named as the settings name them."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("Node.js and npm are needed for the OpenID provider (apt-get install nodejs)")
    _install_once(npm)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [node, "provider.js", str(port), redirect_uri],
        cwd=PROVIDER_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # It prints one line once it listens (or exits, and readline returns "").
        line = process.stdout.readline()
        assert line.startswith("listening"), f"the provider did not start: {line!r}"
        issuer = f"http://127.0.0.1:{port}"
        yield SimpleNamespace(
            OIDC_RP_CLIENT_ID=CLIENT_ID,
            OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
            OIDC_OP_AUTHORIZATION_ENDPOINT=f"{issuer}/auth",
            OIDC_OP_TOKEN_ENDPOINT=f"{issuer}/token",
            OIDC_OP_USER_ENDPOINT=f"{issuer}/me",
            OIDC_OP_JWKS_ENDPOINT=f"{issuer}/jwks",
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
