"""Exporting closed cases to the e-archive as submission information packages.

The public interface, for the management command and for whoever delivers packages (the
registry's file drop):

- ``package_bytes(case)``: the package of a closed case as one tar, without marking the case;
- ``package_write(case, target_dir)``: writes that tar into ``target_dir`` and marks the case
  exported (a ``CaseExport`` row and an audit event), returning the file's path.

Both raise ``PackageRefused`` for a case that is open, has no records, or holds a record whose
bytes no longer match its stored checksum. The same case gives the same package, apart from its
creation date (``created``, now unless given). docs/records.md shows the layout.
"""

import hashlib
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from casework import events
from casework.models import Case

from . import package
from .actions import ArchiveAction
from .contents import PackageRefused
from .models import CaseExport

__all__ = ["PackageRefused", "package_bytes", "package_write"]


def package_bytes(case: Case, *, created: datetime | None = None) -> bytes:
    """The package of a closed case as an uncompressed tar (nothing is recorded)."""
    return package.tar(package.build(case, created=created or timezone.now()))


@transaction.atomic
def package_write(
    case: Case, target_dir: Path, *, acting_user=None, created: datetime | None = None
) -> Path:
    """Write the package of a closed case to ``target_dir/<package id>.tar`` and mark the case
    exported, with the package's checksum, in the same transaction as the audit event."""
    created = created or timezone.now()
    built = package.build(case, created=created)
    data = package.tar(built)
    target = Path(target_dir) / built.file_name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tar.part")
    partial.write_bytes(data)
    partial.replace(target)
    export = CaseExport.objects.create(
        case=case,
        package_id=built.package_id,
        file_name=built.file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        exported_by=acting_user,
        exported_at=created,
    )
    events.record(
        export,
        acting_user,
        ArchiveAction.EXPORTED,
        data={"package_id": export.package_id, "sha256": export.sha256, "size": export.size},
    )
    return target
