"""Text as stored and served: typed text made comparable, rich text for the frontend, partial dates, hashtags."""
