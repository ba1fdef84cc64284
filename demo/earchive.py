"""Demo: a closed case exported to the e-archive. The application whose report-back was
approved (demo.applications) is closed by that approval; its package is written to
``EARCHIVE_DIR`` as the records manager's export would write it."""

from django.conf import settings
from django.core.management.base import CommandError

from casework.services import case_close
from documents import producing
from documents.models import Document
from earchive import services
from earchive.models import CaseExport
from funding.models import FundingApplication
from organisations.models import User

from .applications import PREFIX

EXPORTED = "Skateboardkurs på sommarlovet"


def load(out) -> None:
    """Export the demo's closed case once (demo mode; after the demo applications); loading
    again adds nothing."""
    application = FundingApplication.objects.filter(title=PREFIX + EXPORTED).first()
    if application is None:
        raise CommandError("The demo export needs the demo applications: load those first.")
    case = application.case
    if CaseExport.objects.filter(case=case).exists():
        out.write("The demo case is exported already.")
        return
    officer = User.objects.get(username="handlaggare")
    # Demo only: a final document still waiting for the worker (loaded without one, or in a
    # transaction that has not committed) is produced now, by the worker's own service.
    pending = Document.objects.filter(
        case=case, status=Document.Status.FINAL, rendered_at__isnull=True
    )
    for document_id in pending.values_list("pk", flat=True):
        producing.document_render(document_id=document_id)
    if case.closed_at is None:
        case = case_close(case=case, acting_user=officer, reason="Redovisningen är godkänd.")
    path = services.package_write(case, settings.EARCHIVE_DIR, acting_user=officer)
    out.write(f"{case.case_number} exported to the e-archive: {path}")
