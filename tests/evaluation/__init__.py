"""Scores against gold: the article's hand-read file and the development set of news."""
