"""docs/templates.md cannot drift from the templates: every block, macro and variable of templates/*.j2,
and every attribute the renderer hands them, is documented, nothing documented is gone, and the
examples there render."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from jinja2 import meta, nodes

from retrokit import config, model
from retrokit.planning.templating import environment

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")

#: The name each template variable goes by -> the type whose fields it has.
TYPES = {
    "agenda": model.Agenda,
    "section": model.AgendaSection,
    "item": model.AgendaItem,
    "group": model.MemoryGroup,
    "entry": model.Remembered,
    "kind": model.MeetingKind,
    "kind.sections[]": model.Section,
    "team": config.TeamConfig,
}


def doc_part(heading: str) -> str:
    return DOC.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def first_cells(text: str) -> set[str]:
    """The names in the first column of the tables in ``text`` (each `name`, also `a`, `b`, `c`)."""
    cells = re.findall(r"^\| (`[^|]+) \|", text, re.MULTILINE)
    return {name for cell in cells for name in re.findall(r"`([^`]+)`", cell)}


def parsed() -> dict[str, nodes.Template]:
    env = environment()
    return {path.name: env.parse(path.read_text(encoding="utf-8")) for path in sorted(TEMPLATES.glob("*.j2"))}


def fields(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else list(cls._fields)


def test_every_template_file_is_documented():
    assert first_cells(doc_part("The files")) == {path.name for path in TEMPLATES.glob("*.j2")}


def test_every_block_is_documented_and_nothing_else():
    blocks = {block.name for tree in parsed().values() for block in tree.find_all(nodes.Block)}
    assert first_cells(doc_part("Blocks")) == blocks


def test_a_block_right_inside_a_loop_is_scoped_so_an_override_sees_the_loop_variable():
    def blocks_under_loops(node, in_loop=False):
        """(block, whether its nearest enclosing loop or block is a loop) for every block under ``node``."""
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Block):
                yield child, in_loop
                yield from blocks_under_loops(child, False)
            else:
                yield from blocks_under_loops(child, in_loop or isinstance(child, nodes.For))

    found = list(blocks_under_loops(parsed()["agenda.md.j2"]))
    assert {block.name for block, in_loop in found if in_loop} == {"section", "item"}
    for block, in_loop in found:
        assert block.scoped == in_loop, f"block {block.name}"


def test_every_macro_is_documented_and_nothing_else():
    macros = {f"{m.name}({', '.join(a.name for a in m.args)})" for m in parsed()["memory.md.j2"].find_all(nodes.Macro)}
    assert first_cells(doc_part("Macros of `memory.md.j2`")) == macros


def test_every_variable_a_template_uses_is_documented():
    documented = first_cells(doc_part("Variables"))
    used = set()
    for tree in parsed().values():
        used |= meta.find_undeclared_variables(tree)  # what the renderer must give
        used |= {node.name for node in tree.find_all(nodes.Name) if node.ctx == "load"}
        used |= {target.name for target in tree.find_all(nodes.Name) if target.ctx == "store"}
    used -= {"super", "self", "n"}  # Jinja2's own; the macros' number argument (documented with them)
    used -= {"health"}  # the health-check plugin's own template global, named below the table
    assert "`health`" in doc_part("Variables")
    used -= {macro.name for tree in parsed().values() for macro in tree.find_all(nodes.Macro)}  # as above
    assert used - documented == set()
    assert {"agenda", "kind", "team"} <= documented  # what render_markdown passes every template


def test_every_attribute_a_template_uses_is_documented():
    documented = first_cells(DOC)
    used = {
        f"{node.node.name}.{node.attr}"
        for tree in parsed().values()
        for node in tree.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name in TYPES
    }
    assert used - documented == set()


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_field_the_renderer_passes_is_documented_and_nothing_else(name):
    documented = {cell.removeprefix(f"{name}.") for cell in first_cells(DOC) if re.fullmatch(rf"{re.escape(name)}\.\w+", cell)}
    assert documented == set(fields(TYPES[name]))


def test_the_names_a_plugin_cannot_take_cover_every_documented_variable():
    from retrokit.planning.templating import OWN_NAMES

    variables = first_cells(doc_part("Variables").split("\n### ", 1)[0])
    assert variables <= OWN_NAMES


@pytest.mark.parametrize("index", range(len(re.findall(r"```jinja\n", DOC))))
def test_each_example_renders_as_a_team_template(run, tmp_path, index):
    example = re.findall(r"```jinja\n(.*?)```", DOC, re.DOTALL)[index]
    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    (team / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    before = run("render", "retro", "--seed", "docs", "--team", str(team), "--strict")
    (team / "templates" / "retro.md.j2").write_text(example, encoding="utf-8")
    after = run("render", "retro", "--seed", "docs", "--team", str(team), "--strict")
    assert after.exit_code == 0 and after.stderr == ""
    assert after.stdout != before.stdout
    assert after.stdout.startswith("# Retrospective · Ops\n") and after.stdout.endswith(before.stdout.splitlines()[-1] + "\n")


def test_every_filter_of_retrokit_s_own_is_documented():
    import jinja2

    used = {f.name for tree in parsed().values() for f in tree.find_all(nodes.Filter)}
    own = set(environment().filters) - set(jinja2.Environment().filters)
    for name in used & own | own:
        assert f"The `{name}` filter" in doc_part("Variables")


def test_the_default_environment_loads_every_template():
    env = environment()
    for path in TEMPLATES.glob("*.j2"):
        env.get_template(path.name)
