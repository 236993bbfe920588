"""Projects (keyed by title, as Hesabfa's documents and invoices name them) and salesmen."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.coded import CodedRecords, delete_unless_referenced, required_name
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.projects.errors import ProjectIdNotFound, ProjectNotFound, ProjectTitleTaken
from hesabdar.projects.models import SALESMAN_CODE_WIDTH, Project, Salesman
from hesabdar.projects.schemas import PROJECT_AT, SALESMAN_AT, ProjectInput, SalesmanInput

MAX_CODE_LENGTH = 20
MAX_TITLE_LENGTH = 200


# --- projects -------------------------------------------------------------------------------


def get_project_by_title(session: Session, business_id: int, title: str | None) -> Project | None:
    text = (title or "").strip()
    if not text:
        return None
    return session.scalar(
        select(Project).where(Project.business_id == business_id, Project.title == text)
    )


def list_projects(session: Session, business_id: int) -> list[Project]:
    return list(
        session.scalars(
            select(Project).where(Project.business_id == business_id).order_by(Project.id)
        )
    )


def save_project(
    session: Session,
    business_id: int,
    data: ProjectInput,
    *,
    at: Location = PROJECT_AT,
    via_api: bool = True,
) -> Project:
    title = (data.title or "").strip()
    if not title:
        raise MissingParameter(location=at / "title")
    if len(title) > MAX_TITLE_LENGTH:
        raise InvalidFieldValue(f"at most {MAX_TITLE_LENGTH} characters.", location=at / "title")
    same_title = get_project_by_title(session, business_id, title)
    if data.id:
        row = session.scalar(
            select(Project).where(Project.business_id == business_id, Project.id == data.id)
        )
        if row is None:
            raise ProjectIdNotFound(data.id, at / "id")
        if same_title is not None and same_title.id != row.id:
            raise ProjectTitleTaken(title, at / "title")
    else:
        row = same_title
    creating = row is None
    if row is None:
        row = Project(
            business_id=business_id,
            title=title,
            is_active=True if data.active is None else data.active,
        )
        session.add(row)
    else:
        row.title = title
        if data.active is not None:
            row.is_active = data.active
    session.flush()
    changes.record(
        session,
        business_id,
        LogAction.PROJECT_SAVE if creating else LogAction.PROJECT_EDIT,
        "Project",
        row.id,
        extra=row.title,
        via_api=via_api,
    )
    return row


def delete_project(
    session: Session, business_id: int, title: str | None, *, via_api: bool = True
) -> None:
    text = (title or "").strip()
    if not text:
        raise MissingParameter(location=Location.of("title"))
    row = get_project_by_title(session, business_id, text)
    if row is None:
        raise ProjectNotFound(f"Project {text!r} was not found.")
    ensure_unreferenced(session, "project", business_id, row.id, f"Project {row.title!r}")
    changes.record(
        session,
        business_id,
        LogAction.PROJECT_DELETE,
        "Project",
        row.id,
        extra=row.title,
        via_api=via_api,
    )
    delete_unless_referenced(session, row, f"Project {row.title!r}")


# --- salesmen -------------------------------------------------------------------------------


SALESMEN = CodedRecords(
    Salesman,
    "salesman",
    "Salesman",
    "Salesman",
    SALESMAN_CODE_WIDTH,
    LogAction.SALESMAN_SAVE,
    LogAction.SALESMAN_EDIT,
    LogAction.SALESMAN_DELETE,
)


def get_salesman_by_code(session: Session, business_id: int, code: Any) -> Salesman | None:
    return SALESMEN.get(session, business_id, code)


def list_salesmen(session: Session, business_id: int) -> list[Salesman]:
    return SALESMEN.list(session, business_id)


def save_salesman(
    session: Session,
    business_id: int,
    data: SalesmanInput,
    *,
    at: Location = SALESMAN_AT,
    via_api: bool = True,
) -> Salesman:
    row, code = SALESMEN.find_for_save(session, business_id, data.code, at)
    creating = row is None
    name = required_name(data.name, creating, at)
    if row is None:
        row = Salesman(
            business_id=business_id,
            code=code or SALESMEN.next_code(session, business_id),
            name=name,
            is_active=True if data.active is None else data.active,
            note=data.note or "",
        )
        session.add(row)
    else:
        if name is not None:
            row.name = name
        if data.active is not None:
            row.is_active = data.active
        if data.note is not None:
            row.note = data.note
    SALESMEN.record_saved(session, business_id, row, creating=creating, via_api=via_api)
    return row


def delete_salesman(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    SALESMEN.delete(session, business_id, code, via_api=via_api)
