"""Appreciation: thanking people for specific, observed help, so that support becomes visible."""

from retrokit import hookimpl

__version__ = "0.2.0"

BEHAVIOR = {
    "name": "appreciation",
    "title": "Appreciation",
    "description": "Thanking people for specific help we saw, so the quiet work that holds a team together is noticed.",
}

PROMPTS = [
    {
        "id": "appreciation.quiet-work",
        "text": "Name one piece of quiet work from this sprint that nobody demoed: a flaky test fixed, a runbook updated, a question answered. Who did it, and what did it save you?",
        "kinds": ["retro"],
        "phase": "check-in",
        "minutes": 5,
        "note": "Say what the help made possible; a specific thanks lands better than a general one.",
    },
    {
        "id": "appreciation.review-that-taught",
        "text": "Which code review comment this sprint taught you something? Thank its author and say what you will do differently.",
        "kinds": ["retro"],
        "phase": "close",
        "minutes": 4,
        "note": "Keep it to the comment and what it taught; no one needs to defend the code it was about.",
    },
    {
        "id": "appreciation.unblocked-me",
        "text": "Each person names someone outside the team who unblocked them this month, and we agree who will pass the thanks on.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 5,
        "note": "Passing thanks across team lines builds the partnerships we lean on during incidents.",
    },
    {
        "id": "appreciation.what-you-did-well",
        "text": "Here is one thing I saw you do well since we last met, and why it mattered. What is something you did that you think I missed?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 4,
        "note": "Be specific about the moment and its effect; then listen fully to what they add.",
    },
    {
        "id": "appreciation.credit-given",
        "text": "Is there work of yours that someone else got credit for, or that went unseen? How would you like it to be made visible?",
        "kinds": ["one-on-one"],
        "phase": "growth",
        "minutes": 5,
        "note": "Ask how they want it handled before you act; visibility on their terms, not yours.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
