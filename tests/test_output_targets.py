"""`-o` onto what is not a plain file of ours: devices, FIFOs, read-only and foreign-owned files, odd paths.

A rename over the target (how retrokit writes atomically) would replace a device or FIFO with a regular
file, a read-only file with a writable one, and a foreign file with one of ours. Each is written through,
refused with one line, or keeps its owner. Device nodes are made in the test's folder (mknod, root
only), never the machine's own /dev/null or /dev/full.
"""

from __future__ import annotations

import os
import stat
import string
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes and foreign files needs root")


def device(folder: Path, name: str, minor: int) -> Path:
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("this container may not make device nodes")
    return path


@root_only
def test_output_onto_a_null_device_writes_through_and_keeps_the_device(run, tmp_path):
    null = device(tmp_path, "null", 3)
    result = run("render", "retro", "--seed", "t", "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "work"]  # no temporary left beside it


@root_only
def test_output_onto_a_full_device_is_one_error_line(run, tmp_path):
    full = device(tmp_path, "full", 7)
    result = run("render", "retro", "--seed", "t", "-o", str(full))
    assert result.exit_code == 1
    assert result.stderr == f"retrokit: error: cannot write {full}: No space left on device\n"
    assert stat.S_ISCHR(full.stat().st_mode)


def test_output_into_a_fifo_reaches_the_reader_and_keeps_the_fifo(installed, tmp_path):
    fifo = tmp_path / "agenda.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = installed("render", "retro", "--seed", "t", "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"# Retrospective")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    expected = installed("render", "retro", "--seed", "t", cwd=tmp_path).stdout
    assert received[0].decode("utf-8") == expected


def test_a_read_only_target_is_refused_and_left_as_it_was(run, tmp_path):
    target = tmp_path / "agenda.md"
    target.write_text("my own notes\n", encoding="utf-8")
    target.chmod(0o444)
    result = run("render", "retro", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (f"retrokit: error: cannot write {target}: it is read-only "
                             "(make it writable to let retrokit replace it)\n")
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@root_only
def test_a_foreign_owned_target_keeps_its_owner_group_and_mode(run, tmp_path):
    target = tmp_path / "agenda.md"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 12345, 23456)
    target.chmod(0o640)
    result = run("render", "retro", "--seed", "t", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)
    assert target.read_text(encoding="utf-8").startswith("# Retrospective")


# -- any path at all: written whole, or one error line; never a traceback or a stray temporary ---------

PIECES = st.sampled_from(["a", "b.md", "..", ".", "", "dir", "missing", "sp ace", "new\nline", "nul\x00",
                          "é", "x" * 300, "ro", "fifo-free"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(PIECES, min_size=1, max_size=4), trailing=st.booleans())
def test_any_output_path_is_written_or_refused_in_one_line(run, tmp_path, parts, trailing):
    base = tmp_path / "out"
    base.mkdir(exist_ok=True)
    (base / "dir").mkdir(exist_ok=True)
    readonly = base / "ro"
    if not readonly.exists():
        readonly.write_text("keep\n", encoding="utf-8")
        readonly.chmod(0o444)
    target = str(base) + "/" + "/".join(parts) + ("/" if trailing else "")
    result = run("render", "retro", "--seed", "t", "-o", target)
    if result.exit_code == 0:
        written = Path(target)
        assert written.is_file() and written.read_text(encoding="utf-8").startswith("# Retrospective")
    else:
        assert result.exit_code == 1
        [line] = result.stderr.splitlines()
        assert line.startswith("retrokit: error: cannot write "), line
        assert "Traceback" not in result.stderr and "unexpected" not in line
        assert all(ch in string.printable or ch.isprintable() for ch in line)
    assert readonly.read_text(encoding="utf-8") == "keep\n"
    leftovers = [p for p in base.rglob("*.tmp")]
    assert leftovers == []
