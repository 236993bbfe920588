"""setting/GetProjects, GetSalesmen (Hesabfa) and their Save*/Delete* (hesabdar's own)."""

from __future__ import annotations

from typing import Any

from hesabdar.kit.numbers import Int64
from hesabdar.projects import schemas, service
from hesabdar.projects.models import Project, Salesman
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import CodeParams, V1Model, V1Params
from hesabdar.v1.registry import V1Methods


class ProjectModel(V1Model):
    __columns__ = Project

    id: Int64 | None = None
    title: str | None = None
    active: bool | None = None


class SaveProjectParams(V1Params):
    project: ProjectModel


class DeleteProjectParams(V1Params):
    title: str


class SalesmanModel(V1Model):
    __columns__ = Salesman

    code: str | None = None
    name: str | None = None
    active: bool | None = None
    note: str | None = None


class SaveSalesmanParams(V1Params):
    salesman: SalesmanModel


def render_project(project: Project) -> dict[str, Any]:
    return {"Id": project.id, "Title": project.title, "Active": project.is_active}


def render_salesman(salesman: Salesman) -> dict[str, Any]:
    return {
        "Id": salesman.id,
        "Code": salesman.code,
        "Name": salesman.name,
        "Active": salesman.is_active,
        "Note": salesman.note,
    }


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetProjects")
def get_projects(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The business's projects."""
    return [render_project(row) for row in service.list_projects(ctx.session, ctx.business_id)]


@methods.method("setting", "SaveProject", params=SaveProjectParams, write=True)
def save_project(ctx: RequestContext, params: SaveProjectParams) -> dict[str, Any]:
    """Create or edit a project by Title; with an Id, rename that project."""
    project = service.save_project(
        ctx.session,
        ctx.business_id,
        schemas.ProjectInput(
            title=params.project.title, active=params.project.active, id=params.project.id
        ),
        via_api=ctx.via_api,
    )
    return render_project(project)


@methods.method("setting", "DeleteProject", params=DeleteProjectParams, write=True)
def delete_project(ctx: RequestContext, params: DeleteProjectParams) -> bool:
    """Delete a project that nothing refers to."""
    service.delete_project(ctx.session, ctx.business_id, params.title, via_api=ctx.via_api)
    return True


@methods.method("setting", "GetSalesmen")
def get_salesmen(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The business's salesmen, by code."""
    return [render_salesman(row) for row in service.list_salesmen(ctx.session, ctx.business_id)]


@methods.method("setting", "SaveSalesman", params=SaveSalesmanParams, write=True)
def save_salesman(ctx: RequestContext, params: SaveSalesmanParams) -> dict[str, Any]:
    """Create (empty or unknown Code) or edit (existing Code) a salesman."""
    salesman = service.save_salesman(
        ctx.session,
        ctx.business_id,
        schemas.SalesmanInput(
            code=params.salesman.code,
            name=params.salesman.name,
            active=params.salesman.active,
            note=params.salesman.note,
        ),
        via_api=ctx.via_api,
    )
    return render_salesman(salesman)


@methods.method("setting", "DeleteSalesman", params=CodeParams, write=True)
def delete_salesman(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete a salesman that nothing refers to."""
    service.delete_salesman(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True
