"""Word lists the build reads English by, kept apart from the code that uses them."""
