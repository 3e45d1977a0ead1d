"""What a team remembers between meetings: action items, history, 1:1 topics, ingest, the metrics file,
the clock, the TOML store."""
