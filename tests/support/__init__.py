"""What the tests share that is not a test: corpora, servers, clients, parsers."""
