"""Words as cross-document pairing reads them: lower-case letters, apostrophes and hyphens."""

import re

WORD = re.compile(r"[a-z][a-z'’-]+")
