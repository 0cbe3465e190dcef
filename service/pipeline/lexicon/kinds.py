"""Words that tell a claim's kind: words that judge make it an assessment."""

import re

# Judging words: a claim with one, and no report, figure or future, is an assessment.
ASSESSMENT = re.compile(
    r"\b(?:should|must|ought|need(?:s|ed)? to|likely|unlikely|probably|clearly|arguably|"
    r"seems?|appears?|important|crucial|key|failure|mistake|wrong|right|better|worse|best|"
    r"worst|ambitious|unrealistic|risk[sy]?|threat|problem|obstacle|success(?:ful)?|"
    r"unfair|fair|irresponsible|misreads?|I (?:think|believe|doubt))\b",
    re.IGNORECASE,
)
