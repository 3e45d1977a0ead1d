"""Perspective-taking: understanding the pressure, information and risk carried by product, other teams, on-call, customers and managers."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "perspective-taking",
    "title": "Perspective-taking",
    "description": "Understanding the pressure, information and risk that the other side — product, another team, on-call, a customer, the manager — is carrying.",
}

PROMPTS = [
    # --- gather ---
    {
        "id": "perspective-taking.pressure-map-by-role",
        "text": "Make one column for each group we served or relied on this sprint, such as product, support or a partner team. Each person adds sticky notes with the pressure they think that group was under; then we star the notes someone has evidence for.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "mapping",
        "note": "Treat every note as a hypothesis about others, not a verdict; turn each unstarred note into a question someone could ask.",
    },
    {
        "id": "perspective-taking.incident-from-the-pager",
        "text": "Pick three decision points from the incident. For each, list only what the responder could see on their screen at that minute, then what a customer saw at the same moment. Where did the two views tell different stories?",
        "kinds": ["retro"], "phase": "gather", "audience": "group", "needs": ["incident"],
        "minutes": 8, "max_minutes": 12, "technique": "perspective-swap",
        "prepare": "Bring the incident's timeline or chat log so the three decision points can be found quickly.",
        "note": "Judge each decision by what was knowable at that minute, not by what the postmortem knows now.",
    },
    {
        "id": "perspective-taking.waiting-both-ways",
        "text": "Each person writes one moment this sprint when they waited on someone and one moment when someone waited on them. Next to each, note what the other side was probably juggling at the time.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "silent-writing",
        "note": "Keep both halves visible side by side; waiting on others and making others wait are usually the same story told twice.",
    },
    {
        "id": "perspective-taking.customer-ticket-voice",
        "text": "Take the customer ticket we brought. Together, write the half hour before the customer opened it as a short diary in their voice: what they were doing, what they tried, what they expected from us. Then compare it with how we handled the ticket.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 7, "max_minutes": 9, "technique": "perspective-swap",
        "prepare": "Pick one customer ticket from this sprint and remove names and account details.",
        "note": "Write the diary generously; the aim is to see the goal they were chasing, not to judge their tone.",
    },
    {
        "id": "perspective-taking.their-week-in-a-word",
        "text": "In one word, how do you think this week felt for the people on the other end of your work — support, product or the team you depend on? What makes you think so?",
        "kinds": ["retro", "one-on-one"], "phase": "gather", "audience": "any",
        "minutes": 3, "max_minutes": 5, "technique": "one-word-round",
        "note": "Accept any word without debate; the follow-up question about evidence is where the curiosity starts.",
    },
    {
        "id": "perspective-taking.whose-work-touched-yours",
        "text": "Whose work touched yours the most this week? What do you imagine their week looked like from where they sat?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Let them describe the other person generously before you add anything you know about that team.",
    },
    {
        "id": "perspective-taking.on-call-handover-gaps",
        "text": "Read the last on-call handover note aloud. What would the next person on call have needed that the note does not say, and what might have left the writer too rushed or tired to include it?",
        "kinds": ["retro"], "phase": "gather", "audience": "group", "needs": ["incident"],
        "minutes": 5, "max_minutes": 7, "technique": "data-review",
        "prepare": "Find the last on-call handover note and ask its writer whether it may be read aloud.",
        "note": "Focus on the conditions of the shift, never on the writer; skip the note if the writer said no.",
    },
    # --- insight ---
    {
        "id": "perspective-taking.reasonable-person-rewrite",
        "text": "Take one frustration on the board that involves another team or role. In pairs, rewrite it as a short story in which every person acted reasonably given their pressure, information and risk. Read the rewrites aloud.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "pair-share",
        "source": "After Norm Kerth's Prime Directive, Project Retrospectives (2001)",
        "note": "The rewrite does not excuse the outcome; it opens the question of what would have let everyone act differently.",
    },
    {
        "id": "perspective-taking.risk-behind-the-request",
        "text": "Think of a request that felt unreasonable recently. What risk would the person asking have carried if they had not asked? What would have gone wrong for them?",
        "kinds": ["retro", "one-on-one"], "phase": "insight", "audience": "any",
        "minutes": 5, "max_minutes": 7,
        "note": "Validation is not agreement: you can see why they asked and still think the request should change.",
    },
    {
        "id": "perspective-taking.deadline-role-swap",
        "text": "Two volunteers swap sides for four minutes: one argues product's case for keeping the deadline, the other the engineers' case for more time, each using the other side's real constraints. Everyone else notes which arguments surprised them.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "role-play",
        "note": "Ask volunteers to argue in good faith, not to caricature; thank them and step out of role explicitly at the end.",
    },
    {
        "id": "perspective-taking.measured-on-what",
        "text": "For one recurring friction with another team, list side by side what they are measured on and what we are measured on. Where do the two lists pull against each other?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 8,
        "note": "When the lists conflict, the friction is structural; redirect any blame toward the incentives, not the people.",
    },
    {
        "id": "perspective-taking.seat-swap-with-lead",
        "text": "If you were in my seat this month, what would you be worried about on this team? What do you think I can see that you cannot, and what can you see that I cannot?",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 4, "max_minutes": 6, "technique": "perspective-swap",
        "note": "Share a bit of your own view in return so the exchange is two-way, without offloading your worries onto them.",
    },
    {
        "id": "perspective-taking.missing-voice-notes",
        "text": "Look at what we have gathered so far. Whose perspective is missing — support, a downstream team, a customer, a new hire? Each person adds one note written as that person might write it.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "perspective-swap",
        "note": "Label these notes as imagined; they are prompts for a real conversation with that person, not a substitute for it.",
    },
    {
        "id": "perspective-taking.scope-cut-tradeoffs",
        "text": "Think of the last time scope was cut or a date moved. What do you think product was weighing that we did not see? What would you ask them to find out?",
        "kinds": ["retro", "one-on-one"], "phase": "insight", "audience": "any",
        "minutes": 5, "max_minutes": 7,
        "note": "Disappointment about the cut is valid; acknowledge it out loud before moving on to their trade-offs.",
    },
    # --- decide ---
    {
        "id": "perspective-taking.action-impact-check",
        "text": "For each candidate action on the board, name who outside this room it will touch and how it will feel from their side. Choose the one we can roll out well for them, and add a step so they hear about it from us first.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "perspective-swap",
        "note": "Keep it light and practical; one sentence per affected group is enough to change how an action is rolled out.",
    },
    {
        "id": "perspective-taking.check-one-assumption",
        "text": "Which assumption about another team or role is worth checking before we act on it? Who will ask whom, by when, and who will make sure the answer comes back?",
        "kinds": ["retro", "one-on-one"], "phase": "decide", "audience": "any",
        "minutes": 3, "max_minutes": 4, "technique": "commitment",
        "note": "Frame the check as genuine curiosity; a question sent to another team should not read like an accusation.",
    },
    {
        "id": "perspective-taking.hour-in-their-shoes",
        "text": "For three minutes, call out every way we could see a neighbouring role's work from the inside this month, like shadowing a support shift or sitting in on product planning. Pick the one with the most energy and name who asks that team.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "brainstorm",
        "note": "Ask the other team first and fit their schedule; shadowing should feel like a favour they grant, not an audit.",
    },
    {
        "id": "perspective-taking.pushback-reply-draft",
        "text": "Pick the next request we plan to push back on. Together, draft a reply that first states the other side's goal and constraint in their own terms, then our concern, then an alternative we can offer.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 7, "max_minutes": 9, "technique": "letter",
        "note": "Read the draft as if you were the recipient; if you would feel dismissed, rework the first sentence.",
    },
    # --- feedback ---
    {
        "id": "perspective-taking.my-blind-spot",
        "text": "When I make a decision that affects your work, what pressure or information on your side do you think I tend to miss? Is there a recent example?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Listen without defending, restate what you heard, and thank them; act on one thing before the next 1:1.",
    },
    {
        "id": "perspective-taking.review-comment-landing",
        "text": "Think of a review comment or chat message you sent a teammate recently. How do you think it landed for them, given what they were dealing with that day?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Stay curious rather than corrective; the goal is noticing the reader's context, not grading the message.",
    },
    {
        "id": "perspective-taking.guess-each-others-concern",
        "text": "I have one piece of feedback for you. Before I share the details, tell me what you guess I am concerned about, and I will tell you what I guess you were dealing with. Then we compare our guesses.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6, "technique": "perspective-swap",
        "note": "Go second with your guess and keep it generous; if your guess about their situation was wrong, say so plainly.",
    },
    {
        "id": "perspective-taking.context-before-critique",
        "text": "Was there a moment recently when someone critiqued your work without knowing the situation you were in? What would you have wanted them to ask first?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Acknowledge the feeling before anything else; only discuss the critic's side if they want to.",
    },
    # --- growth ---
    {
        "id": "perspective-taking.neighbour-role-curiosity",
        "text": "Which neighbouring role would you most like to understand from the inside — product, SRE, support, design or management? What small step, like a week of pairing or shadowing, could we set up?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 6,
        "note": "Present it as an option, not an expectation, and offer to make the introduction yourself.",
    },
    {
        "id": "perspective-taking.two-audience-explanation",
        "text": "Pick a technical decision you own. Explain it to me as you would to a product manager, then as you would to the engineer who inherits it a year from now. What changed between the two versions?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 6, "technique": "role-play",
        "note": "Play each audience kindly and ask the questions they would really ask; praise what they adapted well.",
    },
    {
        "id": "perspective-taking.hardest-side-to-see",
        "text": "In which kind of conversation — planning, design reviews, meetings with other teams — do you find it hardest to see the other side's position? What would practising that look like for you?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Normalise the difficulty by naming a setting where you struggle too, then let them choose the practice.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
