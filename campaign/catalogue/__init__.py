"""What classifies and connects content: taxonomies, cities, navigation, site settings and the story catalogue."""
