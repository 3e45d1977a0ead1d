"""Psychological safety: making it safe in an engineering team to speak up, admit mistakes, ask naive questions, disagree and show vulnerability, with the leader going first."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "safety",
    "title": "Psychological safety",
    "description": "Make it safe to speak up, admit mistakes, ask naive questions and disagree, with the leader going first.",
}

PROMPTS = [
    # --- check-in ---
    {
        "id": "safety.leader-shares-recent-mistake",
        "text": "The lead opens by sharing one mistake they made at work recently, such as a missed review or a wrong estimate, and what they took from it. Anyone else may share one too, or pass.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 5,
        "note": "Keep it real and unpolished; a tidy story signals that mistakes must be fixed before they can be shared.",
    },
    {
        "id": "safety.comfort-fist-to-five",
        "text": "Show with your fingers, zero to five, how comfortable you feel saying something unpopular in this room today. The facilitator counts the hands aloud without naming anyone.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 4, "technique": "rating-round",
        "source": "Fist of five",
        "note": "Treat low numbers as a useful signal about the room, never as a problem with a person; thank everyone for being honest.",
    },
    {
        "id": "safety.easier-to-talk-today",
        "text": "Is there anything that would make it easier to talk openly today, like changing the order of topics, going for a walk, or turning cameras off?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Act on what they ask for straight away if you can; that shows the question was sincere.",
    },
    {
        "id": "safety.always-wondered-questions",
        "text": "Round: each person asks one question about our systems they've always wondered about but never asked, like why a service has its name or what a config flag does. Anyone who knows answers in a sentence or two.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "go-round",
        "note": "Welcome every question warmly; no 'everyone knows that' and no sighs, not even as a joke.",
    },
    # --- gather ---
    {
        "id": "safety.almost-said-cards",
        "text": "In silence, everyone writes on a card one thing they almost said this sprint but didn't, in a standup, a review or a team chat. Cards are unsigned and the facilitator reads them aloud.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "silent-writing",
        "source": "After Writing the Unspeakable (Retromat)",
        "note": "Read every card in the same neutral voice, and never guess aloud who wrote which one.",
    },
    {
        "id": "safety.near-miss-stories",
        "text": "Share a near miss from this cycle: a bug, a broken release or lost data that almost happened. Who spotted it, and how easy was it for them to raise it?",
        "kinds": ["retro", "one-on-one"], "phase": "gather", "audience": "any",
        "minutes": 5, "max_minutes": 7,
        "note": "Celebrate whoever raised the near miss, not only the fix; that is what makes the next one visible.",
    },
    {
        "id": "safety.saying-i-dont-know",
        "text": "Where at work is it easy for you to say 'I don't know' or 'I got that wrong', and where is it hard? What is different about those places?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Be curious about the conditions rather than quick to reassure, and own any part you played in them.",
    },
    {
        "id": "safety.incident-chat-replay",
        "text": "Replay the first thirty minutes of the incident from the chat log. Put a sticky note wherever someone asked a question, admitted uncertainty or said they might have caused it, and note how others responded.",
        "kinds": ["retro"], "phase": "gather", "audience": "group", "needs": ["incident"],
        "minutes": 8, "max_minutes": 10, "technique": "data-review",
        "prepare": "Export the first thirty minutes of the incident's chat channel, so it can be read together.",
        "note": "Look at the responses, not anyone's skill; thank those who admitted uncertainty under pressure.",
    },
    {
        "id": "safety.speaking-up-by-setting",
        "text": "Draw columns for standup, code review, planning, demos and this retro. Each person puts one dot per column, from 1 for hard to speak up to 5 for easy. Talk about the pattern, not about who voted what.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "mapping",
        "note": "Keep the dots anonymous and spend the time on the setting with the lowest scores.",
    },
    {
        "id": "safety.pushback-that-went-well",
        "text": "Recall a disagreement at work this month that ended well, maybe over an API design or a deadline. What made it feel safe to push back?",
        "kinds": ["retro", "one-on-one"], "phase": "gather", "audience": "any",
        "minutes": 4, "max_minutes": 6,
        "source": "Appreciative inquiry",
        "note": "Name the specific behaviors that helped so the team can repeat them on purpose.",
    },
    # --- insight ---
    {
        "id": "safety.what-keeps-people-quiet",
        "text": "Agree by a show of hands which of our meetings is hardest to speak up in. In small groups, list what in it makes people stay quiet, such as who is present, time pressure or how earlier questions were received. Each group shares its top item.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "pair-share",
        "note": "Look for conditions and habits rather than culprits; if you run that meeting, add one of your own habits first.",
    },
    {
        "id": "safety.blameless-sentence-rewrite",
        "text": "Take the sentences we collected that sound like blame, such as 'someone forgot to run the migration'. In pairs, rewrite each to describe the system and the decision context instead of a personal failing.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "pair-share",
        "prepare": "Copy two or three sentences from recent tickets, reviews or threads that read like blame, with names removed.",
        "note": "Rewrite sentences, not history; the original author was probably under pressure too.",
    },
    {
        "id": "safety.cost-of-raising-risk",
        "text": "When you think about raising a risk on your project, what does speaking up cost you, and what does staying silent cost? Which of those costs could I help reduce?",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 5, "max_minutes": 7,
        "note": "Take the costs they name seriously, even the ones that involve you; thank them before you respond.",
    },
    {
        "id": "safety.question-response-audit",
        "text": "Look at the questions from our team channel this month that we brought along. Which got quick, kind answers, and which got silence or jokes? What pattern do we notice?",
        "kinds": ["retro", "one-on-one"], "phase": "insight", "audience": "any",
        "minutes": 5, "max_minutes": 7, "technique": "data-review",
        "prepare": "Collect five or six questions asked in the team channel this month with the replies they got, names removed.",
        "note": "Discuss how questions were answered, never who asked them; every question was worth asking.",
    },
    {
        "id": "safety.lead-steps-out",
        "text": "The lead leaves the room or the call for five minutes. The group lists one or two things that would be easier to say without the lead present, then invites the lead back and a volunteer reads the list.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10,
        "note": "As lead, thank the group and ask at most one clarifying question; defending yourself undoes the exercise.",
    },
    # --- decide ---
    {
        "id": "safety.mistakes-and-questions-pledge",
        "text": "Each person proposes one short line for how we will treat mistakes and questions next sprint, for example 'we thank whoever flags a risk'. Dot-vote and put the top two on the team board.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "dot-vote",
        "source": "Dot voting",
        "note": "Ask the team to remind you when you break the lines; invite it openly as the lead.",
    },
    # --- close ---
    {
        "id": "safety.appreciate-brave-moments",
        "text": "Round: each person names one thing said today that took courage to say, naming the speaker only if they're happy to be named.",
        "kinds": ["retro"], "phase": "close", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "appreciation-round",
        "note": "Appreciate the act of speaking up, not whether the point was right.",
    },
    {
        "id": "safety.candour-score-next-step",
        "text": "On a scale of 1 to 5, how safe did it feel to be candid in this meeting? What is one thing that would raise it by a point next time?",
        "kinds": ["retro", "one-on-one"], "phase": "close", "audience": "any",
        "minutes": 3, "max_minutes": 4, "technique": "rating-round",
        "note": "Accept every score without defending the meeting; write the suggestions down and act on one visibly.",
    },
    {
        "id": "safety.lead-names-changed-mind",
        "text": "To close, the lead names one thing heard today that changed their mind or showed them they were wrong, and thanks the person who said it.",
        "kinds": ["retro", "one-on-one"], "phase": "close", "audience": "any",
        "minutes": 2, "max_minutes": 3,
        "note": "Be specific; showing that people's words can change your mind is how safety grows.",
    },
    {
        "id": "safety.anything-left-unsaid",
        "text": "Before we wrap up, is there anything you meant to say today that didn't find a moment? It's also fine to send it to me later in writing.",
        "kinds": ["one-on-one"], "phase": "close", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Leave a real pause before moving on, and reply warmly to anything that arrives later.",
    },
    # --- feedback ---
    {
        "id": "safety.reaction-to-bad-news",
        "text": "When you bring me bad news, like a slipped deadline or a bug in production, how do I react? What would make it easier to bring it to me sooner?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Listen without explaining yourself; thank them and name one change you will try.",
    },
    {
        "id": "safety.disagreeing-with-me",
        "text": "On a scale of 1 to 5, how easy is it to disagree with me? The last time you pushed back, what did I do that made it easier or harder?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 5, "technique": "rating-round",
        "note": "Whatever the score, thank them for it; a low number told to your face is already a sign of some trust.",
    },
    {
        "id": "safety.lead-owns-mistake",
        "text": "I'd like to name a mistake I made recently that affected you, like a late review or an unclear priority, and then hear how it landed for you.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Own it plainly without over-apologising, so they don't end up comforting you.",
    },
    {
        "id": "safety.feedback-held-back",
        "text": "Is there feedback for a teammate or for me that you've held back because sharing it felt risky? We can work out how to say it without you naming who or what yet.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Focus on making it sayable, not on extracting it; let them decide if and when to share details.",
    },
    {
        "id": "safety.how-you-help-others-speak",
        "text": "I'd like to share something I noticed about how you help others speak up, like how you answered a newcomer's question in review. Then let's look at one moment that could have gone better.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Open with a concrete example of them doing it well, and keep the growth point small and specific.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
