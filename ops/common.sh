# shellcheck shell=bash
# Shared by ops/backup, ops/restore and ops/test-restore (sourced, not run). Messages go to stderr, so that a
# script's standard output carries only its result (ops/backup prints the backup's path).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project's virtualenv when there is one (development), else the machine's Python (a deployed app).
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi

# Interrupted (Ctrl-C, kill), a script still exits through its EXIT trap, which cleans up after it.
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }

die() {
  say "error: $*"
  exit 1
}

need() {
  local program
  for program in "$@"; do
    command -v "$program" >/dev/null || die "$program is not installed (pg_dump, pg_restore, psql: apt install postgresql-client)."
  done
}

# Exports what the app uses: DB_VENDOR, DB_LABEL, the PG* connection variables, MEDIA_STORAGE and MEDIA_ROOT or
# MEDIA_BUCKET (see ops/app_settings.py). Assigned first, so that a failure stops the script (set -e).
load_app_settings() {
  local assignments
  assignments="$(cd "$ROOT" && "$PYTHON" ops/app_settings.py)"
  set -a
  eval "$assignments"
  set +a
}

require_postgresql() {
  [[ "$DB_VENDOR" == postgresql ]] || die "the database is $DB_VENDOR ($DB_LABEL); these scripts handle PostgreSQL,
the production database, only. A development SQLite file is backed up by copying it while nothing writes:
  sqlite3 db.sqlite3 \".backup 'db-backup.sqlite3'\""
}

manage() { (cd "$ROOT" && "$PYTHON" manage.py "$@"); }
