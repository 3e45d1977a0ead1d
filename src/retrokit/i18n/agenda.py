"""A planned agenda in another language: its title, sections, prompts, behaviours and the planner's own
items, looked up in the language's translations; what has none stays English and is a gap. A gap is
reported once per kind ("3 prompt texts ..."), never once per prompt."""

from __future__ import annotations

from retrokit.model import Agenda, MeetingKind

#: The kinds of gap, in the order they are reported.
GAPS = (
    "meeting kind titles", "section titles", "section intros", "behaviour titles", "prompt texts",
    "facilitator notes", "preparation lines", "source credits", "planner texts", "template texts",
)
#: The gaps ``retrokit prompts --untranslated`` lists.
PROMPT_GAPS = ("prompt texts", "facilitator notes", "preparation lines", "source credits")
#: A prompt's fields that are translated, and the gap each one leaves.
PROMPT_FIELDS = (("text", "prompt texts"), ("note", "facilitator notes"), ("prepare", "preparation lines"),
                 ("source", "source credits"))


def translate_agenda(agenda: Agenda, meeting: MeetingKind, behaviors: dict, language, *, titled: bool,
                     said=frozenset()) -> dict:
    """Translate ``agenda`` in place; the gaps, ``{kind of gap: [what]}``. ``titled``: the title was given
    (``--title``), so it is the team's own text and stays. ``said``: texts in the language already (what
    a plugin's ``retrokit_adjust_agenda`` wrote with ``retrokit.t``), left as they are."""
    gaps: dict[str, list[str]] = {}

    def gap(kind: str, what: str) -> None:
        gaps.setdefault(kind, []).append(what)

    kind = language.kinds.get(meeting.name, {})
    if kind.get("title"):
        if not titled and agenda.title.startswith(meeting.title):
            agenda.title = kind["title"] + agenda.title[len(meeting.title):]
        agenda.kind_title = kind["title"]
    else:
        gap("meeting kind titles", meeting.name)
    sections = kind.get("sections", {})
    for section in agenda.sections:
        texts = sections.get(section.id, {})
        for field, noun in (("title", "section titles"), ("intro", "section intros")):
            if getattr(section, field):
                if field in texts:
                    setattr(section, field, texts[field])
                else:
                    gap(noun, f"{meeting.name}.{section.id}")
        for item in section.items:
            _item(item, language, gap, said)
    titles = {b.title: language.behaviors.get(name) for name, b in behaviors.items()}
    # a behaviour no loaded plugin describes is counted by its name (a health check card's, say)
    agenda.coverage = [titles.get(title) or language.behaviors.get(title) or title for title in agenda.coverage]
    return gaps


def _item(item, language, gap, said) -> None:
    if not item.prompt_id:  # the planner's own: an open discussion or a buffer
        found = language.strings.get(" ".join(item.text.split()))
        if isinstance(found, str):
            item.text = found
        elif item.text:
            gap("planner texts", item.text.partition(":")[0])
        return
    if item.behavior:
        title = language.behaviors.get(item.behavior)
        if title:
            item.behavior_title = title
        else:
            gap("behaviour titles", item.behavior)
    texts = language.prompts.get(item.prompt_id, {})
    for field, noun in PROMPT_FIELDS:
        if getattr(item, field) and getattr(item, field) not in said:
            if field in texts:
                setattr(item, field, texts[field])
            else:
                gap(noun, item.prompt_id)


def report(gaps: dict, language, warn) -> None:
    """One warning per kind of gap, naming the first few."""
    name = f"{language.name} ({language.code})" if language.name else language.code
    for kind in GAPS:
        found = list(dict.fromkeys(gaps.get(kind, ())))
        if not found:
            continue
        shown = ", ".join(found[:3]) + (", …" if len(found) > 3 else "")
        hint = f" (retrokit prompts --lang {language.code} --untranslated lists them)" if kind in PROMPT_GAPS else ""
        warn(f"{kind} without a {name} translation: {len(found)} ({shown}); shown in English{hint}")
