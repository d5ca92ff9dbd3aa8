"""Backups of the database and the media files, with a checksum manifest.

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore --clean`;
SQLite (development) is copied with its online backup API. Media files are copied as they are,
through the default storage: from local disk or from the S3 bucket (S3_BUCKET) alike.
`manifest.json` records every file's SHA-256 and every table's row count, so a restore can
check the backup before touching anything and the restore drill can compare afterwards."""

import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _pg_env(db) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db) -> list[str]:
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _run(command, db):
    result = subprocess.run(command, env=_pg_env(db), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def backup(target_root: Path, *, using="default") -> Path:
    """Write a backup into a new folder under `target_root` and return it."""
    connection = connections[using]
    db = connection.settings_dict
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = Path(target_root) / f"backup-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    dump = target / DATABASE_FILE[connection.vendor]
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", *_pg_args(db),
              "--file", str(dump), str(db["NAME"])], db)  # fmt: skip
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")
    media_files = {}
    for name in media_names():
        destination = target / "media" / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, destination.open("wb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
        media_files[name] = sha256(destination)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "database_file": dump.name,
        "database_sha256": sha256(dump),
        "media": media_files,
        "rows": row_counts(),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return target


def verify(source: Path) -> dict:
    """The manifest, after checking every file of the backup against it."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text())
    if sha256(source / manifest["database_file"]) != manifest["database_sha256"]:
        raise BackupError("The database file does not match its checksum.")
    for relative, digest in manifest["media"].items():
        path = source / "media" / relative
        if not path.is_file() or sha256(path) != digest:
            raise BackupError(f"Media file {relative} is missing or damaged.")
    return manifest


def restore(source: Path, *, using="default") -> dict:
    """Replace the database and the media files with the backup's (after verifying it): every
    file of the default storage goes, then the backup's files are written back."""
    source = Path(source)
    manifest = verify(source)
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"A {manifest['vendor']} backup cannot go into {connection.vendor}.")
    db = connection.settings_dict
    dump = source / manifest["database_file"]
    connections.close_all()
    if connection.vendor == "postgresql":
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              *_pg_args(db), "--dbname", str(db["NAME"]), str(dump)], db)  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as copy:
            copy.backup(connection.connection)
    for name in list(media_names()):
        default_storage.delete(name)
    for name in sorted(manifest["media"]):
        with (source / "media" / name).open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(f"Media file {name} was stored as {saved}.")
    return manifest


def media_names(folder: str = "") -> Iterator[str]:
    """Every file of the default storage (local disk or the bucket), as storage names."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # no media folder yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from media_names(posixpath.join(folder, name))
