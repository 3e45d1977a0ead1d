"""The built-in context tags: what a meeting's situation may hold, so that a prompt that presupposes it
(``needs``) is drawn only when it does. ``--context TAG``, ``[context] tags`` in retrokit.toml and a meeting
kind's own ``context`` make up a meeting's context; other plugins may declare more tags."""

from retrokit import hookimpl

RETROKIT_API = "1.2"

TAGS = [
    {"name": "incident", "description": "There was a recent incident, outage or on-call event to look back on."},
    {"name": "cross-team", "description": "People from another team or role are in the room (a partner team, product, support)."},
    {"name": "remote", "description": "The meeting is online: chat, video and a shared online board."},
    {"name": "hybrid", "description": "Part of the team works remotely while others share an office or room, day to day or in this meeting."},
    {"name": "in-person", "description": "Everyone is in one room: a physical board, sticky notes, space to stand."},
    {"name": "dashboards", "description": "The team has shared dashboards or metrics to look at during the meeting."},
]


@hookimpl
def retrokit_context_tags():
    return TAGS
