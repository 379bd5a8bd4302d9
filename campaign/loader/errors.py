"""Content errors name the file, the entry and the field, so an author can fix the file without reading code."""


class ContentError(Exception):
    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
