"""A case's documents: the list of versions, one version's page, its preview and its PDF (the
signed PDF once it has electronic signatures).

Every view finds the case or document through the policy first, so that someone who may not
see it gets 404 whatever the method. While a version is being produced its page says so and
answers ``X-Documents-Pending`` so that ``documents/js/refresh.js`` reloads it when ready.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from casework import policy as case_policy
from common.downloads import private_file_response

from . import kinds, policy, selectors, services
from .language import DOCUMENT_LANGUAGE
from .models import FinalDocumentError
from .signing.services import latest_signing

PENDING_HEADER = "X-Documents-Pending"


def _refuse_unsafe(request):
    # Asked only after the access check: to an outsider every method answers 404.
    if request.method in ("GET", "HEAD"):
        return None
    return HttpResponseNotAllowed(["GET", "HEAD"])


def _with_pending(response, pending: int):
    response[PENDING_HEADER] = str(pending)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def case_documents(request, case_number):
    case = case_policy.get_case_or_404(request.user, case_number=case_number)
    if refused := _refuse_unsafe(request):
        return refused
    groups = selectors.case_documents(request.user, case)
    pending = sum(selectors.count_pending(group.versions) for group in groups)
    context = {"case": case, "groups": groups, "pending": pending}
    return _with_pending(render(request, "documents/case_documents.html", context), pending)


@login_required
def document_detail(request, pk):
    document = policy.get_document_or_404(request.user, pk=pk)
    if refused := _refuse_unsafe(request):
        return refused
    context = {
        "document": document,
        "case": document.case,
        "signings": document.signings.all(),
        "signed": latest_signing(document),
        "may_render_again": policy.may_render_again(request.user)
        and not (document.is_final and document.is_ready),
    }
    response = render(request, "documents/document_detail.html", context)
    return _with_pending(response, int(document.is_pending))


@login_required
def document_preview(request, pk):
    """The draft as a web page, from the same template as its PDF."""
    document = policy.get_document_or_404(request.user, pk=pk)
    if refused := _refuse_unsafe(request):
        return refused
    if document.is_final:
        raise Http404  # the final version is its PDF
    context = kinds.load_context(document.kind, document.context)
    values = kinds.template_values(document.kind, context, draft=True, preview=True)
    values.update(document=document, case=document.case)
    # The preview shows the document as it leaves the municipality: in Swedish.
    with translation.override(DOCUMENT_LANGUAGE):
        return render(request, kinds.spec(document.kind).template_name, values)


@login_required
def document_download(request, pk):
    document = policy.get_document_or_404(request.user, pk=pk)
    if refused := _refuse_unsafe(request):
        return refused
    if not document.is_ready:
        raise Http404
    # Once signed, the document is the PDF its last signature (or the seal) left.
    if signed := latest_signing(document):
        name = document.download_name.removesuffix(".pdf")
        return private_file_response(signed.signed_file, filename=f"{name}-signerad.pdf")
    return private_file_response(document.file, filename=document.download_name)


@login_required
def document_render_again(request, pk):
    document = policy.get_document_or_404(request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not policy.may_render_again(request.user):
        raise PermissionDenied
    try:
        services.document_render_again(document=document, acting_user=request.user)
    except FinalDocumentError:
        messages.error(request, _("A final document is never produced again. Make a new version."))
    else:
        messages.success(request, _("The document is being produced again."))
    return redirect(document.get_absolute_url())
