#!/usr/bin/env bash
# Backup and restore drill: dump the database and the private file store, restore both into a
# fresh database and directory, verify every document's checksum there, and continue a running
# case on the restored copy. Never touches the source beyond reading it.
#
#   DATABASE_URL=postgres://user:pw@host:5432/samverkan PRIVATE_MEDIA_ROOT=/srv/private \
#     scripts/backup_restore_drill.sh BACKUP_DIR
#
# The restored copy is the database "<name>_drill" (dropped first if it exists) and
# BACKUP_DIR/restored-files. DJANGO_SETTINGS_MODULE defaults to the production settings.
set -euo pipefail

BACKUP_DIR=${1:?usage: $0 BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
: "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}

SOURCE_DB=${DATABASE_URL##*/}
SOURCE_DB=${SOURCE_DB%%\?*}
SERVER_URL=${DATABASE_URL%/*}
DRILL_DB=${SOURCE_DB}_drill
DRILL_URL=$SERVER_URL/$DRILL_DB
mkdir -p "$BACKUP_DIR"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

echo "1. Dumping database $SOURCE_DB"
pg_dump --format=custom --no-owner --file="$BACKUP_DIR/db-$STAMP.dump" "$DATABASE_URL"
echo "2. Archiving the file store $PRIVATE_MEDIA_ROOT"
tar --create --gzip --file="$BACKUP_DIR/files-$STAMP.tar.gz" --directory="$PRIVATE_MEDIA_ROOT" .

echo "3. Restoring into a fresh database $DRILL_DB"
psql --quiet "$SERVER_URL/postgres" -c "DROP DATABASE IF EXISTS \"$DRILL_DB\"" \
    -c "CREATE DATABASE \"$DRILL_DB\""
pg_restore --no-owner --exit-on-error --dbname="$DRILL_URL" "$BACKUP_DIR/db-$STAMP.dump"
RESTORED_FILES=$BACKUP_DIR/restored-files
rm -rf "$RESTORED_FILES" && mkdir -p "$RESTORED_FILES"
tar --extract --gzip --file="$BACKUP_DIR/files-$STAMP.tar.gz" --directory="$RESTORED_FILES"

cd "$ROOT"
export DATABASE_URL=$DRILL_URL PRIVATE_MEDIA_ROOT=$RESTORED_FILES
echo "4. Checking the restored copy"
"$PYTHON" manage.py migrate --check --noinput
"$PYTHON" manage.py verify_documents
echo "5. Continuing a running case"
"$PYTHON" manage.py shell --command="$(cat "$ROOT/scripts/drill_continue_case.py")"
echo "Drill passed: backup in $BACKUP_DIR ($STAMP), restored copy in $DRILL_DB."
