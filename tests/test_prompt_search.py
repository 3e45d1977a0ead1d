"""`retrokit prompts --search WORDS`, --context and --audience, and how the listing shows the hook API 1.2
metadata."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

LIBRARY = """
    from retrokit import hookimpl


    @hookimpl
    def retrokit_prompts():
        base = {"behavior": "lib", "kinds": ["retro"], "phase": "gather", "minutes": 10}
        return [
            {**base, "id": "lib.timeline", "text": "Build the sprint's timeline on the wall.", "technique": "timeline",
             "source": "Timeline, after Derby & Larsen, Agile Retrospectives (2006)", "max_minutes": 15,
             "prepare": "Export the sprint's tickets.", "note": "Facts before feelings."},
            {**base, "id": "lib.why", "text": "Ask why until the answer surprises you.", "technique": "five-whys",
             "source": "Five whys (Toyota Production System)", "needs": ["incident"]},
            {**base, "id": "lib.cafe", "text": "Café talk: what would you tell a friend over coffee?",
             "audience": "pair", "kinds": ["one-on-one"]},
            {**base, "id": "lib.board", "text": "Everyone writes one note per thought.", "audience": "group",
             "technique": "silent-writing", "needs": ["in-person", "cross-team"], "note": "Mentions the timeline."},
        ]
    """


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "p"
    path.mkdir()
    (path / "lib.py").write_text(textwrap.dedent(LIBRARY).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def ids(run, folder):
    def listing(*args) -> list[str]:
        result = run("prompts", "--json", "--plugins-dir", str(folder), "-b", "lib", *args)
        assert result.exit_code == 0, result.stderr
        text = run("prompts", "--plugins-dir", str(folder), "-b", "lib", *args)
        found = [p["id"] for p in json.loads(result.stdout)]
        assert text.stdout.splitlines()[-1] == f"{len(found)} prompts"  # text and JSON select the same
        return found

    return listing


@pytest.mark.parametrize(
    "words,found",
    [
        ("timeline", ["lib.timeline"]),  # text, id and technique; not the facilitator note
        ("TIMELINE wall", ["lib.timeline"]),
        ("timeline coffee", []),  # every word must match
        ("derby larsen", ["lib.timeline"]),  # the source
        ("toyota", ["lib.why"]),
        ("five whys", ["lib.why"]),  # the technique five-whys, as words
        ("Five-Whys", ["lib.why"]),
        ("silent", ["lib.board"]),
        ("lib.cafe", ["lib.cafe"]),  # the id
        ("cafe", ["lib.cafe"]),  # accents folded both ways
        ("CAFÉ", ["lib.cafe"]),
        ("écrit", []),
    ],
)
def test_search_finds_prompts_by_text_id_technique_or_source(ids, words, found):
    assert ids("--search", words) == found


def test_search_words_from_repeated_options_all_match(ids):
    assert ids("-s", "timeline", "-s", "sprint") == ["lib.timeline"]
    assert ids("-s", "timeline", "-s", "toyota") == []


def test_search_works_on_the_built_in_library(run):
    result = run("prompts", "--json", "--search", "listening")
    found = json.loads(result.stdout)
    assert found and all(
        "listening" in " ".join((p["id"], p["text"], p["technique"], p["source"])).lower() for p in found
    )


def test_a_search_without_words_is_a_usage_error(run):
    result = run("prompts", "--search", " -- ")
    assert result.exit_code == 2
    assert "--search needs at least one word of letters or digits" in result.stderr


def test_context_lists_what_such_a_meeting_can_draw(ids, run):
    assert ids() == ["lib.board", "lib.cafe", "lib.timeline", "lib.why"]
    assert ids("--context", "remote") == ["lib.cafe", "lib.timeline"]  # prompts that need nothing
    assert ids("--context", "incident") == ["lib.cafe", "lib.timeline", "lib.why"]
    assert ids("--context", "in-person") == ["lib.cafe", "lib.timeline"]  # lib.board needs cross-team too
    assert ids("--context", "in-person", "--context", "cross-team") == ["lib.board", "lib.cafe", "lib.timeline"]
    unknown = run("prompts", "--context", "outage")
    assert unknown.exit_code == 2 and "unknown context tag 'outage'" in unknown.stderr


def test_audience_keeps_prompts_for_that_audience_and_for_either(ids, run):
    assert ids("--audience", "pair") == ["lib.cafe", "lib.timeline", "lib.why"]
    assert ids("--audience", "group") == ["lib.board", "lib.timeline", "lib.why"]
    assert run("prompts", "--audience", "trio").exit_code == 2


def test_the_text_listing_shows_the_metadata_compactly(run, folder):
    result = run("prompts", "--plugins-dir", str(folder), "-b", "lib")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == textwrap.dedent("""\
        lib.board  [lib · gather · 10-15 min · retro · for a group · silent-writing · needs cross-team, in-person]
            Everyone writes one note per thought.
        lib.cafe  [lib · gather · 10-15 min · one-on-one · for a pair]
            Café talk: what would you tell a friend over coffee?
        lib.timeline  [lib · gather · 10-15 min · retro · timeline]
            Build the sprint's timeline on the wall.
            prepare: Export the sprint's tickets.
            source: Timeline, after Derby & Larsen, Agile Retrospectives (2006)
        lib.why  [lib · gather · 10-15 min · retro · five-whys · needs incident]
            Ask why until the answer surprises you.
            source: Five whys (Toyota Production System)
        4 prompts
        """)


def test_json_shows_every_field(run, folder):
    result = run("prompts", "--json", "--plugins-dir", str(folder), "--search", "timeline", "-b", "lib")
    assert json.loads(result.stdout) == [{
        "id": "lib.timeline", "text": "Build the sprint's timeline on the wall.", "behavior": "lib",
        "kinds": ["retro"], "phase": "gather", "minutes": 10, "note": "Facts before feelings.", "plugin": "lib",
        "audience": "any", "needs": [], "max_minutes": 15, "technique": "timeline",
        "prepare": "Export the sprint's tickets.", "source": "Timeline, after Derby & Larsen, Agile Retrospectives (2006)",
    }]


def test_an_unknown_phase_is_a_usage_error_with_a_did_you_mean(run):
    result = run("prompts", "--phase", "closing")
    assert result.exit_code == 2
    assert "unknown phase 'closing' (did you mean 'close'?)" in result.stderr
