from __future__ import annotations

from hesabdar.kit.errors import BusinessRuleViolation, Location, ObjectNotFound


class ProjectNotFound(ObjectNotFound):
    pass


class ProjectIdNotFound(ProjectNotFound):
    """A save names a project to rename by an id no project of the business has."""

    def __init__(self, project_id: int, location: Location) -> None:
        super().__init__(f"Project with Id {project_id} was not found.", location=location)
        self.project_id = project_id

    def describe(self, where: str | None) -> str:
        if where is None:
            return self.message
        return f"Project with Id {self.project_id} ({where}) was not found."


class ProjectTitleTaken(BusinessRuleViolation):
    """A rename to the title another project has (titles name projects, so they are unique)."""

    def __init__(self, title: str, location: Location) -> None:
        super().__init__(f"another project is titled {title!r}.", location=location)
        self.title = title

    def describe(self, where: str | None) -> str:
        return f"Invalid value for {where}: {self.message}" if where else self.message
