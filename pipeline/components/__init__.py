"""spaCy factories of the project. Importing a module registers its factory."""
import importlib
import logging

# Each module registers one factory; a module still missing (work in progress) must not
# stop the others from loading.
for _module in ("dates", "numbers", "events"):
    try:
        importlib.import_module(f"{__name__}.{_module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{_module}":
            raise
        logging.getLogger(__name__).debug("component module %s not present", _module)
