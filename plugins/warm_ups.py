"""Warm-ups: light, quick, work-safe openers that let every voice into the meeting early and help colleagues know each other a little better, without rating anyone's mood or energy."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "warm-ups",
    "title": "Warm-ups and icebreakers",
    "description": "Light, work-safe openers that get every voice into the room early and help colleagues know each other a little better, without rating anyone's mood.",
}

PROMPTS = [
    # --- retro ---
    {
        "id": "warm-ups.first-machine",
        "text": "Round: the first computer, console or phone you remember using, and one thing you did on it. A sentence or two each.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "go-round",
        "note": "Some people came to tech late or without a machine at home; welcome 'a library PC' as warmly as any.",
    },
    {
        "id": "warm-ups.skill-from-elsewhere",
        "text": "Round: one skill from outside software, like a past job, a hobby or a sport, that quietly helps you in this team's work.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "go-round",
        "note": "Listen for strengths the team could ask for later; don't rank the answers or turn them into a quiz.",
    },
    {
        "id": "warm-ups.tool-you-would-keep",
        "text": "If the team could keep only one tool, shortcut or command-line trick from everything we use, which would you fight for? Volunteers, one sentence on why.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 4,
        "note": "Three or four answers are plenty; note any trick worth sharing in the team's docs afterwards.",
    },
    {
        "id": "warm-ups.object-within-reach",
        "text": "Each person shows or describes one object within arm's reach and says in a sentence why it is there. Describing it works as well as showing it.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "go-round",
        "note": "Say up front that any object counts, a mug is fine, and nobody needs to show their home or turn a camera on.",
    },
    {
        "id": "warm-ups.strangest-bug",
        "text": "Volunteers: the strangest bug you have ever met, in two sentences: what it did, and what actually caused it.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6,
        "note": "Enjoy the stories rather than judge anyone's code; passing is a perfectly good answer.",
    },
    {
        "id": "warm-ups.word-without-translation",
        "text": "Volunteers: a word or phrase from any language or dialect you know that captures something about working life and has no neat equivalent in the language we work in.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 5,
        "note": "Volunteers only, so nobody feels asked to represent where they come from; enjoy the words, don't quiz origins.",
    },
    {
        "id": "warm-ups.learned-off-ticket",
        "text": "Round: one thing you learned this sprint that is in no ticket, like a keyboard shortcut, a bit of domain knowledge or how another team works.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "go-round",
        "note": "Any size counts; thank each person and jot down anything others will want to borrow.",
    },
    {
        "id": "warm-ups.pair-with-least-worked",
        "text": "Pair up with someone you worked with least this sprint. One minute each: what you spent most of the sprint on, and one thing about it you'd like them to know.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "pair-share",
        "note": "Suggest the pairs yourself so nobody is left choosing; online, use breakout rooms with a visible timer.",
    },
    {
        "id": "warm-ups.sprint-as-a-dish",
        "text": "Describe this sprint as a dish in one sentence: its main ingredients, and what there was a pinch too much of.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "go-round",
        "note": "Metaphors let people say 'too many meetings' lightly; note the pinches, they often return in Gather data.",
    },
    {
        "id": "warm-ups.soundtrack-title",
        "text": "Volunteers: a song title, real or invented, that could be this sprint's soundtrack. No singing required.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 2, "max_minutes": 3,
        "note": "Invented titles are as welcome as real ones, so nobody needs to share the same music taste.",
    },
    {
        "id": "warm-ups.question-jar",
        "text": "Everyone writes one light, work-safe question on a note, like 'best documentation you ever read?'. The facilitator draws two notes, and anyone may answer.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "silent-writing",
        "note": "Skip any note that could put someone on the spot, quietly and without comment.",
    },
    {
        "id": "warm-ups.where-you-are-working",
        "text": "On the shared board, everyone drops a sticky note for where they are working from today: a city, a room, 'the kitchen table', as vague as they like.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 2, "max_minutes": 3, "technique": "mapping", "needs": ["remote"],
        "note": "'At home' is a complete answer; never ask anyone to be more precise.",
    },
    {
        "id": "warm-ups.two-words-for-this-hour",
        "text": "Round: in two words, what would make this retro worth the time for you? The facilitator writes the words up and comes back to them at the close.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 2, "max_minutes": 3, "technique": "one-word-round",
        "note": "Come back to the words at the end; a hope that was noted and then answered builds trust in the format.",
    },
    {
        "id": "warm-ups.baffling-error-message",
        "text": "Volunteers: the most helpful or the most baffling error message you met lately. What did it actually mean?",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 4,
        "note": "If one of ours comes up, note it as a small fix for later rather than debugging it now.",
    },
    {
        "id": "warm-ups.advice-that-helped",
        "text": "Round: one piece of work advice you were given that actually helped, and who gave it, if you want to credit them.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "go-round",
        "note": "Credits to people outside the team are welcome; keep it to one piece of advice each so it stays quick.",
    },
    {
        "id": "warm-ups.learn-from-a-teammate",
        "text": "Everyone writes one thing they would like to learn from someone on this team, naming the person if they know who. The notes go up, and the facilitator points out matches.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "silent-writing",
        "note": "Being asked to teach is a compliment; help matched people find half an hour rather than leaving it at the note.",
    },
    {
        "id": "warm-ups.opening-thanks",
        "text": "Open with thanks: anyone may thank a teammate for one specific thing from this sprint, in a sentence. Thanks to people outside the team count too.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "appreciation-round",
        "note": "Watch that thanks don't always go to the same few people; add one for quieter work if it's missing.",
    },
    {
        "id": "warm-ups.guess-the-number",
        "text": "One guess-the-number question about the sprint, like how many pull requests we merged. Everyone writes a guess, then the facilitator reveals the real number and the closest guess wins a round of applause.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 4,
        "prepare": "Look up one light number from the sprint, like merged pull requests or the oldest open branch.",
        "note": "Pick a number nobody can feel judged by: team totals, never a person's output.",
    },
    {
        "id": "warm-ups.sprint-sketch",
        "text": "Ninety seconds: everyone sketches a stick-figure drawing of the sprint on a note, no artistic skill wanted. The notes go up and two or three volunteers explain theirs.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 5,
        "note": "Laugh with the drawings, never at them; a drawing nobody explains is still a contribution.",
    },
    # --- one-on-one ---
    {
        "id": "warm-ups.small-thing-that-went-well",
        "text": "Before anything else: what is one small thing that went well for you since we last met, at work or elsewhere if you like?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Enjoy it with them before moving on; it doesn't need to become an agenda item.",
    },
    {
        "id": "warm-ups.learning-lately",
        "text": "What are you learning or reading about at the moment, for work or just out of curiosity?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Ask one follow-up question out of real interest; it tells you what they might want to grow into.",
    },
    {
        "id": "warm-ups.hour-to-repeat",
        "text": "Which hour of your week so far would you happily repeat, and what were you doing in it?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "If no hour comes to mind, that is fine too; move on lightly and keep it in mind for later.",
    },
    {
        "id": "warm-ups.trick-swap",
        "text": "Have you found any small tool, shortcut or trick lately that you'd recommend? I'll share one of mine too.",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Bring one of your own; a two-way swap sets an equal tone for the rest of the 1:1.",
    },
    {
        "id": "warm-ups.pleasant-surprise",
        "text": "What surprised you at work since we last talked, in a good way?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Keep it light; if a less pleasant surprise comes up instead, note it for their topics rather than opening it now.",
    },
    {
        "id": "warm-ups.first-thing-today",
        "text": "What was the first thing you worked on today, and was it what you had planned?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Curiosity, not a status check: don't turn the answer into a progress review.",
    },
    {
        "id": "warm-ups.quietly-pleased",
        "text": "What did you do recently that you are quietly pleased with, however small?",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 2, "max_minutes": 3,
        "note": "Say specifically what you like about it; small wins named by a lead are remembered.",
    },
    {
        "id": "warm-ups.question-for-me",
        "text": "Is there anything you've been curious to ask me, about my work, my week or how I got into this job? I'm happy to start with a light question for you.",
        "kinds": ["one-on-one"], "phase": "check-in", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Answer as openly as you would like them to; a 1:1 works better when questions go both ways.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
