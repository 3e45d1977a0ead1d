"""health-check: the team health check, a built-in meeting kind written with the public hooks only.

Before the meeting each person votes on every health card: green when the card's *awesome* line fits the
team, red when its *awful* line does, amber in between. The counts go in a votes file in the team folder,
``health.toml`` (``[plugin.health-check] file`` names another), with last round's counts beside them.
``retrokit render health-check`` then:

- opens like a retro (a check-in, and the open action items from the ledger: last round's promises);
- shows the results table (this round, last round, the trend): the ``health`` template variable;
- leads "Talk about the cards" with the worst and the most declining cards, each with a question that
  practises an empathy behaviour (the planner chooses which, as for a retro's insights);
- decides like a retro: actions written as ``- [ ] @owner text`` in the notes reach the ledger through
  ``retrokit ingest``, and the next health check opens with them.

``retrokit health init`` writes a starter votes file and ``retrokit health next`` turns this round into
last round after the meeting (``_health_round.py`` beside this file; ``_health_votes.py`` reads the file
and makes the agenda's items). ``RETROKIT_KINDS`` keeps the agenda hooks to this kind, so a retro's
render never loads this file.
Without a votes file the agenda runs the vote in the meeting and says how to start one. A votes file that
cannot be read is one warning naming its file and line; the agenda then keeps the vote in the meeting.
docs/health-check.md is the user's guide.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from retrokit import hookimpl, hookspecs

RETROKIT_API = "1.3"  # retrokit.warn, retrokit.editing, RETROKIT_KINDS (TODO: retrokit_template_globals)
NAME = "health-check"  # this plugin's name, its meeting kind and its [plugin.health-check] settings
RETROKIT_KINDS = [NAME]  # its agenda hooks serve the health check only: other agendas never load this file
CARD_PHASE = "health-card"  # the section the cards lead; a kind with such a section gets the cards
RESULTS_PHASE = "health-results"  # the section the results table opens
MAX_CARDS = 4  # discussed in one meeting at most; the rest stay in the table

KIND = {
    "name": NAME,
    "title": "Team health check",
    "description": "A team health check: vote on the health cards, talk about the worst and the most "
                   "declining first, and leave with few actions in the ledger.",
    "default_minutes": 60,
    "prompt_kinds": ["retro"],  # check-ins, decision procedures and closings from the retro library
    "sections": [
        {"id": "arrive", "title": "Arrive", "phases": ["check-in", "follow-up"], "weight": 1, "min_minutes": 4,
         "max_items": 1, "intro": "Arrive, and come back to what we said we would change last round."},
        {"id": "results", "title": "The results", "phases": [RESULTS_PHASE], "weight": 1, "min_minutes": 4,
         "max_items": 1, "intro": "Each vote is how a card feels from one seat: read them before explaining them."},
        {"id": "cards", "title": "Talk about the cards", "phases": [CARD_PHASE, "insight"], "weight": 4.5, "min_minutes": 10,
         "intro": "The worst and the most declining cards first. Understand a card before fixing it."},
        {"id": "decide", "title": "Decide what to change", "phases": ["decide"], "weight": 2, "min_minutes": 5,
         "intro": "One or two cards to work on, each action with an owner and a date."},
        {"id": "close", "title": "Close", "phases": ["close"], "weight": 0.5, "min_minutes": 3, "max_items": 1},
    ],
}

#: The health cards: id, title, the awesome line, the awful line. Our own words.
CARDS = (
    ("delivering-value", "Delivering value",
     "We know who uses what we build, and we hear that it makes their work better.",
     "We ship and move on; nobody can say whether it helped anyone."),
    ("ease-of-release", "Ease of release",
     "Getting a change to users is a calm, routine step any of us can take on a normal afternoon.",
     "Releasing needs a ritual, a late night or one brave volunteer, so changes pile up waiting."),
    ("health-of-the-code", "Health of the code",
     "The code is pleasant to work in: we find our way, and a change lands where we expect it to.",
     "Every change wakes something up elsewhere, and some corners nobody dares to touch."),
    ("learning", "Learning",
     "We grow on real work, with time to try things and to pass on what we find out.",
     "There is never time to learn, and what one of us knows stays in one head."),
    ("sustainable-pace", "Sustainable pace",
     "We could work like this for a year and still have energy left at the end of the day.",
     "Evenings and weekends keep the plan afloat, and people are running on empty."),
    ("enjoying-the-work", "Enjoying the work",
     "We laugh together, and most mornings we look forward to what the day holds.",
     "The work is a grind to get through, each of us alone with it."),
    ("clear-mission", "Clear mission",
     "Any of us could say why the team exists and what matters most right now, and we would agree.",
     "We are unsure what we are for, or priorities shift faster than we can follow them."),
    ("help-from-other-teams", "Help from other teams",
     "When we need another team we know whom to ask, and they meet us halfway.",
     "We wait in queues, chase tickets and feel like a nuisance for asking."),
    ("flow-of-work", "Flow of work",
     "Work moves steadily from idea to done, and waiting is the exception.",
     "Work stalls for days on reviews, approvals and hand-offs, and we start more than we finish."),
    ("one-team", "Working as one team",
     "We help without being asked, share the hard parts and cover for each other.",
     "We sit side by side in separate silos, and a problem is always somebody else's."),
    ("being-heard", "Being heard",
     "Anyone can raise a worry or a wild idea, and it gets a fair hearing.",
     "A few voices carry the room; others stay quiet because speaking up has cost them before."),
    ("a-say-in-our-work", "A say in our work",
     "We decide how we work, and we can change what is not working.",
     "Decisions about our work arrive from outside, and our part is to carry them out."),
)

#: The question a discussed card gets for each behaviour: question, facilitator note, technique. The
#: planner chooses the behaviours (it plans the cards section from the retro's insight prompts, so the
#: agenda covers what it must); each card then gets the question of one of them, validation first.
QUESTIONS = {
    "validation": (
        "Before anyone explains or fixes anything, ask those who voted red or amber what a bad week with this "
        "looks like for them. The rest of us only acknowledge what we hear.",
        "Acknowledging is not agreeing: a plain 'that sounds draining' is enough. Hold every fix until the "
        "people who want to speak have spoken.", ""),
    "perspective-taking": (
        "Ask someone who voted green and someone who voted red to describe it from where they sit. Each says "
        "back the other's view, until the other agrees, before adding their own.",
        "Different votes usually mean different seats, not that someone is wrong; look for what each seat "
        "sees that the others cannot.", "perspective-swap"),
    "reflecting": (
        "One person sums up in a sentence what they heard about this card ('so for us, this means…'), and "
        "those who voted amber or red say whether it fits or what it leaves out.",
        "Offer the summary as a guess; if it misses, thank them for the correction and try again.",
        "reflect-back"),
    "listening": (
        "Three minutes of questions only: anyone may ask the amber and red voters an open question, and nobody "
        "gives advice or fixes until they say they are done.",
        "If a question turns into a suggestion, ask for it again as a question; the answers matter more "
        "than the questions.", "questions-only"),
    "support": (
        "Ask those closest to it what would make this card one colour better by next round, and what help "
        "from the rest of us would make that possible.",
        "Let them choose the help; an offer they did not ask for can land as a judgement.", ""),
    "follow-up": (
        "Look at what we tried for this card last round, if anything: did it help, and who noticed? Decide "
        "together whether to keep it, change it or let it go.",
        "Ask how it went before asking whether it got done; an action that stalled is information, not a failure.",
        ""),
    "safety": (
        "Ask what would make an honest vote on this card easier next time, and whether anyone voted a colour "
        "greener than they feel.",
        "Thank whoever admits a kinder vote: it took courage, and it tells us the room needs care.", ""),
    "well-being": (
        "Ask how this card shows up in people's energy: what does a red week here cost them after work? "
        "Anyone may pass.",
        "Let people pass without comment; a card that drains people deserves care before plans.", ""),
    "shared-metrics": (
        "Which number, shared with the teams around us, would tell us whether this card is getting better? "
        "Agree what we would watch, not whom.",
        "Choose a number that belongs to everyone involved, so it sparks curiosity rather than blame.", ""),
    "partnership": (
        "Who outside the team feels this card too, like the teams we serve or depend on? Say what it looks "
        "like from their side, as fairly as you can.",
        "Speak of partner teams as if they were in the room; their view is information, not an attack.", ""),
    "inclusion": (
        "Whose view of this card have we not heard yet: someone quieter, newer, on the call, or not in the "
        "room at all? Invite them first, and decide how to ask the ones who are absent.",
        "Invite, never put on the spot: 'I'd like to hear from you if you want to' leaves room to pass.", ""),
    "candour": (
        "What is the hard thing about this card that nobody has said aloud yet? Say it plainly and kindly, "
        "then say what standard we want to hold here.",
        "Thank the first person who names it; keeping the bar high and caring for people go together.", ""),
}
#: Which behaviour's question the worst card gets first, when the planner chose several.
FIRST = ("validation", "perspective-taking", "reflecting", "listening", "support", "follow-up")


def _helper(stem: str):
    """``_health_votes.py`` or ``_health_round.py`` beside this file, loaded once (retrokit loads a plugin
    file by its path, so it has no package to import a sibling from; a leading ``_`` keeps them from being
    loaded as plugins of their own)."""
    name = f"_retrokit{stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{stem}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _votes():
    return _helper("_health_votes")


def _first(behavior: str) -> int:
    return FIRST.index(behavior) if behavior in FIRST else len(FIRST)


def _takes_cards(meeting) -> bool:
    """Whether ``meeting`` is a health check: it has a section fed by the health-card phase."""
    return any(CARD_PHASE in section.phases for section in meeting.sections)


@hookimpl
def retrokit_meeting_kinds():
    return [KIND]


@hookimpl
def retrokit_adjust_agenda(agenda, meeting, behaviors, config):
    """Fill the results and cards sections: from the votes file, or a vote in the meeting without one."""
    if not _takes_cards(meeting):
        return None
    from retrokit.editing import refit, section_for

    board = _board(config, report=True)
    votes = _votes()
    results, cards = section_for(agenda, RESULTS_PHASE), section_for(agenda, CARD_PHASE)
    if results is not None:
        results.items = [votes.results_item(board, behaviors)]
        refit(results)
    if cards is not None:
        planned = [item.behavior for item in cards.items if item.prompt_id]
        asks = [(b, *QUESTIONS[b]) for b in sorted(planned, key=_first) if b in QUESTIONS]
        asks += [(b, *QUESTIONS[b]) for b in FIRST if b not in planned]  # more cards than planned items
        room = cards.minutes - sum(group.minutes for group in cards.memory)
        cards.items, notes = votes.card_items(board, behaviors, room, asks, MAX_CARDS)
        agenda.notes.extend(notes)
        refit(cards)
    return None


def _board(config, report: bool):
    """The team's votes; a file that cannot be read is one warning (``report``) and a vote in the meeting."""
    votes = _votes()
    try:
        return votes.read_board(config, CARDS)
    except votes.VotesError as exc:
        if report:
            import retrokit

            retrokit.warn(f"{exc}; the agenda runs the vote in the meeting instead")
        return votes.unreadable(config, CARDS)


def template_globals(agenda, meeting, config):
    """``health``: the results table and what the template says around it (see templates/health-check.md.j2)."""
    if not _takes_cards(meeting):
        return {}
    talked = [item.prompt_id.removeprefix("health-check.card-") for section in agenda.sections
              for item in section.items if item.prompt_id.startswith("health-check.card-")]
    data = _votes().table(_board(config, report=False), talked)  # retrokit_adjust_agenda reports a bad file
    data["section"] = next((s.id for s in meeting.sections if RESULTS_PHASE in s.phases), "")
    return {"health": data}


if hasattr(hookspecs, "retrokit_template_globals"):  # TODO: unconditional once the hook is on main

    @hookimpl
    def retrokit_template_globals(agenda, meeting, config):
        return template_globals(agenda, meeting, config)


@hookimpl
def retrokit_register_commands(cli):
    _helper("_health_round").register(cli, _votes(), CARDS)
