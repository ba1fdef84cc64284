"""Partial indexes that let inboxes and queues find a person's tasks without scanning.

viewflow's task table is shared by every flow. A role queue looks up open tasks by
permission; an organisation's or board's queue by the object the task belongs to; an inbox by
owner. Both PostgreSQL and SQLite support partial indexes.
"""

from django.db import migrations

INDEXES = [
    ("workflows_task_role_queue",
     "viewflow_task (owner_permission, id) "
     "WHERE status = 'NEW' AND owner_permission_obj_pk IS NULL"),
    ("workflows_task_object_queue",
     "viewflow_task (owner_permission_content_type_id, owner_permission_obj_pk, id) "
     "WHERE status = 'NEW' AND owner_permission_obj_pk IS NOT NULL"),
    ("workflows_task_inbox",
     "viewflow_task (owner_id, id) WHERE status = 'ASSIGNED'"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} ON {definition}", f"DROP INDEX {name}")
        for name, definition in INDEXES
    ]
