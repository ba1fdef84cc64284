"""Access-rule makers for the records manager's URLs, for ``tests/config/test_object_urls.py``
and the permission matrix: a disposal list waiting for review, and a legal hold, of a case of
the organisation. Imported by ``tests/access.py``."""

from datetime import date

from records import selectors, services
from records.kinds import COMMENT, HoldReason
from tests import factories
from tests.access import object_url
from tests.records.helpers import case_of, close_on, records_manager, rule, with_records


@object_url("records:list_detail")
@object_url("records:list_review")
@object_url("records:list_execute")
def _disposal_list(organisation) -> dict:
    board = factories.BoardFactory()
    rule(board, COMMENT, years=0)
    case = case_of(board, organisation=organisation)
    with_records(case)
    close_on(case, date(2020, 1, 1))
    due = selectors.due_retentions().filter(case=case)
    built = services.disposal_list_build(
        name="Kommentarer 2020", retentions=list(due), acting_user=records_manager()
    )
    return {"pk": built.pk}


@object_url("records:hold_lift")
def _hold(organisation) -> dict:
    case = factories.CaseFactory(organisation=organisation)
    hold = services.legal_hold_place(
        case=case, reason=HoldReason.AUDIT, reference="Revision 2026", acting_user=records_manager()
    )
    return {"pk": hold.pk}
