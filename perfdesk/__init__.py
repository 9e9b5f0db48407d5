"""perfdesk: 部门预算项目绩效自评表 — data entry, arithmetic and checks."""

import logging

# The English detail of a refusal is logged; with no log installed (``logfile``) it goes
# nowhere, never to the clerk's screen (Python would print it to stderr otherwise).
logging.getLogger("perfdesk").addHandler(logging.NullHandler())

__version__ = "0.1.0"
