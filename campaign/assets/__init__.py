"""Images and documents: what uploads are accepted, which may leave through the API, which renditions are made."""
