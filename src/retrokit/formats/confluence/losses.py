"""What the confluence format reports through ``request.lose`` (one text per kind of loss)."""

LOSS_HTML = "raw HTML escaped as text"  # no longer reported (see formats.html_subset); kept for importers
LOSS_FOOTNOTE = "footnotes turned into [N] references and a numbered list at the end"
LOSS_CHARACTER = "characters XML 1.0 cannot hold replaced with U+FFFD"
LOSS_LANGUAGE = "code languages the code macro does not know left out (code kept, not highlighted)"
LOSS_ORDERED_TASKS = "ordered task lists rendered as unnumbered task lists"
LOSS_TASK_PARAGRAPHS = "further paragraphs of a task joined to it with a line break"
LOSS_UNKNOWN = "markup the confluence format does not know shown as text"
