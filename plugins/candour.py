"""Candour: holding high standards with care, so that hard conversations happen early and kindly; empathy is not lowering the bar, and trust, open disagreement and admitting what we don't know are what make honesty safe."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "candour",
    "title": "Candour with care",
    "description": "Say the hard thing early, clearly and kindly, and keep the bar high: empathy is not lowering standards. Disagree openly, build trust, and treat admitting doubt as strength.",
}

PROMPTS = [
    # --- check-in ---
    {
        "id": "candour.harmless-hot-take",
        "text": "Warm-up: each person shares one harmless unpopular opinion about our craft, like tabs over spaces or a tool everyone else loves. Anyone may disagree in one cheerful sentence.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "go-round",
        "note": "Disagreeing about things that don't matter makes the real disagreements easier; keep it playful and skip nobody's turn.",
    },
    {
        "id": "candour.changed-my-mind",
        "text": "Volunteers: one thing you changed your mind about at work recently, big or small, and what changed it.",
        "kinds": ["retro", "one-on-one"], "phase": "check-in", "audience": "any",
        "minutes": 3, "max_minutes": 4,
        "note": "Welcome every change of mind warmly; being persuaded is a strength here, not a loss.",
    },
    {
        "id": "candour.unfinished-work-show",
        "text": "Round: describe something unfinished you are working on, a draft, a sketch or a half-working branch, and one thing about it you are unsure of. No fixes yet, only thanks.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 5, "max_minutes": 7, "technique": "go-round",
        "note": "Showing rough work is a vulnerable act; the lead goes first with something genuinely unfinished.",
    },
    # --- follow-up ---
    {
        "id": "candour.drop-it-out-loud",
        "text": "Is there an action from earlier retros we keep carrying but no longer believe in? Say so, and drop it out loud with one sentence on why, instead of letting it fade.",
        "kinds": ["retro"], "phase": "follow-up", "audience": "group",
        "minutes": 4, "max_minutes": 6,
        "note": "Dropping an action honestly is a decision, not a failure; thank whoever says it first.",
    },
    # --- gather ---
    {
        "id": "candour.elephant-on-the-board",
        "text": "Draw an elephant in a corner of the board. Anyone may add a note to it, signed or not, naming a topic the team keeps stepping around. Before moving on, agree which one to open today and which to park with a date.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 9, "technique": "silent-writing",
        "note": "Thank whoever names an elephant, never guess aloud who wrote a note, and give every parked topic a real date.",
    },
    {
        "id": "candour.standard-we-let-slip",
        "text": "Which standard did we quietly let slip this sprint, like test coverage, review depth or documentation, and what was the reason at the time? One note per slip, with its reason beside it.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 9, "technique": "mapping",
        "note": "Reasons are not excuses to be judged; naming a slip kindly is how the bar comes back up.",
    },
    {
        "id": "candour.feedback-nobody-gave",
        "text": "Think of feedback this sprint that someone needed but did not get: a review approved too quickly, a worry kept to yourself, praise never said. Without names, what stopped it?",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 5, "max_minutes": 7,
        "note": "Keep it about what stopped the feedback, not who needed it; the fix lives in our habits.",
    },
    {
        "id": "candour.said-i-was-wrong",
        "text": "When did someone here say 'I don't know' or 'I was wrong' this sprint, and it made things better? Collect the moments and what each one unlocked.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 5, "max_minutes": 7,
        "note": "Let people tell their own moments first; retelling someone else's admission needs their nod.",
    },
    # --- insight ---
    {
        "id": "candour.kind-or-nice",
        "text": "Two columns: 'nice' (pleasant now, costly later, like approving a shaky change) and 'kind' (harder now, helpful later, like asking for one more test). Sort moments from this sprint into them. What made the kind ones possible?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 12, "technique": "mapping",
        "note": "Don't make 'nice' a verdict on anyone; most of us choose it under time pressure.",
    },
    {
        "id": "candour.ladder-of-a-disagreement",
        "text": "Pick one disagreement from this sprint and walk each side down its ladder: what they concluded, what they assumed, and what they actually saw or heard. Where did the two ladders part?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 12, "technique": "reflect-back",
        "source": "Ladder of inference, after Chris Argyris",
        "note": "Both ladders make sense from the inside; the aim is to find the fork, not the winner. Ask both sides before you use the example.",
    },
    {
        "id": "candour.commit-or-comply",
        "text": "Where did we disagree and then commit this sprint, and where did people just go quiet and comply? What did each feel like, and what made open disagreement possible?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 9,
        "source": "Disagree and commit (Intel, later Amazon)",
        "note": "Silence is not agreement; make it normal to say 'I still disagree, and I'm in'.",
    },
    {
        "id": "candour.cost-of-staying-quiet",
        "text": "Pick one problem we saw coming and named late. Roughly what did staying quiet cost: hours, rework, a weekend? Then draft together the earliest kind sentence that could have raised it.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 7, "max_minutes": 10,
        "note": "The point is how it could have been said, not who should have said it.",
    },
    {
        "id": "candour.trust-builders-and-drains",
        "text": "In silence, each person writes one concrete behaviour that builds trust in this team and one that drains it, like 'says early when they are blocked' or 'changes plans without telling'. Cluster them: which drain shows up most?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 11, "technique": "silent-writing",
        "note": "Behaviours anyone might slip into, never portraits of particular colleagues.",
    },
    {
        "id": "candour.strongest-case-against",
        "text": "Take the idea the room likes most so far. Two volunteers make the strongest honest case against it for two minutes; then the group says what, if anything, should change.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 9, "technique": "role-play",
        "note": "Thank the volunteers: arguing the unpopular side is a service to the team, not disloyalty.",
    },
    # --- decide ---
    {
        "id": "candour.one-bar-to-hold",
        "text": "Name one standard we will hold ourselves to next sprint, like 'no fix merged without a test for the bug'. Fist of five on it: anyone showing two or fewer says what would make it workable before we adopt it.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "rating-round", "source": "Fist of five",
        "note": "A high bar only holds if it is realistic; the low hands are design input, not resistance.",
    },
    {
        "id": "candour.how-we-raise-concerns",
        "text": "Draft how we raise a concern about someone's work: to them first, within a day, with one specific example and an offer to help. Each person proposes one tweak, then dot-vote the wording we keep.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "dot-vote", "source": "Dot voting",
        "note": "An agreed path makes hard feedback routine, which protects trust better than politeness does.",
    },
    {
        "id": "candour.dissent-on-the-record",
        "text": "For the action we chose, ask for dissent one last time: anyone still unconvinced says so, and we write their concern beside the action, with who will check it at the next retro.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "commitment",
        "note": "A recorded concern that turns out right should be thanked next time, not forgotten.",
    },
    # --- close ---
    {
        "id": "candour.perfection-game-on-the-retro",
        "text": "Each person rates this retro out of ten and says only what would have made it a ten, never what was wrong with it.",
        "kinds": ["retro"], "phase": "close", "audience": "group",
        "minutes": 3, "max_minutes": 4, "technique": "rating-round",
        "source": "Perfection game, after Jim and Michele McCarthy's Core Protocols",
        "note": "The rule turns critique into a recipe; write the suggestions down and try one next time.",
    },
    # --- one-on-one ---
    {
        "id": "candour.trust-battery",
        "text": "If the working trust between us were a battery, how charged would you say it is right now, and what recently charged or drained it? I'll answer for my side too.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 5, "source": "Trust battery, after Tobi Lütke (Shopify)",
        "note": "Take a low charge as a gift, not an accusation, and ask what one thing would recharge it.",
    },
    {
        "id": "candour.bad-news-to-me",
        "text": "What is one thing I do that makes it harder to bring me bad news, like reacting too fast or jumping to a fix? I'll only ask questions until you're done.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Hold back any defence; saying 'thank you, that helps' is the whole answer for today.",
    },
    {
        "id": "candour.shape-the-feedback",
        "text": "Is there feedback you need to give someone? Let's shape it: the situation, what they did, its impact, then one question that invites their side. Try saying it aloud once to me.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6, "technique": "role-play",
        "source": "Situation-Behaviour-Impact feedback (Center for Creative Leadership)",
        "note": "Coach the wording, not whether they should say it; firm and specific is kinder than vague.",
    },
    {
        "id": "candour.direct-feedback-from-me",
        "text": "I have one piece of direct feedback about your work: the example, and why it matters to me. Then I'd like to hear how it lands. Is now a good moment?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "prepare": "Pick one recent, concrete example and write one sentence on why it matters.",
        "note": "Be brief and specific, say why you care, then stop talking and listen; if now is not good, set a time.",
    },
    {
        "id": "candour.what-good-looks-like",
        "text": "Where are you unsure what 'good' looks like in your work: a design doc, a review, a release note, a hand-over? Let's name the bar as concretely as we can, with an example of each.",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Unclear expectations are the lead's to fix; write the bar down together so it survives the meeting.",
    },
    {
        "id": "candour.decision-you-disagreed-with",
        "text": "What is a decision of mine you disagreed with recently? Walk me through your view; I'll say it back before I say anything about mine.",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 5, "max_minutes": 7,
        "note": "Restate their view until they say you got it; changing your mind, even partly, is worth saying aloud.",
    },
    {
        "id": "candour.unsaid-between-us",
        "text": "Is there something, between us or in the team, that we both know about and haven't said out loud? We can name it now and decide together how far to go with it today.",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Go first if you know of one; naming it calmly is what makes the next one easier.",
    },
    {
        "id": "candour.below-your-own-bar",
        "text": "Where has deadline pressure or old technical debt pushed you to ship below your own bar lately? What would help you hold the line next time: more time, a second reviewer, or my backing?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Back the standard and the person together; offer the support before you discuss the shortfall.",
    },
    {
        "id": "candour.hard-conversation-ahead",
        "text": "Is there a hard conversation ahead of you, with a peer, a stakeholder or me? Let's name the outcome you want and the first sentence you'll open with.",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Help them open with the shared goal and one fact; rehearse only if they want to.",
    },
    {
        "id": "candour.shaky-skill",
        "text": "What is one skill you're still shaky at and would rather people didn't notice? Saying it here is the first step to getting help: what help would you want?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Share one of your own first; treat the answer as a plan, never as a mark against them.",
    },
    {
        "id": "candour.who-tells-you-straight",
        "text": "Who tells you straight when your work isn't good enough yet? What makes you trust their judgement, and how could you be that person for someone else?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "If nobody comes to mind, that is the growth step: help them find one trusted reviewer.",
    },
    {
        "id": "candour.last-direct-feedback",
        "text": "Think back to the last direct feedback either of us gave the other. Did it help, and was it said in a way that made it easy to act on?",
        "kinds": ["one-on-one"], "phase": "follow-up", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Ask about your own delivery first; how feedback is given decides whether the next one is welcome.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
