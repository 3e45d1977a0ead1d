"""Reflective responding: saying back in your own words what a teammate said and checking it before you respond, so people in a discussion feel understood."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "reflecting",
    "title": "Reflective responding",
    "description": "Paraphrasing what was heard and checking it before responding, and summarising discussions so people feel understood.",
}

PROMPTS = [
    # gather
    {
        "id": "reflecting.paraphrase-before-adding",
        "text": "Round: each person shares one moment from the sprint. Before adding their own, the next speaker restates the previous point in their own words and asks: did I get that right?",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 10,
        "note": "If a restatement misses, let the speaker correct it without anyone apologising at length; getting it wrong is part of it.",
    },
    {
        "id": "reflecting.incident-timeline-playback",
        "text": "One responder narrates the incident timeline. A second person plays it back step by step in their own words, and the responder corrects anything that is off before it goes on the board.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 10,
        "note": "The responder's version is the reference; the playback checks our understanding, not their memory.",
    },
    {
        "id": "reflecting.topic-by-topic-playback",
        "text": "What is on your mind this week? After each topic I will say back in one sentence what I heard, and you tell me what I missed.",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Keep your paraphrase shorter than what they said, and let their correction stand without arguing.",
    },
    {
        "id": "reflecting.pair-summary-score",
        "text": "In pairs, one person describes their biggest frustration of the sprint for two minutes. The listener sums it up in three sentences; the speaker rates the summary from 1 to 5 and adds what was missing. Then swap.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 8,
        "note": "The score is about the summary, not the listener; encourage speakers to say exactly what would make it a 5.",
    },
    {
        "id": "reflecting.review-comment-neutral-restate",
        "text": "Pick a code review comment you received recently. Restate it in neutral words, as you believe the reviewer meant it, then say how it actually landed for you.",
        "kinds": ["retro", "one-on-one"],
        "phase": "gather",
        "minutes": 5,
        "note": "Both readings are valid; naming the gap between intent and impact is the point, not finding who was right.",
    },
    {
        "id": "reflecting.user-request-own-words",
        "text": "Take one recent request from a user of our platform. Each person writes one sentence saying what the user needs in their own words, then we compare them with what the user actually wrote.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 4,
        "note": "Differences between the sentences are findings, not mistakes; ask what each version heard that the others did not.",
    },
    {
        "id": "reflecting.week-in-headlines",
        "text": "Give me your week as three headlines. I will try to turn them into one sentence about how your week went, and you tell me whether it rings true.",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 4,
        "note": "Offer your sentence tentatively and ask what to change; their version of their week always wins.",
    },
    # insight
    {
        "id": "reflecting.fact-and-feeling",
        "text": "For one sticky note on the board, someone reflects back both the fact and the feeling, for example: it sounds like the deploy freeze left you frustrated because the fix was ready. The author confirms or corrects it.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 8,
        "note": "Ask the author before reflecting their note, and accept a correction of the feeling without pushing back.",
    },
    {
        "id": "reflecting.summarise-the-other-side",
        "text": "When two views on a topic clash, each side summarises the other side's view until the other side says yes, that is it. Only then does the discussion go on.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 10,
        "note": "Slow it down on purpose; the aim is that both sides feel understood, not that one side wins.",
    },
    {
        "id": "reflecting.pattern-i-have-noticed",
        "text": "Let me reflect back a pattern I think I have heard in our last few conversations, and you tell me whether it fits. What sits underneath it for you?",
        "kinds": ["one-on-one"],
        "phase": "insight",
        "minutes": 6,
        "note": "Offer the pattern as a guess and drop it gracefully if it does not fit; their reading is the one that counts.",
    },
    {
        "id": "reflecting.one-sentence-so-far",
        "text": "Before we name a root cause, one person states in a single sentence what the group has said so far. Does everyone recognise their own view in that sentence? If not, we fix the sentence.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 5,
        "note": "Watch for quieter people whose view is missing and invite them, without putting them on the spot.",
    },
    {
        "id": "reflecting.what-did-you-mean-by",
        "text": "Pick one word that came up a lot today, such as slow or blocked. Two people say what they meant by it, and a third reflects back how their meanings differ.",
        "kinds": ["retro", "one-on-one"],
        "phase": "insight",
        "minutes": 4,
        "note": "Treat differing meanings as useful discoveries; nobody used the word wrongly.",
    },
    {
        "id": "reflecting.need-behind-frustration",
        "text": "Think of a recent frustration you raised with me. I will say back what I think you needed at that moment, and you tell me how close I am.",
        "kinds": ["one-on-one"],
        "phase": "insight",
        "minutes": 5,
        "note": "Name a need, not a judgement, and keep guessing with them until they say it fits.",
    },
    # feedback
    {
        "id": "reflecting.when-my-summary-missed",
        "text": "In our recent 1:1s, when did you feel I understood you, and when did my summary of what you said miss the mark?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Reflect their feedback back before responding to it, and thank them for the misses in particular.",
    },
    {
        "id": "reflecting.say-back-my-feedback",
        "text": "I would like to share one piece of feedback. Before you respond, could you say back what you heard, so I can check I said it clearly?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "If their playback differs from what you meant, fix your wording rather than their hearing.",
    },
    {
        "id": "reflecting.lead-repeats-first",
        "text": "What is one thing I could do differently as your lead? I will repeat it back in my own words before I say anything else.",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 5,
        "note": "Keep your repeat free of buts and explanations; ask whether you got it right and stop there.",
    },
    {
        "id": "reflecting.design-review-summaries",
        "text": "Would you like feedback on how you summarise discussions in design reviews? I have one example where your summary helped the room and one where a view seemed to get lost.",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Ask permission first, start with the example that went well, and invite their view of the other one.",
    },
    {
        "id": "reflecting.decode-peer-feedback",
        "text": "Is there feedback from a peer that you are unsure how to read? Tell me the words they used, and we will take turns restating what they might have meant.",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Offer several generous readings, not a verdict, and avoid guessing about the peer's character.",
    },
    # decide
    {
        "id": "reflecting.restate-the-action",
        "text": "Before an action is written down, the person taking it says it back in their own words: what, by when, and why it matters. Anyone who heard it differently speaks up.",
        "kinds": ["retro", "one-on-one"],
        "phase": "decide",
        "minutes": 4,
        "note": "A mismatch now saves a missed commitment later; thank whoever spots the difference.",
    },
    {
        "id": "reflecting.fair-summary-before-vote",
        "text": "Before voting, one person summarises each proposal in a single neutral sentence, and its author confirms the summary is fair before anyone votes.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 6,
        "note": "Let authors reword their summary freely; a proposal that feels misrepresented will lose trust, not just votes.",
    },
    {
        "id": "reflecting.dependency-message-readback",
        "text": "For an action that needs another team, draft the message to them together. Then someone reads it as that team would and says back what they would understand and how it might feel.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 8,
        "note": "Speak for the other team with goodwill; the goal is a message they will feel understood by too.",
    },
    {
        "id": "reflecting.what-we-agreed-today",
        "text": "Let me say back what I think we agreed today, and you correct me: what are you taking on, what am I taking on, and what did we decide to leave for now?",
        "kinds": ["one-on-one"],
        "phase": "decide",
        "minutes": 3,
        "note": "Write the corrected version where you both can see it, and make your own commitments as concrete as theirs.",
    },
    {
        "id": "reflecting.doubts-heard-before-commit",
        "text": "Before we commit, anyone with doubts states them. Someone else restates each doubt until its owner feels it was heard, and then we decide whether the action changes.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 8,
        "note": "A heard doubt does not have to change the plan; say that openly so people do not feel obliged to agree.",
    },
    {
        "id": "reflecting.two-sentence-retro-summary",
        "text": "A volunteer sums up the retro in two sentences: what we learned and what we chose to do. Others add one word each if something important is missing.",
        "kinds": ["retro"],
        "phase": "decide",
        "minutes": 4,
        "note": "Accept added words without debate and fold them into the summary before it is shared.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
