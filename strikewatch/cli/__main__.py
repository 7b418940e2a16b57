"""``python -m strikewatch.cli``: the same as the ``strikewatch`` command."""

import sys

from strikewatch.cli import main

sys.exit(main())
