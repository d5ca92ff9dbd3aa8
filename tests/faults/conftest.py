"""The throwaway PostgreSQL cluster and the portal's folder (migrated database, collected static
files), built once for the whole run and shared by every module that asks for them: each test
leaves the cluster running, whatever it did to it (see cluster.py)."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .cluster import AS_ROOT, Cluster, Portal, _postgres_account


@pytest.fixture(scope="session")
def cluster():
    root = Path(tempfile.mkdtemp(prefix="umkm-faults-pg-"))
    if AS_ROOT:
        account = _postgres_account()
        os.chown(root, account.pw_uid, account.pw_gid)
    cluster = Cluster(root)
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def app_folder(cluster):
    """The migrated database and the collected static files (the manifest DEBUG-off pages
    need), shared by every portal started on the cluster."""
    root = Path(tempfile.mkdtemp(prefix="umkm-faults-app-"))
    try:
        preparing = Portal(root, cluster.database_url)
        preparing.manage("migrate", "--noinput")
        preparing.manage("collectstatic", "--noinput")
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)
