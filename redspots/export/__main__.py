"""``python -m redspots.export``: see :mod:`redspots.export.cli`."""
import sys

from .cli import main

sys.exit(main())
