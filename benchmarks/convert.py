"""Conversion speed of every format over a corpus, side by side with baselines measured in the same run.

    python benchmarks/convert.py [--rounds 20] [--big-mb 10]

Corpus: tests/golden/*.md plus freshly rendered agendas (both meeting kinds, several seeds).
For each format it prints the median time to convert one agenda, the corpus throughput, and the ratio of
that throughput to the baseline, markdown-it-py's own HTML renderer on the same corpus (parse + render,
alternated with ours so machine noise hits both). When md2cf is importable (`pip install md2cf`), it is
timed on the same corpus, and its output is checked with lxml: where it is not well-formed XML, or lets
raw HTML through, or renders tasks and alerts as look-alikes, the script says so.
Then one big document (--big-mb of repeated corpus) is converted to each format once in a subprocess,
reporting seconds and peak memory (no assertions: these machines are noisy). For Notion it also reports
how full the request bodies are (top-level blocks, blocks and bytes per body, against the limits of 100,
1000 and 500 KB), and, on a smaller document (--memory-mb), the format's memory as Python traces it: the
peak while rendering over what markdown-it-py's parsed tokens hold (the issue-15 promise: a small multiple).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["markdown", "confluence", "notion", "html"]
ROOT_OPEN = '<ac:root xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier">'


def corpus() -> list[str]:
    from click.testing import CliRunner

    from retrokit.cli import cli

    documents = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.md"))]
    runner = CliRunner()
    for kind in ("retro", "one-on-one"):
        for seed in ("b1", "b2", "b3"):
            result = runner.invoke(cli, ["render", kind, "--seed", seed], env={"RETROKIT_LOAD_PLUGINS": ""})
            documents.append(result.stdout)
    return documents


def agendas(documents: list[str]) -> list[str]:
    return [d for d in documents if "Empathy coverage" in d]


def timed(fn, documents) -> float:
    start = time.perf_counter()
    for document in documents:
        fn(document)
    return time.perf_counter() - start


def our_converter(name: str):
    from retrokit.host.loader import PluginHost, Reporter
    from retrokit.host.catalog import Catalog
    from retrokit.rendering import RenderRequest

    render = Catalog(PluginHost(reporter=Reporter(quiet=True))).format(name).renderer()
    return lambda text: render(RenderRequest(text))


def markdown_it_baseline():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.render


def md2cf_converter():
    try:
        import mistune
        from md2cf.confluence_renderer import ConfluenceRenderer
    except ImportError:
        return None
    return lambda text: mistune.Markdown(renderer=ConfluenceRenderer(use_xhtml=True))(text)


def md2cf_problems(convert, documents) -> list[str]:
    from lxml import etree

    problems = set()
    for document in documents:
        out = convert(document)
        try:
            etree.fromstring(f"{ROOT_OPEN}{out}</ac:root>".encode())
        except etree.XMLSyntaxError as exc:
            problems.add(f"not well-formed XML ({exc.msg.split(',')[0]})")
        if "<div" in out or "<span" in out:
            problems.add("raw HTML passes through live")
        if "[ ]" in out or "[x]" in out:
            problems.add("task lists become '[ ]' text, not ac:task")
        if "[!NOTE]" in out or "[!TIP]" in out:
            problems.add("GitHub alerts become plain quotes with '[!NOTE]' text, not panels")
    return sorted(problems)


def big_document(megabytes: float, documents: list[str]) -> str:
    unit = "\n\n".join(documents)
    return (unit + "\n\n") * max(1, int(megabytes * 1_000_000 / len(unit.encode())))


BIG_SCRIPT = """
import resource, sys, time
from retrokit.rendering import RenderRequest
from retrokit.host.loader import PluginHost, Reporter
from retrokit.host.catalog import Catalog
text = open(sys.argv[1], encoding="utf-8").read()
render = Catalog(PluginHost(reporter=Reporter(quiet=True))).format(sys.argv[2]).renderer()
start = time.perf_counter()
render(RenderRequest(text))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


NOTION_SCRIPT = """
import json, sys, tracemalloc
from retrokit.formats import notion
from retrokit.rendering import RenderRequest
text = open(sys.argv[1], encoding="utf-8").read()
notion.render(RenderRequest("# warm-up\\n\\n- a\\n"))
tracemalloc.start()
request = RenderRequest(text)
tokens = request.tokens
parsed = tracemalloc.get_traced_memory()[0]
tracemalloc.reset_peak()
output = notion.render(request)
peak = tracemalloc.get_traced_memory()[1] - parsed
tracemalloc.stop()
data = json.loads(output)
bodies = data if isinstance(data, list) else [data]
def count(blocks):
    return sum(1 + count(b[b["type"]].get("children", [])) for b in blocks)
def size(body):
    written = json.dumps(body, indent=2, ensure_ascii=False)
    return len(written.encode()) + 2 * (written.count("\\n") + 1) * (len(bodies) > 1)
full = bodies[:-1] or bodies
print(len(tokens), parsed, peak, len(bodies), *(sum(f(b) for b in full) / len(full) for f in (
    lambda b: len(b["children"]), lambda b: count(b["children"]), size)))
"""


def notion_report(path: Path, megabytes: float) -> None:
    out = subprocess.run([sys.executable, "-c", NOTION_SCRIPT, str(path)], capture_output=True, text=True)
    if out.returncode:
        print(f"notion memory: failed: {out.stderr.strip().splitlines()[-1]}")
        return
    tokens, parsed, peak, bodies, top, blocks, size = map(float, out.stdout.split())
    print(f"notion {megabytes:.1f} MB: {tokens:.0f} tokens holding {parsed / 1e6:.0f} MB; render peak "
          f"{peak / 1e6:.0f} MB more, {peak / parsed:.2f}x the tokens (tracemalloc)")
    print(f"notion {megabytes:.1f} MB: {bodies:.0f} request bodies; a full one holds on average {top:.0f} top-level "
          f"blocks (limit 100), {blocks:.0f} blocks (limit 1000), {size / 1000:.0f} KB (limit 500)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--big-mb", type=float, default=10.0)
    parser.add_argument("--memory-mb", type=float, default=2.0)
    args = parser.parse_args()

    documents = corpus()
    size = sum(len(d.encode()) for d in documents)
    baseline = markdown_it_baseline()
    contenders = {name: our_converter(name) for name in FORMATS}
    md2cf = md2cf_converter()
    if md2cf:
        contenders["md2cf (confluence)"] = md2cf
    for fn in [baseline, *contenders.values()]:  # warm up imports and caches
        timed(fn, documents)

    base_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in contenders}
    per_agenda: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.rounds):
        for name, fn in contenders.items():
            base_times.append(timed(baseline, documents))
            times[name].append(timed(fn, documents))
            per_agenda[name].append(timed(fn, agendas(documents)) / len(agendas(documents)))
    base = statistics.median(base_times)
    print(f"corpus: {len(documents)} documents, {size / 1000:.0f} kB; baseline markdown-it-py HTML: "
          f"{size / base / 1e6:.2f} MB/s")
    print(f"{'format':<20} {'ms/agenda':>10} {'MB/s':>8} {'vs baseline':>12}")
    for name in contenders:
        median = statistics.median(times[name])
        print(f"{name:<20} {statistics.median(per_agenda[name]) * 1000:>10.2f} {size / median / 1e6:>8.2f} "
              f"{base / median:>11.2f}x")
    if md2cf:
        for problem in md2cf_problems(md2cf, documents):
            print(f"md2cf on this corpus: {problem}")
    else:
        print("md2cf is not installed here: `pip install md2cf` to compare with it")

    text = big_document(args.big_mb, documents)
    path = Path(sys.prefix) / "retrokit-bench-big.md"
    path.write_text(text, encoding="utf-8")
    try:
        for name in FORMATS:
            out = subprocess.run([sys.executable, "-c", BIG_SCRIPT, str(path), name], capture_output=True, text=True)
            if out.returncode:
                print(f"big {name}: failed: {out.stderr.strip().splitlines()[-1]}")
                continue
            seconds, peak_mb = map(float, out.stdout.split())
            print(f"big {len(text.encode()) / 1e6:.1f} MB -> {name:<10} {seconds:6.2f} s, peak memory {peak_mb:6.0f} MB")
        small = big_document(args.memory_mb, documents)
        path.write_text(small, encoding="utf-8")
        notion_report(path, len(small.encode()) / 1e6)
    finally:
        path.unlink()


if __name__ == "__main__":
    main()
