"""The visitors' search: one document per served page (PostgreSQL full-text search per language, a folded-text
fallback on SQLite), kept current by publishing signals and the content loader. See docs/architecture.md."""
