"""On PostgreSQL the database itself refuses to change or delete a final, produced document.

A final version is written twice: requested (no file yet), then produced (file, checksum and
``rendered_at`` set). After that its row never changes; deleting a final row is refused always.
"""

from django.db import migrations

CREATE = """
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
CREATE TRIGGER documents_document_final_is_frozen
    BEFORE UPDATE OR DELETE ON documents_document
    FOR EACH ROW EXECUTE FUNCTION documents_document_final_is_frozen();
"""
DROP = """
DROP TRIGGER IF EXISTS documents_document_final_is_frozen ON documents_document;
DROP FUNCTION IF EXISTS documents_document_final_is_frozen();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
