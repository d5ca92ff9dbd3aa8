"""The test suite's own layout: fixtures live in conftest.py, plain helpers in factories.py and
helpers modules, and no module imports a test module or a conftest (pytest loads those itself;
importing one runs its tests twice or gives two copies of a fixture)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def modules() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def imported(source: str, package: str) -> set[str]:
    """Every module `source` (a module of `package`) imports, anywhere in it, as a dotted name,
    relative imports resolved."""
    parts = package.split(".")
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(TESTS.parent).parent.parts)


def is_test_module_or_conftest(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "tests" and any(
        part.startswith("test_") or part == "conftest" for part in parts
    )


def defined_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_no_module_imports_a_test_module_or_a_conftest():
    offenders = {
        str(path.relative_to(TESTS.parent)): sorted(
            name
            for name in imported(path.read_text(), package_of(path))
            if is_test_module_or_conftest(name)
        )
        for path in modules()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_rights_matrix_world_and_member_are_defined_once():
    """One `world` (tests/conftest.py, which tests/workspace/conftest.py extends) and one
    `member()` (tests/helpers.py): a module that needs other data names its fixture after it."""
    where = {
        name: sorted(
            str(path.relative_to(TESTS.parent))
            for path in modules()
            if name in defined_functions(path)
        )
        for name in ("world", "member")
    }
    assert where == {
        "world": ["tests/conftest.py", "tests/workspace/conftest.py"],
        "member": ["tests/helpers.py"],
    }


def test_the_import_walk_sees_relative_nested_and_aliased_imports():
    """The first check would pass vacuously if the walk missed a way of importing."""
    source = (
        "from .test_products import url\n"
        "from . import conftest\n"
        "from ..api.conftest import client_of\n"
        "from tests.helpers import member\n"
        "def later():\n"
        "    import tests.api.test_token as token_tests\n"
    )

    names = imported(source, "tests.workspace")

    assert {name for name in names if is_test_module_or_conftest(name)} == {
        "tests.workspace.test_products",
        "tests.workspace.test_products.url",
        "tests.workspace.conftest",
        "tests.api.conftest",
        "tests.api.conftest.client_of",
        "tests.api.test_token",
    }
    assert "tests.helpers.member" in names
    assert not is_test_module_or_conftest("tests.helpers")
    assert not is_test_module_or_conftest("tests.factories.ProductFactory")
