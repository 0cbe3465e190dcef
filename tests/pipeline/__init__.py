"""The build side: source texts and annotations in, a corpus database out."""
