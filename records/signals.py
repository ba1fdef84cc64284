"""A closed case's records get their retention, in the closing transaction."""

from django.dispatch import receiver

from casework.signals import case_closed

from . import services


@receiver(case_closed, dispatch_uid="records_appraise_closed_case")
def appraise_closed_case(sender, case, acting_user, **kwargs):
    services.case_appraise(case=case, acting_user=acting_user)
