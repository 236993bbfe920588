from __future__ import annotations

from hesabdar.kit.errors import BusinessRuleViolation, ObjectNotFound


class ProjectNotFound(ObjectNotFound):
    pass


class ProjectTitleTaken(BusinessRuleViolation):
    def __init__(self, where: str, title: str) -> None:
        super().__init__(f"Invalid value for {where}: another project is titled {title!r}.")
        self.title = title
