"""The code's layers (ARCHITECTURE.md): every import in components/ goes down or stays on its
floor, never up, and only components/ui draws with Streamlit."""

import ast

import pytest

from tests.support import ROOT

# floor of each part of components/, the lowest first
FLOORS = {
    "data": 1,
    "analysis": 2,
    "figures": 3,
    "sections": 4,
    "pages": 5,
    "presentation": 6,
    "pack": 7,
    "ui": 8,
}


def _part(module: str) -> str:
    """'components.analysis.trade' → 'analysis'; 'components.pages' → 'pages'."""
    return module.split(".")[1]


def _imports(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):  # lazy imports inside functions count too
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "components":
                out += [f"components.{a.name}" for a in node.names]
            else:
                out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


MODULES = sorted(p for p in (ROOT / "components").rglob("*.py") if p.name != "__init__.py"
                 or p.parent.name != "components")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_down_or_stay_on_their_floor(path):
    own = _part(".".join(path.relative_to(ROOT).with_suffix("").parts))
    up = [m for m in _imports(path) if m.startswith("components.")
          and FLOORS[_part(m)] > FLOORS[own]]
    assert not up, f"{path.relative_to(ROOT)} (floor {FLOORS[own]}) imports from above: {up}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_ui_draws_with_streamlit(path):
    if path.relative_to(ROOT).parts[1] == "ui":
        return
    assert not [m for m in _imports(path) if m == "streamlit" or m.startswith("streamlit.")], \
        path


def test_every_part_has_a_floor():
    parts = {p.relative_to(ROOT / "components").parts[0].removesuffix(".py")
             for p in MODULES}
    assert parts == set(FLOORS)
