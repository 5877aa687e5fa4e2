"""`reportparse show`: where every number came from, drawn on the page (PNG) or in a web page (HTML)."""
