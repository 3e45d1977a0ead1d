"""The ``json`` format: the agenda model itself, for scripts. Its shape is versioned and documented in
docs/formats.md; additions keep the version, a change to an existing field bumps it."""

import dataclasses
import json

from retrokit.errors import RetrokitError

SCHEMA = "retrokit.agenda"
VERSION = 1


def render(request) -> str:
    if request.agenda is None:
        raise RetrokitError("the json format describes a planned agenda: use it with 'retrokit render'")
    data = {"schema": SCHEMA, "version": VERSION, **dataclasses.asdict(request.agenda)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
