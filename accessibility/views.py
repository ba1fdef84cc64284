"""The accessibility statement (tillgänglighetsredogörelse) the DOS law requires: open to
everyone, logged in or not, in Swedish and English."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

# When the statement was last reviewed against the pages; change it with the text.
REVIEWED_ON = datetime.date(2026, 11, 23)


@require_safe
def statement(request):
    """How accessible the portal is, what is not yet, and where to report a problem."""
    return render(
        request,
        "accessibility/statement.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL, "reviewed_on": REVIEWED_ON},
    )
