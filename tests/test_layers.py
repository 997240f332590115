"""Apps depend downward, in the order people move through the program (README,
Architecture): no app imports one on a higher floor, lazily inside a function included.
Apps on one floor do not import each other."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FLOORS = {
    "apprenticeship": 0,  # shared pieces (its urls and the laptop runner are the project's glue)
    "accounts": 1,
    "programs": 2,
    "audit": 2,
    "notifications": 2,
    "applicants": 3,
    "cohorts": 4,
    "hiring": 5,  # calls cohorts to enrol
    "classroom": 5,
    "clinic": 6,  # its roster shows classroom hours
    "wages": 7,
    "support": 8,
    "reminders": 9,
    "reports": 9,
    "retention": 9,
    "dashboard": 10,
    "api": 10,  # reads every app through its selectors and writes through its services
    "identity": 11,  # sign-on and SCIM: roles (accounts), employee ids (cohorts), tokens (api)
}
GLUE = {"apprenticeship/urls.py", "apprenticeship/devserver.py"}


def _imports(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(FLOORS)


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_no_app_imports_one_above_it(app):
    wrong = []
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts or relative in GLUE:
            continue
        for other in _imports(path) - {app}:
            if FLOORS[other] >= FLOORS[app]:
                wrong.append(f"{relative} imports {other}")
    assert wrong == []


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_tasks_import_their_app_only_inside_a_task(app):
    """The services queue the tasks; the tasks import the services inside each task, so the
    two modules never import each other at load time (a cycle)."""
    tasks = ROOT / app / "tasks.py"
    if not tasks.exists():
        pytest.skip("no tasks")
    top_level = set()
    for node in ast.parse(tasks.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            top_level.add(node.module)
        elif isinstance(node, ast.Import):
            top_level |= {alias.name for alias in node.names}
    own = [m for m in top_level if m == app or m.startswith(f"{app}.")]
    assert [m for m in own if m != f"{app}.models"] == []
