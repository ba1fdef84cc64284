"""Every URL that carries an object id, and how to make an object for it.

``test_object_urls.py`` walks the URL resolver: a pattern with a parameter that is neither
registered here nor exempt fails the suite, so a new page cannot land without its rule. Each
maker receives an organisation and returns the URL kwargs of an object that belongs to it;
a member of another organisation must get 404 for it, for GET and for POST.
"""

from collections.abc import Callable

from tests import factories

ObjectMaker = Callable[..., dict]

OBJECT_URLS: dict[str, ObjectMaker] = {}

# Namespaces whose pages never show one organisation's objects to another's members, with why.
EXEMPT_NAMESPACES = {
    "admin": "the Django admin is for administrators only (see test_admin_is_for_staff)",
}


def object_url(name: str):
    def register(maker: ObjectMaker) -> ObjectMaker:
        OBJECT_URLS[name] = maker
        return maker

    return register


@object_url("casework:case_detail")
@object_url("casework:comment_create")
def _case(organisation) -> dict:
    return {"case_number": factories.CaseFactory(organisation=organisation).case_number}


@object_url("organisations:organisation_detail")
def _organisation(organisation) -> dict:
    return {"pk": organisation.pk}


@object_url("organisations:evidence_file")
def _evidence(organisation) -> dict:
    from django.core.files.base import ContentFile

    evidence = factories.EvidenceFactory(organisation=organisation)
    evidence.file.save("stadgar.pdf", ContentFile(b"%PDF-1.4 stadgar"), save=True)
    return {"pk": evidence.pk}
