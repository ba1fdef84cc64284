"""On PostgreSQL a final document may be deleted under a disposal decision, and only then.

The trigger of 0002 refused every deletion of a final row. Archive law allows one: disposal
(gallring) under a disposal decision, which ``records.disposal`` carries out through
``DocumentQuerySet.dispose``; that sets ``samverkan.disposal`` to ``allow`` for the one
statement, in its transaction. A change of a final row is refused as before.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION documents_document_final_is_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.status = 'final'
            AND coalesce(current_setting('samverkan.disposal', true), '') = 'allow' THEN
        RETURN OLD;
    END IF;
    IF OLD.status = 'final' AND (TG_OP = 'DELETE' OR OLD.rendered_at IS NOT NULL) THEN
        RAISE EXCEPTION 'documents_document: a final document is never changed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
# As migration 0002 made it.
RESTORE = """
CREATE OR REPLACE FUNCTION documents_document_final_is_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'final' AND (TG_OP = 'DELETE' OR OLD.rendered_at IS NOT NULL) THEN
        RAISE EXCEPTION 'documents_document: a final document is never changed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def allow_disposal(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def refuse_disposal(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE, params=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_signing_records")]

    operations = [migrations.RunPython(allow_disposal, refuse_disposal)]
