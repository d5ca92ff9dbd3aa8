"""The apps import downward only: umkm_portal ← notifications ← agencies ← catalog ← support ←
reminders, workspace, and umkm_portal ← jobs ← workspace (the workspace registers its long work
with the jobs app). Notifications sit low, so that every app may tell people; the reminders,
which read every app's dates, sit on top.

A cycle between apps is how a new app (the development record, notifications) ends up unable to
sit on top of the others; this test keeps the arrows pointing one way, imports inside functions
included."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: What each app may import from the project's own apps (itself always).
ALLOWED = {
    "umkm_portal": set(),
    "notifications": {"umkm_portal"},
    "agencies": {"umkm_portal", "notifications"},
    "catalog": {"umkm_portal", "notifications", "agencies"},
    "support": {"umkm_portal", "notifications", "agencies", "catalog"},
    "reminders": {"umkm_portal", "notifications", "agencies", "catalog", "support"},
    "jobs": {"umkm_portal"},
    "workspace": {"umkm_portal", "notifications", "agencies", "catalog", "support", "jobs"},
}
#: The root URLs mount every app: the one place the infrastructure names the domain.
MOUNTS_EVERY_APP = {ROOT / "umkm_portal" / "urls.py"}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(ALLOWED)


def app_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts and path not in MOUNTS_EVERY_APP:
            yield path


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_apps_import_downward_only(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - ALLOWED[app] - {app})
        for path in app_modules(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from catalog.models import Product\n")
    assert imported_apps(module) == {"catalog"}


def test_the_catalogue_does_not_mount_the_workspace():
    from catalog import urls

    included = {
        getattr(pattern, "urlconf_name", None).__name__
        for pattern in urls.urlpatterns
        if hasattr(pattern, "urlconf_name")
    }
    assert not {name for name in included if name.startswith("workspace")}
