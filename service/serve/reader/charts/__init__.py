"""The reader's pictures: their geometry is computed here; templates/_charts.html writes the SVG."""
