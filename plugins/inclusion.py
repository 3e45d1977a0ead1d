"""Inclusion: seeking out the voices and perspectives a team does not hear by default (quieter and newer people, colleagues on the call, people whose work our decisions touch but who are not in the room) and giving them an equal seat."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "inclusion",
    "title": "Inclusion",
    "description": "Seek out the voices a team does not hear by default: quieter and newer people, colleagues on the call, those who are not in the room. Many perspectives make better decisions.",
}

PROMPTS = [
    # --- check-in ---
    {
        "id": "inclusion.newest-voice-first",
        "text": "Today we speak in reverse order of time on the team: newest first. Round: one thing you noticed about how this team works that longer-standing members may no longer see.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "go-round",
        "note": "Newcomers see what habit hides; thank them for it and resist explaining away what they noticed.",
    },
    {
        "id": "inclusion.call-speaks-first",
        "text": "For this retro, people on the call speak first in every round, and people in the room write on the online board too, not only on the wall. Opening round, call first: one topic you want this hour to reach.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "go-round", "needs": ["hybrid"],
        "note": "Watch the chat as closely as the room, and read chat comments aloud so they count as much as spoken ones.",
    },
    {
        "id": "inclusion.what-you-bring-today",
        "text": "Round: one way of looking at things you bring that is not in your job title, like years in support, a design eye or a past career in teaching, and where it might help today.",
        "kinds": ["retro"], "phase": "check-in", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "go-round",
        "note": "People choose what to share about themselves; ask about experience, never about identity or origin.",
    },
    # --- gather ---
    {
        "id": "inclusion.one-two-four-all-sprint",
        "text": "One minute alone: note what stood out this sprint. Two minutes in pairs, then four minutes in groups of four (with fewer than eight people, skip the fours). Each group shares the one point it found most important.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 9, "max_minutes": 12, "technique": "one-two-four-all",
        "source": "1-2-4-All, Liberating Structures (Lipmanowicz & McCandless)",
        "note": "Quieter people shape a point before the loudest voice sets the frame; keep the clock strict so it stays light.",
    },
    {
        "id": "inclusion.decisions-heard-late",
        "text": "Each person adds notes for news or decisions this sprint that reached them late or second-hand: a chat by the coffee machine, a call they were not on, a thread that ran while they slept. Group the notes by where the decision was made.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 7, "max_minutes": 10, "technique": "silent-writing", "needs": ["hybrid"],
        "note": "Nobody did anything wrong by talking in the office; the aim is to see where decisions leak away from the shared channel.",
    },
    {
        "id": "inclusion.lenses-board",
        "text": "Split the board into lenses: a first-time user, a newcomer to the code, an operator in the middle of a busy release, someone using a screen reader. Each person adds one note about this sprint's work seen through a lens other than their usual one.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 8, "max_minutes": 12, "technique": "perspective-swap",
        "note": "People pick a lens to look through, not a group to speak for; if someone knows a lens first-hand, let them choose whether to say so.",
    },
    {
        "id": "inclusion.who-got-the-floor",
        "text": "Think back over this sprint's standups, planning and design talks. Which voices got the floor, senior or new, in the room or on the call, quick or careful? Talk about patterns, not individuals.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 5, "max_minutes": 8,
        "note": "Go first with a pattern you are part of, such as talking early in planning; it makes the question safe to answer.",
    },
    {
        "id": "inclusion.coffee-machine-ledger",
        "text": "Which things did the people in the office get this sprint that colleagues at home did not, and the other way round, like quick answers at a desk or quiet time to focus? Two columns, one note per thing.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 9, "technique": "mapping", "needs": ["hybrid"],
        "note": "Both columns are real; this is about the seats, not about who works where.",
    },
    # --- insight ---
    {
        "id": "inclusion.empty-chair",
        "text": "Put out an empty chair, or leave an empty video tile, for someone our decisions affect who is not here, like a user or a support engineer. For each big point on the board, a volunteer speaks from that chair for a minute.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 12, "technique": "role-play",
        "source": "The empty-chair technique (Gestalt therapy)",
        "note": "Speak for the chair with curiosity, not caricature; if someone in the room knows that role, invite them first.",
    },
    {
        "id": "inclusion.hardest-question-fishbowl",
        "text": "Fishbowl: three or four chairs in the middle discuss the sprint's hardest question while everyone else listens. Anyone may tap in to take a seat, and whoever has spoken most so far steps out first.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 10, "max_minutes": 14, "technique": "fishbowl", "source": "Fishbowl discussion",
        "note": "Invite quieter people in, never push; online, the bowl is whoever has their camera on and the rest listen muted.",
    },
    {
        "id": "inclusion.idea-that-went-nowhere",
        "text": "Think of an idea raised this sprint that went nowhere. Was it weighed and set aside, or simply not heard because of who said it, where or when? What would have given it a fair hearing?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 9,
        "note": "Keep it about how ideas travel here; if a name comes up, steer back to the pattern without blame.",
    },
    {
        "id": "inclusion.default-user",
        "text": "Who is the 'default user' we picture when we build, and who does that picture leave out: people on slow connections, keyboard-only users, readers of a second language? Walk one of this sprint's features through as one of them.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 12,
        "note": "Treat what you find as design input, not a failing; one concrete fix is worth more than a long list.",
    },
    {
        "id": "inclusion.who-gets-asked",
        "text": "When this team needs an answer, whom do we ask first, and who almost never gets asked although they would know? Draw the usual routes on the board, then name one kind of knowledge we keep overlooking.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 7, "max_minutes": 10, "technique": "mapping",
        "note": "Map roles and routes, not a ranking of people; the aim is to widen who gets asked.",
    },
    {
        "id": "inclusion.meeting-times-cost",
        "text": "Who pays for our meeting times and habits? Note who joins early or late for their time zone, who misses the talk after a meeting ends, who loses focus time. Is the cost shared fairly, or always the same people's?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 9, "needs": ["hybrid"],
        "note": "Thank the people who have quietly carried the awkward hours, and make rotating them a real option.",
    },
    # --- decide ---
    {
        "id": "inclusion.fair-floor-norm",
        "text": "Propose short norms that give every voice a fair share in our meetings, like 'chat questions are read aloud', 'newest person estimates first' or 'no decisions in the corridor'. Dot-vote one to try next sprint.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "dot-vote", "source": "Dot voting",
        "note": "Pick one norm, not five; a small rule that sticks does more than a charter nobody remembers.",
    },
    {
        "id": "inclusion.rotate-the-glue-work",
        "text": "Which team chores always fall to the same people: taking notes, facilitating, organising the demo, welcoming new joiners? List them on the board and sign up for a rotation for the next month.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 5, "max_minutes": 7, "technique": "mapping",
        "note": "Glue work often lands on the same shoulders without anyone deciding it; rotating it is fairness, not a favour.",
    },
    {
        "id": "inclusion.invite-an-outside-voice",
        "text": "Pick one group our work touches that never joins our retros, like support or a downstream team. Who will invite one of them to the next retro, or send them two questions beforehand, and by when?",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 3, "max_minutes": 4, "technique": "commitment",
        "note": "Make the invitation easy to decline and easy to answer in writing; their time is a gift.",
    },
    # --- close ---
    {
        "id": "inclusion.anything-not-said",
        "text": "Before we close: did anyone not get to say something they wanted to? Anyone may add one sentence now, or send it to the facilitator afterwards and it goes into the notes.",
        "kinds": ["retro"], "phase": "close", "audience": "group",
        "minutes": 2, "max_minutes": 3,
        "note": "Wait through the silence for a few seconds; the people who need this question are rarely the quickest to answer.",
    },
    {
        "id": "inclusion.view-new-to-me",
        "text": "Closing round: one perspective you heard today that was new to you, and who offered it, if they are happy to be named.",
        "kinds": ["retro"], "phase": "close", "audience": "group",
        "minutes": 3, "max_minutes": 4, "technique": "go-round",
        "note": "Crediting where a view came from shows that different views are what we came for.",
    },
    # --- one-on-one ---
    {
        "id": "inclusion.hardest-room-to-speak",
        "text": "In which of our meetings is it hardest for you to get a word in, and what happens when you try? Would another format suit you better, like writing first or going in turns?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Believe what you hear, and change a format you run before asking them to speak up louder.",
    },
    {
        "id": "inclusion.a-step-behind-remotely",
        "text": "When you join from home, where do you end up a step behind the people in the office: decisions, context from a desk chat, small talk that turns into plans? Which would you fix first?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6, "needs": ["hybrid"],
        "note": "Take the fix on yourself where you can, like posting decisions in the channel, rather than asking them to come in more.",
    },
    {
        "id": "inclusion.background-we-dont-use",
        "text": "Which part of your experience, a previous industry, a language, a kind of user you know well, does this team not draw on yet? Where could it help?",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Let them choose what to share; ask about experience, never about identity, and follow up with a real opening.",
    },
    {
        "id": "inclusion.missing-from-your-work",
        "text": "In the work you are leading now, whose view is missing: a user group, another team, a newer colleague, someone who will run it later? How could you bring them in before it is decided?",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Help them find one concrete person to ask this week rather than a general intention to consult more.",
    },
    {
        "id": "inclusion.how-i-run-the-room",
        "text": "I'd like honest feedback on how I run our meetings: whose voices do I draw in, and whom do I talk over or forget? One example would help me most.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Thank them before you respond, and don't explain the example away; ask what they would have liked instead.",
    },
    {
        "id": "inclusion.credit-that-went-astray",
        "text": "Have you seen an idea of yours or a colleague's credited to someone else, in a meeting or a write-up? Tell me as much as you want; I'd like to know how that happens here.",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Thank them for raising it, correct attributions you control, and never ask them to prove it.",
    },
    {
        "id": "inclusion.room-you-want-a-seat-in",
        "text": "Which room would you like to be in that you aren't yet, like a design review, a planning session or a customer call? How could I help you get a seat there?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Offer a specific introduction or invitation you can make this month; sponsorship is action, not advice.",
    },
    {
        "id": "inclusion.quiet-colleague-noticed",
        "text": "Is there a colleague whose good ideas you think get less airtime than they deserve? How could you make room for them, like quoting them in a review or handing them the demo?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Keep it about amplifying, not about judging the colleague; the ask is what they could do, not a report on someone.",
    },
    # --- either ---
    {
        "id": "inclusion.whose-voice-this-time",
        "text": "Since we last met, whose view changed a decision, and whose view did we hear only after the decision was made? What would bring the second kind in earlier next time?",
        "kinds": ["retro", "one-on-one"], "phase": "follow-up", "audience": "any",
        "minutes": 4, "max_minutes": 6,
        "note": "Name the view, not a fault; late views are often a sign of where our process has no door.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
