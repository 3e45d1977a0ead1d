"""The cache of the first-party plugins' validated contributions (retrokit/host/cache.py).

Most tests run retrokit from a copy of the package laid out as the wheel installs it (retrokit/_builtin/
plugins and templates), so they can edit a built-in plugin file the way an upgrade or a developer does.
Each run reports whether pluggy was imported: a render served wholly from the cache never imports it.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = """
import atexit, sys
marker = sys.argv.pop(1)
atexit.register(lambda: open(marker, "w").write("live" if "pluggy" in sys.modules else "cached"))
sys.argv[0] = "retrokit"
from retrokit.cli import main
main()
"""


@pytest.fixture
def site(tmp_path):
    """A copy of retrokit as installed from the wheel; ``site.run(*args)`` runs its CLI."""
    root = tmp_path / "site"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "retrokit", root / "retrokit", ignore=skip)
    shutil.copytree(ROOT / "plugins", root / "retrokit" / "_builtin" / "plugins", ignore=skip)
    shutil.copytree(ROOT / "templates", root / "retrokit" / "_builtin" / "templates", ignore=skip)
    return Site(root, tmp_path / "cache")


class Site:
    def __init__(self, root: Path, cache: Path):
        self.root, self.cache = root, cache
        self.plugins = root / "retrokit" / "_builtin" / "plugins"

    def run(self, *args, cache: str | None = None):
        """A CompletedProcess with ``.served``: "cached" (pluggy never imported) or "live"."""
        marker = self.root.parent / "served.txt"
        env = dict(os.environ, PYTHONPATH=str(self.root), RETROKIT_CACHE_DIR=str(self.cache) if cache is None else cache)
        result = subprocess.run(
            [sys.executable, "-c", RUN, str(marker), *args], capture_output=True, text=True, encoding="utf-8",
            env=env, cwd=self.root.parent,
        )
        result.served = marker.read_text()
        return result

    def cache_files(self) -> list[Path]:
        return sorted(self.cache.glob("*.pickle")) if self.cache.is_dir() else []


def test_second_render_comes_from_the_cache_and_is_byte_identical(site):
    first = site.run("render", "retro", "--seed", "cache")
    second = site.run("render", "retro", "--seed", "cache")
    uncached = site.run("render", "retro", "--seed", "cache", cache="")  # RETROKIT_CACHE_DIR empty: off
    assert first.returncode == second.returncode == uncached.returncode == 0, first.stderr
    assert (first.served, second.served, uncached.served) == ("live", "cached", "live")
    assert first.stdout == second.stdout == uncached.stdout
    assert first.stderr == second.stderr == uncached.stderr == ""
    assert len(site.cache_files()) == 1


@pytest.mark.parametrize("args", [
    ("prompts", "--json"), ("plugins", "--json"), ("render", "one-on-one", "--seed", "c", "--format", "json"),
    ("render", "retro", "--seed", "c", "--format", "notion"),
])
def test_every_listing_and_format_is_the_same_from_the_cache(site, args):
    site.run("render", "retro")  # fills the cache
    cached, live = site.run(*args), site.run(*args, cache="")
    assert cached.returncode == live.returncode == 0, live.stderr
    assert cached.stdout == live.stdout and cached.stderr == live.stderr


def test_editing_a_builtin_plugin_file_is_seen_at_once(site):
    site.run("prompts", "--json")
    listening = site.plugins / "listening.py"
    text = listening.read_text(encoding="utf-8")
    old = "Round: each person says one word for how this sprint felt."
    assert old in text
    listening.write_text(text.replace(old, "Round: each person names one moment of this sprint."), encoding="utf-8")
    after = site.run("prompts", "--json")
    assert after.served == "live"
    assert "names one moment of this sprint" in after.stdout and old not in after.stdout
    again = site.run("prompts", "--json")
    assert again.served == "cached" and again.stdout == after.stdout


def test_a_new_prompt_field_value_comes_back_from_the_cache(site):
    """Every Prompt field is carried (the NamedTuple itself is stored), including the hook API 1.2 ones."""
    path = site.plugins / "listening.py"
    text = path.read_text(encoding="utf-8")
    prompt = (
        '{"id": "listening.cache-probe", "text": "Probe.", "kinds": ["retro"], "phase": "gather", "minutes": 4,'
        ' "technique": "word-round", "prepare": "Nothing to bring.", "audience": "group", "needs": ["remote"],'
        ' "max_minutes": 7, "source": "Our own."},'
    )
    assert text.count("PROMPTS = [\n") == 1
    path.write_text(text.replace("PROMPTS = [\n", "PROMPTS = [\n    " + prompt + "\n"), encoding="utf-8")
    live = site.run("prompts", "--json")
    cached = site.run("prompts", "--json")
    assert (live.served, cached.served) == ("live", "cached")
    assert cached.stdout == live.stdout
    probe = next(row for row in json.loads(cached.stdout) if row["id"] == "listening.cache-probe")
    assert (probe["technique"], probe["prepare"], probe["audience"], probe["needs"], probe["max_minutes"],
            probe["source"]) == ("word-round", "Nothing to bring.", "group", ["remote"], 7, "Our own.")


def test_a_builtin_plugin_that_warns_is_never_cached_so_its_warning_always_shows(site):
    (site.plugins / "noisy.py").write_text(
        "from retrokit import hookimpl\n\n"
        "def retrokit_prompts():\n    return []\n\n"
        "@hookimpl\ndef retrokit_behaviors():\n    return [{'name': 'noisy', 'title': 'Noisy'}]\n",
        encoding="utf-8",
    )
    (site.plugins / "broken_item.py").write_text(
        "from retrokit import hookimpl\n\n"
        "@hookimpl\ndef retrokit_prompts():\n"
        "    return [{'id': 'broken-item.x', 'text': 'T', 'behavior': 'b', 'kinds': ['retro'], 'phase': 'gather'}]\n",
        encoding="utf-8",
    )
    runs = [site.run("render", "retro", "--seed", "w") for _ in range(3)]
    for run in runs:
        assert run.returncode == 0
        assert "noisy" in run.stderr and "without @retrokit.hookimpl" in run.stderr
        assert "'broken-item.x'" in run.stderr and "has no 'minutes'" in run.stderr
        assert run.stderr == runs[0].stderr and run.stdout == runs[0].stdout
    assert runs[-1].served == "live"  # those two load live; the others still come from the cache


def test_python_warnings_of_a_builtin_plugin_show_every_time(site):
    (site.plugins / "dated.py").write_text(
        "import warnings\nfrom retrokit import hookimpl\n\nwarnings.warn('dated is old', UserWarning)\n\n"
        "@hookimpl\ndef retrokit_behaviors():\n    return [{'name': 'dated', 'title': 'Dated'}]\n",
        encoding="utf-8",
    )
    for _ in range(2):
        assert "UserWarning: dated is old" in site.run("render", "retro").stderr


def test_a_doctor_run_that_records_warnings_does_not_cache_the_plugin_that_warned(site):
    (site.plugins / "noisy.py").write_text(
        "def retrokit_prompts():\n    return []\n", encoding="utf-8"
    )
    doctor = site.run("doctor")
    assert "without @retrokit.hookimpl" in doctor.stdout + doctor.stderr
    assert "without @retrokit.hookimpl" in site.run("render", "retro").stderr


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign"])
def test_a_corrupt_cache_still_renders_silently_and_is_rewritten(site, damage):
    good = site.run("render", "retro", "--seed", "x")
    (cache_file,) = site.cache_files()
    data = cache_file.read_bytes()
    foreign = pickle.dumps(("a", "tuple", "of", "another", "shape"))  # a whole pickle, not ours
    cache_file.write_bytes(
        {"garbage": b"not a pickle at all", "truncated": data[: len(data) // 2], "empty": b"", "foreign": foreign}[damage]
    )
    damaged = site.run("render", "retro", "--seed", "x")
    assert damaged.returncode == 0 and damaged.stderr == "" and damaged.stdout == good.stdout
    assert site.run("render", "retro", "--seed", "x").served == "cached"  # rewritten whole


def test_an_unwritable_cache_folder_still_renders_silently(site, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    first = site.run("render", "retro", "--seed", "u", cache=str(blocked / "retrokit"))
    assert first.returncode == 0 and first.stderr == ""
    assert first.stdout == site.run("render", "retro", "--seed", "u", cache="").stdout


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root may write anywhere")
def test_a_read_only_cache_folder_still_renders_silently(site):
    site.cache.mkdir()
    site.cache.chmod(0o500)
    try:
        run = site.run("render", "retro", "--seed", "r")
    finally:
        site.cache.chmod(0o700)
    assert run.returncode == 0 and run.stderr == "" and site.cache_files() == []


def test_a_cache_file_others_may_write_is_not_trusted(site):
    site.run("render", "retro")
    (cache_file,) = site.cache_files()
    cache_file.chmod(0o666)
    assert site.run("render", "retro").served == "live"


def test_processes_racing_to_fill_the_cache_all_render_and_leave_a_whole_file(site):
    marker_env = dict(os.environ, PYTHONPATH=str(site.root), RETROKIT_CACHE_DIR=str(site.cache))
    code = "import sys; sys.argv[0] = 'retrokit'\nfrom retrokit.cli import main\nmain()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, "render", "retro", "--seed", "race"], env=marker_env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=site.root.parent)
        for _ in range(6)
    ]
    outputs = [proc.communicate() for proc in procs]
    assert all(proc.returncode == 0 for proc in procs)
    assert len({out for out, _ in outputs}) == 1 and all(err == b"" for _, err in outputs)
    assert [path.name for path in site.cache.iterdir()] == [site.cache_files()[0].name]  # no temporary left
    assert site.run("render", "retro", "--seed", "race").served == "cached"


def test_a_hook_the_cache_does_not_hold_loads_its_plugin(site, tmp_path):
    """shared-metrics' rules are code: with a metrics file they run, though its prompts came from the cache."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "retrokit.toml").write_text('[team]\nname = "Ops"\n[metrics]\nfile = "metrics.toml"\n', encoding="utf-8")
    (team / "metrics.toml").write_text(
        'schema = 1\n[[metric]]\nname = "Deploy lead time"\nvalue = 3\nprevious = 5\nbetter = "lower"\n',
        encoding="utf-8",
    )
    site.run("render", "retro")
    cached = site.run("render", "retro", "--seed", "m", "--team", str(team))
    live = site.run("render", "retro", "--seed", "m", "--team", str(team), cache="")
    assert cached.returncode == live.returncode == 0, cached.stderr
    assert "Deploy lead time" in cached.stdout
    assert cached.stdout == live.stdout and cached.stderr == live.stderr


def test_the_session_from_the_cache_has_every_field_and_a_full_plugin_manager(retrokit_session):
    first = retrokit_session()  # fills the cache (the suite's own folder)
    second = retrokit_session()
    assert second.catalog.prompts == first.catalog.prompts
    assert [tuple(p) for p in second.catalog.prompts.values()] == [tuple(p) for p in first.catalog.prompts.values()]
    assert second.catalog.kinds == first.catalog.kinds and second.catalog.behaviors == first.catalog.behaviors
    assert second.host.pm.get_plugin("listening") is not None  # .pm loads what the cache served


@pytest.mark.parametrize("name", ["retro.md.j2", "agenda.md.j2", "one-on-one.md.j2"])
def test_compiled_templates_come_back_from_the_bytecode_cache_as_jinja2_reads_them(tmp_path, name):
    """retrokit reads jinja2's compiled-template files whole (faster than jinja2's own reader): the same
    code comes back, and a damaged file is compiled afresh, never half-read."""
    import jinja2

    from retrokit.planning.templating import environment

    def fresh():
        env = environment()
        env.bytecode_cache.directory = str(tmp_path)
        return env

    fresh().get_template(name)  # compiles it and writes its cache file
    reader = fresh()
    source, filename, _ = reader.loader.get_source(reader, name)
    ours = reader.bytecode_cache.get_bucket(reader, name, filename, source)
    stock = jinja2.FileSystemBytecodeCache(str(tmp_path), reader.bytecode_cache.pattern)
    theirs = stock.get_bucket(reader, name, filename, source)
    assert ours.code is not None and ours.code == theirs.code
    cached = Path(stock._get_cache_filename(theirs))
    cached.write_bytes(cached.read_bytes()[:-40])  # truncated
    assert reader.bytecode_cache.get_bucket(reader, name, filename, source).code is None
    assert fresh().get_template(name).name == name  # compiled afresh from the source
