"""Where a bench database's stored files live. Each database has its own folder: two databases
built with the same case numbers would otherwise write the same file names, and the one built
last would leave the other's checksums wrong. ``samverkan_bench`` keeps the folder it always
had."""

from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def files_of(database: str) -> Path:
    name = urlparse(database).path.lstrip("/")
    return (
        ROOT / "var" / ("bench-private" if name == "samverkan_bench" else f"bench-private-{name}")
    )
