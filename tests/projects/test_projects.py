"""setting/GetProjects, SaveProject, DeleteProject (projects are keyed by Title)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from hesabdar.kit import references
from hesabdar.projects import service
from tests.conftest import Api


def test_save_list_edit_by_title(api: Api) -> None:
    assert api.ok("setting/GetProjects") == []
    saved = api.ok("setting/SaveProject", project={"Title": "پروژه الف"})
    assert saved == {"Id": saved["Id"], "Title": "پروژه الف", "Active": True}
    assert isinstance(saved["Id"], int)
    edited = api.ok("setting/SaveProject", project={"Title": " پروژه الف ", "Active": "false"})
    assert edited == {**saved, "Active": False}
    other = api.ok("setting/SaveProject", project={"Title": "B", "Active": None})
    assert other["Active"] is True
    assert api.ok("setting/GetProjects") == [edited, other]


def test_rename_by_id(api: Api) -> None:
    saved = api.ok("setting/SaveProject", project={"Title": "Old"})
    renamed = api.ok("setting/SaveProject", project={"Id": str(saved["Id"]), "Title": "New"})
    assert renamed == {**saved, "Title": "New"}
    assert api.ok("setting/GetProjects") == [renamed]
    # Id 0 or "" means no Id: the Title picks (here: creates) the project.
    created = api.ok("setting/SaveProject", project={"Id": 0, "Title": "Old"})
    assert created["Id"] != saved["Id"]
    assert api.ok("setting/SaveProject", project={"Id": "", "Title": "Old"}) == created


def test_case_insensitive_keys(api: Api) -> None:
    saved = api.ok("setting/saveproject", PROJECT={"title": "X", "ACTIVE": "True"})
    assert (saved["Title"], saved["Active"]) == ("X", True)


def test_rejected_saves_change_nothing(api: Api) -> None:
    first = api.ok("setting/SaveProject", project={"Title": "A"})
    second = api.ok("setting/SaveProject", project={"Title": "B"})
    with api.unchanged("setting/GetProjects"):
        assert api.fail("setting/SaveProject", 104, project={"Active": True}) == (
            "Missing parameter: project.Title is required."
        )
        assert "project.Title" in api.fail("setting/SaveProject", 104, project={"Title": ""})
        assert "project.Title" in api.fail("setting/SaveProject", 104, project={"Title": None})
        message = api.fail("setting/SaveProject", 190, project={"Id": second["Id"], "Title": "A"})
        assert message == "Invalid value for project.Title: another project is titled 'A'."
        message = api.fail("setting/SaveProject", 112, project={"Id": 999999, "Title": "Z"})
        assert message == "Project with Id 999999 (project.Id) was not found."
        assert "project.Id" in api.fail(
            "setting/SaveProject", 114, project={"Id": "x", "Title": "Z"}
        )
    assert api.ok("setting/GetProjects") == [first, second]
    assert len(api.ok("setting/GetChanges", start=0)) == 2


def test_delete_and_change_log(api: Api) -> None:
    saved = api.ok("setting/SaveProject", project={"Title": "A"})
    api.ok("setting/SaveProject", project={"Title": "A", "Active": False})
    assert api.ok("setting/DeleteProject", title="A") is True
    assert api.ok("setting/GetProjects") == []
    with api.unchanged("setting/GetProjects"):
        assert api.fail("setting/DeleteProject", 112, title="A") == "Project 'A' was not found."
        assert "title" in api.fail("setting/DeleteProject", 104)
    assert [
        (row["Action"], row["ObjectType"], row["ObjectId"], row["Extra"])
        for row in api.ok("setting/GetChanges", start=0)
    ] == [
        (1051, "Project", saved["Id"], "A"),
        (1052, "Project", saved["Id"], "A"),
        (1053, "Project", saved["Id"], "A"),
    ]


@pytest.fixture
def project_in_use() -> Iterator[None]:
    def uses(_session: Session, _business_id: int, _record_id: int) -> str | None:
        return "invoice 1001"

    references.register_referrer("project", uses)
    yield
    references.unregister_referrer("project", uses)


@pytest.mark.usefixtures("project_in_use")
def test_referenced_project_is_kept(api: Api) -> None:
    saved = api.ok("setting/SaveProject", project={"Title": "A"})
    with api.unchanged("setting/GetProjects"):
        assert api.fail("setting/DeleteProject", 190, title="A") == (
            "Project 'A' cannot be deleted: invoice 1001 refers to it."
        )
    assert api.ok("setting/GetProjects") == [saved]


def test_tenancy(api: Api, other_api: Api) -> None:
    saved = api.ok("setting/SaveProject", project={"Title": "A"})
    assert other_api.ok("setting/GetProjects") == []
    with api.unchanged("setting/GetProjects"), other_api.unchanged("setting/GetProjects"):
        assert other_api.fail("setting/DeleteProject", 112, title="A") == (
            "Project 'A' was not found."
        )
        # Renaming by the first business's Id is as if the project did not exist.
        assert other_api.fail(
            "setting/SaveProject", 112, project={"Id": saved["Id"], "Title": "Stolen"}
        ) == (f"Project with Id {saved['Id']} (project.Id) was not found.")
    theirs = other_api.ok("setting/SaveProject", project={"Title": "A", "Active": False})
    assert theirs["Id"] != saved["Id"]
    assert api.ok("setting/GetProjects") == [saved]


def test_get_project_by_title(api: Api, other_api: Api) -> None:
    api.ok("setting/SaveProject", project={"Title": "A"})
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        row = service.get_project_by_title(session, api.credentials.business_id, " A ")
        assert row is not None
        assert (row.title, row.is_active) == ("A", True)
        assert service.get_project_by_title(session, api.credentials.business_id, "B") is None
        assert service.get_project_by_title(session, api.credentials.business_id, None) is None
        assert service.get_project_by_title(session, other_api.credentials.business_id, "A") is None
