"""What "today" is for a build: SOURCE_DATE_EPOCH when set, so builds are reproducible."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def build_moment(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH ska vara sekunder sedan 1970 (ett heltal), inte {epoch!r}.")
        return dt.datetime.fromtimestamp(int(epoch), tz=STOCKHOLM)
    return dt.datetime.now(tz=STOCKHOLM)


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The date in Sweden at build time."""
    return build_moment(environ).date()
