"""Grow the corpus: add articles from HTML, plain text or a URL, and remove them."""
