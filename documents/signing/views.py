"""An electronic signing's PDF (the document as signed up to and including it) and its
validation report, for whoever may see the document; 404 for anyone else, whatever the method."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed

from common.downloads import private_file_response

from .. import policy
from ..models import Signing
from .validation import report_text


def _signing_or_404(request, pk) -> Signing:
    signing = (
        Signing.objects.filter(pk=pk, document__in=policy.visible_documents(request.user))
        .exclude(signed_file="")
        .select_related("document__case")
        .first()
    )
    if signing is None:
        raise Http404
    return signing


@login_required
def signing_pdf(request, pk):
    signing = _signing_or_404(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    name = signing.document.download_name.removesuffix(".pdf")
    return private_file_response(signing.signed_file, filename=f"{name}-signerad.pdf")


@login_required
def signing_report(request, pk):
    signing = _signing_or_404(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    name = signing.document.download_name.removesuffix(".pdf")
    response = HttpResponse(
        report_text(signing.validation), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-validering.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
