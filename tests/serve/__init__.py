"""The read side of the app: the JSON API, exports, caching, errors and the reader pages."""
