"""The two built-in meeting kinds, retro and one-on-one, contributed through the public hooks.

A kind's sections say where the team's memory goes (docs/memory.md): the first section that takes
``follow-up`` prompts opens with the open action items and the topics raised last time ("Set the stage"
in a retro, "Follow-ups" in a 1:1); the first that takes ``gather`` prompts leads with the topics the
person raised for this meeting ("Their topics first"). A plugin's kind gets the same by its phases.
"""

from retrokit import hookimpl

RETRO = {
    "name": "retro",
    "title": "Retrospective",
    "description": "A team retrospective in five phases, opening with what we said we would do.",
    "default_minutes": 60,
    "sections": [
        {
            "id": "set-the-stage",
            "title": "Set the stage",
            "phases": ["check-in", "follow-up"],
            "weight": 1.5,
            "min_minutes": 5,
            "intro": "Arrive, hear every voice once, and come back to what we said we would do last time.",
        },
        {
            "id": "gather-data",
            "title": "Gather data",
            "phases": ["gather"],
            "weight": 3,
            "min_minutes": 5,
            "intro": "Collect what happened and how it felt, before anyone explains it.",
        },
        {
            "id": "generate-insights",
            "title": "Generate insights",
            "phases": ["insight"],
            "weight": 3,
            "min_minutes": 5,
            "intro": "Ask why, from more than one side of the table.",
        },
        {
            "id": "decide-what-to-do",
            "title": "Decide what to do",
            "phases": ["decide"],
            "weight": 2,
            "min_minutes": 5,
            "intro": "Few actions, each with an owner and a date, that we will come back to next time.",
        },
        {
            "id": "close",
            "title": "Close",
            "phases": ["close"],
            "weight": 0.75,
            "min_minutes": 3,
            "max_items": 1,
        },
    ],
}

ONE_ON_ONE = {
    "name": "one-on-one",
    "title": "One-on-one",
    "description": "A 1:1 that starts with the person, puts their topics first and ends with commitments.",
    "default_minutes": 30,
    "audience": "pair",
    "sections": [
        {
            "id": "check-in",
            "title": "Check-in and well-being",
            "phases": ["check-in"],
            "weight": 1,
            "min_minutes": 2,
            "max_items": 1,
        },
        {
            "id": "their-topics",
            "title": "Their topics first",
            "phases": ["gather", "insight"],
            "weight": 3,
            "min_minutes": 4,
            "max_items": 2,
            "intro": "Their list leads; the prompts below are for when it is short.",
        },
        {
            "id": "feedback",
            "title": "Feedback both ways",
            "phases": ["feedback"],
            "weight": 1.5,
            "min_minutes": 2,
            "max_items": 2,
        },
        {
            "id": "growth",
            "title": "Growth",
            "phases": ["growth"],
            "weight": 1,
            "min_minutes": 2,
            "max_items": 1,
        },
        {
            "id": "follow-ups",
            "title": "Follow-ups",
            "phases": ["follow-up"],
            "weight": 1.5,
            "min_minutes": 2,
            "max_items": 2,
        },
        {
            "id": "commitments",
            "title": "Commitments",
            "phases": ["decide", "close"],
            "weight": 1,
            "min_minutes": 3,
            "max_items": 1,
            "intro": "Each of us names what we will do before we next meet.",
        },
    ],
}


@hookimpl
def retrokit_meeting_kinds():
    return [RETRO, ONE_ON_ONE]
