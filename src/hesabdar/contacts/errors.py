from __future__ import annotations

from hesabdar.kit.errors import MissingParameter, ObjectNotFound


class ContactNotFound(ObjectNotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"Contact not found: no contact has code '{code}'.")
        self.code = code


class ContactNameRequired(MissingParameter):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"{where}.Name",
            f"Missing parameter: {where}.Name is required (or FirstName/LastName).",
        )
