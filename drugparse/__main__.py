"""``python -m drugparse`` is the ``drugparse`` command."""

import sys

from drugparse.cli import main

sys.exit(main())
