"""The first-party prompt library, as `retrokit prompts --json` shows it to users."""

import json
import re
from collections import Counter

import pytest

FAMILIES = {
    "listening", "validation", "reflecting", "perspective-taking", "support", "follow-up",
    "safety", "well-being", "shared-metrics", "partnership",
}
PHASES = {"check-in", "follow-up", "gather", "insight", "decide", "close", "feedback", "growth"}


@pytest.fixture
def library(run):
    result = run("prompts", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_family_has_at_least_twenty_prompts_and_200_in_all(library):
    per_family = Counter(p["behavior"] for p in library)
    assert set(per_family) == FAMILIES
    assert min(per_family.values()) >= 20
    assert len(library) >= 200


def test_each_family_is_one_plugin_contributing_only_its_own_behavior(library):
    plugins_per_behavior = {b: {p["plugin"] for p in library if p["behavior"] == b} for b in FAMILIES}
    assert all(len(plugins) == 1 for plugins in plugins_per_behavior.values())
    for prompt in library:
        assert prompt["id"].startswith(prompt["behavior"] + ".")


def test_prompts_are_complete_and_well_formed(library):
    ids = [p["id"] for p in library]
    assert len(ids) == len(set(ids))
    for p in library:
        assert re.fullmatch(r"[a-z-]+\.[a-z0-9]+(-[a-z0-9]+)+", p["id"]), p["id"]
        assert p["phase"] in PHASES, p["id"]
        assert p["kinds"] and set(p["kinds"]) <= {"retro", "one-on-one"}, p["id"]
        assert isinstance(p["minutes"], int) and 2 <= p["minutes"] <= 12, p["id"]
        assert 20 <= len(p["text"]) <= 280 and "\n" not in p["text"], p["id"]
        assert 20 <= len(p["note"]) <= 160 and "\n" not in p["note"], p["id"]


def test_no_two_prompts_say_the_same_thing(library):
    def words(text):
        return set(re.findall(r"[a-z']+", text.lower()))

    texts = [(p["id"], words(p["text"])) for p in library]
    for i, (id_a, a) in enumerate(texts):
        for id_b, b in texts[i + 1 :]:
            overlap = len(a & b) / len(a | b)
            assert overlap < 0.7, f"{id_a} and {id_b} are near-duplicates"


@pytest.mark.parametrize("kind", ["retro", "one-on-one"])
def test_every_core_behavior_has_short_prompts_for_both_kinds(library, kind):
    """Short meetings can still exercise all six core behaviours."""
    core = ["listening", "validation", "reflecting", "perspective-taking", "support", "follow-up"]
    for behavior in core:
        short = [p for p in library if p["behavior"] == behavior and kind in p["kinds"] and p["minutes"] <= 4]
        assert len(short) >= 3, (behavior, kind)


def test_one_on_one_only_phases_hold_one_on_one_prompts(library):
    for p in library:
        if p["phase"] in {"feedback", "growth"}:
            assert p["kinds"] == ["one-on-one"], p["id"]
