"""The source tree's shape: small modules and functions, and the import paths plugin authors are told to use.

(a) No module in src/retrokit over MODULE_LINES lines and no function (or method) over FUNCTION_LINES
    lines (``end_lineno - lineno + 1``, from the ``def`` line), so that a change has an obvious home.
(b) Every import path the docs give plugin authors keeps working: pinned one by one below, and every
    ``retrokit.…`` path written in README.md and docs/*.md must resolve.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "retrokit"
MODULE_LINES = 400
FUNCTION_LINES = 80

#: Functions over FUNCTION_LINES that are being rewritten elsewhere; empty this set, never add to it.
ALLOWED_FOR_NOW: set[str] = set()  # a function that must stay long for a while, with the reason


def _functions(tree):
    """(qualified name, node) of every function and method, nested ones included."""
    found = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((prefix + child.name, child))
                visit(child, prefix + child.name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def _sizes():
    """({module: lines} over MODULE_LINES, {"module:function": lines} over FUNCTION_LINES)."""
    modules, functions = {}, {}
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MODULE_LINES:
            modules[name] = lines
        for qualified, node in _functions(ast.parse(text, str(path))):
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LINES:
                functions[f"{name}:{qualified}"] = length
    return modules, functions


def test_no_module_over_400_lines():
    modules, _ = _sizes()
    assert not modules, "modules over %d lines (split them by concern): %s" % (
        MODULE_LINES, ", ".join(f"{name} ({lines})" for name, lines in modules.items()))


def test_no_function_over_80_lines():
    _, functions = _sizes()
    offenders = {name: lines for name, lines in functions.items() if name not in ALLOWED_FOR_NOW}
    assert not offenders, "functions over %d lines: %s" % (
        FUNCTION_LINES, ", ".join(f"{name} ({lines})" for name, lines in offenders.items()))


def test_the_allowed_list_holds_only_real_offenders():
    """Once a function on ALLOWED_FOR_NOW is short, it comes off the list (so the list only shrinks)."""
    _, functions = _sizes()
    short = set(ALLOWED_FOR_NOW) - set(functions)  # set(): ALLOWED_FOR_NOW may end up written as {}
    assert not short, "no longer over the limit: take off ALLOWED_FOR_NOW: " + ", ".join(sorted(short))


def test_the_size_check_finds_a_long_function(tmp_path):
    """The measure itself: a 81-line function and a method are found, nested names qualified."""
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    tree = ast.parse(f"def long():\n{body}\n\nclass C:\n    def short(self):\n        pass\n")
    lengths = {name: node.end_lineno - node.lineno + 1 for name, node in _functions(tree)}
    assert lengths == {"long": 81, "C.short": 2}


# -- (b) the import paths documented for plugins -----------------------------------------------------

PINNED = {
    "retrokit": ["hookimpl", "__version__", "warn", "PluginWarning", "t"],
    "retrokit.reporting": ["warn", "PluginWarning"],
    "retrokit.editing": [
        "AgendaEditError", "insert", "drop", "refit", "find_section", "section_for", "activities", "is_open_time",
        "shortest", "longest", "used",
    ],
    "retrokit.hookspecs": [
        "HOOK_API", "retrokit_behaviors", "retrokit_prompts", "retrokit_meeting_kinds", "retrokit_formats",
        "retrokit_metric_rules", "retrokit_template_dirs", "retrokit_register_commands", "retrokit_adjust_agenda",
        "retrokit_template_globals",
    ],
    "retrokit.model": [
        "Behavior", "Prompt", "Section", "MeetingKind", "OutputFormat", "AgendaItem", "AgendaSection", "Agenda",
        "MemoryGroup", "Remembered", "DataError", "COMPRESSION",
    ],
    "retrokit.errors": ["PluginError", "RetrokitError", "RetrokitUsageError"],
    "retrokit.rendering": ["RenderRequest"],
    "retrokit.testing": ["retrokit_session", "retrokit_render", "load_plugin"],
    "retrokit.config": ["TeamConfig"],
    "retrokit.metrics": ["Metric", "MetricRule", "metric_rule"],
}


@pytest.mark.parametrize("module, names", sorted(PINNED.items()))
def test_documented_import_paths_keep_working(module, names):
    imported = importlib.import_module(module)
    missing = [name for name in names if not hasattr(imported, name)]
    assert not missing, f"{module} no longer has {', '.join(missing)}"


def test_the_pieces_plugins_use_still_behave():
    import retrokit
    from retrokit.errors import PluginError, RetrokitError
    from retrokit.metrics import Metric, MetricRule, metric_rule
    from retrokit.model import AgendaItem, Prompt
    from retrokit.rendering import RenderRequest

    assert retrokit.hookimpl.project_name == "retrokit"
    assert issubclass(RetrokitError, Exception) and issubclass(PluginError, Exception)
    prompt = Prompt.from_data({"id": "x.y", "text": "Why?", "behavior": "listening", "phase": "insight",
                               "kinds": ["retro"], "minutes": 3}, "x")
    assert AgendaItem.from_prompt(prompt).text == "Why?"
    request = RenderRequest("# T\n")
    request.lose("something")
    assert request.losses == {"something": 1} and request.document_title() == "T"
    rule = metric_rule("worse")(lambda metric: "Ask" if metric.trend == "worse" else None)
    assert isinstance(rule, MetricRule) and rule(Metric("Lead time", 3, "lower", previous=2)) == "Ask"


def test_the_fixtures_are_a_pytest_plugin():
    points = importlib.metadata.entry_points(group="pytest11")
    assert any(point.name == "retrokit" and point.value == "retrokit.testing" for point in points)


def test_a_plugin_importing_every_documented_path_loads(run, tmp_path):
    """Through the CLI, as a plugin author's file would be loaded: no warning, its prompt listed."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "everything.py").write_text(textwrap.dedent("""
        import retrokit
        from retrokit import hookimpl, hookspecs
        from retrokit.config import TeamConfig
        from retrokit.editing import AgendaEditError, drop, insert, refit
        from retrokit.errors import PluginError, RetrokitError
        from retrokit.metrics import Metric, MetricRule, metric_rule
        from retrokit.model import Agenda, AgendaItem, AgendaSection, MeetingKind, Prompt
        from retrokit.rendering import RenderRequest
        from retrokit import PluginWarning, warn

        @retrokit.hookimpl
        def retrokit_prompts():
            assert Prompt and AgendaItem and RenderRequest and metric_rule and insert and warn  # as a plugin would
            return [{"id": "everything.asks", "text": "What did we learn?", "behavior": "listening",
                     "kinds": ["retro"], "phase": "insight", "minutes": 3}]
    """), encoding="utf-8")
    result = run("prompts", "--plugins-dir", str(folder), "--strict")
    assert result.exit_code == 0, result.stderr
    assert "everything.asks" in result.stdout and result.stderr == ""


_DOC_PATH = re.compile(r"`@?(retrokit(?:\.[A-Za-z_]\w*)+)")
_DOC_IMPORT = re.compile(r"^\s*from (retrokit(?:\.\w+)*) import ([\w, ]+)", re.MULTILINE)
_NOT_CODE = {"retrokit.toml"}  # a file name, not a module


def _documented_paths():
    found = set()
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        found |= {(doc.name, path) for path in _DOC_PATH.findall(text) if path not in _NOT_CODE}
        for module, names in _DOC_IMPORT.findall(text):
            found |= {(doc.name, f"{module}.{name.strip()}") for name in names.split(",") if name.strip()}
    return sorted(found)


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                value = getattr(value, attribute)
        except AttributeError:
            return False
        return True
    return False


def test_every_retrokit_path_in_the_docs_resolves():
    paths = _documented_paths()
    assert ("plugins.md", "retrokit.model.AgendaItem") in paths  # the scan finds what it should
    stale = [f"{doc}: {path}" for doc, path in paths if not _resolves(path)]
    assert not stale, "documented paths that no longer import: " + "; ".join(stale)
