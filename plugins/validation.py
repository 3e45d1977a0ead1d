"""Validation: acknowledging that a teammate's feeling or experience is understandable, without having to agree with the conclusion they draw from it."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "validation",
    "title": "Validation",
    "description": "Acknowledge that a feeling or experience makes sense before discussing facts or fixes. Validation is not agreement.",
}

PROMPTS = [
    {
        "id": "validation.thumbs-without-reasons",
        "text": "Everyone shows a thumb up, sideways or down for how they arrive today. The facilitator answers each sideways or down thumb with a nod and a thank-you, and nobody asks for reasons.",
        "kinds": ["retro"],
        "phase": "check-in",
        "minutes": 2,
        "note": "Acknowledging is enough here; asking for explanations in public can make people regret being honest.",
    },
    {
        "id": "validation.pair-echo-check-in",
        "text": "Pair up. Each partner says in one sentence how the last two weeks felt at work; the other answers with 'That makes sense, given...' plus one thing they just heard, and nothing more.",
        "kinds": ["retro"],
        "phase": "check-in",
        "minutes": 4,
        "note": "No advice, no 'me too' stories, no 'but': the only job is to show you heard what it was like.",
    },
    {
        "id": "validation.heavier-than-it-looked",
        "text": "Round: each person names one piece of work from this sprint that was heavier than it looked from outside, like a flaky test suite or a long review queue. The group answers each with a short acknowledgment and no solutions.",
        "kinds": ["retro"],
        "phase": "check-in",
        "minutes": 4,
        "note": "'That sounds draining' is enough; fixes can wait for later in the retro, if they are needed at all.",
    },
    {
        "id": "validation.energy-score-reflected",
        "text": "On a scale of 1 to 5, how much energy do you have for work this week? What's behind that number?",
        "kinds": ["one-on-one"],
        "phase": "check-in",
        "minutes": 3,
        "note": "Repeat the number and the reason back before offering anything; a low score is information, not a problem to fix.",
    },
    {
        "id": "validation.what-weighed-most",
        "text": "What has weighed on you most at work since we last talked? Share only as much as you're comfortable with.",
        "kinds": ["one-on-one"],
        "phase": "check-in",
        "minutes": 4,
        "note": "Acknowledge the weight before asking any question, and let it go gracefully if they'd rather not go there.",
    },
    {
        "id": "validation.incident-feelings-timeline",
        "text": "Draw the incident timeline on the board, from first alert to all-clear. Each person adds sticky notes showing what they felt at each moment; everyone reads all the notes in silence before anyone comments.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 10,
        "note": "Feelings on the timeline are data, not verdicts; thank people for their notes before anyone talks about causes.",
    },
    {
        "id": "validation.review-comment-that-stung",
        "text": "Think of a code review comment, given or received, that landed harder than intended. What was it like on the receiving end?",
        "kinds": ["retro", "one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Acknowledge the sting without putting the reviewer on trial; understanding how it landed comes first.",
    },
    {
        "id": "validation.unsigned-frustration-cards",
        "text": "In silence, each person writes one frustration from this sprint on a card, starting with 'It was frustrating when...'. Cards go up unsigned, and the group reads every card before anyone responds.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 6,
        "note": "Read each card aloud in the same even tone; resist explaining away any of them while gathering.",
    },
    {
        "id": "validation.hardest-moment-walkthrough",
        "text": "What was the hardest moment for you in the last two weeks? Walk me through it as it happened for you.",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Let them finish, then say back what they felt in your own words before you share your view of events.",
    },
    {
        "id": "validation.deadline-pressure-spread",
        "text": "Draw a line from 1 to 10 on the board. Each person marks how much deadline pressure they felt this cycle and writes one thing that drove it. Read the spread aloud without debating whether the pressure was justified.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 8,
        "note": "Different scores for the same deadline are all valid experiences; do not average them away.",
    },
    {
        "id": "validation.blocked-by-another-team",
        "text": "Describe a time this cycle when you were blocked waiting on another team. What was the wait like for you?",
        "kinds": ["retro", "one-on-one"],
        "phase": "gather",
        "minutes": 5,
        "note": "Validate the frustration of waiting even if the other team had good reasons; both can be true.",
    },
    {
        "id": "validation.platform-user-messages",
        "text": "Read two or three recent messages from upset users of our platform or API. For each one, the group writes a sentence on what the user was likely feeling and why that is understandable, before judging whether the complaint is accurate.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 8,
        "note": "Model it on the first message yourself; a user can be wrong about the cause and still right to be annoyed.",
    },
    {
        "id": "validation.win-and-worry",
        "text": "What's one thing that went well for you this week, and one thing that worried you? Both count.",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 3,
        "note": "Give the worry the same attention as the win, and don't rush to reassure.",
    },
    {
        "id": "validation.both-columns-make-sense",
        "text": "Pick one contested decision from this sprint. Split the board in two: on one side, why people who disliked it felt that way; on the other, why people who backed it felt that way. Fill both columns before anyone argues.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 8,
        "note": "Say clearly that anyone may add to either column; writing down a view you don't hold is not switching sides.",
    },
    {
        "id": "validation.explain-their-side-first",
        "text": "In pairs who disagreed about something this sprint, each person explains the other's position and the feeling behind it until the other says 'Yes, that's it'. Only then do you compare conclusions.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 10,
        "note": "Check in on pairs that get stuck; the goal is a faithful summary, not a concession.",
    },
    {
        "id": "validation.lead-explains-your-reaction",
        "text": "Earlier you told me something that bothered you. Let me try to say why your reaction makes sense from where you stood, and then you tell me what I missed.",
        "kinds": ["one-on-one"],
        "phase": "insight",
        "minutes": 5,
        "note": "Accept their corrections without defending your version; getting it wrong and fixing it still shows you care.",
    },
    {
        "id": "validation.feeling-versus-conclusion",
        "text": "Take one strong reaction raised earlier and split it into two parts: the feeling, and the conclusion drawn from it. Which part can we all understand, and which part do we still need to check against the facts?",
        "kinds": ["retro", "one-on-one"],
        "phase": "insight",
        "minutes": 6,
        "note": "Validate the feeling fully before you question the conclusion, and keep the two visibly apart.",
    },
    {
        "id": "validation.on-call-conditions",
        "text": "Look at the on-call log for this cycle. As a group, list the conditions that would leave anyone in that rotation tired or on edge, such as night pages, noisy alerts or missing runbooks.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 8,
        "note": "Keep the focus on conditions, not on anyone's resilience; tiredness is a reasonable response to them.",
    },
    {
        "id": "validation.second-guessed-reaction",
        "text": "Is there a reaction of yours from this month that you've been second-guessing, like annoyance at a scope change or worry before a launch? Let's look at what made it understandable.",
        "kinds": ["one-on-one"],
        "phase": "insight",
        "minutes": 6,
        "note": "Help them see the reaction as reasonable first; only then explore whether the conclusion still holds.",
    },
    {
        "id": "validation.scope-change-reactions",
        "text": "When scope changed mid-sprint, what reactions did it stir up? For each reaction, what about the situation made it a reasonable one to have?",
        "kinds": ["retro", "one-on-one"],
        "phase": "insight",
        "minutes": 6,
        "note": "List reactions without ranking them; the person who pushed the change may have had reactions too.",
    },
    {
        "id": "validation.feeling-heard-by-me",
        "text": "When you bring me a concern, how often do you leave feeling heard, even when I don't agree? What do I do that gets in the way?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 5,
        "note": "Listen without defending yourself; thank them and repeat back what you heard before you explain anything.",
    },
    {
        "id": "validation.replay-our-disagreement",
        "text": "Think of the last time we disagreed, maybe on an estimate or a design choice. Let me try to say how it felt from your side, then you tell me how close I got.",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Aim for their experience, not your argument; if you missed, ask what you missed and try once more.",
    },
    {
        "id": "validation.feedback-that-still-bothers",
        "text": "Is there feedback you received this quarter that still bothers you? Tell me how it landed, and I'll listen before we talk about whether it was fair.",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Keep the two steps apart: how it felt is valid on its own, whatever you later conclude about the feedback.",
    },
    {
        "id": "validation.acknowledge-before-pushback",
        "text": "Let's pick one recent review thread or channel discussion where you pushed back on a teammate. How did you show them their view made sense before disagreeing, and what could you add next time?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 7,
        "note": "Start with what they already did well; offer one concrete phrase they could try, not a script.",
    },
    {
        "id": "validation.reverted-change-role-swap",
        "text": "Role swap: you play a teammate upset that their change was reverted during an incident, and I respond. Then we switch, and you practise acknowledging the feeling before giving any explanation.",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 8,
        "note": "Go first and show a few imperfect attempts yourself; debrief what felt validating, not who did it best.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
