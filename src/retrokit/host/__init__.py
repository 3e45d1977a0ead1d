"""Loading plugins and what they contribute: the plugin host, entry points, the catalog, a session."""
