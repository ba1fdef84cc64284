"""Business actions on the agreement: co-created versions, the memo, the boards' decisions and
the signatures. Each runs in one transaction and records what it did in the audit log."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from casework import events
from casework.services import case_mark_decided
from documents.contexts import PlanningStep

from .. import documents, policy, selectors
from ..actions import PartnershipAction
from ..models import (
    AgreementVersion,
    BoardDecision,
    Contribution,
    DraftReview,
    IOPInquiry,
    Memo,
    Party,
    Signature,
    Status,
)
from .inquiries import change_status, ensure_parties_accepted, lock, notify_organisation

VERSION_FIELDS = (
    "goals",
    "governance",
    "budget",
    "period_start",
    "period_end",
    "notice_months",
    "follow_up",
)


@dataclass(frozen=True)
class ContributionInput:
    """A contribution as the parties agreed it: ``amount_sek`` per year, over its period
    (``None``: the agreement's period)."""

    party: Party
    kind: str
    description: str
    amount_sek: Decimal = Decimal(0)
    recipient: object = None
    period_start: date | None = None
    period_end: date | None = None


def _ensure_status(inquiry: IOPInquiry, *statuses: str) -> None:
    if inquiry.status not in statuses:
        raise ValidationError(
            _("Not possible while the inquiry is “%(status)s”.")
            % {"status": inquiry.get_status_display()}
        )


@transaction.atomic
def agreement_draft_save(
    *,
    inquiry: IOPInquiry,
    acting_user,
    data: dict,
    contributions: list[ContributionInput],
    note: str = "",
) -> AgreementVersion:
    """Save the draft agreement as a new version (who and when); earlier versions stay. A
    draft sent back unchanged, without a note, saves no new version: the latest stands (what
    the organisation agreed to stays the version that goes on to the memo)."""
    policy.ensure_may_edit_draft(acting_user, inquiry)
    inquiry = lock(inquiry)
    _ensure_status(inquiry, Status.CO_CREATION)
    latest = selectors.latest_version(inquiry)
    if latest is not None and not note.strip() and _same(latest, data, contributions):
        return latest
    last = inquiry.agreement_versions.aggregate(last=Max("number"))["last"] or 0
    version = AgreementVersion(
        inquiry=inquiry,
        number=last + 1,
        saved_by=acting_user,
        note=note,
        **{name: data[name] for name in VERSION_FIELDS},
    )
    if version.period_end <= version.period_start:
        raise ValidationError(_("The agreement must end after it starts."))
    version.full_clean()
    version.save()
    idea_based = set(
        inquiry.parties.filter(side="idea_based").values_list("organisation_id", flat=True)
    )
    for item in contributions:
        if item.party.inquiry_id != inquiry.pk or item.party.has_left:
            raise ValidationError(_("A contribution must come from a party of the inquiry."))
        if item.recipient is not None and item.recipient.pk not in idea_based:
            raise ValidationError(
                _("Money can only be paid to an idea-based party of the inquiry.")
            )
        _ensure_lawful_amount_and_period(item, version)
        contribution = Contribution(
            version=version,
            party=item.party,
            kind=item.kind,
            description=item.description,
            amount_sek=item.amount_sek,
            recipient=item.recipient,
            period_start=item.period_start or version.period_start,
            period_end=item.period_end or version.period_end,
        )
        contribution.full_clean(exclude=["version"])
        contribution.save()
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.AGREEMENT_VERSION_SAVED,
        data={"version": version.number, "contributions": len(contributions)},
    )
    return version


def _same(version: AgreementVersion, data: dict, contributions: list[ContributionInput]) -> bool:
    """Whether ``data`` and ``contributions`` are what ``version`` already says."""
    if any(getattr(version, name) != data[name] for name in VERSION_FIELDS):
        return False

    def rows(items) -> list[tuple]:
        return sorted(
            (
                c.party.pk,
                c.kind,
                c.description,
                Decimal(c.amount_sek or 0),
                _pk(c.recipient),
                c.period_start or data["period_start"],
                c.period_end or data["period_end"],
            )
            for c in items
        )

    return rows(copy_contributions(version)) == rows(contributions)


def _pk(instance) -> int:
    return instance.pk if instance is not None else 0


def _ensure_lawful_amount_and_period(item: ContributionInput, version: AgreementVersion) -> None:
    """A contribution is worth something or nothing, never less, and runs within the
    agreement: the yearly amount times its period is what the agreement promises."""
    if item.amount_sek is None or item.amount_sek < 0:
        raise ValidationError({"amount_sek": _("A contribution cannot be a negative amount.")})
    start = item.period_start or version.period_start
    end = item.period_end or version.period_end
    if end < start:
        raise ValidationError({"period_end": _("A contribution must end after it starts.")})
    if start < version.period_start or end > version.period_end:
        raise ValidationError(
            {"period_start": _("A contribution must lie within the agreement's period.")}
        )


def copy_contributions(version: AgreementVersion | None) -> list[ContributionInput]:
    """The contributions of a version, to save again unchanged with a new version."""
    if version is None:
        return []
    return [
        ContributionInput(c.party, c.kind, c.description, c.amount_sek, c.recipient, *c.own_period)
        for c in version.contributions.select_related("version", "party", "recipient")
    ]


@transaction.atomic
def draft_send_for_review(*, inquiry: IOPInquiry, acting_user) -> IOPInquiry:
    """Send the latest draft to the organisation, whose members review it in their inbox."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    _ensure_status(inquiry, Status.CO_CREATION)
    ensure_parties_accepted(inquiry)
    version = selectors.latest_version(inquiry)
    if version is None:
        raise ValidationError(_("Save a draft before sending it."))
    inquiry.draft_awaits_review = True
    inquiry.save(update_fields=["draft_awaits_review"])
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.DRAFT_SENT_FOR_REVIEW,
        data={"version": version.number},
    )
    return inquiry


@transaction.atomic
def draft_review_answer(
    *, inquiry: IOPInquiry, acting_user, answer: str, comment: str = "", version: int | None = None
) -> DraftReview:
    """The organisation answers the draft it was sent; the answer goes back to the officer.

    The answer is recorded for ``version``, the version the person read (the latest when not
    given); if a newer one was saved since, they read that first."""
    policy.ensure_acts_for(acting_user, inquiry.case.organisation)
    inquiry = lock(inquiry)
    if not inquiry.draft_awaits_review:
        raise ValidationError(_("No draft is waiting for your answer."))
    if answer == DraftReview.Answer.CHANGES and not comment.strip():
        raise ValidationError({"comment": _("Say which changes you ask for.")})
    latest = selectors.latest_version(inquiry)
    if version is not None and (latest is None or latest.number != version):
        raise ValidationError(
            _(
                "A newer version of the draft was saved after you opened it. "
                "Read it and answer again."
            )
        )
    review = DraftReview.objects.create(
        inquiry=inquiry,
        version=latest,
        answer=answer,
        comment=comment.strip(),
        answered_by=acting_user,
    )
    inquiry.draft_awaits_review = False
    inquiry.save(update_fields=["draft_awaits_review"])
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.DRAFT_REVIEWED,
        reason=review.comment,
        data={"answer": answer, "version": review.version.number},
    )
    return review


@transaction.atomic
def co_creation_finish(*, inquiry: IOPInquiry, acting_user) -> IOPInquiry:
    """The draft is agreed between the parties: the officer writes the memo next."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    if selectors.latest_version(inquiry) is None:
        raise ValidationError(_("Save the draft agreement before finishing the co-creation."))
    ensure_parties_accepted(inquiry)
    change_status(inquiry.finish_co_creation, acting_user)
    return inquiry


@transaction.atomic
def memo_write(
    *,
    inquiry: IOPInquiry,
    acting_user,
    summary: str,
    proposal: str,
    distribution: str,
    planning: list | None = None,
) -> Memo:
    """Write the memo to the boards of the public parties and put it before each of them.
    ``planning`` is the meetings it goes to, from the boards' calendars (``PlanningStep``s);
    without it each board is shown with no meeting planned, never with a date made up."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    boards = selectors.deciding_boards(inquiry)
    if not boards:
        raise ValidationError(_("No public party names a board that decides."))
    inquiry.board_round += 1
    memo = Memo.objects.create(
        inquiry=inquiry,
        round=inquiry.board_round,
        version=selectors.latest_version(inquiry),
        summary=summary,
        proposal=proposal,
        distribution=distribution,
        written_by=acting_user,
    )
    memo.boards.set(boards)
    if planning is None:
        planning = [PlanningStep(board.name, None) for board in boards]
    document = documents.request_memo(memo, acting_user, planning=planning)
    if document is not None:
        memo.document_id = document.pk
        memo.save(update_fields=["document_id"])
    change_status(inquiry.submit_to_boards, acting_user)
    events.record(
        memo,
        acting_user,
        PartnershipAction.MEMO_WRITTEN,
        data={"round": memo.round, "boards": [b.pk for b in boards]},
    )
    return memo


@transaction.atomic
def board_decision_record(
    *,
    inquiry: IOPInquiry,
    board,
    acting_user,
    outcome: str,
    meeting_date,
    protocol_paragraph: str,
    note: str = "",
    signatory=None,
    signatory_title: str = "",
) -> BoardDecision:
    """Record one board's decision. A rejection or return sends the inquiry back to the officer
    at once; when every board has approved, the parties sign. An approval names the person the
    board authorised to sign the agreement for it (``signatory``), cited by the protocol."""
    policy.ensure_board_secretary(acting_user, board)
    inquiry = lock(inquiry)
    _ensure_status(inquiry, Status.BOARD_DECISION)
    if board not in selectors.deciding_boards(inquiry):
        raise PermissionDenied("This board does not decide on the inquiry.")
    approved = outcome == BoardDecision.Outcome.APPROVED
    if approved and signatory is None:
        raise ValidationError(
            {"signatory": _("Name the person the board authorised to sign the agreement.")}
        )
    if approved and signatory not in selectors.may_be_authorised(board):
        raise ValidationError(
            {"signatory": _("The person authorised must work in the board's administration.")}
        )
    decision = BoardDecision(
        inquiry=inquiry,
        round=inquiry.board_round,
        board=board,
        outcome=outcome,
        meeting_date=meeting_date,
        protocol_paragraph=protocol_paragraph,
        note=note,
        signatory=signatory if approved else None,
        signatory_title=signatory_title.strip() if approved else "",
        recorded_by=acting_user,
    )
    decision.full_clean()
    decision.save()
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.BOARD_DECISION_RECORDED,
        reason=note,
        data={
            "board": board.pk,
            "outcome": outcome,
            "round": decision.round,
            "meeting_date": meeting_date.isoformat(),
            "paragraph": protocol_paragraph,
            "signatory": decision.signatory_id,
        },
    )
    _after_board_decision(inquiry, acting_user, decision)
    return decision


def _after_board_decision(inquiry: IOPInquiry, acting_user, decision: BoardDecision) -> None:
    if decision.outcome != BoardDecision.Outcome.APPROVED:
        reason = _("%(board)s: %(outcome)s") % {
            "board": decision.board,
            "outcome": decision.get_outcome_display(),
        }
        change_status(inquiry.return_from_boards, acting_user, reason=reason)
        notify_organisation(
            inquiry,
            _("A board has decided on the agreement in case %(case)s")
            % {"case": inquiry.case.case_number},
            reason,
        )
        return
    decided = {d.board_id for d in selectors.round_decisions(inquiry)}
    if all(board.pk in decided for board in selectors.deciding_boards(inquiry)):
        change_status(inquiry.approve_by_boards, acting_user)
        case_mark_decided(case=inquiry.case, acting_user=acting_user)
        notify_organisation(
            inquiry,
            _("The boards have approved the agreement in case %(case)s: it is ready to sign")
            % {"case": inquiry.case.case_number},
        )
        documents.request_final_agreement(selectors.signed_version(inquiry), acting_user)


@transaction.atomic
def inquiry_revise(*, inquiry: IOPInquiry, acting_user, reason: str) -> IOPInquiry:
    """After a board's rejection or return: back to co-creation to revise the agreement."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    change_status(inquiry.revise, acting_user, reason=reason)
    return inquiry


@transaction.atomic
def agreement_sign(
    *, inquiry: IOPInquiry, party: Party, acting_user, document_id: int | None = None
) -> Signature:
    """A person with the right to sign for ``party`` signs the final agreement PDF with an
    advanced electronic signature in their place on its signature page (by click, recorded
    beside the PDF, where no signing service is configured): the signing is put on record
    beside the PDF (who, for whom, when, how, the SHA-256 of the bytes signed, the validation
    report). ``document_id`` is the version the signer read: a superseded one is refused. When
    every party has signed, the municipality seals it and the partnership is active."""
    if party.inquiry_id != inquiry.pk:
        raise PermissionDenied("The party is not a party of this inquiry.")
    refusal = policy.signing_refusal(acting_user, party)
    if refusal:
        raise PermissionDenied(refusal)
    inquiry = lock(inquiry)
    _ensure_status(inquiry, Status.SIGNING)
    version = selectors.signed_version(inquiry)
    if Signature.objects.filter(version=version, party=party).exists():
        raise ValidationError(_("%(party)s has signed this version already.") % {"party": party})
    final = documents.final_agreement(inquiry)
    if document_id is not None and (final is None or final.pk != document_id):
        raise ValidationError(
            _("A newer version has replaced the agreement you read. Read it and sign again.")
        )
    record = documents.sign_final_agreement(inquiry, party, acting_user)
    signature = Signature.objects.create(
        inquiry=inquiry,
        party=party,
        version=version,
        signed_by=acting_user,
        document_sha256=record.sha256,
        record=record,
    )
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.AGREEMENT_SIGNED,
        data={
            "party": party.pk,
            "version": version.number,
            "sha256": signature.document_sha256,
            "document": record.document_id,
            "method": record.method,
            "basis": policy.signing_basis(acting_user, party),
        },
    )
    if not selectors.unsigned_parties(inquiry, version):
        documents.seal_final_agreement(inquiry, acting_user)
        change_status(inquiry.activate, acting_user)
        notify_organisation(
            inquiry,
            _("The partnership in case %(case)s is active") % {"case": inquiry.case.case_number},
        )
    return signature
