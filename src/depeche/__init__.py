"""depeche: offline extraction of political events (PLOVER) from French and English news."""

__version__ = "0.1.0"


def compiled_modules() -> list[str]:
    """The depeche modules imported so far that run compiled (built by `pip install .`, see setup.py)."""
    import sys

    return sorted(name for name, mod in list(sys.modules.items()) if name.startswith("depeche.")
                  and str(getattr(mod, "__file__", "")).endswith((".so", ".pyd")))
