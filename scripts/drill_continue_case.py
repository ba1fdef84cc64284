"""Run by backup_restore_drill.sh in ``manage.py shell`` against the restored copy.

Takes the oldest funding application waiting for its completeness check and completes that
task through the real page as an officer, as a person would on the restored system.
"""

import sys

from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from organisations.models import Membership, Role
from workflows.models.base import task_url

task = (
    Task.objects.filter(flow_task_type="HUMAN", status=STATUS.NEW)
    .order_by("pk")
    .select_related("process")
)
task = next((t for t in task if t.flow_task.name == "check_complete"), None)
officer = Membership.objects.filter(role=Role.OFFICER, user__is_active=True).first()
if task is None or officer is None:
    sys.exit("No running case waiting for a completeness check, or no officer, in the copy.")
client = Client(HTTP_HOST="localhost")
client.force_login(officer.user)
for action, data in (("assign", {}), ("execute", {"result": "complete"})):
    response = client.post(task_url(task, action), data)
    if response.status_code != 302:
        sys.exit(f"Could not {action} task {task.pk}: HTTP {response.status_code}")
task.refresh_from_db()
if task.status != STATUS.DONE:
    sys.exit(f"Task {task.pk} is {task.status}, not done.")
print(f"Case {task.process.coerced.case.case_number}: completeness check done on the copy.")
