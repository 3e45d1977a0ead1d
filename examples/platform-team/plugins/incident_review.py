"""A blameless post-incident review, end to end: a meeting kind, its prompts and its template.

The kind has its own phases (``arrive``, ``timeline``, ``impact``, ``factors``, ``repair``,
``after``) and its own prompts for each of them. It does not borrow the retro's prompts
(``prompt_kinds`` could, but a retro's check-ins and insights talk about "the sprint", which is the wrong
frame the day after an outage). Every core empathy behaviour has at least one prompt here, so the
planner can cover all six from this plugin alone.

Its template (``templates/incident-review.md.j2``) adds the blameless ground rule, a fact sheet to fill
in before the meeting and a closing checklist for publishing the review.
"""

from pathlib import Path

from retrokit import hookimpl

__version__ = "1.1.0"
RETROKIT_API = "1.2"  # the hook API this plugin was written for (1.2: prompt metadata, kind context)

KIND = {
    "name": "incident-review",
    "title": "Post-incident review",
    "description": "A blameless review of an incident: what happened, to whom, why it made sense, what next.",
    "default_minutes": 50,
    "context": ["incident"],  # every review has an incident behind it, so incident prompts may be drawn
    "sections": [
        {"id": "arrive", "title": "Arrive", "phases": ["arrive"], "weight": 1, "min_minutes": 3, "max_items": 1,
         "intro": "Some of us were up at night for this. Start with people, then the facts."},
        {"id": "timeline", "title": "Timeline", "phases": ["timeline"], "weight": 3, "min_minutes": 8,
         "max_items": 2, "intro": "Facts first, in order, from everyone who was there."},
        {"id": "impact", "title": "Impact on people", "phases": ["impact"], "weight": 2, "min_minutes": 5,
         "max_items": 2, "intro": "Users, responders, support: who felt this, and how."},
        {"id": "factors", "title": "Contributing factors", "phases": ["factors"], "weight": 3, "min_minutes": 8,
         "intro": "Ask what made the failure possible and the recovery hard, never who."},
        {"id": "repairs", "title": "Repairs and owners", "phases": ["repair"], "weight": 2, "min_minutes": 5,
         "max_items": 2, "intro": "Prefer changes to systems over reminders to be careful."},
        {"id": "close", "title": "Close", "phases": ["after"], "weight": 1, "min_minutes": 3, "max_items": 1},
    ],
}

PROMPTS = [
    # arrive
    {
        "id": "incident.how-are-you-arriving",
        "text": "Before any facts: one sentence each on how you are arriving today, and whether anything from the incident still feels unfinished for you.",
        "behavior": "well-being",
        "phase": "arrive",
        "minutes": 4,
        "note": "Let people pass; a responder who slept badly does not owe the room an explanation.",
    },
    {
        "id": "incident.ground-rule-aloud",
        "text": "The facilitator reads the blameless ground rule aloud and asks: is there anything that would make it hard for you to speak openly today?",
        "behavior": "safety",
        "phase": "arrive",
        "minutes": 3,
        "note": "If someone names a worry, thank them and say how you will handle it, then move on; do not debate it.",
    },
    # timeline
    {
        "id": "incident.first-signal",
        "text": "Walk the timeline from the first signal anyone noticed, even one that was ignored. Each person adds what they saw and when, without explaining why yet.",
        "behavior": "listening",
        "phase": "timeline",
        "minutes": 12,
        "max_minutes": 18,
        "note": "Let each responder finish their part of the story before anyone asks a question.",
        "technique": "timeline",
        "prepare": "Export the alert and chat history of the incident, with timestamps, for the timeline.",
        "source": "Timeline, after Derby & Larsen, Agile Retrospectives (2006)",
    },
    {
        "id": "incident.what-we-knew",
        "text": "At each decision point on the timeline, write what the person on call knew at that moment, not what we know now.",
        "behavior": "perspective-taking",
        "phase": "timeline",
        "minutes": 10,
        "note": "Hindsight is the enemy here: ask what made the choice reasonable with the information at hand.",
        "technique": "perspective-swap",
    },
    {
        "id": "incident.gaps-in-the-story",
        "text": "Mark the stretches of the timeline where nobody can say what was happening. What would we have needed to see to fill them in?",
        "behavior": "support",
        "phase": "timeline",
        "minutes": 8,
        "note": "A gap is a finding about our tools, not a lapse of the people on call.",
    },
    # impact
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
        "id": "incident.support-front-line",
        "text": "Ask the people who answered users during the incident: which question did you get most, and what answer did you wish you had?",
        "behavior": "listening",
        "phase": "impact",
        "minutes": 5,
        "note": "Invite support or customer-facing colleagues to this part even if they skip the rest.",
    },
    # factors
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
        "id": "incident.what-helped",
        "text": "What went right? Name the alert, runbook, colleague or lucky accident that kept this from being worse, and whether we can count on it next time.",
        "behavior": "validation",
        "phase": "factors",
        "minutes": 6,
        "note": "Thank people for specific things they did; luck we cannot count on becomes a repair to consider.",
    },
    {
        "id": "incident.pressures-at-the-time",
        "text": "What pressures were on the people involved: a deadline, a handover, a second alert, a quiet channel at 3 a.m.? How did they shape the choices that were made?",
        "behavior": "perspective-taking",
        "phase": "factors",
        "minutes": 7,
        "note": "Pressures explain choices; they are never excuses and never accusations.",
    },
    # repair
    {
        "id": "incident.check-back-date",
        "text": "For each repair we choose, agree who will ask in two weeks whether it shipped and whether it helped.",
        "behavior": "follow-up",
        "phase": "repair",
        "minutes": 6,
        "note": "The check-back is there to support the owner, not to audit them.",
    },
    {
        "id": "incident.system-not-reminder",
        "text": "Read each proposed repair aloud. If it boils down to 'be more careful', rewrite it as a change to a tool, alert, default or runbook that makes the careful path the easy one.",
        "behavior": "support",
        "phase": "repair",
        "minutes": 7,
        "note": "Reminders put the burden back on the next person on call; a changed default carries it for them.",
    },
    {
        "id": "incident.tell-the-affected",
        "text": "Who outside this room was affected, and who will tell them what we learned and what we are changing? Agree on one sentence for them in plain words.",
        "behavior": "follow-up",
        "phase": "repair",
        "minutes": 5,
        "note": "Teams that absorbed the impact hear from us first, not from a ticket they stumble on.",
    },
    # after
    {
        "id": "incident.thanks-round",
        "text": "Close with one round of thanks: each person names someone who helped during the incident or this review, and what exactly they did.",
        "behavior": "validation",
        "phase": "after",
        "minutes": 4,
        "note": "Specific beats general: 'you posted updates every twenty minutes' lands better than 'great job'.",
    },
    {
        "id": "incident.rest-after",
        "text": "Responders: is there time you need back this week after the incident? Say what would help, and the team will find a way to cover it.",
        "behavior": "well-being",
        "phase": "after",
        "minutes": 3,
        "note": "Follow up in a 1:1 if someone hesitates to answer in the group.",
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
