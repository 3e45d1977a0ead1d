"""Active listening: giving a teammate full attention, letting them finish, and asking open questions to understand them rather than to reply."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "listening",
    "title": "Active listening",
    "description": "Giving full attention, letting people finish, and asking open questions to understand rather than to reply.",
}

PROMPTS = [
    # check-in
    {
        "id": "listening.one-word-no-replies",
        "text": "Round: each person says one word for how this sprint felt. Nobody comments, laughs or reassures until the last person has spoken.",
        "kinds": ["retro"],
        "phase": "check-in",
        "minutes": 3,
        "note": "Let the silence after each word sit for a breath; resist filling it with jokes or fixes.",
    },
    {
        "id": "listening.laptops-closed-start",
        "text": "Everyone closes laptops and silences notifications for the next hour. Then each person answers: what would help you feel heard in this retro today?",
        "kinds": ["retro"],
        "phase": "check-in",
        "minutes": 4,
        "note": "Model it first: close your own laptop visibly and note every answer without debating it.",
    },
    {
        "id": "listening.whats-taking-your-attention",
        "text": "Before we look at any agenda, what is taking up most of your attention this week?",
        "kinds": ["one-on-one"],
        "phase": "check-in",
        "minutes": 3,
        "note": "Let them answer fully before you steer anywhere; a long pause is an invitation, not a gap to fill.",
    },
    {
        "id": "listening.energy-scale-reason",
        "text": "On a scale of 1 to 5, how much energy are you bringing today, and what is behind that number?",
        "kinds": ["retro", "one-on-one"],
        "phase": "check-in",
        "minutes": 4,
        "note": "Ask about the reason, not the score; accept a low number without trying to cheer it up.",
    },
    # gather
    {
        "id": "listening.incident-story-uninterrupted",
        "text": "One person who handled the incident tells it from their point of view for three minutes while everyone else only listens and takes notes. Then listeners may ask open questions only: no suggestions, no corrections.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 10,
        "note": "Ask the storyteller first whether they want to do this, and gently stop anyone who interrupts.",
    },
    {
        "id": "listening.pair-interview-open-questions",
        "text": "In pairs, one person interviews the other about their sprint for four minutes, using only questions that start with what, how or tell me. Then swap roles.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 10,
        "note": "Remind interviewers that their job is to understand, not to agree, advise or share their own story.",
    },
    {
        "id": "listening.hardest-part-tell-more",
        "text": "What has been the hardest part of your work lately? Tell me more about that.",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Say tell me more at least twice before you offer any view of your own.",
    },
    {
        "id": "listening.silent-unseen-work",
        "text": "Everyone writes silently for five minutes: what happened this sprint that others may not have seen? Each person then reads their notes aloud while the group listens without discussing.",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 8,
        "note": "Protect the reading time; discussion comes later, and quiet work like reviews or support deserves air.",
    },
    {
        "id": "listening.review-comment-that-stuck",
        "text": "Bring one code review comment from this sprint that stuck with you. Read it aloud and say what you took it to mean, while others listen without defending or explaining it.",
        "kinds": ["retro", "one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Keep it about how the comment landed, not about who wrote it; let the reader finish before anyone reacts.",
    },
    {
        "id": "listening.cross-team-not-heard",
        "text": "Which conversation with another team recently left you feeling you were not heard? Walk me through it.",
        "kinds": ["one-on-one"],
        "phase": "gather",
        "minutes": 6,
        "note": "Listen for the need behind the frustration and do not defend the other team while they are talking.",
    },
    {
        "id": "listening.platform-user-voices",
        "text": "Read aloud three recent messages from users of our platform, word for word. For each one, the group asks: what was this person trying to get done, and what did they need from us?",
        "kinds": ["retro"],
        "phase": "gather",
        "minutes": 8,
        "note": "Treat the messages as people talking to us, not tickets; pause the group if it drifts into blaming the user.",
    },
    # insight
    {
        "id": "listening.curious-follow-ups-only",
        "text": "Pick one theme from the board. A volunteer explains why they think it happened, and the group may only ask open follow-up questions, no proposals, until the volunteer has had three turns to answer.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 10,
        "note": "If someone slips a solution into a question, kindly ask them to rephrase it as genuine curiosity.",
    },
    {
        "id": "listening.waiting-to-talk-scale",
        "text": "On a scale from waiting to talk to fully curious, where were you during our last design discussion? What pulled you toward the waiting end?",
        "kinds": ["retro", "one-on-one"],
        "phase": "insight",
        "minutes": 5,
        "note": "Share your own honest position first so nobody feels judged for admitting they were half listening.",
    },
    {
        "id": "listening.missed-concerns-timeline",
        "text": "Draw a timeline of the sprint. Mark moments when a concern was raised but not picked up, without naming who raised or missed it. What would we have learned by listening there?",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 10,
        "note": "Keep it about the team's habits, not individuals; thank people for marking moments they were part of.",
    },
    {
        "id": "listening.concern-you-held-back",
        "text": "Think of a recent meeting where you kept a concern to yourself. What would someone have needed to ask, or stop doing, for you to share it?",
        "kinds": ["retro", "one-on-one"],
        "phase": "insight",
        "minutes": 6,
        "note": "Nobody has to share the concern itself; the point is what makes it possible to be heard.",
    },
    {
        "id": "listening.questions-before-fixes",
        "text": "In small groups, take one problem from the board. Each person asks one question they genuinely do not know the answer to, and the group answers all of them before anyone proposes a fix.",
        "kinds": ["retro"],
        "phase": "insight",
        "minutes": 8,
        "note": "Praise good questions out loud; it shows the group that curiosity is valued as much as answers.",
    },
    {
        "id": "listening.deadline-help-signals",
        "text": "When a deadline gets tight, how do you usually signal that you need help, and how would you know that I had really noticed?",
        "kinds": ["one-on-one"],
        "phase": "insight",
        "minutes": 5,
        "note": "Take their signals as they are; do not tell them how they should have asked.",
    },
    # feedback
    {
        "id": "listening.when-i-really-listen",
        "text": "When do you feel I am really listening to you, and when does it seem I am already thinking about my reply?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Thank them and ask for an example; do not explain or justify yourself in this meeting.",
    },
    {
        "id": "listening.jumping-to-solutions",
        "text": "Do I ever finish your sentences or jump to solutions before you have finished explaining? What would you like me to do instead?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 5,
        "note": "Try their suggestion right away in the rest of this 1:1 so they see it was heard.",
    },
    {
        "id": "listening.who-listens-well",
        "text": "Who on the team listens to you especially well, and what do they do that makes the difference?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 4,
        "note": "Offer to pass the appreciation on only if they want you to; keep the details between you otherwise.",
    },
    {
        "id": "listening.your-listening-moments",
        "text": "Would it help if I shared one moment where I saw you listen really well and one where you could have let someone finish? Which would you like to hear first?",
        "kinds": ["one-on-one"],
        "phase": "feedback",
        "minutes": 6,
        "note": "Ask permission first, keep both examples specific and recent, and listen to their side before adding more.",
    },
    # close
    {
        "id": "listening.heard-something-new",
        "text": "What is one thing you heard today that you did not know before?",
        "kinds": ["retro", "one-on-one"],
        "phase": "close",
        "minutes": 3,
        "note": "Let each answer land without commenting; a simple thank you is enough.",
    },
    {
        "id": "listening.how-heard-fingers",
        "text": "Show with your fingers, from zero to five, how heard you felt in this retro. Anyone showing two or fewer may say what would help next time, if they want to.",
        "kinds": ["retro"],
        "phase": "close",
        "minutes": 3,
        "note": "Low scores are a gift, not a failure; thank people and never ask them to justify a number.",
    },
    {
        "id": "listening.one-thing-to-remember",
        "text": "Before we wrap up, what is the one thing from today you most want me to remember?",
        "kinds": ["one-on-one"],
        "phase": "close",
        "minutes": 2,
        "note": "Write it down in front of them and bring it back at the start of your next 1:1.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
