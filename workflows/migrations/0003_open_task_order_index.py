"""All open (NEW) tasks in id order: what a queue with several permissions walks.

A queue that takes tasks of several role permissions (``owner_permission IN (...)``), or of a
role and an object at once (a board secretary), cannot read the ordered ranges of the 0002
indexes as one ordered list; without this index PostgreSQL walked the primary key through all
1,000,000 tasks (340 ms for a delegate's queue on the benchmark database). The open tasks are
a fifth of the table and shrink as cases close.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workflows", "0002_task_queue_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX workflows_task_open ON viewflow_task (id) WHERE status = 'NEW'",
            "DROP INDEX workflows_task_open",
        )
    ]
