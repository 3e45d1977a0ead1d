"""The end-to-end proof of issue 16: `retrokit render retro --lang de` (and es, fr, one-on-one and the health check) prints
a complete agenda with no English left in what participants read, in every format.

For many seeds the same plan is rendered in English and in the language (--strict, so no gap is
allowed), what participants read is taken out of each format (Markdown's text lines, the XML text of
html and confluence, Notion's rich_text, the agenda JSON's texts), cut into phrases, and no phrase of
the English render may survive in the translated one: only ids, numbers, dates, names, what the team
wrote, the time-box `· N min` and the task markers may. The agendas draw from the families that have a
translation file in every language (found in plugins/translations/*/), the others are disabled: the
proof grows by itself as translation files land, and covers the whole library once they all have.
"""

from __future__ import annotations

import json
import re
import shlex
from html.parser import HTMLParser

import pytest

import retrokit
from retrokit.host.paths import builtin_dir

LANGS = ("de", "es", "fr")
KINDS = ("retro", "one-on-one", "health-check")
SEEDS = [f"proof-{n}" for n in range(10)]
TRANSLATIONS = builtin_dir("plugins") / "translations"
TODAY = {"RETROKIT_TODAY": "2026-11-24"}
#: Words that are the same in a language and in English, and are the language's own there.
SAME = {"de": {"Seed", "Plan", "Trend"}, "es": {"Seed", "Plan", "plan"},
        "fr": {"Seed", "Plan", "plan", "support", "Validation", "Inclusion", "Score", "score", "Important"}}
#: Names: of a book and a tool a source credit names; they stay as they are in every language.
NAMES = {"Agile Retrospectives", "Retromat", "Stephen Covey", "The Habits of Highly Effective People", "The Trusted Advisor",
         "Maister", "Green", "Galford", "Green & Galford", "Maister, Green & Galford", "Jurgen Appelo", "Management", "Circles and Soup", "Writing the Unspeakable",
         "Fist of five", "Fist of Five", "ROTI", "Derby", "Larsen", "Rogers", "Farson", "Marshall Rosenberg",
         "Carl Rogers", "Gary Klein", "Eisenhower", "Toyota", "Dot Voting", "dot voting", "Appreciative Inquiry",
         "appreciative inquiry", "fist of five", "Start, Stop, Continue", "SRE", "Pre-mortem",
         "Center for Creative Leadership", "Liberating Structures", "1-2-4-All", "All", "Lipmanowicz & McCandless",
         "Project Retrospectives", "Norm Kerth", "Shopify", "Fishbowl"}
#: What the team writes in these tests: it stays as written in every language.
TEAM_TEXT = ("Ask payments about retries", "Write the runbook", "Promotion timeline", "On-call load", "Ops", "Ana")


def translated_families() -> set[str]:
    """The prompt families every shipped language has a translation file for."""
    return set.intersection(*({p.stem.replace("_", "-") for p in (TRANSLATIONS / lang).glob("*.toml")}
                              for lang in LANGS))


def untranslated_families() -> tuple[str, ...]:
    from retrokit.host.session import open_session

    families = {prompt.plugin for prompt in open_session(quiet=True).catalog.prompts.values()}
    return tuple(sorted(families - translated_families()))


OTHERS = untranslated_families()
DISABLE = [arg for name in OTHERS for arg in ("--disable-plugin", name)]


def formats() -> tuple[str, ...]:
    from retrokit.host.session import open_session

    return tuple(sorted(open_session(quiet=True).catalog.formats))


# -- what participants read, by format ------------------------------------------------------------------

class _Text(HTMLParser):
    """The text nodes of html and confluence storage, without code (ids, commands) and the style sheet."""

    SKIP = {"code", "style", "ac:plain-text-body", "ac:task-id", "ac:task-status"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _notion(node, out):
    if isinstance(node, dict):
        if node.get("type") == "text" and isinstance(node.get("text"), dict):
            if not (node.get("annotations") or {}).get("code"):
                out.append(node["text"]["content"])
            return
        for value in node.values():
            _notion(value, out)
    elif isinstance(node, list):
        for value in node:
            _notion(value, out)


#: The agenda JSON's fields that are for machines (ids, the command), not for participants.
MACHINE_KEYS = {"schema", "kind", "seed", "command", "plan", "id", "prompt_id", "behavior", "plugin", "team",
                "date", "phase", "phases", "technique", "context", "tags", "owner", "due", "status", "lang",
                "notes"}  # notes: what the terminal says (English), not the agenda


def _json(node, out, key=""):
    if isinstance(node, dict):
        for name, value in node.items():
            _json(value, out, name)
    elif isinstance(node, list):
        for value in node:
            _json(value, out, key)
    elif isinstance(node, str) and key not in MACHINE_KEYS:
        out.append(node)


def readable(fmt: str, text: str) -> str:
    """What participants read of a document in format ``fmt``, as lines of text."""
    if fmt == "markdown":
        return re.sub(r"`[^`]*`", " ", text)
    if fmt == "notion":
        out: list[str] = []
        _notion(json.loads(text), out)
        return "\n".join(out)
    if fmt == "json":
        out = []
        _json(json.loads(text), out)
        return "\n".join(out)
    parser = _Text()
    parser.feed(text)
    return "\n".join(parser.parts)


_KEPT = re.compile(
    r"\(due \d{4}-\d\d-\d\d\)"  # the task marker
    r"|\[[ x]\]|\[![A-Z]+\]|@\w+"  # task boxes, alert markers, owners
    r"|\b[\w-]+\.[\w.-]+\b"  # prompt ids
    r"|\d{4}-\d\d-\d\d|\d+\s*min\b|\d+"  # dates, the time box, numbers
)
_CUT = re.compile(r"\s*(?: · |[\n:;,.!?()\[\]«»„“”\"*_#>|—–¿¡]|\s-\s|^\s*- )\s*")


def phrases(text: str, lang: str = "") -> set[str]:
    """The phrases of ``text`` that have a word in them, with what may stay in every language taken out."""
    for kept in TEAM_TEXT:
        text = text.replace(kept, " ")
    text = _KEPT.sub(" ", text)
    found = set()
    for part in _CUT.split(text):
        part = " ".join(part.split()).strip(" -'’")
        if re.search(r"[^\W\d_]{3,}", part) and part not in SAME.get(lang, ()) and part not in NAMES:
            found.add(part)
    return found


def english_left(fmt: str, english: str, translated: str, lang: str) -> set[str]:
    return phrases(readable(fmt, english)) & phrases(readable(fmt, translated), lang)


# -- the sweep: many plans, every kind, language and format ---------------------------------------------

@pytest.fixture(scope="module")
def session():
    return retrokit.open_session(disabled=OTHERS, strict=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_english_is_left_in_any_format(session, lang, kind):
    names = formats()
    assert {"markdown", "confluence", "notion"} <= set(names)
    for index, seed in enumerate(SEEDS):
        for fmt in (names if index < 3 else ("markdown",)):  # every format for some plans, Markdown for all
            options = dict(seed=seed, format=fmt, minutes=90 if index % 2 else None)
            english = session.render(kind, **options)
            translated = session.render(kind, lang=lang, **options)
            left = english_left(fmt, english, translated, lang)
            assert not left, f"{kind} --seed {seed} --lang {lang} -f {fmt}: English left: {sorted(left)}"


def test_the_proof_covers_the_whole_built_in_library():
    """Every prompt family has a translation file in every shipped language, so no family is left out of
    the sweep above (a new family brings its de, es and fr files)."""
    assert OTHERS == () and DISABLE == []


def test_the_proof_finds_english_when_there_is_some(session):
    """The check can fail: a German agenda with one English prompt left is caught."""
    english = session.render("retro", seed="proof-0")
    german = session.render("retro", seed="proof-0", lang="de")
    line = next(line for line in english.splitlines() if line.startswith("- **"))
    text = line.partition(":** ")[2]
    assert english_left("markdown", english, german + "\n- " + text + "\n", "de") == phrases(text) != set()


# -- the rest of what a participant reads: the memory, the plan, the hint, the list ----------------------

def cli(run, *args, env=None):
    result = run(*args, env={**TODAY, **(env or {})})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def team(isolated, run):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\nmembers = [{ name = "Ana" }]\n', encoding="utf-8")
    cli(run, "actions", "add", "Ask payments about retries", "--owner", "Ana", "--due", "2026-11-27",
        env={"RETROKIT_TODAY": "2026-11-10"})
    cli(run, "actions", "add", "Write the runbook", "--owner", "Ana", "--due", "2026-11-20",
        env={"RETROKIT_TODAY": "2026-11-10"})
    cli(run, "render", "one-on-one", "--with", "Ana", "--topic", "Promotion timeline", "--topic", "On-call load",
        "--record", *DISABLE, env={"RETROKIT_TODAY": "2026-11-10"})
    return isolated


@pytest.mark.parametrize("lang", LANGS)
def test_the_memory_reads_in_the_language(run, team, lang):
    for kind, extra in (("retro", ()), ("one-on-one", ("--with", "Ana"))):
        args = ("render", kind, "--seed", "m1", "--strict", *extra, *DISABLE)
        english = cli(run, *args)
        assert "due in 3 days" in english and "Ask payments about retries" in english
        if kind == "one-on-one":
            assert "Promotion timeline" in english and "2 weeks ago" in english
        translated = cli(run, *args, "--lang", lang)
        assert "- [ ] @Ana Ask payments about retries (due 2026-11-27)" in translated  # the team's text stays
        left = english_left("markdown", english, translated, lang)
        assert not left, f"{kind} --lang {lang}: English left: {sorted(left)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_before_the_meeting_list_and_the_regenerate_hint(run, lang):
    prepared = "listening.incident-story-uninterrupted"  # a prompt with a preparation line
    args = ("render", "retro", "--seed", "b1", "-m", "90", "--context", "incident", "--pin", prepared,
            "--strict", *DISABLE)
    english, translated = cli(run, *args), cli(run, *args, "--lang", lang)
    assert "**Before the meeting:**" in english and "- [ ] " in translated
    assert not english_left("markdown", english, translated, lang)
    command = re.search(r"`(retrokit render [^`]+)`", translated).group(1)
    assert f"--lang {lang}" in command
    assert cli(run, *shlex.split(command)[1:]) == translated  # the hint gives the same agenda


@pytest.mark.parametrize("lang", LANGS)
def test_a_recorded_plan_renders_the_same_prompts_in_every_language(run, team, lang):
    recorded = cli(run, "render", "retro", "--seed", "r1", "--lang", lang, "--record", "--strict", *DISABLE)
    plan = re.search(r"--plan ([^\s`]+)", recorded).group(1)
    english = cli(run, "render", "retro", "--plan", plan, "--strict", *DISABLE)
    again = cli(run, "render", "retro", "--plan", plan, "--lang", lang, "--strict", *DISABLE)
    assert re.search(r"--plan ([^\s`]+)", english).group(1) == plan == re.search(r"--plan ([^\s`]+)", again).group(1)
    assert again.count("\n## ") == english.count("\n## ") and not english_left("markdown", english, again, lang)
    history = (team / "history.toml").read_text(encoding="utf-8")
    assert plan.split(":", 1)[1].split(":")[0].split("+")[0] in history  # recorded by id, as in English


def test_team_lang_and_the_environment_choose_the_language(run, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\nlang = "de"\n', encoding="utf-8")
    english = cli(run, "render", "retro", "--seed", "t1", "--lang", "en", "--strict", *DISABLE)
    german = cli(run, "render", "retro", "--seed", "t1", "--strict", *DISABLE)
    assert german.startswith("# Retrospektive · Ops\n") and "--lang" not in german  # the team's own language
    assert not english_left("markdown", english, german, "de")
    spanish = cli(run, "render", "retro", "--seed", "t1", "--strict", *DISABLE, env={"RETROKIT_LANG": "es"})
    assert spanish.startswith("# Retrospectiva · Ops\n") and not english_left("markdown", english, spanish, "es")


def test_the_python_api_renders_every_format_in_the_language(session):
    for fmt in formats():
        english = session.render("one-on-one", seed="api", format=fmt)
        french = session.render("one-on-one", seed="api", format=fmt, lang="fr")
        assert french != english and not english_left(fmt, english, french, "fr"), fmt


def test_the_installed_command_prints_a_complete_agenda(installed, isolated):
    args = ("render", "retro", "--seed", "i1", "--strict", *DISABLE)
    english = installed(*args, cwd=isolated)
    for fmt in ("markdown", "confluence"):
        german = installed(*args, "--lang", "de", "-f", fmt, cwd=isolated)
        assert german.returncode == 0, german.stderr
        plain = english.stdout if fmt == "markdown" else installed(*args, "-f", fmt, cwd=isolated).stdout
        assert not english_left(fmt, plain, german.stdout, "de")


# -- the health check with the team's votes: the results table, the cards, the trend --------------------

OWN_CARD = ("On-call load", "Pages are rare and each one teaches us something.", "The pager rules our nights.")
VOTES = f"""round = "2026-12"
previous_round = "2026-11"

[[card]]
id = "ease-of-release"
green = 0
amber = 2
red = 4
previous = {{ green = 4, amber = 2, red = 0 }}

[[card]]
id = "learning"
green = 2
amber = 2
red = 2
previous = {{ green = 0, amber = 2, red = 4 }}

[[card]]
id = "flow-of-work"
green = 1
amber = 2
red = 3
previous = {{ green = 1, amber = 2, red = 3 }}

[[card]]
id = "pager"
title = "{OWN_CARD[0]}"
awesome = "{OWN_CARD[1]}"
awful = "{OWN_CARD[2]}"
green = 0
amber = 1
red = 5
"""
HEALTHY = '[[card]]\nid = "learning"\ngreen = 6\n\n[[card]]\nid = "being-heard"\ngreen = 5\namber = 1\n'
UNVOTED = '[[card]]\nid = "learning"\n\n[[card]]\nid = "clear-mission"\n'


@pytest.mark.parametrize("lang", LANGS)
def test_the_health_check_reads_in_the_language(run, isolated, lang):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    for votes, fmts in ((VOTES, formats()), (HEALTHY, ("markdown",)), (UNVOTED, ("markdown",))):
        (isolated / "health.toml").write_text(votes, encoding="utf-8")
        for fmt in fmts:
            args = ("render", "health-check", "--seed", "h1", "-m", "90", "--strict", "-f", fmt, *DISABLE)
            english, translated = cli(run, *args), cli(run, *args, "--lang", lang)
            for kept in OWN_CARD if votes is VOTES else ():  # the team's own card keeps its words
                assert kept in english and kept in translated, (fmt, kept)
                english, translated = english.replace(kept, " "), translated.replace(kept, " ")
            left = english_left(fmt, english, translated, lang)
            assert not left, f"health-check --lang {lang} -f {fmt}: English left: {sorted(left)}"
    (isolated / "health.toml").write_text(VOTES, encoding="utf-8")
    english = cli(run, "render", "health-check", "--seed", "h1", "-m", "90", *DISABLE)
    for said in ("0 green, 1 amber, 5 red, score 8. Awesome:", "down from 83 last round", "up from 17 last round",
                 "steady (33 last round)", "| Ease of release | 0 | 2 | 4 | 17 | 83 | ↓ 66 | 1 |"):
        assert said in english, said  # what the renders above proved translated


# -- doctor checks what the team prints: its render in the language ---------------------------------------

BROKEN_IN_TRANSLATION = ('{% extends "default:retro.md.j2" %}{% block preamble %}\n'
                         '{% if t("Prompts") != "Prompts" %}{{ t("Prompts").nope() }}{% endif %}\n{% endblock %}')


def test_doctor_renders_in_the_language_it_is_asked_for(run, isolated):
    (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\n', encoding="utf-8")
    (isolated / "templates").mkdir()
    (isolated / "templates" / "retro.md.j2").write_text(BROKEN_IN_TRANSLATION, encoding="utf-8")
    assert run("doctor").exit_code == 0  # in English the template renders
    for args, lang in ((("--lang", "fr"), "fr"), ((), "de")):
        if not args:
            (isolated / "retrokit.toml").write_text('[team]\nname = "Ops"\nlang = "de"\n', encoding="utf-8")
        result = run("doctor", *args)
        assert result.exit_code == 1
        problems = [line for line in result.stdout.splitlines() if line.startswith("problem")]
        assert len(problems) == 1 and problems[0].startswith(
            f"problem  render     meeting kind 'retro' (plugin 'meeting-kinds') does not render in language '{lang}': ")
        assert "prompt texts without" not in result.stdout  # the gaps are the translations check's line
