"""Requests and time to publish a large agenda to Notion, side by side with a naive baseline in the same run.

    python benchmarks/publish.py [--agendas 12] [--rounds 3]

The document: --agendas rendered retro and 1:1 agendas joined into one page, plus a few deep (6-level)
lists, so it needs batching and follow-up nesting. Both publishers talk to the same local fake Notion API
(tests/fake_services.py, a real HTTP server that validates every request) with the rate limit off:

- retrokit: ``retrokit.publish.notion`` (batches of up to 100 blocks, each with two levels of nesting,
  deeper content in follow-up calls);
- naive: one PATCH per block, children appended to the id the API returned for their parent (what a
  converter that appends blocks as it makes them does; it also builds the whole tree).

It prints both request counts and the ratio, the median wall time of each and the ratio, and what the
request counts mean at Notion's average rate limit of three requests a second. Also the lower bound a
flattened page would need (the ``notion`` format's own request bodies, which cannot keep deep nesting).

Then **republishing**, through ``retrokit publish`` itself (a team folder, the fakes of both services):
the requests for a create, an unchanged republish and a one-item change (a task ticked), for one retro
agenda and for the big page. For Notion side by side with the first edition's replace-everything update
(list the page, delete every block, append everything), run against the same fake.
No assertions: timings on shared machines are noisy; the request counts are exact.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

TOKEN = "benchmark-token"
DEEP = "\n- one\n  - two\n    - three\n      - four\n        - five\n          - six\n"


def document(count: int) -> str:
    from click.testing import CliRunner

    from retrokit.cli import cli

    runner = CliRunner()
    parts = ["# Big retro\n"]
    for n in range(count):
        kind = "retro" if n % 2 == 0 else "one-on-one"
        text = runner.invoke(cli, ["render", kind, "--seed", f"bench{n}"], env={"RETROKIT_LOAD_PLUGINS": ""}).stdout
        parts.append(text.replace("# ", "## ", 1) + DEEP)
    return "\n".join(parts)


def naive(client, api: str, parent: str, blocks: list[dict]) -> None:
    for block in blocks:
        kind = block["type"]
        children = block[kind].get("children")
        if kind == "table":  # a table needs its rows in the same request
            bare, children = block, None
        else:
            bare = {**block, kind: {k: v for k, v in block[kind].items() if k != "children"}}
        data = client.call("PATCH", f"{api}/v1/blocks/{parent}/children", json_body={"children": [bare]}, what="append")
        if children:
            naive(client, api, data["results"][0]["id"], children)


def run_once(fake, blocks, batches, which: str) -> tuple[int, float]:
    from retrokit.publish.client import Client
    from retrokit.publish import notion as service

    headers = {"Authorization": f"Bearer {TOKEN}", "Notion-Version": service.NOTION_VERSION}
    with Client("notion", headers=headers, secrets=[TOKEN]) as client:
        start = time.perf_counter()
        if which == "retrokit":
            service.publish(service.Notion(client, fake.url), parent=fake.root, page=None,
                            title=f"Big retro {time.perf_counter_ns()}", blocks=blocks)
        else:
            page, _ = service.Notion(client, fake.url).create(fake.root, f"Naive {time.perf_counter_ns()}")
            naive(client, fake.url, page, blocks)
        return client.sent, time.perf_counter() - start


def first_edition(fake, page: str, blocks, request) -> int:
    """Requests of the first edition's republish: list the parent, list the page, delete each block,
    append everything (the same planner)."""
    from retrokit.publish.client import Client
    from retrokit.publish import notion as service

    headers = {"Authorization": f"Bearer {TOKEN}", "Notion-Version": service.NOTION_VERSION}
    with Client("notion", headers=headers, secrets=[TOKEN]) as client:
        api = service.Notion(client, fake.url)
        api.child_pages(fake.root)
        for block in api.children(page, "list"):
            if block["type"] not in service.KEPT:
                api.delete(block["id"])
        api.append(page, service.plan(blocks, request), [0])
        return client.sent


def republish_counts(markdown: str, service: str) -> dict[str, int]:
    """Requests of ``retrokit publish SERVICE`` for a create, an unchanged republish and a ticked task."""
    import tempfile

    from click.testing import CliRunner
    from fake_services import FakeConfluence, FakeNotion

    from retrokit.cli import cli

    counts = {}
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "retrokit.toml").write_text("", encoding="utf-8")
        source = Path(folder, "agenda.md")
        fake = FakeNotion(TOKEN) if service == "notion" else FakeConfluence(TOKEN, cloud=True, user="u@example.com")
        env = {"RETROKIT_NOTION_API": fake.url, "RETROKIT_NOTION_TOKEN": TOKEN, "RETROKIT_NOTION_RATE": "0",
               "RETROKIT_CONFLUENCE_TOKEN": TOKEN, "RETROKIT_CONFLUENCE_USER": "u@example.com",
               "RETROKIT_LOAD_PLUGINS": ""}
        args = (["publish", "notion", str(source), "--parent", fake.root, "--team", folder] if service == "notion"
                else ["publish", "confluence", str(source), "--url", fake.base, "--space", "ENG", "--team", folder])
        try:
            for step, text in (("create", markdown), ("unchanged", markdown),
                               ("one task ticked", markdown.replace("- [ ]", "- [x]", 1))):
                source.write_text(text, encoding="utf-8")
                before = len(fake.requests)
                result = CliRunner().invoke(cli, args, env=env)
                if result.exit_code != 0 or fake.problems:
                    raise SystemExit(f"{service} {step}: {result.stderr or fake.problems[:3]}")
                counts[step] = len(fake.requests) - before
            if service == "notion":
                from retrokit.formats.notion import build_blocks
                from retrokit.rendering import RenderRequest

                [page] = fake.pages(markdown.split("\n", 1)[0][2:].strip())
                changed = markdown.replace("- [ ]", "- [x]", 1)
                request = RenderRequest(changed)
                counts["first edition, any republish"] = first_edition(fake, page, build_blocks(request), request)
        finally:
            fake.close()
    return counts


def print_republish(args) -> None:
    from click.testing import CliRunner

    from retrokit.cli import cli

    one = CliRunner().invoke(cli, ["render", "retro", "--seed", "bench0"], env={"RETROKIT_LOAD_PLUGINS": ""}).stdout
    for name, markdown in (("one retro agenda", one), (f"{args.agendas} agendas", document(args.agendas))):
        for service in ("notion", "confluence"):
            counts = republish_counts(markdown, service)
            shown = ", ".join(f"{step} {number}" for step, number in counts.items())
            print(f"republish, {name}, {service}: requests: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agendas", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["RETROKIT_LOAD_PLUGINS"] = ""

    from fake_services import FakeNotion

    from retrokit.formats.notion import build_blocks, request_bodies
    from retrokit.publish import notion as service
    from retrokit.rendering import RenderRequest

    markdown = document(args.agendas)
    request = RenderRequest(markdown)
    blocks = build_blocks(request)
    batches = service.plan(blocks, request)
    flat = len(request_bodies(blocks, RenderRequest(markdown)))

    def count(tree):
        return sum(1 + count(b[b["type"]].get("children") or []) for b in tree)

    print(f"document: {len(markdown) // 1024} KB of Markdown, {count(blocks)} blocks, {len(blocks)} top-level")
    fake = FakeNotion(TOKEN)
    try:
        times = {"retrokit": [], "naive": []}
        sent = {}
        for _ in range(args.rounds):
            for which in ("retrokit", "naive"):  # alternated, so machine noise hits both
                sent[which], seconds = run_once(fake, blocks, batches, which)
                times[which].append(seconds)
        if fake.problems:
            raise SystemExit(f"the fake API refused requests: {fake.problems[:3]}")
    finally:
        fake.close()
    ours, base = sent["retrokit"], sent["naive"]
    t_ours, t_base = statistics.median(times["retrokit"]), statistics.median(times["naive"])
    print(f"requests: retrokit {ours}, naive {base}: ratio {ours / base:.3f} ({base / ours:.1f}x fewer)")
    print(f"  lower bound (the notion format's flattened bodies + 1 create): {flat + 1}")
    print(f"wall time at the local fake (median of {args.rounds}): retrokit {t_ours:.2f} s, naive {t_base:.2f} s: "
          f"ratio {t_ours / t_base:.3f}")
    print(f"at Notion's 3 requests/s: retrokit ~{ours / 3:.0f} s, naive ~{base / 3:.0f} s")
    print_republish(args)


if __name__ == "__main__":
    main()
