"""Plugins: one broken plugin never takes retrokit down, and every problem is one line naming the plugin.

Covers folder plugins (--plugins-dir and the team's plugins folder), malformed hook results, hook-name
mistakes, overrides of built-ins, --disable-plugin, installed plugins (a real package installed with pip
and filtered by RETROKIT_LOAD_PLUGINS), retrokit's own entry-point reader, and plugin commands.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import EXAMPLES

GOOD_PROMPT = {
    "id": "team.good-one",
    "text": "A good prompt from a team plugin.",
    "behavior": "listening",
    "kinds": ["retro"],
    "phase": "gather",
    "minutes": 5,
}


def write_plugin(folder: Path, name: str, source: str) -> Path:
    """Write folder/name.py from dedented source; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return path


def prompts_plugin(items) -> str:
    """Source of a plugin whose retrokit_prompts returns ``items`` (any Python value)."""
    return f"""
        from retrokit import hookimpl


        @hookimpl
        def retrokit_prompts():
            return {items!r}
        """


def lines(text: str) -> list[str]:
    return text.splitlines()


def prompt_ids(stdout: str) -> set[str]:
    return {p["id"] for p in json.loads(stdout)}


def plugin_rows(stdout: str) -> dict[str, dict]:
    return {row["name"]: row for row in json.loads(stdout)}


@pytest.fixture
def baseline(run, tmp_path):
    """The retro agenda for seed 'p' with only the built-in plugins, rendered with the options the tests use.

    It is rendered with ``--plugins-dir tmp_path/extra`` while that folder is still empty (the test writes
    its plugin there afterwards), so the NOTE's regenerate command is the same as in the test's own render.
    """
    extra = tmp_path / "extra"
    extra.mkdir()
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(extra))
    assert result.exit_code == 0 and result.stderr == ""
    assert f"--plugins-dir {extra}" in result.stdout
    return result.stdout


# -- a plugin that fails to import --------------------------------------------------------------------

BOOM = """
    # a team plugin with a bug at import time
    raise RuntimeError("kaboom at import")
    """


def test_plugin_raising_on_import_is_skipped_with_one_warning(run, tmp_path, baseline):
    path = write_plugin(tmp_path / "extra", "boom", BOOM)
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    assert result.stdout == baseline  # the agenda renders exactly as without the plugin
    assert lines(result.stderr) == [
        f"retrokit: warning: plugin 'boom' ({path}) failed to load: RuntimeError: kaboom at import "
        "(boom.py line 2); skipped"
    ]


def test_plugin_raising_on_import_fails_with_strict(run, tmp_path):
    path = write_plugin(tmp_path / "extra", "boom", BOOM)
    result = run("render", "retro", "--seed", "p", "--strict", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert lines(result.stderr) == [
        f"retrokit: error: plugin 'boom' ({path}) failed to load: RuntimeError: kaboom at import "
        "(boom.py line 2); skipped (--strict)"
    ]


def test_plugin_with_a_syntax_error_is_skipped_naming_file_and_line(run, tmp_path, baseline):
    path = write_plugin(tmp_path / "extra", "broken_syntax", "x = 1\ny = 2\ndef f(:\n    pass\n")
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    assert result.stdout == baseline
    # the location is named once, at the end (not also inside SyntaxError's own message)
    assert lines(result.stderr) == [
        f"retrokit: warning: plugin 'broken-syntax' ({path}) failed to load: SyntaxError: invalid syntax "
        "(broken_syntax.py line 3); skipped"
    ]


def test_broken_plugin_in_the_team_plugins_folder_is_skipped(run, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    path = write_plugin(team / "plugins", "boom", BOOM)
    result = run("render", "retro", "--seed", "p", "--team", str(team))
    assert result.exit_code == 0
    assert result.stdout.startswith("# Retrospective · Ops\n")
    assert lines(result.stderr) == [
        f"retrokit: warning: plugin 'boom' ({path}) failed to load: RuntimeError: kaboom at import "
        "(boom.py line 2); skipped"
    ]
    strict = run("render", "retro", "--seed", "p", "--team", str(team), "--strict")
    assert (strict.exit_code, strict.stdout) == (1, "")
    assert len(lines(strict.stderr)) == 1 and "plugin 'boom'" in strict.stderr


def test_relative_plugins_dir_still_names_the_line(run, tmp_path, isolated):
    write_plugin(isolated / "extra", "boom", BOOM)  # isolated is the current folder
    result = run("render", "retro", "--seed", "p", "--plugins-dir", "extra")
    assert result.exit_code == 0
    [line] = lines(result.stderr)
    assert "(boom.py line 2)" in line


# -- a plugin whose hook raises ---------------------------------------------------------------------

HOOK_RAISES = """
    from retrokit import hookimpl


    @hookimpl
    def retrokit_behaviors():
        return [{"name": "stamina", "title": "Stamina"}]


    @hookimpl
    def retrokit_prompts():
        table = {}
        return table["missing"]
    """


def test_hook_that_raises_is_skipped_and_the_rest_of_the_plugin_still_loads(run, tmp_path):
    base = run("prompts", "--json")
    write_plugin(tmp_path / "extra", "flaky", HOOK_RAISES)
    result = run("prompts", "--json", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    assert prompt_ids(result.stdout) == prompt_ids(base.stdout)
    assert lines(result.stderr) == [
        "retrokit: warning: plugin 'flaky' failed in retrokit_prompts: KeyError: 'missing' (flaky.py line 12); skipped"
    ]
    plugins = run("plugins", "--json", "--plugins-dir", str(tmp_path / "extra"))
    assert plugin_rows(plugins.stdout)["flaky"]["hooks"] == ["retrokit_behaviors", "retrokit_prompts"]
    # its working hook still counts: the behaviour it declares is known
    stamina = run("prompts", "-b", "stamina", "--plugins-dir", str(tmp_path / "extra"))
    assert (stamina.exit_code, stamina.stdout) == (0, "0 prompts\n")


def test_hook_that_raises_renders_the_agenda_and_fails_with_strict(run, tmp_path, baseline):
    write_plugin(tmp_path / "extra", "flaky", HOOK_RAISES)
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0 and result.stdout == baseline
    assert len(lines(result.stderr)) == 1 and "plugin 'flaky' failed in retrokit_prompts" in result.stderr
    strict = run("render", "retro", "--seed", "p", "--strict", "--plugins-dir", str(tmp_path / "extra"))
    assert (strict.exit_code, strict.stdout) == (1, "")
    assert lines(strict.stderr) == [
        "retrokit: error: plugin 'flaky' failed in retrokit_prompts: KeyError: 'missing' (flaky.py line 12); "
        "skipped (--strict)"
    ]


# -- malformed data from a hook ---------------------------------------------------------------------


def test_hook_returning_something_other_than_a_list_is_skipped(run, tmp_path, baseline):
    write_plugin(tmp_path / "extra", "single", prompts_plugin(GOOD_PROMPT))
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0 and result.stdout == baseline
    assert lines(result.stderr) == [
        "retrokit: warning: plugin 'single' returned dict from retrokit_prompts, not a list; skipped"
    ]


@pytest.mark.parametrize(
    "bad, named, reason",
    [
        pytest.param(
            {k: v for k, v in dict(GOOD_PROMPT, id="team.no-text").items() if k != "text"},
            "item #2 ('team.no-text')",
            "prompt 'team.no-text' has no 'text'",
            id="missing-key",
        ),
        pytest.param(
            dict(GOOD_PROMPT, id="team.colour", colour="red"),
            "item #2 ('team.colour')",
            "prompt has unknown key 'colour'",
            id="unknown-key",
        ),
        pytest.param(
            dict(GOOD_PROMPT, id="team.negative", minutes=-1),
            "item #2 ('team.negative')",
            "prompt 'team.negative' 'minutes' must be a positive number",
            id="minutes-negative",
        ),
        pytest.param(
            dict(GOOD_PROMPT, id="team.text-minutes", minutes="5"),
            "item #2 ('team.text-minutes')",
            "prompt 'team.text-minutes' 'minutes' must be a positive number",
            id="minutes-string",
        ),
        pytest.param(
            dict(GOOD_PROMPT, id="Team Bad Id"),
            "item #2 ('Team Bad Id')",
            "prompt id 'Team Bad Id' must look like 'family.some-slug'",
            id="bad-id",
        ),
        pytest.param(
            "just a string", "item #2", "prompt must be a dict or a Prompt, not str", id="not-a-dict"
        ),
    ],
)
def test_malformed_item_is_skipped_with_one_warning_and_good_items_load(run, tmp_path, bad, named, reason):
    """The warning names the item by position, and by its id when it has one."""
    write_plugin(tmp_path / "extra", "team_prompts", prompts_plugin([GOOD_PROMPT, bad]))
    result = run("prompts", "--json", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    ids = prompt_ids(result.stdout)
    assert "team.good-one" in ids
    assert not {i for i in ids if i.startswith("team.") or i.startswith("Team")} - {"team.good-one"}
    [line] = lines(result.stderr)
    assert line.startswith(f"retrokit: warning: plugin 'team-prompts' retrokit_prompts {named}: ")
    assert reason in line and line.endswith("; skipped")


def test_every_malformed_item_gets_its_own_warning(run, tmp_path):
    items = [
        dict(GOOD_PROMPT, id="team.negative", minutes=-1),
        GOOD_PROMPT,
        dict(GOOD_PROMPT, id="team.text-minutes", minutes="5"),
        dict(GOOD_PROMPT, id="team.second-good", text="Another good one."),
        7,
    ]
    write_plugin(tmp_path / "extra", "mixed", prompts_plugin(items))
    result = run("prompts", "--json", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    assert {i for i in prompt_ids(result.stdout) if i.startswith("team.")} == {"team.good-one", "team.second-good"}
    warnings = lines(result.stderr)
    assert [w.split(":", 3)[2].strip() for w in warnings] == [
        "plugin 'mixed' retrokit_prompts item #1 ('team.negative')",
        "plugin 'mixed' retrokit_prompts item #3 ('team.text-minutes')",
        "plugin 'mixed' retrokit_prompts item #5",
    ]
    strict = run("prompts", "--json", "--strict", "--plugins-dir", str(tmp_path / "extra"))
    assert (strict.exit_code, strict.stdout) == (1, "")
    assert len(lines(strict.stderr)) == 1 and "item #1" in strict.stderr


def test_malformed_meeting_kind_is_skipped_naming_plugin_and_item(run, tmp_path):
    source = """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_meeting_kinds():
            return [{"name": "standup", "title": "Standup", "default_minutes": 1,
                     "sections": [{"id": "only", "title": "Only", "phases": ["check-in"]}]}]
        """
    write_plugin(tmp_path / "extra", "kinds", source)
    result = run("render", "standup", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert lines(result.stderr)[0] == (
        "retrokit: warning: plugin 'kinds' retrokit_meeting_kinds item #1 ('standup'): meeting kind 'standup' "
        "default_minutes 1 is below its minimum of 3; skipped"
    )
    assert lines(result.stderr)[1].startswith("retrokit: error: unknown meeting kind 'standup'")


# -- mistakes in hook names -------------------------------------------------------------------------


def test_hook_name_typo_warns_with_a_suggestion(run, tmp_path, baseline):
    source = """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_prompt():
            return []
        """
    path = write_plugin(tmp_path / "extra", "typo", source)
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0 and result.stdout == baseline
    assert lines(result.stderr) == [
        f"retrokit: warning: plugin 'typo' ({path}) implements unknown hook 'retrokit_prompt' "
        "(did you mean 'retrokit_prompts'?); ignored"
    ]


def test_hook_function_without_hookimpl_warns_and_is_not_called(run, tmp_path):
    source = f"""
        def retrokit_prompts():
            return [{GOOD_PROMPT!r}]
        """
    path = write_plugin(tmp_path / "extra", "undecorated", source)
    result = run("prompts", "--json", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    assert "team.good-one" not in prompt_ids(result.stdout)
    assert lines(result.stderr) == [
        f"retrokit: warning: plugin 'undecorated' ({path}) defines retrokit_prompts() without "
        "@retrokit.hookimpl; ignored"
    ]
    strict = run("prompts", "--strict", "--plugins-dir", str(tmp_path / "extra"))
    assert (strict.exit_code, strict.stdout) == (1, "")


# -- names, overrides and disabling -----------------------------------------------------------------


def test_two_folder_plugins_with_the_same_name_warn_and_the_first_wins(run, tmp_path):
    first = write_plugin(tmp_path / "one", "shared", prompts_plugin([dict(GOOD_PROMPT, id="team.from-one")]))
    second = write_plugin(tmp_path / "two", "shared", prompts_plugin([dict(GOOD_PROMPT, id="team.from-two")]))
    result = run("prompts", "--json", "--plugins-dir", str(tmp_path / "one"), "--plugins-dir", str(tmp_path / "two"))
    assert result.exit_code == 0
    ids = prompt_ids(result.stdout)
    assert "team.from-one" in ids and "team.from-two" not in ids
    assert lines(result.stderr) == [
        f"retrokit: warning: plugin 'shared' ({second}) has the same name as the one from {first}; skipped"
    ]


def test_folder_plugin_overrides_a_built_in_prompt_silently(run, tmp_path):
    override = dict(GOOD_PROMPT, id="listening.one-word-no-replies", text="Our own one-word round.", phase="check-in")
    write_plugin(tmp_path / "extra", "ours", prompts_plugin([override]))
    base = run("prompts", "--json")
    result = run("prompts", "--json", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0 and result.stderr == ""
    prompts = {p["id"]: p for p in json.loads(result.stdout)}
    assert len(prompts) == len(json.loads(base.stdout))  # replaced, not added
    assert prompts["listening.one-word-no-replies"]["text"] == "Our own one-word round."
    assert prompts["listening.one-word-no-replies"]["plugin"] == "ours"


def test_folder_plugin_overrides_a_built_in_meeting_kind(run, tmp_path):
    source = """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_meeting_kinds():
            return [{"name": "retro", "title": "Our Retro", "default_minutes": 40,
                     "sections": [{"id": "talk", "title": "Just talk", "phases": ["gather"]}]}]
        """
    write_plugin(tmp_path / "extra", "our_kinds", source)
    result = run("render", "retro", "--seed", "p", "--plugins-dir", str(tmp_path / "extra"))
    assert result.exit_code == 0
    assert "warning" not in result.stderr
    assert result.stdout.startswith("# Our Retro\n")
    assert [line for line in lines(result.stdout) if line.startswith("## ")] == ["## Just talk · 40 min"]
    rows = plugin_rows(run("plugins", "--json", "--plugins-dir", str(tmp_path / "extra")).stdout)
    assert rows["our-kinds"]["kinds"] == ["retro"] and rows["meeting-kinds"]["kinds"] == ["one-on-one"]


def test_disable_a_built_in_plugin(run):
    base = run("prompts", "--json")
    result = run("prompts", "--json", "--disable-plugin", "listening")
    assert result.exit_code == 0 and result.stderr == ""
    ids = prompt_ids(result.stdout)
    assert not any(i.startswith("listening.") for i in ids)
    assert ids == {i for i in prompt_ids(base.stdout) if not i.startswith("listening.")}
    names = plugin_rows(run("plugins", "--json", "--disable-plugin", "Listening").stdout)
    assert "listening" not in names and "validation" in names


def test_disable_a_folder_plugin_even_a_broken_one(run, tmp_path):
    write_plugin(tmp_path / "extra", "boom", BOOM)
    write_plugin(tmp_path / "extra", "ours", prompts_plugin([GOOD_PROMPT]))
    result = run(
        "prompts", "--json", "--plugins-dir", str(tmp_path / "extra"), "--disable-plugin", "boom",
        "--disable-plugin", "ours",
    )
    assert result.exit_code == 0
    assert result.stderr == ""  # the broken plugin is never imported
    assert "team.good-one" not in prompt_ids(result.stdout)


@pytest.mark.parametrize(
    "name, message",
    [("nope", "unknown plugin 'nope'"), ("listenin", "unknown plugin 'listenin' (did you mean 'listening'?)")],
)
def test_disable_an_unknown_plugin_is_a_usage_error(run, name, message):
    result = run("render", "retro", "--disable-plugin", name)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = lines(result.stderr)
    assert line.startswith(f"retrokit: error: {message} (see '") and line.endswith(" render --help')")


# -- installed plugins (entry points) ---------------------------------------------------------------

FALLBACK_PACKAGE = {
    "pyproject.toml": """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "retrokit-cheers"
        version = "2.3.4"

        [project.entry-points.retrokit]
        cheers = "retrokit_cheers"

        [tool.hatch.build.targets.wheel]
        packages = ["src/retrokit_cheers"]
        """,
    "src/retrokit_cheers/__init__.py": """
        from retrokit import hookimpl


        @hookimpl
        def retrokit_prompts():
            return [{"id": "cheers.thank-someone", "text": "Thank someone.", "behavior": "support",
                     "kinds": ["retro"], "phase": "close", "minutes": 3}]
        """,
}


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """A real installed plugin: examples/kudos-plugin (or a fallback package) pip-installed into a folder."""
    source = tmp_path_factory.mktemp("plugin-src") / "project"
    if (EXAMPLES / "kudos-plugin" / "pyproject.toml").is_file():
        shutil.copytree(EXAMPLES / "kudos-plugin", source)  # build a copy: never write into the checkout
    else:
        for name, text in FALLBACK_PACKAGE.items():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [(name, value)] = project["entry-points"]["retrokit"].items()
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--no-input", "--target", str(site), str(source)],
        check=True, capture_output=True, text=True,
    )
    return SimpleNamespace(site=site, name=name, value=value, dist=project["name"], version=project["version"])


@pytest.mark.parametrize(
    "load, loaded",
    [
        pytest.param(None, True, id="unset-loads-all"),
        pytest.param("", False, id="empty-loads-none"),
        pytest.param("{name}", True, id="by-entry-point-name"),
        pytest.param(" other , {NAME} ", True, id="in-a-list-any-case"),
        pytest.param("{dist}", True, id="by-distribution-name"),
        pytest.param("other", False, id="other-name"),
    ],
)
def test_retrokit_load_plugins_filters_installed_plugins(installed, plugin_site, monkeypatch, load, loaded):
    monkeypatch.delenv("RETROKIT_LOAD_PLUGINS")
    env = {"PYTHONPATH": str(plugin_site.site)}
    if load is not None:
        env["RETROKIT_LOAD_PLUGINS"] = load.format(
            name=plugin_site.name, NAME=plugin_site.name.upper(), dist=plugin_site.dist
        )
    result = installed("plugins", "--json", env=env)
    assert result.returncode == 0, result.stderr
    if "other" in (load or ""):  # a name no installed plugin has is named, so a typo never loads nothing silently
        assert result.stderr == ("retrokit: warning: RETROKIT_LOAD_PLUGINS names 'other', but no installed plugin "
                                 f"has that name (installed: {plugin_site.name})\n")
    else:
        assert result.stderr == ""
    rows = plugin_rows(result.stdout)
    if not loaded:
        assert not [r for r in rows.values() if r["source"] == "installed"]
        return
    row = rows[plugin_site.name]
    assert row["source"] == "installed"
    assert row["version"] == plugin_site.version
    assert row["origin"] == f"{plugin_site.dist} {plugin_site.version}"
    assert row["hooks"] and row["prompts"] > 0


def test_installed_plugin_prompts_are_used(installed, plugin_site):
    env = {"PYTHONPATH": str(plugin_site.site), "RETROKIT_LOAD_PLUGINS": plugin_site.name}
    result = installed("prompts", "--json", env=env)
    assert result.returncode == 0, result.stderr
    mine = [p for p in json.loads(result.stdout) if p["plugin"] == plugin_site.name]
    assert mine
    disabled = installed("prompts", "--json", "--disable-plugin", plugin_site.name, env=env)
    assert disabled.returncode == 0, disabled.stderr
    assert not [p for p in json.loads(disabled.stdout) if p["plugin"] == plugin_site.name]


COMPARE_ENTRY_POINTS = """
import importlib.metadata, json, sys
from retrokit.host.entrypoints import entry_points
group = sys.argv[1]
ours = sorted([e.name, e.value, e.dist_name, e.dist_version] for e in entry_points(group))
std = sorted([e.name, e.value, e.dist.name, e.dist.version] for e in importlib.metadata.entry_points(group=group))
print(json.dumps({"ours": ours, "std": std}))
"""


def compare_entry_points(group: str, *site_dirs: Path, cache: Path | None = None, cwd: Path | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(d) for d in site_dirs))
    if cache is not None:
        env["RETROKIT_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", COMPARE_ENTRY_POINTS, group], capture_output=True, text=True, env=env, check=True,
        cwd=cwd,
    )
    return json.loads(done.stdout)


def fake_distribution(site: Path, name: str, version: str, entry_points: str | None) -> None:
    """A dist-info folder as an installer writes it (METADATA, optional entry_points.txt)."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.mark.parametrize("group", ["retrokit", "console_scripts"])
def test_entry_point_reader_matches_importlib_metadata(plugin_site, group):
    found = compare_entry_points(group, plugin_site.site)
    assert found["ours"] == found["std"]
    if group == "retrokit":
        assert [plugin_site.name, plugin_site.value, plugin_site.dist, plugin_site.version] in found["ours"]
    else:
        assert ["retrokit", "retrokit.cli:main", "retrokit", "0.1.0"] in found["ours"]


def test_entry_point_reader_first_distribution_on_the_path_wins(tmp_path):
    fake_distribution(tmp_path / "new", "retrokit-shadow", "2.0", "[retrokit]\nshadow = shadow_v2\n")
    fake_distribution(tmp_path / "old", "retrokit-shadow", "1.0", "[retrokit]\nshadow = shadow_v1\n")
    found = compare_entry_points("retrokit", tmp_path / "new", tmp_path / "old")
    assert found["ours"] == found["std"] == [["shadow", "shadow_v2", "retrokit-shadow", "2.0"]]


def test_entry_point_reader_ignores_a_shadowed_distribution(tmp_path):
    fake_distribution(tmp_path / "new", "retrokit-shadow", "2.0", None)  # the plugin dropped its entry point
    fake_distribution(tmp_path / "old", "retrokit-shadow", "1.0", "[retrokit]\nshadow = shadow_v1\n")
    found = compare_entry_points("retrokit", tmp_path / "new", tmp_path / "old")
    assert found["std"] == []
    assert found["ours"] == found["std"]


def settle(folder: Path, seconds_ago: int = 300) -> None:
    """Date ``folder`` back: changed long enough ago for the entry-point cache to keep it."""
    past = time.time() - seconds_ago
    os.utime(folder, (past, past))


def test_entry_points_are_cached_until_a_distribution_comes_or_goes(tmp_path):
    site, cache, cwd = tmp_path / "site", tmp_path / "cache", tmp_path / "cwd"  # cwd: the "" on sys.path
    fake_distribution(site, "retrokit-one", "1.0", "[retrokit]\none = one_plugin\n")
    cwd.mkdir()
    settle(site), settle(cwd)
    compare = functools.partial(compare_entry_points, "retrokit", site, cache=cache, cwd=cwd)
    first = compare()
    assert first["ours"] == first["std"] == [["one", "one_plugin", "retrokit-one", "1.0"]]
    (cached,) = cache.glob("entry-points-*.pickle")
    # Served from the cache: an entry_points.txt edited in place (the folder's mtime unchanged) is not
    # seen, as documented (pip never does this: it writes a new dist-info folder).
    (site / "retrokit_one-1.0.dist-info" / "entry_points.txt").write_text("[retrokit]\none = moved\n", "utf-8")
    assert compare()["ours"] == first["ours"]
    # A new distribution changes the folder: seen at once, and not cached while the change is fresh.
    written = cached.stat().st_mtime_ns
    fake_distribution(site, "retrokit-two", "2.0", "[retrokit]\ntwo = two_plugin\n")
    fresh = compare()
    assert fresh["ours"] == fresh["std"] and ["two", "two_plugin", "retrokit-two", "2.0"] in fresh["ours"]
    assert cached.stat().st_mtime_ns == written
    settle(site, 120)  # settled: cached again, and served as scanned
    assert compare()["ours"] == fresh["ours"]
    assert cached.stat().st_mtime_ns != written
    # A removed distribution is gone at once.
    shutil.rmtree(site / "retrokit_two-2.0.dist-info")
    gone = compare()
    assert gone["ours"] == gone["std"] and all(row[0] != "two" for row in gone["ours"])


# -- plugin commands --------------------------------------------------------------------------------

WAVE = """
    import click
    from retrokit import hookimpl


    @hookimpl
    def retrokit_register_commands(cli):
        @cli.command()
        @click.argument("who")
        def wave(who):
            \"\"\"Wave at a teammate (from the team plugin).\"\"\"
            click.echo(f"waving at {who}")
    """


def test_team_plugin_command_is_listed_and_runs(installed, tmp_path):
    team = tmp_path / "team"
    (team / "sub").mkdir(parents=True)
    (team / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    write_plugin(team / "plugins", "wave", WAVE)
    helped = installed("--help", cwd=team)
    assert helped.returncode == 0 and helped.stderr == ""
    commands = helped.stdout.split("Commands:")[1]
    assert "  wave     Wave at a teammate (from the team plugin)." in commands
    waved = installed("wave", "Ana", cwd=team / "sub")  # the team folder is found by walking up
    assert (waved.returncode, waved.stdout, waved.stderr) == (0, "waving at Ana\n", "")
    outside = installed("wave", "Ana", cwd=tmp_path)
    assert outside.returncode == 2 and outside.stdout == ""
    assert outside.stderr == "retrokit: error: No such command 'wave'. (see 'retrokit --help')\n"
