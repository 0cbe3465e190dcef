"""The corpus database: its layout, the rows built from records, and the writer."""
