from __future__ import annotations

from hesabdar.kit.errors import Location, MissingParameter, Naming, ObjectNotFound


class ContactNotFound(ObjectNotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"Contact not found: no contact has code '{code}'.")
        self.code = code


class ContactNameRequired(MissingParameter):
    """No name, and no first or last name to make one of. ``contact`` is the contact's
    location; the message also names the two fields that can stand in for the name."""

    def __init__(self, contact: Location) -> None:
        super().__init__(location=contact / "name")
        self.contact = contact

    def describe_named(self, naming: Naming) -> str:
        first = naming.field(self.contact / "first_name")
        last = naming.field(self.contact / "last_name")
        where = naming.path(self.contact / "name")
        return f"Missing parameter: {where} is required (or {first}/{last})."
