"""What a team remembers between meetings: action items, history, ingest, the metrics file, the clock,
the TOML store."""
