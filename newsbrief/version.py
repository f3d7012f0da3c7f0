"""The package version, in a module of its own so any layer may read it without importing the
package's public API (``newsbrief/__init__.py`` loads the pipeline on demand)."""

__version__ = "0.1.0"
