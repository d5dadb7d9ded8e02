"""``python3 -m aioskill_checker``: see :mod:`aioskill_checker.cli`."""

import sys

from .cli import main

sys.exit(main())
