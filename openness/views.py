"""The public register: pages anyone may open without logging in."""

from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors
from .forms import GrantFilterForm, RegisterFilterForm

PAGE_SIZE = 20


def _filters(form) -> dict:
    return form.cleaned_data if form.is_valid() else {}


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def agreements(request):
    """Signed IOP agreements: parties, purpose, period, money and challenge area."""
    form = RegisterFilterForm(request.GET or None)
    filters = _filters(form)
    inquiries = selectors.signed_inquiries(
        year=filters.get("year"),
        challenge_area=filters.get("challenge_area"),
        query=filters.get("q", ""),
    )
    page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "openness/agreements.html",
        {
            "form": form,
            "page": page,
            "agreements": selectors.public_agreements(page.object_list),
            "query": _query_without_page(request),
        },
    )


def grants(request):
    """Granted funding per organisation and year, for the programmes that publish it."""
    form = GrantFilterForm(request.GET or None)
    filters = _filters(form)
    rows = selectors.published_grants(year=filters.get("year"), query=filters.get("q", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "openness/grants.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
        },
    )
