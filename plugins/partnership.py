"""Cross-team partnership: treating internal users and neighbouring teams as partners, with shared goals, clean handoffs and care for developer experience."""

from retrokit import hookimpl

BEHAVIOR = {
    "name": "partnership",
    "title": "Cross-team partnership",
    "description": "A service-partner mindset toward internal users and other teams: shared goals, good developer experience, clean handoffs and honest dependencies.",
}

PROMPTS = [
    # --- follow-up ---
    {
        "id": "partnership.did-they-feel-it",
        "text": "Look at the commitments we made to other teams last time. For each one, did the other team notice a difference, and how do we know? Mark each with the evidence we have from their side.",
        "kinds": ["retro"], "phase": "follow-up", "audience": "group",
        "minutes": 5, "max_minutes": 6,
        "prepare": "List the commitments we made to other teams at the last retro, with anything we have heard back from them since.",
        "note": "No evidence is a finding, not a failure; turn each gap into a simple question we can ask the other team.",
    },
    {
        "id": "partnership.partner-sentence-readout",
        "text": "Read aloud the one-sentence answers partner teams or internal users sent us to the question of what working with us has felt like lately. Let each sentence stand without rebuttal.",
        "kinds": ["retro"], "phase": "follow-up", "audience": "group",
        "minutes": 4, "max_minutes": 5,
        "prepare": "Ask two or three partner teams or internal users for one sentence on what working with us has felt like since the last retro.",
        "note": "Thank the partners afterwards, whatever they wrote; defending ourselves in the room teaches them not to answer next time.",
    },
    {
        "id": "partnership.dependency-status-round",
        "text": "Quick round: for each dependency we were waiting on or owed to another team, say whether it moved, stalled or changed shape, and whether the other team would describe it the same way.",
        "kinds": ["retro"], "phase": "follow-up", "audience": "group",
        "minutes": 3, "max_minutes": 5, "technique": "go-round",
        "note": "Keep the pace brisk and neutral; a stalled item is a shared problem to solve, not a reason to name a team.",
    },
    {
        "id": "partnership.blocked-dependency-update",
        "text": "Are you still waiting on another team for anything we talked about before? What has moved since then, and is there anything you would like me to do, or not do, about it?",
        "kinds": ["one-on-one"], "phase": "follow-up", "audience": "pair",
        "minutes": 3, "max_minutes": 4,
        "note": "Offer help without taking the relationship over; ask before you escalate on their behalf.",
    },
    # --- gather ---
    {
        "id": "partnership.internal-user-journey",
        "text": "Pick one task internal users do on our platform, such as creating a new service or rotating a secret. Lay out its steps on the board, one sticky note each, and mark every step where a user waits, guesses or has to ask us in chat.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 10, "max_minutes": 12, "technique": "mapping",
        "source": "Customer journey mapping (service design)",
        "note": "Walk it as a newcomer would, without our insider shortcuts; every question a user has to ask is data, not a nuisance.",
    },
    {
        "id": "partnership.support-channel-sample",
        "text": "Take the ten support-channel questions we brought. In pairs, sort each into our docs fell short, our tool fell short, or a genuinely new need, and note the mood the person seemed to be in when they wrote.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "mapping",
        "prepare": "Copy ten recent questions from our support channel, with the askers' names removed.",
        "note": "Nobody should be mocked for a question, since the question shows where we are unclear.",
    },
    {
        "id": "partnership.handoff-smooth-and-bumpy",
        "text": "Each person writes down one handoff this sprint, into or out of our team, that went smoothly and one that bumped. For each, note what was written down and what lived only in someone's head.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "silent-writing",
        "note": "Give the smooth handoffs equal airtime; they show what already works and deserves to be kept.",
    },
    {
        "id": "partnership.dependency-web-map",
        "text": "Draw our team in the middle and every team we relied on or served this cycle around it. Draw an arrow for each request, colour it by how it felt, and circle the arrows where the other side probably never knew we struggled.",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "mapping",
        "note": "The circled arrows are invitations to talk to a team, not complaints to file about them.",
    },
    {
        "id": "partnership.own-tools-paper-cut",
        "text": "Each person names one developer experience paper cut they hit in our own tools this week, like a slow build, a confusing error or a missing doc. Which of these do our users hit too?",
        "kinds": ["retro"], "phase": "gather", "audience": "group",
        "minutes": 4, "max_minutes": 6, "technique": "one-word-round",
        "note": "Small annoyances count; collect them quickly without solving, and notice which ones we have quietly got used to.",
    },
    {
        "id": "partnership.onboarding-day-one",
        "text": "Think of the last time a team started using something we own. What did they need to know on day one that nobody told them?",
        "kinds": ["retro", "one-on-one"], "phase": "gather", "audience": "any",
        "minutes": 4, "max_minutes": 6,
        "note": "Answer from the newcomer's side; if nobody knows, that is worth finding out from the team itself.",
    },
    {
        "id": "partnership.cross-team-moment",
        "text": "Which conversation with another team this week stayed with you, good or bad? What made it go the way it did?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 4, "max_minutes": 6,
        "note": "Let them tell the whole story before you interpret it; hold back on defending or criticising the other team.",
    },
    {
        "id": "partnership.helped-and-was-helped",
        "text": "Who outside our team did you help or unblock recently, and who helped you? Did the help get acknowledged on either side?",
        "kinds": ["one-on-one"], "phase": "gather", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Note the invisible help they give other teams and make sure it is recognised, not only their own tickets.",
    },
    # --- insight ---
    {
        "id": "partnership.shared-outcome-sentence",
        "text": "In pairs, write one sentence that both our team and our closest partner team would sign as our shared outcome this quarter. Compare the sentences: what made it hard to write?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 8, "max_minutes": 10, "technique": "pair-share",
        "note": "Difficulty here is useful information about misaligned goals, not a sign that either team is wrong.",
    },
    {
        "id": "partnership.request-behind-the-ticket",
        "text": "Take one platform request we closed this sprint. Ask why a few times from the requester's side: what were they really trying to ship, and did what we delivered get them there?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "five-whys",
        "source": "Five whys (Toyota Production System)",
        "note": "Speak as the requester would, not about them; if we are unsure of the real goal, plan to ask them.",
    },
    {
        "id": "partnership.workaround-hours",
        "text": "Estimate together the hours other teams spent this sprint working around a gap in our platform: waiting on reviews, writing their own scripts, asking in chat. Which gap costs them the most, and why has it lasted?",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 7, "max_minutes": 10,
        "note": "Rough numbers are fine; the point is to feel the cost from their side, not to produce a precise report.",
    },
    {
        "id": "partnership.our-side-of-the-seam",
        "text": "Pick one issue that fell between two teams. Everyone silently writes what our team did that made things harder for the other side, then we read the notes together, only our side, with no counter-notes.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 5, "max_minutes": 7, "technique": "silent-writing",
        "note": "Owning our part is not self-blame; keep the tone matter-of-fact and move toward what we can change.",
    },
    {
        "id": "partnership.gatekeeper-or-partner-scale",
        "text": "On a scale from one, gatekeeper, to five, service partner, where would an internal user place us this sprint? Everyone shows a number at once, then two people explain their pick.",
        "kinds": ["retro"], "phase": "insight", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "rating-round",
        "note": "Let low numbers stand without argument; ask what a user would need to see from us to move up one point.",
    },
    # --- decide ---
    {
        "id": "partnership.co-owned-action",
        "text": "If the action we chose needs another team, write it so each team owns a piece: a contact on each side, a date, and who on our side checks it moved. Word it as a proposal we invite them into, not an announcement.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 4, "max_minutes": 5, "technique": "commitment",
        "note": "An action that depends on a team who was not in the room is a proposal until they agree; word it that way.",
    },
    {
        "id": "partnership.smallest-biggest-fix",
        "text": "Place the frictions on the board on a grid: how much effort a fix takes against how much time it would save internal users. Pick the one in the cheap and valuable corner, and decide who tells the affected teams once it ships.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 6, "max_minutes": 8, "technique": "mapping",
        "note": "Closing the loop with users matters as much as the fix; a silent improvement rarely rebuilds trust.",
    },
    {
        "id": "partnership.handoff-checklist-line",
        "text": "Think of the last handoff that bumped. Each person silently writes one line for our handoff checklist that would have smoothed it; read them out and keep the one the receiving team would find most useful.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 5, "max_minutes": 6, "technique": "silent-writing",
        "note": "One line is enough; a long checklist nobody reads helps no one on either side of the handoff.",
    },
    {
        "id": "partnership.listening-experiment",
        "text": "List two or three listening experiments for next sprint, such as open office hours, a short user interview or an afternoon pairing with a team that uses our platform. Show fist of five for each and run the strongest.",
        "kinds": ["retro"], "phase": "decide", "audience": "group",
        "minutes": 5, "max_minutes": 7, "technique": "rating-round",
        "source": "Fist of five",
        "note": "Pick something the team has energy for; an experiment done once and reported back beats a grand plan.",
    },
    # --- growth ---
    {
        "id": "partnership.cross-team-change-map",
        "text": "Is there a change you want that needs another team's help? Let's map who cares about it on their side, what they would gain, and how you could make the first conversation easy for them.",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 6, "technique": "mapping",
        "note": "Coach rather than take over; help them see the other team's goals so the ask feels like a shared win.",
    },
    {
        "id": "partnership.first-contact-for-a-team",
        "text": "Would you like to be the first person one team that uses our platform comes to for a few months? What would you want to learn from that, and what would worry you about it?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Offer it as an opportunity, never an obligation, and agree how much of their week it may take before they say yes.",
    },
    {
        "id": "partnership.represent-the-team",
        "text": "Is there a forum with other teams, like an architecture review or a guild, where you would like to represent us? What support from me would make that comfortable?",
        "kinds": ["one-on-one"], "phase": "growth", "audience": "pair",
        "minutes": 3, "max_minutes": 5,
        "note": "Respect a no; some people prefer other kinds of visibility, and that is a valid choice.",
    },
    # --- feedback ---
    {
        "id": "partnership.partner-view-of-you",
        "text": "If someone from a team you work with described working with you, what would they praise and what might they wish were different? How could we find out instead of guessing?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6, "technique": "perspective-swap",
        "note": "Start with the praise and let them lead; if you share outside feedback you have heard, share it with specifics and care.",
    },
    {
        "id": "partnership.lead-cross-team-support",
        "text": "When you are stuck on another team, how well am I helping? Should I do more of introducing you, escalating, shielding you, or staying out of the way?",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 5,
        "note": "Receive it without justifying your choices; agree on one concrete change in how you back them up.",
    },
    {
        "id": "partnership.handoff-feedback-rehearsal",
        "text": "Is there feedback you want to give another team about a handoff or dependency? Let's rehearse your opening two sentences: you say them as you would to them, I answer as they might, then we adjust the wording.",
        "kinds": ["one-on-one"], "phase": "feedback", "audience": "pair",
        "minutes": 4, "max_minutes": 6, "technique": "role-play",
        "note": "Play the other team as a reasonable person with their own pressures, not as a villain, so the rehearsal is realistic.",
    },
]


@hookimpl
def retrokit_behaviors():
    return [BEHAVIOR]


@hookimpl
def retrokit_prompts():
    return [dict(prompt, behavior=BEHAVIOR["name"]) for prompt in PROMPTS]
