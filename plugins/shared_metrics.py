"""Shared metrics: using numbers that reward common goals, shared across team boundaries, to start curious conversations instead of assigning blame.

Besides its prompts, the family turns the team's metrics file into questions through its metric rules
(``retrokit_metric_rules``, below; docs/metrics.md has their exact conditions and wording).
"""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "shared-metrics",
    "title": "Shared metrics",
    "description": "Using numbers that reward common goals, like lead time or user satisfaction, shared across teams to spark curiosity rather than blame.",
}

PROMPTS = [
    {
        "id": "shared-metrics.lead-time-guesses",
        "text": "Before the real number is shown, each person writes down their guess for our median lead time from first commit to production. Then reveal the number and look at the spread of guesses together.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "data-review",
        "prepare": "Look up the team's median lead time from first commit to production over the last month.",
        "note": "Wide guesses show the number was never really shared, not that anyone was careless; stay curious about the gap.",
    },
    {
        "id": "shared-metrics.incident-count-stories",
        "text": "Put last quarter's incident count on the board. Each person adds one sticky note about an incident they remember and what the number does not show about it, like the late night or the customer call.",
        "kinds": ["retro"], "phase": "gather", "audience": "group", "needs": ["incident"],
        "minutes": 8, "max_minutes": 10, "technique": "silent-writing",
        "prepare": "Count last quarter's incidents from the incident log.",
        "note": "Let the stories sit next to the number so people who were on call feel their effort is seen, not just counted.",
    },
    {
        "id": "shared-metrics.number-that-surprised-you",
        "text": "Which number about our work surprised you most recently, like a build time, an error rate or a survey result, and what was your first reaction when you saw it?",
        "kinds": ["retro", "one-on-one"], "phase": "gather", "audience": "any",
        "minutes": 3, "max_minutes": 5,
        "note": "Welcome worry or frustration as information; ask what the number made them curious about before explaining it.",
    },
    {
        "id": "shared-metrics.onboarding-time-walkthrough",
        "text": "Walk through how long it took our most recent joiner to ship a first change, step by step: access, local setup, first review, first deploy. Write a rough duration next to each step and circle the waits.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 9, "max_minutes": 12, "technique": "mapping",
        "prepare": "Ask the most recent joiner whether they would like to lead this walk-through of their first weeks.",
        "source": "Value stream mapping (Lean)",
        "note": "Ask the newest person to lead only if they want to; their experience is the data, never their speed.",
    },
    {
        "id": "shared-metrics.numbers-across-boundaries",
        "text": "List the numbers we share with partner teams across our boundaries, such as handoff time, API error rate or ticket backlog. For each, mark who looks at it, how often, and who can change it.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "mapping",
        "note": "Speak about partner teams as you would if they were in the room with you.",
    },
    {
        "id": "shared-metrics.judged-by-which-numbers",
        "text": "Which numbers, if any, do you feel your work is judged by? Which ones would you rather we looked at together as a team?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Take any fear of being measured seriously; listen fully before explaining how the numbers are really used.",
    },
    {
        "id": "shared-metrics.numbers-in-your-week",
        "text": "Which shared number did you notice in your work this week, like build time or review wait, and did it help you make a decision?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Stay interested in how they use numbers; there is no right amount of dashboard watching.",
    },
    {
        "id": "shared-metrics.metric-causing-tension",
        "text": "Is there a number we share with another team that is causing tension right now, such as handoff time or who owns an alert? What have you seen from both sides?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Invite them to describe the other team's view too, and model speaking kindly about people who are not present.",
    },
    {
        "id": "shared-metrics.your-first-weeks-here",
        "text": "Thinking back to your first weeks here, which step took longest before you could ship something? Should that step show up in how we measure onboarding?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Treat slow steps as a fact about our setup, and thank them for remembering details that newer joiners may not say aloud.",
    },
    {
        "id": "shared-metrics.curious-questions-only",
        "text": "Take the shared number that got worse. For five minutes the group may only ask questions that begin with 'What made' or 'How might', and we write every one down. Then each person shares one thing they learned.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "brainstorm",
        "prepare": "Bring one shared number that got worse recently, with its last few values.",
        "source": "The Question Formulation Technique (Rothstein & Santana)",
        "note": "If a question starts to point at a person, gently rephrase it toward the process or the conditions around it.",
    },
    {
        "id": "shared-metrics.gaming-risk-check",
        "text": "For the two or three numbers we watch most, ask: how could a team make this look better without helping users? Where might it push us to compete with each other instead of cooperating?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 8,
        "note": "Anyone bends toward a metric under pressure; talk about incentives and never about who might cheat.",
    },
    {
        "id": "shared-metrics.lead-time-breakdown",
        "text": "Split our lead time into waiting for review, waiting for CI, waiting for release and hands-on work. Estimate each share together. Where does the time go that no single person owns?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 12, "technique": "mapping",
        "source": "Value stream mapping (Lean)",
        "note": "Waiting usually sits between teams or roles; resist the urge to hand it to one owner in the room.",
    },
    {
        "id": "shared-metrics.explain-from-their-seat",
        "text": "Pick one number we share with another team, such as handoff time. Each person finishes two sentences on a card: 'A good month on this number for us looks like…' and 'A good month for them probably looks like…'. Where would our good month be their bad one?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "perspective-swap",
        "note": "Their half is a guess to check with them; where the good months clash, the incentives are misaligned, not the people.",
    },
    {
        "id": "shared-metrics.trend-turning-points",
        "text": "Look at a shared metric over the last six months instead of this week's value. Mark the turning points on the chart: what changed in our context around each one?",
        "kinds": ["retro"], "phase": "insight", "audience": "group", "needs": ["dashboards"],
        "minutes": 6, "max_minutes": 8, "technique": "data-review",
        "prepare": "Have the six-month chart of one shared metric open and ready to show.",
        "note": "Context explains most turning points; keep the conversation on what changed around people, not on who was on duty.",
    },
    {
        "id": "shared-metrics.helps-or-watches-scale",
        "text": "On a scale from 'it helps me' to 'it watches me', where do the numbers we keep about our work sit for you right now, and why?",
        "kinds": ["retro", "one-on-one"], "phase": "insight", "audience": "any",
        "minutes": 3, "max_minutes": 5, "technique": "rating-round",
        "note": "Every position is valid; if someone feels watched, ask what would change that instead of defending the numbers.",
    },
    {
        "id": "shared-metrics.paved-road-success-signal",
        "text": "If our paved road, the default path we support, is really working for its users, what would we see: fewer questions in our channel, faster first deploys, teams choosing it without being told? Pick one signal we could measure, and say what we would do if it does not move.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 8,
        "note": "Choose a signal users would recognise as success; a count of teams made to adopt the road measures the mandate, not the road.",
    },
    {
        "id": "shared-metrics.approval-wait-audit",
        "text": "List every approval, review or ticket another team needs from us to ship a change. Next to each, write a rough wait and whether it still protects something real. Which of them could become self-service?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "mapping",
        "source": "Value stream mapping (Lean)",
        "note": "Some gates are worth their wait; ask what each one protects before anyone argues for removing it.",
    },
    {
        "id": "shared-metrics.number-a-customer-feels",
        "text": "Pick one number we track about our platform, such as deploy time or error rate. Follow it one step further: when it gets worse, what does a customer of the product teams feel, and how soon? Write that effect beside the number.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 5, "max_minutes": 7,
        "note": "Guesses are fine if marked as guesses; the aim is to connect our numbers to the people they finally reach.",
    },
    {
        "id": "shared-metrics.debt-hours-estimate",
        "text": "Pick the piece of technical debt we complain about most. Estimate together, roughly, the hours it cost us this month in slow builds, workarounds and extra-careful reviews. Would that number change what we plan next?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 8,
        "note": "A rough range is enough; the number is for deciding, never for blaming whoever wrote the code years ago.",
    },
    {
        "id": "shared-metrics.recognised-for-what",
        "text": "What do you think people get recognised for here: shipping features, keeping things stable, helping other teams? Does that match the work that helps our users most? Where do the two pull apart for you?",
        "kinds": ["one-on-one"], "phase": "insight", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "This is about the system of rewards, your part in it included; write down one mismatch you can raise further up.",
    },
    {
        "id": "shared-metrics.one-goal-with-partners",
        "text": "List numbers both we and a partner team would like to improve, like time to restore service. Place them on a grid of how much we can move each and how much they care. Pick one from the top corner to propose to them as a shared direction, not a target.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 7, "max_minutes": 9, "technique": "mapping",
        "source": "The effort-impact matrix",
        "note": "A shared direction keeps people curious; a hard figure can quietly turn into blame when it is missed.",
    },
    {
        "id": "shared-metrics.retire-or-rework-metric",
        "text": "For each number we track, everyone shows a thumb: up to keep it, sideways to change it or explain it better, down to drop it. Talk only about the numbers with mixed thumbs, then decide.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "rating-round",
        "prepare": "List the numbers the team tracks today, one line each.",
        "source": "Roman voting (thumbs up, sideways or down)",
        "note": "Ask how the metric feels to the people it describes before deciding to keep it.",
    },
    {
        "id": "shared-metrics.when-a-metric-jumps",
        "text": "Brainstorm what we do when a shared number moves sharply: who starts the conversation, which questions we ask first, and what we will not do, like naming individuals in public channels. Keep the three best first questions.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "brainstorm",
        "note": "Write the agreed first questions down; curiosity is easier to keep under stress when the words are ready.",
    },
    {
        "id": "shared-metrics.regular-look-together",
        "text": "Propose a short regular moment to look at our shared numbers together, like ten minutes at the start of planning, and which partner teams to invite. Then imagine it is three months later and the moment has quietly died: why? Adjust the plan.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "premortem",
        "source": "Pre-mortem, after Gary Klein",
        "note": "Invite partner teams as co-owners of the numbers, not as an audience for explanations.",
    },
    {
        "id": "shared-metrics.experiment-and-measure",
        "text": "For the change we chose, name one number that would show whether it helped, who will look at it, and the date we check it together. What will we do if it does not move?",
        "kinds": ["retro", "one-on-one"], "phase": "decide", "audience": "any",
        "minutes": 3, "max_minutes": 4, "technique": "commitment",
        "note": "Frame it as a learning experiment; a number that does not move is a finding, not a failure.",
    },
    {
        "id": "shared-metrics.one-number-next-retro",
        "text": "Quick vote: which single number should we check at the next retro to see whether this sprint made things better for our users? Each person gets one vote.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "dot-vote",
        "source": "Dot voting",
        "note": "Choose a number about users or the whole team, never one that points at a single person's output.",
    },
    {
        "id": "shared-metrics.present-as-question",
        "text": "Would you like to practise bringing a metric to another team as a question rather than a verdict? Pick one number and let's draft how you would open that conversation.",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 6,
        "note": "Offer to rehearse it together; the goal is a curious opening, not a polished pitch.",
    },
    {
        "id": "shared-metrics.look-after-shared-number",
        "text": "Would you be interested in looking after one shared number, like onboarding time, together with a partner team? What would you want to learn from doing that?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Make it an invitation rather than an extra duty, and check their current load before they say yes.",
    },
    {
        "id": "shared-metrics.team-result-to-move",
        "text": "Which result the whole team shares, like faster reviews or fewer confused users, would you most like to help move this quarter? What would you try first, and who would you want to work on it with?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Keep it a team number: celebrate the shared result and never turn it into a personal target or a line in a review.",
    },
    {
        "id": "shared-metrics.first-reaction-to-bad-number",
        "text": "When a number looks bad, what is your first reaction? Which curious question would you like to make your first move instead?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Share your own first reaction to a bad number; it makes this feel safer to explore.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]


# -- metric rules: the team's numbers (see docs/metrics.md) as questions ----------------------------------
# Movement rules (phase "gather": what did people see?) compare the value with the previous one; exactly
# one of them fires for each metric. Target rules (phase "insight": what stands behind it?) fire only for
# a metric with a target, at most one per metric. Bad news stays in retros: in a 1:1 it reads as a verdict
# on the person; good news may come up in a 1:1 as recognition. Each rule gets a retrokit.metrics.Metric.


def no_previous(metric):
    if metric.previous is None:
        target = f" against a target of {metric.show(metric.target)}" if metric.target is not None else ""
        return (
            f"{metric.name} stands at {metric.show()}{target}, our first reading of it. "
            "What does each team expect it to show next time, and what would make it move?"
        )
    return None


def worsened(metric):
    if metric.trend == "worse":
        return f"{metric.name} {metric.moved} {metric.from_to(metric.previous, metric.value)} — what did each team see behind it?"
    return None


def improved(metric):
    if metric.trend == "better":
        return (
            f"{metric.name} {metric.moved} {metric.from_to(metric.previous, metric.value)}. "
            "What helped, and how do we keep it there without someone quietly carrying it?"
        )
    return None


def unchanged(metric):
    if metric.trend == "same":
        return (
            f"{metric.name} stayed at {metric.show()} since last time. "
            "Is that the steadiness we want, or has the number stopped telling us anything?"
        )
    return None


def missed_target(metric):
    if metric.meets(metric.value) is False and metric.meets(metric.previous) is not True:
        still = "still " if metric.previous is not None else ""
        return (
            f"{metric.name} is at {metric.show()}, {still}missing its target of {metric.show(metric.target)}. "
            "What would each team need from the others to close the gap?"
        )
    return None


def slipped_target(metric):
    if metric.meets(metric.value) is False and metric.meets(metric.previous) is True:
        return (
            f"{metric.name} no longer meets its target of {metric.show(metric.target)}: it was "
            f"{metric.show(metric.previous)} last time and is {metric.show()} now. "
            "What changed around the teams that share it?"
        )
    return None


def reached_target(metric):
    if metric.meets(metric.value) is True and metric.meets(metric.previous) is False:
        return (
            f"{metric.name} now meets its target of {metric.show(metric.target)}: it was "
            f"{metric.show(metric.previous)} last time and is {metric.show()} now. "
            "What made the difference, and who should hear thanks for it?"
        )
    return None


def _looked_after(advice):
    """A note that names the team looking after the metric, then gives ``advice``."""

    def note(metric):
        who = f"{metric.owner} looks after this number" if metric.owner else "No single team owns this number"
        return f"{who}: {advice}"

    return note


#: The built-in rules, in the order their questions come for each metric.
METRIC_RULES = [
    {
        "name": "no-previous", "ask": no_previous, "phase": "gather", "kinds": ("retro",), "minutes": 4,
        "note": "A first reading is a baseline, not a grade: collect every team's expectations before anyone defends the number.",
    },
    {
        "name": "worsened", "ask": worsened, "phase": "gather", "kinds": ("retro",), "minutes": 5,
        "note": _looked_after(
            "ask what each team saw before anyone explains it, and keep questions on conditions and hand-offs, never on who slipped."
        ),
    },
    {
        "name": "improved", "ask": improved, "phase": "gather", "kinds": ("retro", "one-on-one"), "minutes": 4,
        "note": "Thank the people behind the change if they are happy to be named, and ask what it cost them: quiet heroics are not a process.",
    },
    {
        "name": "unchanged", "ask": unchanged, "phase": "gather", "kinds": ("retro",), "minutes": 4,
        "note": "A flat line can mean health or neglect; be curious which, without treating either answer as anyone's failing.",
    },
    {
        "name": "missed-target", "ask": missed_target, "phase": "insight", "kinds": ("retro",), "minutes": 6,
        "note": _looked_after(
            "a missed target is news about the system the teams share, not a verdict on anyone; ask what each team needs, not who fell short."
        ),
    },
    {
        "name": "slipped-target", "ask": slipped_target, "phase": "insight", "kinds": ("retro",), "minutes": 6,
        "note": "Look at what changed around the teams (load, staffing, dependencies) before looking at anyone's work.",
    },
    {
        "name": "reached-target", "ask": reached_target, "phase": "insight", "kinds": ("retro", "one-on-one"), "minutes": 5,
        "note": "Celebrate the shared result first; if one team carried it, ask how to spread the load next time.",
    },
]


@hookimpl
def retrokit_metric_rules():
    from retrokit.metrics import MetricRule  # only when a team has metrics: plugins load on every command

    return [MetricRule(**rule) for rule in METRIC_RULES]
