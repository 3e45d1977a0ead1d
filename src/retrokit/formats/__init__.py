"""Output formats: one module per target, each a plugin implementing ``retrokit_formats``."""
