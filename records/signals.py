"""A closed case's records get their retention, in the closing transaction; an open request for
public records holds the case's records from disposal."""

from django.dispatch import receiver

from casework.signals import case_closed, public_records_request_settled, public_records_requested

from . import services


@receiver(case_closed, dispatch_uid="records_appraise_closed_case")
def appraise_closed_case(sender, case, acting_user, **kwargs):
    services.case_appraise(case=case, acting_user=acting_user)


@receiver(public_records_requested, dispatch_uid="records_hold_requested_case")
def hold_requested_case(sender, case, reference, acting_user, **kwargs):
    services.legal_hold_for_request(case=case, reference=reference, acting_user=acting_user)


@receiver(public_records_request_settled, dispatch_uid="records_release_settled_request")
def release_settled_request(sender, case, reference, acting_user, **kwargs):
    services.legal_hold_for_request_lift(case=case, reference=reference, acting_user=acting_user)
