"""The built-in output formats, one module (or package) per target. They are registered by formats/builtin.py
through the same hook a plugin uses (that module imports pluggy, so rendering to a format does not)."""
