"""What a team remembers between meetings: action items, history, ingest, the clock, the TOML store."""
