"""Settings for the IVIG decision-support site, read from the environment.

With nothing set, the site runs as a developer demo: DEBUG on, SQLite in the project directory,
mail printed to the console. A deployment sets the variables listed in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from ivig_site.log_format import logging_config
from ivig_site.time_zone import is_time_zone, server_time_zone

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# Anyone who knows the key can forge sessions, so the built-in one is only for a developer's
# machine: with DEBUG off the site refuses to start without a key of its own.
_DEV_SECRET_KEY = "dev-insecure-only-for-local-demo-never-in-production"  # noqa: S105 # nosec B105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and SECRET_KEY in ("", _DEV_SECRET_KEY):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (required when DJANGO_DEBUG is false).")

# Empty with DEBUG on still admits localhost; with DEBUG off every host must be listed.
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    # Two-factor authentication: authenticator apps (TOTP) and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "decisions.apps.DecisionsConfig",
]

MIDDLEWARE = [
    # First, so that every log line of a request, redirects and errors included, carries its id.
    "decisions.middleware.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response gets the browser-side policies, redirects and errors too.
    "csp.middleware.CSPMiddleware",
    "decisions.middleware.permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so that static files keep their cache and every page says no-store.
    "decisions.middleware.no_store.NoStoreMiddleware",
    # Before CommonMiddleware, which refuses a Host outside ALLOWED_HOSTS: a load balancer's
    # target check sends the instance's own address.
    "decisions.middleware.health_check.HealthCheckMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed its second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before the login check: an expired session is logged out first, then sent to log in.
    "decisions.middleware.session_timeout.SessionTimeoutMiddleware",
    # Before the login check and the views: a client over its limit gets 429 and no work.
    "decisions.middleware.rate_limits.RateLimitMiddleware",
    # Every page needs a login unless its view says @login_not_required (login, health, API).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the login check: a logged-in user who needs a second factor gives it (or sets it up)
    # before any page behind the login, the admin's included.
    "decisions.middleware.two_factor.TwoFactorRequiredMiddleware",
    # Last, as its docs ask: it turns a lockout flagged during the view into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ivig_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "decisions.context_processors.session_timeout",
                "decisions.context_processors.site_urls",
            ],
        },
    },
]

WSGI_APPLICATION = "ivig_site.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse a connection across requests (opening one costs more than a whole API evaluation);
# health checks drop connections the database closed while idle.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that stops answering fails a request in seconds, not at the kernel's
    # TCP timeout after gunicorn has long killed the worker. DATABASE_URL may set its own.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: a commit (every case page writes its "viewed" audit row) is one append
    # and one sync of the log instead of a rollback journal written, synced and deleted, and
    # readers no longer wait for a writer in gunicorn's other workers. SQLITE_SYNCHRONOUS=NORMAL
    # skips that sync too (a power cut may then lose the last commits, never corrupt the file);
    # the default keeps every commit on disk before the page answers.
    SQLITE_SYNCHRONOUS = env.str("SQLITE_SYNCHRONOUS", default="FULL").upper()
    if SQLITE_SYNCHRONOUS not in ("FULL", "NORMAL", "EXTRA"):
        raise ImproperlyConfigured("SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA.")
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS};"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2 for new passwords; the others only check (and then upgrade) hashes made before it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# --- Single sign-on with OpenID Connect (mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is set.
# The endpoints are the provider's (its /.well-known/openid-configuration lists them).
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile groups")
OIDC_USE_PKCE = True
# The claim listing the user's groups; a group named like a team makes the user a member of it
# (decisions/accounts/sso.py), and only those: the provider is the source of truth.
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_CREATE_USER = True
LOGIN_REDIRECT_URL_FAILURE = "/login/"
# Off: clinicians sign in through the provider only; administrators keep their local password
# and second factor (the provider cannot reach an administrator's account, sso.py).
LOCAL_PASSWORDS_FOR_CLINICIANS = env.bool("LOCAL_PASSWORDS_FOR_CLINICIANS", default=True)

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "decisions.accounts.backends.LocalPasswordBackend",
    *(["decisions.accounts.sso.TeamsFromGroupsBackend"] if SSO_ENABLED else []),
]

# Administrators always give a second factor (an authenticator app's code or a recovery code);
# clinicians too when this is on. Someone who has set one up is always asked for it.
MFA_REQUIRED_FOR_CLINICIANS = env.bool("MFA_REQUIRED_FOR_CLINICIANS", default=False)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="IVIG decision support")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Lock out the pair (username, address), never the username alone: otherwise anyone could lock
# a colleague out of the ward's workstation by typing wrong passwords from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
# A wrong password while locked out starts the wait again, so guessing never gets faster.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "decisions.accounts.views.lockout"
AXES_CLIENT_IP_CALLABLE = "decisions.client_address.client_address"
# Behind reverse proxies every client seems to come from the nearest proxy; set how many
# proxies append to X-Forwarded-For so the lockout sees the browser's address instead.
REVERSE_PROXY_COUNT = env.int("REVERSE_PROXY_COUNT", default=0)

# Rate limits (decisions/middleware/rate_limits.py), each "COUNT/SECONDS": the API per token
# and per address; failed sign-ins per address across usernames. Over a limit: 429.
RATE_LIMITS = {
    name: tuple(int(part) for part in env.str(variable, default=default).split("/"))
    for name, variable, default in [
        ("api_per_token", "RATE_LIMIT_API_PER_TOKEN", "120/60"),
        ("api_per_address", "RATE_LIMIT_API_PER_ADDRESS", "240/60"),
        ("login_failures_per_address", "RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS", "20/600"),
    ]
}
# Counted in Redis so that every gunicorn worker and every server shares the counts.
RATE_LIMIT_CACHE = "rate_limits"

# A workstation left logged in on a ward is someone else's access to patient records.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=15)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# HTTPS-only cookies unless debugging; set false only for a deployment without TLS.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- HTTPS. Patient records never travel in clear text, and browsers are told to remember it. ---
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer asks for the health check over plain HTTP inside the network; a redirect to
# HTTPS would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]
# Browsers refuse plain HTTP to this host (and its subdomains) for this long once they have seen
# the site over HTTPS. 0 turns HSTS off (e.g. while first trying TLS out).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Only makes the host eligible for the browsers' preload lists; it gets there only when someone
# submits the domain at hstspreload.org, which is a decision for the hospital's IT.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Behind a proxy that terminates TLS every request reaches Django as plain HTTP; the proxy says
# which it was in X-Forwarded-Proto. Trusted only when set: a client that can reach the site
# without the proxy could otherwise claim HTTPS (the proxy must overwrite the header).
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere, so an injected <script> or style attribute does nothing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the icons Bootstrap's CSS draws (form controls, close buttons).
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Sent as Permissions-Policy by decisions.middleware.permissions_policy; () means nobody.
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "payment": []}

LANGUAGE_CODE = "en-us"
# Times are stored in UTC (USE_TZ) and shown in the site's zone, with its name: TIME_ZONE from
# the environment (an IANA name such as Europe/London), else the server's own zone.
TIME_ZONE = env.str("TIME_ZONE", default="") or server_time_zone()
if not is_time_zone(TIME_ZONE):
    raise ImproperlyConfigured(f"TIME_ZONE {TIME_ZONE!r} is not a known time zone name.")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# `collectstatic` copies the files here (hashed names when DEBUG is off); whitenoise serves them.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names let browsers cache forever, but need `collectstatic` first; the dev server
    # and tests serve the files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "ivig_site.static_storage.ManifestStorageWithURLCache"
    },
}

# An assessment is a few hundred bytes of JSON; a large body is a mistake or an attack.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

# EMAIL_URL sets EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ... in one variable,
# e.g. smtp+tls://user:password@smtp.example.org:587
globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
# The sender names no drug either: emails carry the case reference only (minimum necessary).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="renal-checks@localhost")

# Mail must not hang a worker past its task's time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Links in emails point here (behind the login), e.g. https://ivig.example.org
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Celery: the broker carries only the work of the moment; the database is the schedule. ---
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# redis-py names a unix socket unix:///path (the health check); kombu calls it redis+socket://.
CELERY_BROKER_URL = (
    "redis+socket://" + REDIS_URL.removeprefix("unix://")
    if REDIS_URL.startswith("unix://")
    else REDIS_URL
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    RATE_LIMIT_CACHE: (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Deployments sharing a Redis keep their counts apart.
            "KEY_PREFIX": env.str("RATE_LIMIT_KEY_PREFIX", default="ivig"),
            # A Redis that does not answer costs a request a second at most (then no limit).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL.startswith(("redis://", "rediss://", "unix://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
}
# JSON only: a pickled message from anyone who can reach the broker could run code here.
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
# One queue per deployment sharing a Redis (tests use their own).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker waits for the broker however long it is away, then carries on.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
# Publishing from a web request (after commit) gives up quickly: the dispatcher sends anyway.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# An unacknowledged message comes back after this long; no task waits anywhere near it (retries
# back off for minutes at most, and nothing is scheduled days ahead on the broker).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# acks_late tasks take one message at a time, so a dying worker holds few.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# On a warm shutdown (SIGTERM), tasks get this long to finish before their messages go back.
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = env.float("CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT", default=10.0)
CELERY_WORKER_ENABLE_SOFT_SHUTDOWN_ON_IDLE = True
CELERY_TASK_SOFT_TIME_LIMIT = 45
CELERY_TASK_TIME_LIMIT = 60
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "dispatch-due-reminders": {
        "task": "decisions.tasks.reminders_dispatch",
        "schedule": env.float("REMINDER_DISPATCH_EVERY_SECONDS", default=60.0),
        # A tick that waited longer than a minute is replaced by the next one.
        "options": {"expires": 55},
    },
    # The EHR integration: prefills no case was opened from, once a day old (decisions/ehr/).
    "purge-ehr-prefills": {
        "task": "decisions.tasks.ehr_purge",
        "schedule": 3600.0,
        "options": {"expires": 3500},
    },
}

# Renal-check reminders (decisions/monitoring/reminders.py). The check times themselves are the
# engine's (EngineOptions.renal_check_hours), set here by IVIG_RENAL_CHECK_HOURS.
IVIG_RENAL_CHECK_HOURS = tuple(env.list("IVIG_RENAL_CHECK_HOURS", cast=int, default=[24, 72, 168]))
if not IVIG_RENAL_CHECK_HOURS or min(IVIG_RENAL_CHECK_HOURS) <= 0:
    # seed ref 3: never IVIG without renal monitoring; the engine refuses such a plan anyway.
    raise ImproperlyConfigured("IVIG_RENAL_CHECK_HOURS needs at least one check, in hours > 0.")
IVIG_RENAL_RISK_EXTRA_HOURS = tuple(env.list("IVIG_RENAL_RISK_EXTRA_HOURS", cast=int, default=[48]))
# Rules 2027.1: during a multi-day course, the check before the next day's infusion falls due
# this many hours after the end of the day's infusion (a blood test before the next dose).
IVIG_RENAL_CHECK_BEFORE_NEXT_DAY_HOURS = env.int(
    "IVIG_RENAL_CHECK_BEFORE_NEXT_DAY_HOURS", default=12
)
if IVIG_RENAL_CHECK_BEFORE_NEXT_DAY_HOURS <= 0:
    raise ImproperlyConfigured("IVIG_RENAL_CHECK_BEFORE_NEXT_DAY_HOURS must be above 0.")
# A send holds its reminder this long; longer than CELERY_TASK_TIME_LIMIT, so it never lapses
# while its worker still runs.
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=120)
# A queued reminder not sent after this long (its message lost with the broker) is queued again.
REMINDER_REQUEUE_AFTER_SECONDS = env.int("REMINDER_REQUEUE_AFTER_SECONDS", default=600)
# Sent this long after it was due, a reminder says it is late.
REMINDER_LATE_AFTER_SECONDS = env.int("REMINDER_LATE_AFTER_SECONDS", default=900)
# The day-7 review of an IVIG course (BloodSTAR, NHS England's Immunoglobulin Database): due
# this many days after the course's first infusion, overdue this many days after that.
IVIG_REVIEW_DAYS = env.int("IVIG_REVIEW_DAYS", default=7)
IVIG_REVIEW_OVERDUE_AFTER_DAYS = env.int("IVIG_REVIEW_OVERDUE_AFTER_DAYS", default=2)
if IVIG_REVIEW_DAYS <= 0 or IVIG_REVIEW_OVERDUE_AFTER_DAYS < 0:
    raise ImproperlyConfigured("IVIG_REVIEW_DAYS must be above 0, the overdue days 0 or more.")
# The Django group whose members see the stewardship page and export, across all teams.
STEWARDSHIP_GROUP = env.str("STEWARDSHIP_GROUP", default="Stewardship")
# Retries of a refused send: 1, 2, 4, ... times this, at most REMINDER_RETRY_BACKOFF_MAX.
REMINDER_RETRY_BACKOFF_SECONDS = env.float("REMINDER_RETRY_BACKOFF_SECONDS", default=30.0)
REMINDER_RETRY_BACKOFF_MAX = env.float("REMINDER_RETRY_BACKOFF_MAX", default=600.0)
REMINDER_MAX_RETRIES = env.int("REMINDER_MAX_RETRIES", default=5)
# After the last retry the dispatcher tries again this much later, for as long as it takes.
REMINDER_RETRY_LATER_SECONDS = env.int("REMINDER_RETRY_LATER_SECONDS", default=900)
REMINDER_DISPATCH_BATCH = env.int("REMINDER_DISPATCH_BATCH", default=500)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Vials come in fixed sizes; plans show the dose rounded to the nearest vial beside the exact dose.
IVIG_VIAL_SIZE_G = env.float("IVIG_VIAL_SIZE_G", default=5.0)

# How long one process trusts an API token it has checked (decisions/api/tokens.py); 0 checks the
# database on every request. A revoked token stops working in other processes within this time.
API_TOKEN_CACHE_SECONDS = env.int("API_TOKEN_CACHE_SECONDS", default=10)
# How long a new API token works (`issue_api_token --days` for another lifetime).
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)

# --- Logs: one JSON object per line on stderr (ivig_site/log_format.py), each with the id of its
# request or Celery task. They never name a patient: SQL (with its parameters) is not logged at
# any LOG_LEVEL, request lines carry the path without its query string (a search holds names)
# and the user's id, not their username.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)
