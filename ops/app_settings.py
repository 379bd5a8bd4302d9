"""Prints the database and media location the app itself uses, as shell assignments for ops/backup and ops/restore.

They are read through Django's settings, whatever sets them (the environment, .env, DJANGO_SETTINGS_MODULE), so
the scripts back up and restore exactly what the app reads and writes rather than a guess made from DATABASE_URL.
The connection is given as libpq's PG* variables, so that the password never appears on a command line.
Run from the repository's root: `python ops/app_settings.py`; the scripts `eval` its output (values are quoted).
"""

import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
S3_BACKEND = "storages.backends.s3.S3Storage"


def database_variables() -> dict[str, str]:
    """DB_VENDOR and DB_LABEL always; for PostgreSQL, the PG* variables pg_dump, pg_restore and psql read."""
    from django.db import connection

    database = connection.settings_dict
    found = {"DB_VENDOR": connection.vendor, "DB_LABEL": f"{database['NAME']} on {database['HOST'] or 'localhost'}"}
    if connection.vendor != "postgresql":
        return found
    from django.db.backends.postgresql.client import DatabaseClient

    _args, credentials = DatabaseClient.settings_to_cmd_args_env(database, [])
    named = {"PGDATABASE": "NAME", "PGUSER": "USER", "PGHOST": "HOST", "PGPORT": "PORT"}
    found.update({variable: str(database[key]) for variable, key in named.items() if database[key]})
    return {**found, **(credentials or {})}


def media_variables() -> dict[str, str]:
    """Where uploads live: MEDIA_STORAGE is `filesystem` (MEDIA_ROOT) or `s3` (MEDIA_BUCKET).

    Refuses settings that keep media on disk while the environment names a bucket (e.g. the development settings
    run by mistake on a production machine): the backup would then hold an empty folder and look fine.
    """
    from django.conf import settings

    storage = settings.STORAGES["default"]
    if storage["BACKEND"] == S3_BACKEND:
        return {"MEDIA_STORAGE": "s3", "MEDIA_BUCKET": storage["OPTIONS"]["bucket_name"]}
    if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        sys.exit(
            f"AWS_STORAGE_BUCKET_NAME is set but {settings.SETTINGS_MODULE} keeps media on disk: "
            "run with the app's settings (DJANGO_SETTINGS_MODULE=cms.settings.production)."
        )
    return {"MEDIA_STORAGE": "filesystem", "MEDIA_ROOT": str(settings.MEDIA_ROOT)}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")  # as manage.py
    from django.conf import settings

    values = {"SETTINGS_MODULE": settings.SETTINGS_MODULE, **database_variables(), **media_variables()}
    for name, value in values.items():
        print(f"{name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
