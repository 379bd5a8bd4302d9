"""The campaign content loader: YAML files in campaign/content/ → pages and snippets, idempotently."""
