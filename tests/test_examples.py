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
    assert sum(time_boxes(doc)) == 50  # [minutes] incident-review = 50 in its retrokit.toml
    # its own phases are fed by its own prompts
    timeline = doc.split("## Timeline")[1].split("## ")[0]
    assert "Walk the timeline" in timeline or "decision point on the timeline" in timeline


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
