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
                            title=f"Big retro {time.perf_counter_ns()}", batches=batches)
        else:
            page, _ = service.Notion(client, fake.url).create(fake.root, f"Naive {time.perf_counter_ns()}")
            naive(client, fake.url, page, blocks)
        return client.sent, time.perf_counter() - start


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


if __name__ == "__main__":
    main()
