"""Languages: locales, what each locale is served, and how far each page is translated."""
