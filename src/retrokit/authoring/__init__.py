"""Tools for plugin authors: the plugin scaffold and the doctor's setup checks."""
