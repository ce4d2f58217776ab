"""``python -m stance.cli``: the same as the ``stance`` command."""

import sys

from stance.cli import main

sys.exit(main())
