"""Context tags (hook API 1.2): what a meeting's situation holds, such as a recent ``incident`` or people
from another team (``cross-team``). A prompt that presupposes something ``needs`` its tag and is drawn only
when the meeting's context holds it; plugins declare tags through ``retrokit_context_tags``.

The meeting's context is the ``--context`` tags, the team's ``[context] tags`` and the kind's own
``MeetingKind.context``; ``check_tags`` turns a name nobody declared into a usage error that lists them.
"""

from retrokit.errors import did_you_mean
from retrokit.model import NAME, _as_dict, _text
from retrokit.records import TupleRecord


class ContextTag(TupleRecord):
    """One context tag: ``name`` (lowercase letters, digits and hyphens) and what it means."""

    name: str
    description: str = ""
    plugin: str = ""

    @classmethod
    def from_data(cls, data, plugin: str) -> "ContextTag":
        data = _as_dict(data, cls, "context tag")
        name = _text(data, "name", "context tag", pattern=NAME, limit=40)
        description = _text(data, "description", f"context tag '{name}'", required=False, limit=200)
        return cls(name, description, plugin)


def unknown_tag(name: str, known) -> str:
    """The message for a tag nobody declared: the did-you-mean and every known tag."""
    if not known:
        return f"unknown context tag '{name}': no plugin declares any (see 'retrokit plugins')"
    return f"unknown context tag '{name}'{did_you_mean(name, known)}; known: {', '.join(sorted(known))}"
