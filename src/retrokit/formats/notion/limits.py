"""Notion's request limits (https://developers.notion.com/reference/request-limits) and the byte budgets
this format keeps to so that every piece it sends fits its parent."""

TEXT_LIMIT = 2000  # UTF-16 code units in one text.content
ITEMS_LIMIT = 100  # rich-text items in one array
CHILDREN_LIMIT = 100  # blocks in one children array
URL_LIMIT = 2000  # characters in a link URL
DEPTH_LIMIT = 2  # levels of children one request may carry below the blocks it sends
REQUEST_BLOCKS = 1000  # blocks in one request, at every level
REQUEST_BYTES = 500_000  # bytes of one request body

# Byte budgets, chosen so that every piece fits its parent: a block's own rich text (a level-2 block, a
# table row) <= HEAD_BYTES (measured conservatively, wherever it sits, by sizes.size_bound); a level-1
# piece <= PIECE_BYTES[1]; a level-0 piece (and the top-level blocks of a whole request) <= PIECE_BYTES[0]
# (measured exactly as written, at their depth, by sizes.item_size), a little under REQUEST_BYTES, leaving
# room for the body around them. So HEAD_BYTES + PIECE_BYTES[1] <= PIECE_BYTES[0] and 2 * HEAD_BYTES <=
# PIECE_BYTES[1]: every child fits beside its parent's text.
HEAD_BYTES = 150_000
PIECE_BYTES = {0: 499_000, 1: 335_000}
BODY_DEPTH = 3  # levels of indentation before a top-level block in the output: [ { "children": [ block
LEVEL_DEPTH = 3  # more levels for each level of children: block { payload { "children": [ child
INDENT_PER_LINE = 40  # the most indentation a line can have in the output (20 levels of 2 spaces)
