"""On PostgreSQL the database also refuses to TRUNCATE the audit log.

The row trigger of 0003 does not fire on TRUNCATE, and a table's owner may always truncate
it: this statement trigger refuses it unless the session has set ``samverkan.audit_truncate``
to ``allow``. Only the test settings do that (their connections run ``-c`` with it), because
pytest-django empties every table with TRUNCATE between transactional tests.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION casework_auditevent_no_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('samverkan.audit_truncate', true), '') <> 'allow' THEN
        RAISE EXCEPTION 'casework_auditevent is append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER casework_auditevent_no_truncate
    BEFORE TRUNCATE ON casework_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION casework_auditevent_no_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS casework_auditevent_no_truncate ON casework_auditevent;
DROP FUNCTION IF EXISTS casework_auditevent_no_truncate();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("casework", "0004_clocks_and_deadlines")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
