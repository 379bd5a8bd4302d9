"""What happens when content changes: generations for caches, frontend revalidation, preview, redirects."""
