"""Publishing an agenda: one module per service (confluence, notion) over a shared HTTP client (client.py)."""
