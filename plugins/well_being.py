"""Well-being check-ins: checking in on energy, load, stress and sustainable pace without prying, and leaving room for vulnerability."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "well-being",
    "title": "Well-being check-ins",
    "description": "Checking in on energy, load, stress and sustainable pace without prying, and offering room for vulnerability.",
}

PROMPTS = [
    {
        "id": "well-being.pipeline-status-round",
        "text": "Each person describes their week as a build status — passing, flaky or failing — with one optional word on why. Anyone can pass.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 4, "technique": "one-word-round",
        "note": "Accept every answer without questions in the room; offer a private chat later to anyone who says failing.",
    },
    {
        "id": "well-being.anonymous-capacity-number",
        "text": "Everyone writes, on a folded slip or in an anonymous poll, how much of their capacity this sprint already feels spoken for, from 0 to 100. We collect the answers and look at the spread together.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "rating-round",
        "note": "Anonymity protects people who feel they should not look overloaded; discuss the spread, never who wrote what.",
    },
    {
        "id": "well-being.one-word-arrival",
        "text": "Pick one word for the state you are arriving in today: rested, rushed, scattered, curious, anything. Say it in turn, or pass, and leave every word without comment.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 2, "max_minutes": 3, "technique": "one-word-round",
        "note": "Hold the no-comment rule gently but firmly; it is what makes an honest word feel safe.",
    },
    {
        "id": "well-being.after-the-outage",
        "text": "It has been a demanding stretch since the outage. Before we talk about what happened, how is everyone doing? Share only what you want to.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group", "needs": ["incident"],
        "minutes": 4, "max_minutes": 5,
        "note": "Acknowledge the human cost of the incident before the technical review so people feel seen, not just debriefed.",
    },
    {
        "id": "well-being.three-more-months",
        "text": "If we kept working exactly like the last two weeks for three more months, would that feel sustainable? Each person holds up a card: yes, maybe or no.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 4, "technique": "rating-round",
        "note": "Treat a room of maybes as a signal for the team to act on, never as individuals failing to cope.",
    },
    {
        "id": "well-being.set-it-down",
        "text": "Each person writes on a note one thing that could pull their attention away in the next hour, like a waiting message or a worry outside work, and puts it face down in a corner. Nobody reads them; take yours back at the end.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 2, "max_minutes": 3, "technique": "silent-writing",
        "note": "Nobody explains their note; the point is permission to be here for an hour, not to share what is on their mind.",
    },
    {
        "id": "well-being.energy-fills-and-drains",
        "text": "Since we last met, what has been giving you energy at work, and what has been draining it?",
        "kinds": ["retro", "one-on-one"], "phase": "check-in", "audience": "any",
        "minutes": 3, "max_minutes": 5,
        "note": "Reflect back what you heard before offering any fix; often being understood is the help people need.",
    },
    {
        "id": "well-being.beyond-work-status",
        "text": "How are you doing, beyond the status of your work? You can share as much or as little as you like.",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Ask once, then be comfortable with silence; a short answer is a complete answer and needs no probing.",
    },
    {
        "id": "well-being.workload-gap",
        "text": "On a scale from one to ten, how heavy does your workload feel this week? What number would feel right, and what makes up the gap?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 3, "max_minutes": 4, "technique": "rating-round",
        "note": "Compare against their own ideal, never against teammates, and never treat a high number as a performance concern.",
    },
    {
        "id": "well-being.on-call-recovery",
        "text": "How have the out-of-hours parts of your work been lately, like rota shifts, late releases or weekend messages? Have you had enough real time off to recover?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Focus on rest, and be ready to change the rota or arrange a swap rather than only sympathising.",
    },
    {
        "id": "well-being.lead-goes-first",
        "text": "I'll go first and share honestly how my week has been, including one thing that was hard. How has yours been?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "A small, appropriate share invites openness; keep yours brief and do not let the meeting become about you.",
    },
    {
        "id": "well-being.what-this-slot-needs",
        "text": "What would make this half hour most useful for you today: talking something through, solving a problem together, or a lighter conversation?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Follow their choice even if you had an agenda; your topics can wait for the next slot.",
    },
    {
        "id": "well-being.stretched-dots-timeline",
        "text": "Draw the last sprint as a timeline with releases, deadlines and busy weeks marked. Each person adds green dots where they felt steady and orange dots where they felt stretched.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 10, "max_minutes": 15, "technique": "timeline",
        "source": "Timeline, after Derby & Larsen, Agile Retrospectives (2006)",
        "note": "Look at what the clusters line up with, so the talk is about system load, not personal resilience.",
    },
    {
        "id": "well-being.focus-breakers",
        "text": "Each person writes on sticky notes what broke their focus most often this sprint, one cause per note: chat pings, unplanned meetings, questions from other teams. Cluster the notes and ask which causes we could shield each other from.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 7, "max_minutes": 9, "technique": "silent-writing",
        "note": "Being interrupted is a condition of the work, not a personal failing; look for causes the team can change together.",
    },
    {
        "id": "well-being.running-low-signals",
        "text": "What early signs tell us someone on the team is running low — fewer review comments, late-night commits, going quiet? Which of those did we notice this sprint, without naming anyone?",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 8,
        "note": "Keep it about patterns, not people; nobody should be pointed out as the one who seemed worn out.",
    },
    {
        "id": "well-being.inside-or-outside-stress",
        "text": "Think about the last few weeks. Sort the sources of stress into those within the team's control, those we can only influence, and those that came from outside, like shifting deadlines or other teams' priorities.",
        "kinds": ["retro", "one-on-one"], "phase": "gather", "audience": "any",
        "minutes": 5, "max_minutes": 7, "technique": "mapping",
        "source": "Circles and Soup",
        "note": "Naming outside pressures helps people stop blaming themselves for stress the system created.",
    },
    {
        "id": "well-being.protect-or-drop",
        "text": "Let's walk through your week. Which meetings, tasks or interruptions could disappear without much loss, and which would you protect at all costs?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 5, "max_minutes": 7,
        "note": "Treat it as shared problem-solving on their calendar; offer to decline or hand off things on their behalf.",
    },
    {
        "id": "well-being.lightened-my-load",
        "text": "Closing round: each person names one thing a teammate did this sprint that made their load lighter.",
        "kinds": ["retro"], "phase": "close", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "appreciation-round",
        "note": "If someone goes unmentioned, add an appreciation yourself so nobody leaves feeling invisible.",
    },
    {
        "id": "well-being.energy-on-the-way-out",
        "text": "Before we leave, one word each: how is your energy now compared with when we started?",
        "kinds": ["retro", "one-on-one"], "phase": "close", "audience": "any",
        "minutes": 2, "max_minutes": 3, "technique": "one-word-round",
        "note": "If energy dropped, say that is okay to notice; a hard conversation can still be a useful one.",
    },
    {
        "id": "well-being.protect-your-energy",
        "text": "What is one thing you will do this week to protect your energy — a focus block, a proper lunch, logging off on time? Say it aloud only if you want to.",
        "kinds": ["retro", "one-on-one"], "phase": "close", "audience": "any",
        "minutes": 2, "max_minutes": 3,
        "note": "Offer, do not assign; it should feel like permission to rest, not another target to hit.",
    },
    {
        "id": "well-being.door-stays-open",
        "text": "Is there anything on your mind that did not fit in today? You can bring it to me any time, not only in our 1:1s.",
        "kinds": ["one-on-one"], "phase": "close", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Mean it: tell them the easiest way to reach you, and respond quickly when they do.",
    },
    {
        "id": "well-being.room-to-grow",
        "text": "Which skill would you like to grow this quarter, and how much room do you realistically have for it? What could we take off your plate to make that room?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 6,
        "note": "Growth plans that ignore load only add stress; reduce scope before adding goals.",
    },
    {
        "id": "well-being.stretch-or-strain",
        "text": "Think of a recent piece of work that stretched you. Where was the line between a good stretch and strain, and how did you notice you had crossed it?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Help them find their own signals; knowing your limits is a career skill, not a weakness.",
    },
    {
        "id": "well-being.support-for-big-goal",
        "text": "If you are working towards a bigger career goal, what support would make it feel less lonely: a mentor, regular pairing, a lighter support rotation, or something else?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Let them choose, and offer only concrete support you can actually deliver rather than vague encouragement.",
    },
    {
        "id": "well-being.energising-work",
        "text": "Which kind of engineering work leaves you with more energy than it takes? How could more of your role look like that over the next six months?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Listen for what lights them up without promising a role change you cannot deliver.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
