"""Problem-solving support: helping teammates remove obstacles, adjust scope and get unstuck, offering help without taking over the work."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "support",
    "title": "Problem-solving support",
    "description": "Removing obstacles, adjusting scope and offering help without taking over, starting from the question: what would make this easier?",
}

PROMPTS = [
    {
        "id": "support.blockers-since-last-time",
        "text": "Last time we named a few blockers. Which of them are gone, which are still there, and which turned out to be bigger than we thought?",
        "kinds": ["retro", "one-on-one"],
        "phase": "follow-up",
        "minutes": 4,
        "note": "Thank whoever cleared a blocker; treat the ones still open as shared unfinished work, not as anyone's failure.",
    },
    {
        "id": "support.did-my-help-land",
        "text": "Last time I offered to help with something. Did that help actually make things easier, or did it add work for you? What should I do differently next time?",
        "kinds": ["one-on-one"],
        "phase": "follow-up",
        "minutes": 3,
        "note": "Accept a 'not really' calmly and thank them for it; honest feedback on your help is the most useful answer you can get.",
    },
    {
        "id": "support.scope-cuts-revisited",
        "text": "Look at the scope changes we agreed last retro. For each one, everyone shows a thumb up, sideways or down: did it make the work easier, or did it just move the pain somewhere else?",
        "kinds": ["retro"],
        "phase": "follow-up",
        "minutes": 5,
        "note": "If a cut moved pain to another team or person, name that without blame and add it to today's board.",
    },
    {
        "id": "support.stuck-moments-timeline",
        "text": "Draw a line for the sprint. Each person adds sticky notes where they felt stuck or slowed down, with one word for what they were waiting on: a review, a decision, an environment, an answer.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 10,
        "note": "Being stuck is information about the system, not about the person; thank people for every note they add.",
    },
    {
        "id": "support.what-would-make-easier",
        "text": "What is one thing that would make your current work easier this week, even a little?",
        "kinds": ["retro", "one-on-one"],
        "phase": "gather",
        "minutes": 4,
        "note": "Listen to the whole answer before offering fixes; small asks are as valid as big ones.",
    },
    {
        "id": "support.asked-or-did-not-ask",
        "text": "Silently, each person writes one moment this sprint when they needed help and asked for it, and one when they needed help but did not ask. Share only what you are comfortable sharing.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 6,
        "note": "Keep sharing optional and never ask why someone did not ask; look for what made asking hard.",
    },
    {
        "id": "support.hidden-work-inventory",
        "text": "What are you carrying right now that does not show up on the board — on-call follow-ups, reviews, helping others, a migration nobody owns?",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Acknowledge hidden work as real work before you talk about priorities; it often explains why someone feels overloaded.",
    },
    {
        "id": "support.one-sentence-blocker-round",
        "text": "Quick round: each person names one blocker they hit in the last two weeks and roughly how long it lasted, in a single sentence. No solutions yet.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 5,
        "note": "Hold back fixes during the round so people feel heard; park ideas on a separate note for later.",
    },
    {
        "id": "support.who-got-you-unstuck",
        "text": "Who helped you get unstuck recently, and what exactly did they do that helped?",
        "kinds": ["retro", "one-on-one"],
        "phase": "gather",
        "minutes": 3,
        "note": "Naming concrete helpful actions shows everyone what good support looks like, without ranking helpers.",
    },
    {
        "id": "support.longest-wait-why",
        "text": "Pick the longest wait the team had this sprint. Together, ask 'what made this hard to unblock?' three times in a row until you reach something the team can change, such as unclear ownership or a slow pipeline.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 8,
        "note": "Keep every question on the process, not on the person who was waiting or the person being waited on.",
    },
    {
        "id": "support.help-versus-takeover",
        "text": "In pairs, recall one time help left you still owning your work and one time help felt like a takeover. Compare: what did the helper do differently? Each pair shares one pattern with the group.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 8,
        "note": "Invite stories from both sides of helping; no names are needed, especially for the takeover examples.",
    },
    {
        "id": "support.cost-of-asking-scale",
        "text": "On a scale from 1 to 5, how costly does it feel to ask for help here — in time, in looking unprepared, in interrupting someone busy? What pushes that number up?",
        "kinds": ["retro", "one-on-one"],
        "phase": "insight",
        "minutes": 5,
        "note": "Any number is fine; thank people for honesty and focus on what raises the cost, never on who.",
    },
    {
        "id": "support.quietly-growing-scope",
        "text": "Draw three columns: must ship, nice to have, quietly growing. Place this sprint's work items in them together. Which items grew without anyone deciding they should?",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 10,
        "note": "Scope creep is rarely one person's choice; look for the missing decision point, not for a culprit.",
    },
    {
        "id": "support.sort-obstacles-by-owner",
        "text": "Of the things slowing you down, which one is in your control, which one is in mine, and which one needs someone else? Let's sort them together.",
        "kinds": ["one-on-one"],
        "phase": "insight",
        "minutes": 6,
        "note": "If an obstacle sits with you as the lead, say so plainly and own it before anything else.",
    },
    {
        "id": "support.interruption-load-pattern",
        "text": "Look at the last month of pages, support requests and interruptions. Who absorbed most of them, and what did that cost their planned work? What pattern do we see?",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 6,
        "note": "Start by thanking those who carried the load; make clear the question is about distribution, not performance.",
    },
    {
        "id": "support.remove-one-obstacle",
        "text": "Dot-vote the obstacle that costs the team the most. Agree one concrete step to remove or shrink it before the next retro, and who will clear the way for it.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 8,
        "note": "Ask the people who felt the obstacle most whether the proposed step would actually help them.",
    },
    {
        "id": "support.take-something-off-plate",
        "text": "If we took one thing off your plate or cut it smaller, which would free you up the most? What would we need to tell stakeholders, and who should tell them?",
        "kinds": ["one-on-one"],
        "phase": "decide",
        "minutes": 5,
        "note": "Offer the cut as a real option, not a test, and take on the stakeholder conversation yourself where you can.",
    },
    {
        "id": "support.menu-of-help",
        "text": "Here are ways I could help: unblock a decision, pair with you for an hour, talk to the other team, or stay out of the way. Which one, if any, would make this easier?",
        "kinds": ["one-on-one"],
        "phase": "decide",
        "minutes": 4,
        "note": "Mean the option to stay out of the way; letting the person choose keeps the work and the credit with them.",
    },
    {
        "id": "support.when-to-ask-agreement",
        "text": "Agree as a team when someone who is stuck should ask for help: after how long, in which channel, and who answers first. Write the agreement where everyone can see it.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 8,
        "note": "Frame the time limit as permission to ask early, not as a deadline for being stuck.",
    },
    {
        "id": "support.faster-review-experiment",
        "text": "Choose one small change that would make code reviews unblock people faster, like a daily review slot or smaller pull requests, and try it for two weeks.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 6,
        "note": "Check that the change does not quietly add load to the same few reviewers who already carry most of it.",
    },
    {
        "id": "support.smallest-next-step",
        "text": "What is the smallest next step that would get this unstuck, and what support, if any, do you want for it?",
        "kinds": ["retro", "one-on-one"],
        "phase": "decide",
        "minutes": 3,
        "note": "Let the person pick the step; your role is to make it possible, not to choose it for them.",
    },
    {
        "id": "support.your-helping-style",
        "text": "When a teammate is stuck, what do you usually do first: explain, pair, point to docs, or fix it yourself? Which of those would you like to try more often?",
        "kinds": ["one-on-one"],
        "phase": "growth",
        "minutes": 5,
        "note": "There is no wrong style; explore together what the teammate learns from each choice.",
    },
    {
        "id": "support.asking-sooner-practice",
        "text": "What makes it easier or harder for you to ask for help early? Is there one situation coming up where you would like to practise asking sooner?",
        "kinds": ["one-on-one"],
        "phase": "growth",
        "minutes": 4,
        "note": "Share a time you asked for help too late yourself; it makes the topic safer to talk about.",
    },
    {
        "id": "support.grow-as-unblocker",
        "text": "Would you like to grow as someone who unblocks others, for example by looking after a tricky test environment or mentoring on-call newcomers? What support would you need from me?",
        "kinds": ["one-on-one"],
        "phase": "growth",
        "minutes": 6,
        "note": "Make it an invitation and check that the stretch does not pile hidden work on top of a full plate.",
    },
    {
        "id": "support.two-questions-before-fixing",
        "text": "Next time someone asks you to fix their failing build, try asking two questions before touching the keyboard. Which questions would you ask, and when could you try this?",
        "kinds": ["one-on-one"],
        "phase": "growth",
        "minutes": 5,
        "note": "Present it as an experiment to try, not as a correction of how they help today.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
