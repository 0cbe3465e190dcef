"""Numbers spelled out, as dates and the figures claims give read them."""

ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_VALUES = (
    {word: n for n, word in enumerate(ONES, 1)}
    | {word: n for n, word in enumerate(TEENS, 10)}
    | {word: 10 * n for n, word in enumerate(TENS, 2)}
)
# The counts a length of time may give: "a week", "three days", "a hundred years".
NUMBER_WORDS = {"a": 1, "an": 1, **NUMBER_VALUES, "hundred": 100, "a hundred": 100}
