"""The host assignment as an agreement on record: registered as a case of its own, produced
as a final document by the worker, signed by the idea-based host organisation's authorised
signatory and by the person the host administration's board authorised, then sealed by the
municipality. The signing is the documents app's, as for an IOP agreement."""

import json

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Case
from casework.services import case_register
from documents import contexts as doc
from documents.contexts import to_data
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document, Signing
from documents.services import document_request, document_sign
from documents.signing.services import document_sign_electronically
from organisations.models import Board
from partnerships.documents import organisation_signatory

from ..models import HostPair
from ..selectors import areas as selectors

# The municipality's agreements with the idea-based sector are registered in the executive
# board's series, as IOP inquiries are.
CASE_SERIES = "SK"


@transaction.atomic
def host_assignment_request(*, pair: HostPair, acting_user) -> Document:
    """Make the next final version of the pair's host assignment; the worker produces it. The
    pair's case is registered first if it has none (a pair recorded before agreements were
    stored). A version that would say what the latest says is not made again."""
    if not selectors.may_manage_areas(acting_user):
        raise PermissionDenied
    pair = (
        HostPair.objects.select_for_update(of=("self",))
        .select_related("area", "case")
        .get(pk=pair.pk)
    )
    if pair.case_id is None:
        pair.case = case_register(
            kind=Case.Kind.HOST_ASSIGNMENT,
            series=CASE_SERIES,
            title=_("Host assignment of the challenge area %(area)s, %(start)s–%(end)s")
            % {
                "area": pair.area.name,
                "start": pair.period_start.isoformat(),
                "end": pair.period_end.isoformat(),
            },
            acting_user=acting_user,
            organisation=pair.organisation,
            challenge_area=pair.area,
            boards=list(Board.objects.filter(administration=pair.administration, parent=None)[:1]),
            parties=[pair.administration],
            opened_by=Case.OpenedBy.AUTHORITY,
        )
        pair.save(update_fields=["case"])
    context = selectors.host_assignment_context(pair)
    latest = selectors.host_assignment(pair)
    if latest is not None and _same(latest.context, to_data(context)):
        return latest  # nothing changed (a button pressed twice): no new version
    return document_request(
        case=pair.case,
        kind=Kind.HOST_ASSIGNMENT,
        context=context,
        acting_user=acting_user,
        final=True,
    )


def _same(stored: dict, new: dict) -> bool:
    """Whether two versions say the same, whatever day each was made (``new`` read as it
    would be stored)."""
    new = json.loads(json.dumps(new, cls=DjangoJSONEncoder))
    return {**stored, "document_date": None} == {**new, "document_date": None}


@in_document_language
def host_assignment_sign(*, pair: HostPair, acting_user) -> Signing:
    """``acting_user`` signs the final host assignment for the party they may sign for; once
    both parties have signed, the municipality seals it. Without a signing service
    (development only) the signing is by click, kept beside the PDF."""
    document = selectors.host_assignment(pair)
    if document is None:
        raise ValidationError(_("The host assignment has not been made yet."))
    party, signatory = _signing_party(pair, acting_user)
    if document.signings.filter(party=party).exists():
        raise ValidationError(_("%(party)s has already signed.") % {"party": party})
    if not settings.SIGNING_SERVICE:
        return document_sign(
            document=document,
            acting_user=acting_user,
            party=party,
            signer_role=signatory.title,
            authority=signatory.authority,
            method=Signing.Method.PORTAL_CLICK,
        )
    signing = document_sign_electronically(
        document=document,
        acting_user=acting_user,
        party=party,
        signer_role=signatory.title,
        authority=signatory.authority,
    )
    parties = {settings.CITY_NAME, pair.organisation.name}
    if parties <= set(document.signings.values_list("party", flat=True)):
        document_sign_electronically(
            document=document, acting_user=acting_user, party=settings.CITY_NAME, seal=True
        )
    return signing


def _signing_party(pair: HostPair, user) -> tuple[str, doc.Signatory]:
    """The party ``user`` signs for, and in which role and by what right; refused for anyone
    who holds no right to sign for either party."""
    for membership in selectors.organisation_signatories(pair):
        if membership.user_id == user.pk:
            return pair.organisation.name, organisation_signatory(membership)
    standing = selectors.city_signing_authority(pair)
    if standing is not None and standing.person_id == user.pk:
        return settings.CITY_NAME, selectors.city_signatory(pair)
    raise PermissionDenied(_("You have no right to sign the host assignment for either party."))
