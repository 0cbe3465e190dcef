"""Scoring the NLP against gold: the article, the development set and the check set.

It runs the build's pipeline but is not part of the build: editing a scorer changes no
build id. Neither the build nor the server imports it.
"""
