"""docs/plugins.md cannot drift from the code: every hook is documented with its exact signature and the
version that added it, every example there works as a plugin, and every hook has a test of its own."""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from pathlib import Path

import pytest

from retrokit import hookspecs

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
HEADING = re.compile(r"^### `(retrokit_\w+)(\(.*\))`$", re.MULTILINE)


def specs() -> dict:
    return {
        name: fn for name, fn in vars(hookspecs).items()
        if name.startswith("retrokit_") and hasattr(fn, "retrokit_spec")
    }


def sections() -> dict[str, tuple[str, str]]:
    """hook name -> (signature in the heading, the section's text)."""
    hooks_part = GUIDE.split("\n## Hooks\n", 1)[1].split("\n## ", 1)[0]
    found = {}
    matches = list(HEADING.finditer(hooks_part))
    for match, following in zip(matches, [*matches[1:], None]):
        end = following.start() if following else len(hooks_part)
        found[match.group(1)] = (match.group(2), hooks_part[match.end():end])
    return found


def test_every_hook_is_documented_and_nothing_else():
    assert set(sections()) == set(specs())


@pytest.mark.parametrize("name", sorted(specs()))
def test_the_documented_signature_is_the_hooks_own(name):
    documented, _ = sections()[name]
    assert documented == str(inspect.signature(specs()[name]))


@pytest.mark.parametrize("name", sorted(specs()))
def test_the_guide_says_which_version_added_each_hook(name):
    _, text = sections()[name]
    assert f"Since API {hookspecs.ADDED[name]}." in text


def test_versions_agree():
    assert set(hookspecs.ADDED) == set(specs())
    assert f"**Hook API version: {hookspecs.HOOK_API}**" in GUIDE
    table = GUIDE.split("## Versions of the hook API", 1)[1]
    first_row = re.search(r"^\| (\d+\.\d+) \|", table, re.MULTILINE)
    assert first_row.group(1) == hookspecs.HOOK_API
    for name, version in hookspecs.ADDED.items():
        row = re.search(rf"^\| {re.escape(version)} \|(.*)$", table, re.MULTILINE)
        assert row and name in row.group(1), f"{name} is missing from the {version} row"


def example_modules(tmp_path) -> dict[str, object]:
    """Each hook's example, imported from a file as its own module."""
    modules = {}
    for name, (_, text) in sections().items():
        blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
        assert len(blocks) == 1, f"{name} should have one example"
        path = tmp_path / f"example_{name}.py"
        path.write_text(blocks[0], encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"plugin_docs_{name}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        modules[name] = module
    return modules


def test_each_example_implements_its_hook_and_loads_without_a_warning(tmp_path, retrokit_session):
    for name, module in example_modules(tmp_path).items():
        session = retrokit_session(("example", module))  # strict: any warning fails
        assert session.host.info("example").hooks == [name]
        catalog = session.catalog
        assert catalog.behaviors and catalog.prompts and catalog.kinds and catalog.formats
        assert all(folder.is_dir() for folder in catalog.template_dirs)


def test_the_examples_work_together_in_a_render(tmp_path, retrokit_render):
    examples = example_modules(tmp_path)
    plugins = [(f"example-{name}", module) for name, module in examples.items()]
    result = retrokit_render("retro", *plugins, format="plain", minutes=45)
    assert "appreciation.unseen-help" == result.agenda.sections[-1].items[-1].prompt_id
    assert "Appreciation" in result.agenda.coverage
    assert "**" not in result.text
    health = retrokit_render("health-check", *plugins)
    assert [s.title for s in health.agenda.sections] == ["Arrive", "How it feels", "One thing to change"]


def test_every_hook_has_a_test_of_its_own():
    import ast

    tree = ast.parse((ROOT / "tests" / "test_hooks.py").read_text(encoding="utf-8"))
    tested = {
        node.name.removeprefix("test_hook_") for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_hook_")
    }
    assert set(specs()) <= tested, f"untested hooks: {sorted(set(specs()) - tested)}"


# -- retrokit.editing and retrokit.warn (hook API 1.3) ------------------------------------------------


def guide_part(heading: str) -> str:
    return GUIDE.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def plain_signature(fn) -> str:
    """``(agenda, item, *, give_to=None)``: the signature as the guide writes it, without annotations."""
    signature = inspect.signature(fn)
    parameters = [p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()]
    return str(signature.replace(parameters=parameters, return_annotation=inspect.Signature.empty))


def load_block(text: str, name: str, tmp_path):
    (block,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    path = tmp_path / f"{name}.py"
    path.write_text(block, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EDITING = "Editing the agenda: `retrokit.editing`"


def test_every_editing_helper_is_documented_with_its_signature_and_nothing_else():
    from retrokit import editing

    text = guide_part(EDITING)
    for name in editing.__all__:
        value = getattr(editing, name)
        shown = f"`{name}{plain_signature(value)}`" if inspect.isfunction(value) else f"`{name}`"
        assert shown in text, f"{shown} is not in docs/plugins.md's {EDITING}"
    documented = set(re.findall(r"`(\w+)\(", text)) - {"Prompt", "warn"} - {"from_data"}
    assert documented <= set(editing.__all__), f"documented but not in retrokit.editing: {documented - set(editing.__all__)}"


@pytest.mark.parametrize("minutes", [30, 45, 60, 90])
def test_the_editing_example_ends_every_retro_on_thanks_and_keeps_its_length(tmp_path, retrokit_render, minutes):
    module = load_block(guide_part(EDITING), "plugin_docs_editing", tmp_path)
    result = retrokit_render("retro", ("appreciation", module), minutes=minutes)  # strict: no warning
    close = result.agenda.sections[-1]
    assert module.THANKS.id in [item.prompt_id for item in close.items]
    assert result.agenda.minutes == minutes and result.notes == []
    for section in result.agenda.sections:
        assert sum(i.minutes for i in section.items) + sum(g.minutes for g in section.memory) == section.minutes


def test_the_reporting_example_skips_only_the_bad_row(tmp_path):
    from retrokit import PluginWarning

    module = load_block(guide_part("Reporting a problem: `retrokit.warn` and `PluginError`"), "plugin_docs_warn", tmp_path)
    rows = tmp_path / "rows.csv"
    rows.write_text("check-in,5\nvote,many\nclose,3\n", encoding="utf-8")
    with pytest.warns(PluginWarning, match=rf"^{re.escape(str(rows))}:2: minutes 'many' is not a whole number; row skipped$"):
        assert module.read_rows(rows) == [("check-in", 5), ("close", 3)]
