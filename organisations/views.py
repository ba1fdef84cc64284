from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from config.downloads import private_file_response

from . import selectors


@login_required
def organisation_detail(request, pk):
    organisation = selectors.get_organisation_or_404(request.user, pk)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "evidence": selectors.evidence_status(organisation),
            "boards": organisation.boards.all(),
        },
    )


@login_required
def evidence_file(request, pk):
    evidence = selectors.get_evidence_or_404(request.user, pk)
    return private_file_response(evidence.file)
