"""The site's time zone: where its clinicians read the times. Stored times stay in UTC."""

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONEINFO_DIRS = ("/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/")


def server_time_zone(etc: Path = Path("/etc")) -> str:
    """The server's own zone name (TZ, else /etc/localtime's target, else /etc/timezone), or
    UTC when the server names none."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    localtime = etc / "localtime"
    if localtime.is_symlink():
        target = str(localtime.resolve())
        candidates += [target.removeprefix(d) for d in ZONEINFO_DIRS if target.startswith(d)]
    timezone_file = etc / "timezone"
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text().strip())
    return next((name for name in candidates if is_time_zone(name)), "UTC")


def is_time_zone(name: str) -> bool:
    if not name or name.startswith("/"):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
