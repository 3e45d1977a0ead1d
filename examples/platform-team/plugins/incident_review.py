"""A blameless post-incident review, end to end: a meeting kind, its prompts and its template.

The kind's sections draw on its own phases (timeline, impact, factors) and on the shared decide/close
phases; with prompt_kinds it also borrows the built-in retro prompts for those phases.
"""

from pathlib import Path

from retrokit import hookimpl

__version__ = "1.0.0"

KIND = {
    "name": "incident-review",
    "title": "Post-incident review",
    "description": "A blameless review of an incident: what happened, to whom, why it made sense, what next.",
    "default_minutes": 50,
    "prompt_kinds": ["incident-review", "retro"],
    "sections": [
        {"id": "arrive", "title": "Arrive", "phases": ["check-in"], "weight": 1, "min_minutes": 3, "max_items": 1},
        {"id": "timeline", "title": "Timeline", "phases": ["timeline"], "weight": 3, "min_minutes": 8,
         "intro": "Facts first, in order, from everyone who was there."},
        {"id": "impact", "title": "Impact on people", "phases": ["impact"], "weight": 2, "min_minutes": 5},
        {"id": "factors", "title": "Contributing factors", "phases": ["factors", "insight"], "weight": 3,
         "min_minutes": 8},
        {"id": "actions", "title": "Follow-up actions", "phases": ["decide"], "weight": 2, "min_minutes": 5},
        {"id": "close", "title": "Close", "phases": ["close"], "weight": 1, "min_minutes": 3, "max_items": 1},
    ],
}

PROMPTS = [
    {
        "id": "incident.first-signal",
        "text": "Walk the timeline from the first signal anyone noticed, even one that was ignored. Each person adds what they saw and when, without explaining why yet.",
        "behavior": "listening",
        "phase": "timeline",
        "minutes": 12,
        "note": "Let each responder finish their part of the story before anyone asks a question.",
    },
    {
        "id": "incident.what-we-knew",
        "text": "At each decision point on the timeline, write what the person on call knew at that moment, not what we know now.",
        "behavior": "perspective-taking",
        "phase": "timeline",
        "minutes": 10,
        "note": "Hindsight is the enemy here: ask what made the choice reasonable with the information at hand.",
    },
    {
        "id": "incident.pager-at-night",
        "text": "Responders: what was it like to handle this? What did it cost you, in sleep, stress or plans you dropped?",
        "behavior": "validation",
        "phase": "impact",
        "minutes": 6,
        "note": "Acknowledge the cost before moving on; nobody needs to justify being tired or shaken.",
    },
    {
        "id": "incident.users-side",
        "text": "Tell the incident from a user's side: what did they see, what did they try, and what did our status page tell them?",
        "behavior": "perspective-taking",
        "phase": "impact",
        "minutes": 6,
        "note": "Use real support tickets or messages where you have them, quoted with care.",
    },
    {
        "id": "incident.play-it-back",
        "text": "Someone who was not on call summarises the contributing factors in their own words; the responders correct anything that is off.",
        "behavior": "reflecting",
        "phase": "factors",
        "minutes": 8,
        "note": "The summary is a check on our shared understanding, not a verdict.",
    },
    {
        "id": "incident.what-made-it-easy",
        "text": "Which of our systems, alerts or habits made this failure easy to cause or hard to see? List them as things, not people.",
        "behavior": "support",
        "phase": "factors",
        "minutes": 10,
        "note": "Redirect any sentence that starts with a name to the system around that person.",
    },
    {
        "id": "incident.check-back-date",
        "text": "For each repair we choose, agree who will ask in two weeks whether it shipped and whether it helped.",
        "behavior": "follow-up",
        "phase": "decide",
        "minutes": 6,
        "note": "The check-back is there to support the owner, not to audit them.",
    },
]


@hookimpl
def retrokit_meeting_kinds():
    return [KIND]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, kinds=["incident-review"]) for prompt in PROMPTS]


@hookimpl
def retrokit_template_dirs():
    # The team folder's templates/ is searched anyway; a packaged plugin would return its own folder.
    return [str(Path(__file__).resolve().parent.parent / "templates")]
