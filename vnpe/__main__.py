import sys

from vnpe.cli import main

sys.exit(main())
