"""The privacy notice (GDPR art. 13): how the city's boards process the personal data the
portal collects. Open to everyone, logged in or not; every form that collects personal data
links to it (``templates/includes/privacy_notice.html``)."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.models import Board


@require_safe
def notice(request):
    """Who is responsible, why and on what legal basis, how long, the rights and whom to ask."""
    return render(
        request,
        "privacy/notice.html",
        {
            "boards": Board.objects.order_by("name"),
            "dpo_email": settings.DATA_PROTECTION_OFFICER_EMAIL,
        },
    )
