"""From a meeting request to an agenda's Markdown: the planner, the render pipeline, metric prompts, templates."""
