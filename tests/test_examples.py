"""The examples are real team setups: each must keep working as documented."""

import re
import shutil

from conftest import EXAMPLES


def time_boxes(markdown):
    return [int(m) for m in re.findall(r"^## .* · (\d+) min$", markdown, re.MULTILINE)]


def test_platform_team_adds_a_post_incident_review_end_to_end(installed, tmp_path):
    team = tmp_path / "platform-team"
    shutil.copytree(EXAMPLES / "platform-team", team)
    result = installed("render", "incident-review", "--seed", "ex", cwd=team)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    doc = result.stdout
    assert doc.startswith("# Post-incident review · Platform & Developer Experience\n")
    assert "> [!IMPORTANT]\n> This review is blameless" in doc  # the kind's own template
    headings = re.findall(r"^## (.*) · \d+ min$", doc, re.MULTILINE)
    assert headings == ["Arrive", "Timeline", "Impact on people", "Contributing factors", "Repairs and owners", "Close"]
    assert sum(time_boxes(doc)) == 60  # [minutes] incident-review = 60 in its retrokit.toml
    # its own phases are fed by its own prompts
    timeline = doc.split("## Timeline")[1].split("## ")[0]
    assert any(text in timeline for text in ("Walk the timeline", "decision point on the timeline", "stretches of the timeline"))


def test_platform_team_retro_extends_the_default_template(installed, tmp_path):
    team = tmp_path / "platform-team"
    shutil.copytree(EXAMPLES / "platform-team", team)
    (team / "sub" / "dir").mkdir(parents=True)
    result = installed("render", "retro", "--seed", "ex", cwd=team / "sub" / "dir")  # found by walking up
    assert result.returncode == 0, result.stderr
    doc = result.stdout
    assert "> [!TIP]\n> Listen to understand" in doc  # super(): the default block, not escaped
    assert "Dashboards to have open: **service health**" in doc  # the team's addition
    assert sum(time_boxes(doc)) == 45


def test_platform_team_plugin_is_listed_with_its_version(run, tmp_path):
    result = run("plugins", "--json", "--team", str(EXAMPLES / "platform-team"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    import json

    rows = {row["name"]: row for row in json.loads(result.stdout)}
    review = rows["incident-review"]
    assert review["source"] == "folder" and review["version"] == "1.1.0"
    assert review["kinds"] == ["incident-review"] and review["prompts"] == 17


def test_delivery_team_asks_about_what_moved(installed, tmp_path):
    team = tmp_path / "delivery-team"
    shutil.copytree(EXAMPLES / "delivery-team", team, ignore=shutil.ignore_patterns("tests"))
    result = installed("render", "retro", "--seed", "ex", cwd=team)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warning, and no note about an over-full section
    doc = result.stdout
    assert doc.startswith("# Retrospective · Checkout & Payments\n")
    gather = doc.split("## Gather data · ")[1].split("\n## ")[0]
    questions = re.findall(r"^- \*\*(.*?) · \d+ min:\*\* (.*)$", gather, re.MULTILINE)
    assert questions[0] == (
        "Well-being check-ins",
        "Out-of-hours pages went from 1 a week (the average of the 4 weeks before) to 5 in the week of "
        "2026-03-09. Who carried them, how are they doing now, and what would make the next week lighter?",
    )
    assert questions[1][1].startswith("Median lead time went from 20 h (the average of the 4 weeks before) to 31 h")
    assert sum(time_boxes(doc)) == 60
    section_box = int(re.match(r"(\d+) min", gather).group(1))
    assert sum(int(m) for m in re.findall(r"^- \*\*.*? · (\d+) min:\*\*", gather, re.MULTILINE)) == section_box


def test_delivery_team_bad_row_is_one_warning_and_the_other_rows_still_count(installed, tmp_path):
    team = tmp_path / "delivery-team"
    shutil.copytree(EXAMPLES / "delivery-team", team, ignore=shutil.ignore_patterns("tests"))
    csv = team / "delivery.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2026-02-16,12,21,8,0,2", "2026-02-16,12,21,8,0,"
                                                           "2,extra"), encoding="utf-8")
    result = installed("render", "retro", "--seed", "ex", cwd=team)
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert line == (f"retrokit: warning: plugin 'delivery-signals' (retrokit_adjust_agenda): {csv}:8: 7 cells, "
                    "but the header has 6 columns; row skipped")
    assert "## Gather data" in result.stdout and "Out-of-hours pages" in result.stdout  # the other rows count
    assert result.stdout.rstrip().endswith(".")  # the whole agenda, down to the coverage line
    strict = installed("render", "retro", "--seed", "ex", "--strict", cwd=team)
    assert strict.returncode == 1 and strict.stdout == "" and "Traceback" not in strict.stderr
