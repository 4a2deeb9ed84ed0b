"""`python -m nlp.cli` runs the command line."""

import sys

from nlp.cli import main

sys.exit(main())
