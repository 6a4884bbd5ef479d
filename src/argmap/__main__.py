"""`python -m argmap` runs the CLI."""

import sys

from argmap.cli import main

sys.exit(main())
