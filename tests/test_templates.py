"""Templates: a team overrides or extends the defaults; mistakes are one line naming the file and line;
templates run sandboxed; user text is data, never template code."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def make_team(root: Path, templates: dict[str, str], name: str = "Ops") -> Path:
    """A team folder with retrokit.toml and templates/<file> for each entry; returns the folder."""
    team = root / "team"
    (team / "templates").mkdir(parents=True, exist_ok=True)
    (team / "retrokit.toml").write_text(f'[team]\nname = "{name}"\n', encoding="utf-8")
    for filename, text in templates.items():
        (team / "templates" / filename).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return team


def render(run, team: Path, *args: str):
    return run("render", "retro", "--seed", "t", "--team", str(team), *args)


def assert_one_error_line(result, *fragments: str) -> str:
    """Exit 1, nothing on stdout, one error line on stderr holding every fragment, no traceback."""
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("retrokit: error: ")
    for fragment in fragments:
        assert fragment in line
    return line


def inline_texts(markdown: str) -> list[str]:
    """The plain text of every inline token (headings, paragraphs, list items, cells)."""
    return [
        "".join(child.content for child in token.children if child.type in {"text", "code_inline"})
        for token in MD.parse(markdown)
        if token.type == "inline"
    ]


# -- overriding and extending -----------------------------------------------------------------------


def test_team_template_overrides_the_default(run, tmp_path):
    team = make_team(tmp_path, {"retro.md.j2": "# Ours: {{ agenda.title }}\nSeed {{ agenda.seed }}, {{ agenda.minutes }} min\n"})
    result = render(run, team)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == "# Ours: Retrospective · Ops\nSeed t, 60 min\n"


def test_team_template_extends_the_default_and_super_stays_markdown(run, tmp_path):
    # the baseline uses the same team folder, before the template is written, so the NOTE line matches
    baseline = render(run, make_team(tmp_path, {})).stdout
    team = make_team(
        tmp_path,
        {
            "retro.md.j2": """
                {% extends "default:retro.md.j2" %}
                {% block preamble %}
                {{ super() }}
                Dashboards: **health**, *deploys*.
                {% endblock %}
                """
        },
    )
    result = render(run, team)
    assert result.exit_code == 0 and result.stderr == ""
    doc = result.stdout
    # the default block's text comes through unescaped, as Markdown
    assert "\n> [!TIP]\n> Listen to understand before you answer." in doc
    assert "\\[!TIP\\]" not in doc and "\\>" not in doc
    assert "Dashboards: **health**, *deploys*.\n" in doc
    assert doc.replace("Dashboards: **health**, *deploys*.\n\n", "") == baseline


def test_team_agenda_layout_is_used_by_the_default_kind_templates(run, tmp_path):
    team = make_team(tmp_path, {"agenda.md.j2": "# Layout for {{ kind.title }}\n{% block preamble %}{% endblock %}\n"})
    result = render(run, team)
    assert result.exit_code == 0, result.stderr
    doc = result.stdout
    assert doc.startswith("# Layout for Retrospective\n")
    assert "> [!TIP]\n> Listen to understand" in doc  # the default retro.md.j2 still fills the block


def test_macro_in_a_team_template_renders_markdown(run, tmp_path):
    team = make_team(
        tmp_path,
        {
            "retro.md.j2": """
                {% macro fact(label, value) -%}
                - **{{ label }}:** {{ value }}
                {%- endmacro %}
                # Facts
                {{ fact("Team", team.name) }}
                {{ fact("Length", agenda.minutes ~ " min") }}
                {{ fact("Seed", agenda.seed|code) }}
                """
        },
    )
    result = render(run, team)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "# Facts\n- **Team:** Ops\n- **Length:** 60 min\n- **Seed:** `t`\n"
    kinds = [token.type for token in MD.parse(result.stdout)]
    assert kinds.count("list_item_open") == 3
    strong = [c for t in MD.parse(result.stdout) if t.type == "inline" for c in t.children if c.type == "strong_open"]
    assert len(strong) == 3


def test_macros_imported_from_another_team_template(run, tmp_path):
    team = make_team(
        tmp_path,
        {
            "macros.md.j2": """
                {% macro callout(text) -%}
                > [!NOTE]
                > {{ text }}
                {%- endmacro %}
                """,
            "retro.md.j2": """
                {% import "macros.md.j2" as m %}
                # {{ agenda.title }}

                {{ m.callout(team.name ~ " retro") }}
                """,
        },
    )
    result = render(run, team)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "# Retrospective · Ops\n\n> [!NOTE]\n> Ops retro\n"


# -- mistakes in templates --------------------------------------------------------------------------


def test_undefined_attribute_names_the_template_file_and_line(run, tmp_path):
    team = make_team(tmp_path, {"retro.md.j2": "# {{ agenda.title }}\n\nSome text.\n{{ agenda.titel }}\n"})
    line = assert_one_error_line(render(run, team), f"{team / 'templates' / 'retro.md.j2'}:4: ", "titel")
    assert line.startswith(f"retrokit: error: {team / 'templates' / 'retro.md.j2'}:4: template error: ")


def test_undefined_attribute_inside_a_block_of_an_extending_template(run, tmp_path):
    template = """
        {% extends "default:retro.md.j2" %}
        {% block preamble %}
        {{ super() }}
        {{ team.nmae }}
        {% endblock %}
        """
    team = make_team(tmp_path, {"retro.md.j2": template})
    assert_one_error_line(render(run, team), f"{team / 'templates' / 'retro.md.j2'}:4: ", "nmae")


def test_undefined_attribute_in_an_imported_macro_names_the_macro_file(run, tmp_path):
    team = make_team(
        tmp_path,
        {
            "macros.md.j2": "{# helpers #}\n{% macro m(a) %}\n{{ a.nope }}\n{% endmacro %}\n",
            "retro.md.j2": '{% import "macros.md.j2" as x %}\n# T\n{{ x.m(agenda) }}\n',
        },
    )
    assert_one_error_line(render(run, team), f"{team / 'templates' / 'macros.md.j2'}:3: ", "nope")


@pytest.mark.parametrize(
    "template, line",
    [
        pytest.param("# T\n\n{% if agenda.title %}\nunclosed\n", 4, id="unclosed-if"),
        pytest.param("# T\n{{ agenda.title }\n", 2, id="bad-expression"),
        pytest.param("# T\n\n\n{% endfor %}\n", 4, id="stray-endfor"),
    ],
)
def test_syntax_error_names_the_template_file_and_line(run, tmp_path, template, line):
    team = make_team(tmp_path, {"retro.md.j2": template})
    assert_one_error_line(
        render(run, team), f"{team / 'templates' / 'retro.md.j2'}:{line}: template syntax error: "
    )


def test_template_extending_itself_is_explained(run, tmp_path):
    team = make_team(tmp_path, {"retro.md.j2": '{% extends "retro.md.j2" %}\n'})
    assert_one_error_line(render(run, team), "extends itself", '{% extends "default:NAME" %}')


@pytest.mark.parametrize(
    "expression, error",
    [
        ('{{ agenda.minutes + "x" }}', "TypeError: unsupported operand type(s) for +: 'int' and 'str'"),
        ("{{ agenda.minutes // 0 }}", "ZeroDivisionError: integer division or modulo by zero"),
    ],
)
def test_runtime_error_in_a_team_template_names_file_and_line(run, tmp_path, expression, error):
    team = make_team(tmp_path, {"retro.md.j2": f"# T\n\n{expression}\n"})
    line = assert_one_error_line(render(run, team))
    assert line == f"retrokit: error: {team / 'templates' / 'retro.md.j2'}:3: template error: {error}"


# -- the sandbox ------------------------------------------------------------------------------------

ESCAPES = [
    "{{ agenda.__class__.__mro__ }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    '{{ agenda.seed|attr("__class__") }}',
    '{{ "{0.__class__.__mro__}".format(agenda.seed) }}',
    "{{ cycler.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ agenda.__dict__ }}",
    "{{ agenda.sections.append(1) }}",
    "{{ team.members.clear() }}",
]


@pytest.mark.parametrize("attempt", ESCAPES)
def test_sandbox_blocks_escapes_from_a_team_template(run, tmp_path, attempt):
    team = make_team(tmp_path, {"retro.md.j2": f"# Team\n{attempt}\n"})
    result = render(run, team)
    line = assert_one_error_line(result, f"{team / 'templates' / 'retro.md.j2'}:2: template error: ", "unsafe")
    for leak in ("<class", "subclasses", "__globals__':", "builtins", "object at 0x"):
        assert leak not in line


def test_sandbox_also_covers_templates_from_a_plugin_template_folder(run, tmp_path):
    folder = tmp_path / "plugin-templates"
    folder.mkdir()
    (folder / "retro.md.j2").write_text("# From a plugin\n{{ ''.__class__.__subclasses__() }}\n", encoding="utf-8")
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "tpl.py").write_text(
        f"from retrokit import hookimpl\n\n\n@hookimpl\ndef retrokit_template_dirs():\n    return [{str(folder)!r}]\n",
        encoding="utf-8",
    )
    result = run("render", "retro", "--seed", "t", "--plugins-dir", str(plugins))
    assert_one_error_line(result, f"{folder / 'retro.md.j2'}:2: template error: ", "unsafe")


# -- user text is data, never template code ---------------------------------------------------------


def test_user_text_that_looks_like_template_code_renders_literally(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    name = "{{ 7*7 }} {% raw %} {# note #} {%- endraw %}"
    (team / "retrokit.toml").write_text(f"[team]\nname = '{name}'\n", encoding="utf-8")
    result = run("render", "retro", "--seed", "t", "--team", str(team))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    title = result.stdout.splitlines()[0]
    assert inline_texts(title) == [f"Retrospective · {name}"]
    assert "49" not in result.stdout.replace(str(team), "")  # the regenerate command names the team folder

    titled = run("render", "retro", "--seed", "t", "--team", str(team), "--title", "{{ 6*7 }} {% endraw %}{{ agenda }}")
    assert titled.exit_code == 0, titled.stderr
    assert inline_texts(titled.stdout.splitlines()[0]) == ["{{ 6*7 }} {% endraw %}{{ agenda }}"]
    assert "42" not in titled.stdout.splitlines()[0]


def test_plugin_text_that_looks_like_template_code_renders_literally(run, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    text = "{{ agenda.__class__ }} {% for x in range(3) %}{{ x }}{% endfor %}"
    (plugins / "tricky.py").write_text(
        "from retrokit import hookimpl\n\n\n@hookimpl\ndef retrokit_meeting_kinds():\n"
        "    return [{'name': 'tricky', 'title': 'Tricky', 'default_minutes': 10,\n"
        "             'sections': [{'id': 'only', 'title': '{{ 1+1 }}', 'phases': ['tricky']}]}]\n\n\n"
        "@hookimpl\ndef retrokit_prompts():\n"
        f"    return [{{'id': 'tricky.one', 'text': {text!r}, 'behavior': 'listening', 'kinds': ['tricky'],\n"
        "             'phase': 'tricky', 'minutes': 5}]\n",
        encoding="utf-8",
    )
    result = run("render", "tricky", "--seed", "t", "--plugins-dir", str(plugins))
    assert result.exit_code == 0, result.stderr
    texts = inline_texts(result.stdout)
    assert "{{ 1+1 }} · 10 min" in texts
    assert any(t.endswith(f": {text}") for t in texts)
    assert "012" not in result.stdout


# -- the section and item blocks --------------------------------------------------------------------


def test_a_team_reshapes_every_item_through_the_item_block(run, tmp_path):
    baseline = render(run, make_team(tmp_path, {})).stdout
    team = make_team(tmp_path, {"retro.md.j2": """
        {% extends "default:retro.md.j2" %}
        {% block item %}
        1. {{ item.text }} — {{ item.minutes }} min, {{ section.title }}
        {% endblock %}
        """})
    result = render(run, team)
    assert result.exit_code == 0 and result.stderr == ""
    items = [line for line in result.stdout.splitlines() if line.startswith("1. ")]
    assert len(items) == sum(1 for line in baseline.splitlines() if line.startswith("- **"))
    assert items[0].endswith(" min, Set the stage")
    # everything else is the default layout, byte for byte
    strip = lambda doc: [line for line in doc.splitlines() if not line.startswith(("1. ", "- ", "  - "))]
    assert strip(result.stdout) == strip(baseline)


def test_a_team_reshapes_the_section_heading_and_keeps_the_items(run, tmp_path):
    baseline = render(run, make_team(tmp_path, {})).stdout
    team = make_team(tmp_path, {"retro.md.j2": """
        {% extends "default:retro.md.j2" %}
        {% block section_heading %}
        ## {{ loop.index }}. {{ section.title }} ({{ section.minutes }}′)

        {% endblock %}
        """})
    result = render(run, team)
    assert result.exit_code == 0 and result.stderr == ""
    assert [line for line in result.stdout.splitlines() if line.startswith("## ")][:2] == [
        "## 1. Set the stage (10′)", "## 2. Gather data (16′)"]
    assert "*Arrive, hear every voice once" not in result.stdout  # the intro was part of the heading block
    items = lambda doc: [line for line in doc.splitlines() if line.startswith("- **")]
    assert items(result.stdout) == items(baseline)


def test_a_team_can_leave_out_a_section_through_the_section_block(run, tmp_path):
    team = make_team(tmp_path, {"retro.md.j2": """
        {% extends "default:retro.md.j2" %}
        {% block section %}
        {% if section.id != "close" %}{{ super() }}{% endif %}
        {% endblock %}
        """})
    result = render(run, team)
    assert result.exit_code == 0 and result.stderr == ""
    assert "## Close" not in result.stdout and "## Decide what to do" in result.stdout


def test_an_unknown_variable_in_an_item_block_names_the_team_template(run, tmp_path):
    team = make_team(tmp_path, {"retro.md.j2": """
        {% extends "default:retro.md.j2" %}
        {% block item %}
        - {{ item.txt }}
        {% endblock %}
        """})
    assert_one_error_line(render(run, team), str(team / "templates" / "retro.md.j2") + ":3: ", "txt")
