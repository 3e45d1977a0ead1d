"""Doctor's ``packs`` check: what a team's prompt packs hold beyond what loading them reports.

Loading a pack already reports every bad prompt, key or file with its line (recorded as problems of the
``plugins`` check). This adds notices for what loads without a warning but is likely a slip:
- a file in a pack folder that is not a ``.toml`` file (``prompts/coaching.yaml``): never loaded (a
  README is not reported);
- a pack that contributes no prompt (all of them skipped, or none written yet).
"""

from __future__ import annotations

from retrokit.authoring.doctor.findings import NOTICE, Report
from retrokit.host.packs import is_pack


def check_packs(report: Report, session) -> None:
    for folder in session.config.packs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            readme = path.stem.upper() == "README"  # what keeps the folder in git, or explains it
            if path.is_file() and path.suffix != ".toml" and not readme and not path.name.startswith((".", "_")):
                report.add(NOTICE, "packs", f"{path} is not a prompt pack (a pack is a .toml file); ignored")
    prompts = {prompt.plugin for prompt in session.catalog.prompts.values()}
    for info in session.host.plugins:
        if is_pack(info) and info.name not in prompts:
            report.add(NOTICE, "packs", f"prompt pack '{info.name}' ({info.file}) contributes no prompts")
