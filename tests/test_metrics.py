"""Shared metrics: the metrics file (TOML or CSV), the built-in rules' exact questions, plugin rules
through ``retrokit_metric_rules``, and the questions in a rendered agenda."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrokit.errors import RetrokitError
from retrokit.memory.metrics_file import load
from retrokit.metrics import Metric
from retrokit.planning.metric_prompts import metric_prompts
from retrokit.host.session import open_session

FIELDS = ("name", "value", "previous", "target", "better", "owner", "unit")


def make_team(folder: Path, metrics: str | list[dict] | None, *, suffix: str = ".toml", config: str = "") -> Path:
    """A team folder whose retrokit.toml names a metrics file; ``metrics`` is the file's text, or
    records written as TOML or CSV by ``suffix``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = f'[team]\nname = "Ops"\n{config}'
    if metrics is not None:
        name = f"metrics{suffix}"
        (folder / name).write_text(
            metrics if isinstance(metrics, str) else write_records(metrics, suffix), encoding="utf-8", newline=""
        )
        text += f'\n[metrics]\nfile = "{name}"\n'
    (folder / "retrokit.toml").write_text(text, encoding="utf-8")
    return folder


def write_records(records: list[dict], suffix: str) -> str:
    if suffix == ".toml":
        return tomli_w.dumps({"schema": 1, "metric": records})
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for record in records:
        writer.writerow(["" if record.get(key) is None else record[key] for key in FIELDS])
    return out.getvalue()


def questions(team: Path, *plugin_dirs: Path, strict: bool = False) -> list:
    session = open_session(team=team, plugins_dirs=tuple(plugin_dirs), strict=strict)
    return metric_prompts(session.config, session.host)


def by_rule(prompts) -> dict[str, str]:
    """{rule name: question} for prompts about one metric."""
    return {rule_of(p): p.text for p in prompts}


def rule_of(prompt) -> str:
    for rule in RULES:
        if prompt.id.endswith(f"-{rule}"):
            return rule
    return prompt.id


RULES = ("no-previous", "worsened", "improved", "unchanged", "missed-target", "slipped-target", "reached-target")
WHERE = {  # rule: (phase, kinds, minutes)
    "no-previous": ("gather", ("retro",), 4),
    "worsened": ("gather", ("retro",), 5),
    "improved": ("gather", ("retro", "one-on-one"), 4),
    "unchanged": ("gather", ("retro",), 4),
    "missed-target": ("insight", ("retro",), 6),
    "slipped-target": ("insight", ("retro",), 6),
    "reached-target": ("insight", ("retro", "one-on-one"), 5),
}


def one_metric(**fields) -> list[dict]:
    return [{key: value for key, value in fields.items() if value is not None}]


# -- the built-in rules: exact conditions and wording ----------------------------------------------------

CASES = [
    pytest.param(
        dict(name="Lead time", value=3.4, previous=2.1, better="lower", unit="days"),
        {"worsened": "Lead time rose from 2.1 to 3.4 days — what did each team see behind it?"},
        id="worsened-lower-is-better",
    ),
    pytest.param(
        dict(name="Deploys", value=4, previous=9, better="higher", unit="per week"),
        {"worsened": "Deploys fell from 9 to 4 per week — what did each team see behind it?"},
        id="worsened-higher-is-better",
    ),
    pytest.param(
        dict(name="Availability", value=99.95, previous=99.8, target=99.9, better="higher", unit="%"),
        {
            "improved": "Availability rose from 99.8% to 99.95%. What helped, and how do we keep it there "
            "without someone quietly carrying it?",
            "reached-target": "Availability now meets its target of 99.9%: it was 99.8% last time and is 99.95% "
            "now. What made the difference, and who should hear thanks for it?",
        },
        id="improved-and-reached-target",
    ),
    pytest.param(
        dict(name="Review wait", value=4, previous=4, target=2, better="lower", unit="h"),
        {
            "unchanged": "Review wait stayed at 4 h since last time. Is that the steadiness we want, or has "
            "the number stopped telling us anything?",
            "missed-target": "Review wait is at 4 h, still missing its target of 2 h. What would each team "
            "need from the others to close the gap?",
        },
        id="unchanged-and-still-missing",
    ),
    pytest.param(
        dict(name="Error budget", value=12, previous=12.0, better="higher"),
        {"unchanged": "Error budget stayed at 12 since last time. Is that the steadiness we want, or has the "
         "number stopped telling us anything?"},
        id="unchanged-int-equals-float",
    ),
    pytest.param(
        dict(name="Onboarding", value=9, target=5, better="lower", unit="days", owner="Platform"),
        {
            "no-previous": "Onboarding stands at 9 days against a target of 5 days, our first reading of it. "
            "What does each team expect it to show next time, and what would make it move?",
            "missed-target": "Onboarding is at 9 days, missing its target of 5 days. What would each team need "
            "from the others to close the gap?",
        },
        id="first-reading-missing-target",
    ),
    pytest.param(
        dict(name="NPS", value=-3, better="higher"),
        {"no-previous": "NPS stands at -3, our first reading of it. What does each team expect it to show next "
         "time, and what would make it move?"},
        id="first-reading-no-target",
    ),
    pytest.param(
        dict(name="Lead time", value=2.4, previous=1.8, target=2.0, better="lower", unit="days"),
        {
            "worsened": "Lead time rose from 1.8 to 2.4 days — what did each team see behind it?",
            "slipped-target": "Lead time no longer meets its target of 2.0 days: it was 1.8 days last time and is "
            "2.4 days now. What changed around the teams that share it?",
        },
        id="slipped-below-target",
    ),
    pytest.param(
        dict(name="Build time", value=14, previous=20, target=10, better="lower", unit="min"),
        {
            "improved": "Build time fell from 20 to 14 min. What helped, and how do we keep it there without "
            "someone quietly carrying it?",
            "missed-target": "Build time is at 14 min, still missing its target of 10 min. What would each team "
            "need from the others to close the gap?",
        },
        id="improved-but-still-missing",
    ),
    pytest.param(
        dict(name="Uptime", value=99.95, previous=99.99, target=99.9, better="higher", unit="%"),
        {"worsened": "Uptime fell from 99.99% to 99.95% — what did each team see behind it?"},
        id="worsened-but-on-target",
    ),
    pytest.param(
        dict(name="Coverage", value=80, previous=75, target=80, better="higher", unit="%"),
        {
            "improved": "Coverage rose from 75% to 80%. What helped, and how do we keep it there without someone "
            "quietly carrying it?",
            "reached-target": "Coverage now meets its target of 80%: it was 75% last time and is 80% now. What "
            "made the difference, and who should hear thanks for it?",
        },
        id="exactly-on-target-counts",
    ),
    pytest.param(
        dict(name="Pages", value=3, previous=3, target=5, better="lower"),
        {"unchanged": "Pages stayed at 3 since last time. Is that the steadiness we want, or has the number "
         "stopped telling us anything?"},
        id="steady-on-target-asks-no-target-question",
    ),
]


@pytest.mark.parametrize("metric, expected", CASES)
@pytest.mark.parametrize("suffix", [".toml", ".csv"])
def test_each_built_in_rule_asks_its_exact_question(tmp_path, metric, expected, suffix):
    team = make_team(tmp_path / "team", one_metric(**metric), suffix=suffix)
    prompts = questions(team)
    assert by_rule(prompts) == expected
    slug = re.sub(r"[^a-z0-9]+", "-", metric["name"].lower()).strip("-")
    for prompt in prompts:
        rule = rule_of(prompt)
        assert prompt.id == f"shared-metrics.metric-{slug}-{rule}"
        assert (prompt.phase, prompt.kinds, prompt.minutes) == WHERE[rule]
        assert prompt.behavior == "shared-metrics" and prompt.plugin == "shared-metrics"
        assert prompt.note


def test_exactly_one_movement_question_per_metric_and_at_most_one_target_question(tmp_path):
    records = []
    for value in (1, 2, 3):
        for previous in (None, 1, 2, 3):
            for target in (None, 1, 2, 3):
                for better in ("higher", "lower"):
                    records += one_metric(
                        name=f"m {value} {previous} {target} {better}", value=value, previous=previous,
                        target=target, better=better,
                    )
    prompts = questions(make_team(tmp_path / "team", records))
    for record in records:
        slug = re.sub(r"[^a-z0-9]+", "-", record["name"].lower()).strip("-")
        rules = [rule_of(p) for p in prompts if p.id.startswith(f"shared-metrics.metric-{slug}-")]
        movement = [r for r in rules if WHERE[r][0] == "gather"]
        target = [r for r in rules if WHERE[r][0] == "insight"]
        assert len(movement) == 1, record
        assert len(target) <= 1, record
        if "target" not in record:
            assert target == []


def test_notes_ask_for_curiosity_and_name_the_owner_team(tmp_path):
    team = make_team(
        tmp_path / "team",
        one_metric(name="Lead time", value=3.4, previous=2.1, target=2, better="lower", owner="Payments & <Core>")
        + one_metric(name="Queue", value=3, previous=2, better="lower"),
    )
    notes = {p.id: p.note for p in questions(team)}
    assert notes["shared-metrics.metric-lead-time-worsened"].startswith("Payments & <Core> looks after this number: ")
    assert "never on who slipped" in notes["shared-metrics.metric-lead-time-worsened"]
    assert notes["shared-metrics.metric-lead-time-missed-target"].startswith("Payments & <Core> looks after this number: ")
    assert "not a verdict on anyone" in notes["shared-metrics.metric-lead-time-missed-target"]
    assert notes["shared-metrics.metric-queue-worsened"].startswith("No single team owns this number: ")
    assert all("blame" in note or "verdict" in note or "curious" in note or "who" in note for note in notes.values())


def test_questions_follow_file_order_then_rule_order_and_are_reproducible(tmp_path):
    team = make_team(
        tmp_path / "team",
        one_metric(name="Zeta", value=1, previous=2, target=3, better="higher")
        + one_metric(name="Alpha", value=5, better="lower"),
    )
    first = questions(team)
    assert [p.id for p in first] == [
        "shared-metrics.metric-zeta-worsened",
        "shared-metrics.metric-zeta-missed-target",
        "shared-metrics.metric-alpha-no-previous",
    ]
    assert questions(team) == first


def test_no_metrics_file_or_a_disabled_family_means_no_questions(tmp_path):
    assert questions(make_team(tmp_path / "none", None)) == []
    records = one_metric(name="Lead time", value=3, previous=2, better="lower")
    disabled = make_team(tmp_path / "off", records, config='\n[plugins]\ndisabled = ["shared-metrics"]\n')
    assert questions(disabled) == []
    assert questions(make_team(tmp_path / "empty", "schema = 1\n")) == []
    assert questions(make_team(tmp_path / "empty-csv", "name,value,better\n", suffix=".csv")) == []


# -- the file -------------------------------------------------------------------------------------------


def test_toml_and_csv_give_the_same_metrics(tmp_path):
    records = one_metric(name="Lead time", value=3.4, previous=2.1, target=2.0, better="lower", owner="Platform", unit="days")
    records += one_metric(name="Deploys", value=12, better="higher")
    toml_metrics = load(make_team(tmp_path / "a", records) / "metrics.toml")
    csv_metrics = load(make_team(tmp_path / "b", records, suffix=".csv") / "metrics.csv")
    strip = lambda metrics: [m._replace(where="") for m in metrics]  # noqa: E731
    assert strip(toml_metrics) == strip(csv_metrics) == [
        Metric("Lead time", 3.4, "lower", 2.1, 2.0, "Platform", "days", "lead-time"),
        Metric("Deploys", 12, "higher", slug="deploys"),
    ]
    assert toml_metrics[1].where.endswith("metrics.toml:12")
    assert csv_metrics[1].where.endswith("metrics.csv:3")


def test_csv_is_read_the_way_spreadsheets_write_it(tmp_path):
    text = (
        "\ufeffOwner, Name ,better,value,previous\r\n"
        "\r\n"
        'Platform,"Lead\r\ntime, ""p50""",lower, 3.4 ,2.1\r\n'
        ",Deploys,HIGHER,7,\r\n"
    )
    path = make_team(tmp_path / "team", text, suffix=".csv") / "metrics.csv"
    lead, deploys = load(path)
    assert (lead.name, lead.owner, lead.value, lead.previous, lead.better) == ('Lead\r\ntime, "p50"', "Platform", 3.4, 2.1, "lower")
    assert lead.where == f"{path}:3"
    assert (deploys.name, deploys.owner, deploys.previous, deploys.better) == ("Deploys", "", None, "higher")
    assert deploys.where == f"{path}:5"  # the quoted line break counts


def test_a_metrics_file_is_only_read(tmp_path):
    team = make_team(tmp_path / "team", one_metric(name="Lead time", value=3, previous=2, better="lower"))
    before = {p.name: p.read_bytes() for p in team.iterdir()}
    questions(team)
    assert {p.name: p.read_bytes() for p in team.iterdir()} == before


TOML_ERRORS = [
    pytest.param('schema = 1\n[[metric]]\nname = "A"\nvalue = = 3\n', r"4:9: invalid TOML: ", id="syntax"),
    pytest.param("schema = 2\n", r"1: schema = 2, but this retrokit reads schema 1", id="schema"),
    pytest.param('[[metrics]]\nname = "A"\n', r"1: unknown entry 'metrics' \(did you mean 'metric'\?\)", id="table-name"),
    pytest.param(
        '[[metric]]\nname = "A"\nvalue = 1\nbetter = "lower"\n\n[[metric]]\nname = "B"\nvalu = 2\n',
        r"8: unknown key 'valu' \(did you mean 'value'\?\)", id="unknown-key",
    ),
    pytest.param('[[metric]]\nname = "A"\nbetter = "lower"\n', r"1: metric 'A': 'value' is missing", id="no-value"),
    pytest.param('[[metric]]\nvalue = 1\nbetter = "lower"\n', r"1: metric: 'name' is missing", id="no-name"),
    pytest.param('[[metric]]\nname = "A"\nvalue = 1\n', r"1: metric 'A': 'better' is missing", id="no-better"),
    pytest.param(
        '[[metric]]\nname = "A"\nvalue = "3.4"\nbetter = "lower"\n', r"3: metric 'A': value must be a number, not \"3.4\"",
        id="string-value",
    ),
    pytest.param(
        '[[metric]]\nname = "A"\nvalue = 3\nprevious = true\nbetter = "lower"\n',
        r"4: metric 'A': previous must be a number, not true", id="bool-previous",
    ),
    pytest.param(
        '[[metric]]\nname = "A"\nvalue = nan\nbetter = "lower"\n', r"3: metric 'A': value must be a finite number",
        id="nan",
    ),
    pytest.param(
        '[[metric]]\nname = "A"\nvalue = 1\nbetter = "down"\n',
        r"4: metric 'A': better must be \"higher\" or \"lower\", not \"down\"", id="better",
    ),
    pytest.param('[[metric]]\nname = "  "\nvalue = 1\nbetter = "lower"\n', r"2: metric: name is empty", id="blank-name"),
    pytest.param('[[metric]]\nname = 7\nvalue = 1\nbetter = "lower"\n', r"2: metric: name must be text", id="name-type"),
    pytest.param(
        '[[metric]]\nname = "A"\nvalue = 1\nbetter = "lower"\n[[metric]]\nname = "A"\nvalue = 2\nbetter = "lower"\n',
        r"5: metric 'A' is listed twice \(first at line 1\)", id="duplicate",
    ),
    pytest.param(
        '[[metric]]\nname = "A\\nB"\nvalue = 1\nbetter = "up"\n', r"4: metric 'A B': better must be", id="name-shown-on-one-line",
    ),
]


@pytest.mark.parametrize("text, message", TOML_ERRORS)
def test_a_broken_toml_metrics_file_names_file_and_line(tmp_path, text, message):
    path = make_team(tmp_path / "team", text) / "metrics.toml"
    with pytest.raises(RetrokitError) as caught:
        load(path)
    assert re.match(re.escape(str(path)) + ":" + message, caught.value.message), caught.value.message
    assert "\n" not in caught.value.message


CSV_ERRORS = [
    pytest.param("name,value,better,colour\nA,1,lower,red\n", r"1: unknown column 'colour'", id="unknown-column"),
    pytest.param("name,value,valeu,better\n", r"1: unknown column 'valeu' \(did you mean 'value'\?\)", id="typo"),
    pytest.param("name,value\nA,1\n", r"1: the header has no 'better' column", id="missing-column"),
    pytest.param("name,value,better,value\n", r"1: column 'value' appears twice", id="twice"),
    pytest.param("name,value,better\nA,1,lower\nB,2\n", r"3: this row has 2 cells, the header has 3", id="short-row"),
    pytest.param("name,value,better\nA,abc,lower\n", r"2: metric 'A': value \"abc\" is not a number", id="not-a-number"),
    pytest.param(
        "name,value,better\nA,95%,higher\n",
        r"2: metric 'A': value \"95%\": write the number without '%' and put % in the unit column", id="percent",
    ),
    pytest.param(
        'name,value,better\nA,"3,4",higher\n', r"2: metric 'A': value \"3,4\" is not a number \(write decimals with a dot: 3.4\)",
        id="decimal-comma",
    ),
    pytest.param("name,value,better\nA,inf,higher\n", r"2: metric 'A': value \"inf\" is not a number", id="inf"),
    pytest.param("name,value,better\nA,,higher\n", r"2: metric 'A': 'value' is missing", id="empty-value"),
    pytest.param("name,value,better\nA,1,sideways\n", r"2: metric 'A': better must be", id="better"),
    pytest.param('name,value,better\n"A\nB",1,lower\nC,x,lower\n', r"4: metric 'C': value \"x\"", id="line-after-multiline"),
    pytest.param('name,value,better\nA,1,lower\n"B,2,lower\n', r"3: invalid CSV: ", id="unclosed-quote"),
]


@pytest.mark.parametrize("text, message", CSV_ERRORS)
def test_a_broken_csv_metrics_file_names_file_and_line(tmp_path, text, message):
    path = make_team(tmp_path / "team", text, suffix=".csv") / "metrics.csv"
    with pytest.raises(RetrokitError) as caught:
        load(path)
    assert re.match(re.escape(str(path)) + ":" + message, caught.value.message), caught.value.message


def test_other_file_problems_are_one_line(tmp_path):
    team = make_team(tmp_path / "team", None)
    (team / "metrics.json").write_text("{}", encoding="utf-8")
    with pytest.raises(RetrokitError, match=r"metrics\.json: a metrics file must end in \.toml or \.csv$"):
        load(team / "metrics.json")
    (team / "latin1.csv").write_bytes(b"name,value,better\nCaf\xe9,1,lower\n")
    with pytest.raises(RetrokitError, match=r"latin1\.csv:2: not UTF-8 text \(byte 21\)$"):
        load(team / "latin1.csv")
    with pytest.raises(RetrokitError, match=r"^cannot read .*missing\.toml: "):
        load(team / "missing.toml")


# -- names: exact text, stable ids ------------------------------------------------------------------------


def test_user_text_reaches_the_question_exactly_and_ids_stay_valid_and_unique(tmp_path):
    names = ['Lead "p50" <time> & co', "リードタイム", "Déploiements 🚀", "Lead time", "lead-time", "Lead\ntime"]
    records = [{"name": name, "value": 2, "previous": 1, "better": "higher", "owner": "R&D <ops>"} for name in names]
    prompts = questions(make_team(tmp_path / "team", records))
    texts = [p.text for p in prompts]
    for name, text in zip(names, texts):
        assert text.startswith(f"{name} rose from 1 to 2. ")
    ids = [p.id for p in prompts]
    assert len(set(ids)) == len(ids) == len(names)
    assert ids[0] == "shared-metrics.metric-lead-p50-time-co-improved"
    assert re.fullmatch(r"shared-metrics\.metric-m[0-9a-f]{8}-improved", ids[1])
    assert ids[2] == "shared-metrics.metric-deploiements-improved"
    assert ids[3] == "shared-metrics.metric-lead-time-improved"
    assert re.fullmatch(r"shared-metrics\.metric-lead-time-[0-9a-f]{8}-improved", ids[4])
    assert ids == [p.id for p in questions(make_team(tmp_path / "again", records))]  # stable across runs


names_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda s: s.strip(" \t") == s and s.strip()
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names_text, owner=names_text, suffix=st.sampled_from([".toml", ".csv"]))
def test_any_name_and_owner_round_trip_through_both_formats(tmp_path_factory, name, owner, suffix):
    folder = tmp_path_factory.mktemp("m")
    path = folder / f"metrics{suffix}"
    path.write_text(write_records(one_metric(name=name, value=1, better="higher", owner=owner), suffix), encoding="utf-8", newline="")
    [metric] = load(path)
    assert (metric.name, metric.owner) == (name, owner)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", metric.slug)


# -- plugins add rules --------------------------------------------------------------------------------------

PLUGIN = '''
from retrokit import hookimpl
from retrokit.metrics import metric_rule


@metric_rule(phase="decide", kinds=["retro", "one-on-one"], minutes=3,
             note=lambda m: f"Ask {m.owner or 'everyone'} first.")
def far_from_target(metric):
    if metric.target is not None and abs(metric.value - metric.target) > 1:
        return f"{metric.name} is {metric.show()} with a target of {metric.show(metric.target)}: is the target still right?"
    return None


def owner_check(metric):  # a plain function: named after itself, default placement
    return f"Does {metric.owner} still look after {metric.name}?" if metric.owner else None


@metric_rule("worsened", phase="gather")
def our_worsened(metric):
    if metric.trend == "worse":
        return f"Our words: {metric.name} went the wrong way."


@hookimpl
def retrokit_metric_rules():
    return [far_from_target, owner_check, our_worsened]
'''


def write_plugin(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_a_plugin_adds_rules_and_replaces_a_built_in_one_by_name(tmp_path, capsys):
    team = make_team(
        tmp_path / "team",
        one_metric(name="Lead time", value=5, previous=3, target=2, better="lower", unit="days", owner="Platform"),
    )
    plugins = write_plugin(tmp_path / "plugins", "ours", PLUGIN)
    prompts = {p.id: p for p in questions(team, plugins)}
    assert list(prompts) == [
        "shared-metrics.metric-lead-time-worsened",  # replaced in place
        "shared-metrics.metric-lead-time-missed-target",
        "shared-metrics.metric-lead-time-far-from-target",
        "shared-metrics.metric-lead-time-owner-check",
    ]
    worsened = prompts["shared-metrics.metric-lead-time-worsened"]
    assert (worsened.text, worsened.plugin, worsened.phase) == ("Our words: Lead time went the wrong way.", "ours", "gather")
    far = prompts["shared-metrics.metric-lead-time-far-from-target"]
    assert far.text == "Lead time is 5 days with a target of 2 days: is the target still right?"
    assert (far.phase, far.kinds, far.minutes, far.note, far.plugin) == ("decide", ("retro", "one-on-one"), 3, "Ask Platform first.", "ours")
    assert far.behavior == "shared-metrics"
    owner = prompts["shared-metrics.metric-lead-time-owner-check"]
    assert owner.text == "Does Platform still look after Lead time?"
    assert (owner.phase, owner.kinds, owner.minutes) == ("insight", ("retro",), 5)
    assert "curious" in owner.note
    assert capsys.readouterr().err == ""


BROKEN = {
    "raises": (
        "@hookimpl\ndef retrokit_metric_rules():\n    def boom(metric):\n        return 1 / 0\n    return [boom]\n",
        "plugin 'bad' metric rule 'boom' on metric 'Lead time' failed: ZeroDivisionError: division by zero (bad.py line 5); skipped",
    ),
    "not-text": (
        "@hookimpl\ndef retrokit_metric_rules():\n    return [lambda metric: 42]\n",
        "plugin 'bad' retrokit_metric_rules item #1: rule name '<lambda>' must be lowercase letters, digits and hyphens; skipped",
    ),
    "returns-number": (
        "@hookimpl\ndef retrokit_metric_rules():\n    def numeric(metric):\n        return 42\n    return [numeric]\n",
        "plugin 'bad' metric rule 'numeric' on metric 'Lead time': prompt 'shared-metrics.metric-lead-time-numeric' 'text' must be a string, not int; skipped",
    ),
    "too-long": (
        "@hookimpl\ndef retrokit_metric_rules():\n    def chatty(metric):\n        return 'x' * 1001\n    return [chatty]\n",
        "plugin 'bad' metric rule 'chatty' on metric 'Lead time': prompt 'shared-metrics.metric-lead-time-chatty' 'text' is longer than 1000 characters; skipped",
    ),
    "bad-phase": (
        "from retrokit.metrics import metric_rule\n@metric_rule(phase='Gather Data')\ndef loud(metric):\n    return 'Why?'\n"
        "@hookimpl\ndef retrokit_metric_rules():\n    return [loud]\n",
        "plugin 'bad' metric rule 'loud' on metric 'Lead time': prompt 'shared-metrics.metric-lead-time-loud' 'phase' 'Gather Data' must be lowercase letters, digits and hyphens; skipped",
    ),
    "not-callable": (
        "@hookimpl\ndef retrokit_metric_rules():\n    return ['worsened']\n",
        "plugin 'bad' retrokit_metric_rules item #1: str is not a callable(metric) -> str | None; skipped",
    ),
    "not-a-list": (
        "@hookimpl\ndef retrokit_metric_rules():\n    return len\n",
        "plugin 'bad' returned builtin_function_or_method from retrokit_metric_rules, not a list; skipped",
    ),
    "hook-raises": (
        "@hookimpl\ndef retrokit_metric_rules():\n    raise RuntimeError('no rules today')\n",
        "plugin 'bad' failed in retrokit_metric_rules: RuntimeError: no rules today (bad.py line 4); skipped",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_plugin_rule_is_reported_and_skipped(tmp_path, capsys, case):
    source, warning = BROKEN[case]
    team = make_team(tmp_path / "team", one_metric(name="Lead time", value=3, previous=2, better="lower"))
    plugins = write_plugin(tmp_path / "plugins", "bad", "from retrokit import hookimpl\n" + source)
    prompts = questions(team, plugins)
    assert [p.id for p in prompts] == ["shared-metrics.metric-lead-time-worsened"]  # the built-in rules still ask
    assert capsys.readouterr().err == f"retrokit: warning: {warning}\n"
    with pytest.raises(RetrokitError, match=re.escape(f"{warning} (--strict)")):
        questions(team, plugins, strict=True)


# -- through the command line ------------------------------------------------------------------------------


def render(run, team: Path, *args: str):
    return run("render", "retro", "--team", str(team), "--seed", "m1", *args)


def test_render_puts_metric_questions_in_the_agenda_escaped(run, tmp_path):
    team = make_team(
        tmp_path / "team",
        one_metric(name="Lead <time> & “p50”", value=3.4, previous=2.1, target=2.0, better="lower", unit="days"),
    )
    result = render(run, team)
    assert result.exit_code == 0, result.stderr
    assert "Lead \\<time\\> & “p50” rose from 2.1 to 3.4 days — what did each team see behind it?" in result.stdout
    assert "Lead \\<time\\> & “p50” is at 3.4 days, still missing its target of 2.0 days." in result.stdout
    html = render(run, team, "--format", "html")
    assert html.exit_code == 0, html.stderr
    assert "Lead &lt;time&gt; &amp; “p50” rose from 2.1 to 3.4 days" in html.stdout


def test_a_one_on_one_hears_good_news_only(run, tmp_path):
    team = make_team(
        tmp_path / "team",
        one_metric(name="Lead time", value=3.4, previous=2.1, better="lower")
        + one_metric(name="Deploys", value=9, previous=4, target=8, better="higher"),
    )
    result = run("render", "one-on-one", "--team", str(team), "--seed", "m1")
    assert result.exit_code == 0, result.stderr
    assert "Deploys rose from 4 to 9. What helped" in result.stdout
    assert "Lead time" not in result.stdout


def test_render_with_a_broken_metrics_file_is_one_error_line(run, tmp_path):
    team = make_team(tmp_path / "team", "name,value,better\nLead time,fast,lower\n", suffix=".csv")
    before = (team / "metrics.csv").read_bytes()
    result = render(run, team)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"retrokit: error: {team / 'metrics.csv'}:2: metric 'Lead time': value \"fast\" is not a number\n"
    assert (team / "metrics.csv").read_bytes() == before


def test_the_installed_command_renders_metric_questions_reproducibly(installed, tmp_path):
    team = make_team(tmp_path / "team", one_metric(name="Deploys 🚀", value=3, previous=8, better="higher", unit="per week"))
    first = installed("render", "retro", "--team", str(team), "--seed", "s9", "-b", "shared-metrics", "-m", "90")
    assert first.returncode == 0, first.stderr
    again = installed("render", "retro", "--team", str(team), "--seed", "s9", "-b", "shared-metrics", "-m", "90")
    assert again.stdout == first.stdout
    as_json = json.loads(
        installed("render", "retro", "--team", str(team), "--seed", "s9", "-b", "shared-metrics", "-m", "90", "--format", "json").stdout
    )
    ids = [item["prompt_id"] for section in as_json["sections"] for item in section["items"]]
    assert "shared-metrics.metric-deploys-worsened" in ids
