"""Start perfdesk: ``python main.py [FILE]`` opens the window, ``python main.py check FILE...`` checks."""

import sys

from perfdesk.launch import main

if __name__ == "__main__":
    sys.exit(main())
