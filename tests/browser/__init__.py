"""The reader in a real browser."""
