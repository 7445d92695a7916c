import sys

from glossa.cli import main

sys.exit(main())
