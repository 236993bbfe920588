"""The ``hesabdar`` command: serve, migrate, and manage businesses."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer
from rich.console import Console

from hesabdar import migrate as migrations
from hesabdar.config import DEFAULT_DATABASE_URL
from hesabdar.db import Database

app = typer.Typer(
    help="hesabdar: a Hesabfa API v1 compatible accounting server.", no_args_is_help=True
)
business_app = typer.Typer(help="Create and manage businesses.", no_args_is_help=True)
app.add_typer(business_app, name="business")
console = Console(stderr=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        help=f"Database URL (default: $HESABDAR_DATABASE_URL or {DEFAULT_DATABASE_URL}).",
    ),
]


@app.callback()
def _start() -> None:
    """hesabdar: a Hesabfa API v1 compatible accounting server."""
    # Every command runs with the facades and domains connected, as the server does.
    from hesabdar import wiring

    wiring.wire()


def _database_url(option: str | None) -> str:
    return option or os.environ.get("HESABDAR_DATABASE_URL") or DEFAULT_DATABASE_URL


@app.command()
def migrate(database: DatabaseOption = None) -> None:
    """Create or upgrade the schema to the latest version."""
    url = _database_url(database)
    migrations.upgrade(url)
    console.print(
        f"[green]Schema is up to date[/green] ({Database(url).engine.url.render_as_string()})"
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    database: DatabaseOption = None,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Create a demo business with sample data if there is none."),
    ] = False,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
) -> None:
    """Migrate the schema, then serve the API."""
    import uvicorn

    from hesabdar.demo import ensure_demo_business

    url = _database_url(database)
    os.environ["HESABDAR_DATABASE_URL"] = url
    migrations.upgrade(url)
    if demo:
        db = Database(url)
        credentials = ensure_demo_business(db)
        db.dispose()
        base = f"http://{host}:{port}"
        body = json.dumps({"apiKey": credentials.api_key, "loginToken": credentials.login_token})
        console.print(
            "\n[bold]Demo business ready.[/bold] Credentials (new on every --demo start):\n"
            f"  apiKey:     {credentials.api_key}\n  loginToken: {credentials.login_token}\n"
            f"  userId:     {credentials.user_id}   password: demo-password\n\n"
            "Try it:\n"
            f"  curl -s {base}/v1/contact/getcontacts -H 'Content-Type: application/json' -d '{body}'\n"
            f"API docs: {base}/docs   OpenAPI: {base}/openapi.json\n",
            soft_wrap=True,
        )
    uvicorn.run(
        "hesabdar.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,
    )


@business_app.command("create")
def business_create(
    name: Annotated[str, typer.Option(help="The business's name.")],
    email: Annotated[str, typer.Option(help="The owner's email (the API's userId).")],
    password: Annotated[str, typer.Option(help="The owner's password.")],
    currency: Annotated[str, typer.Option(help="Base currency (ISO 4217).")] = "IRR",
    database: DatabaseOption = None,
) -> None:
    """Create a business, its owner, chart of accounts and fiscal year; print its credentials."""
    from hesabdar.kit.errors import HesabdarError
    from hesabdar.tenancy import service

    url = _database_url(database)
    migrations.upgrade(url)
    db = Database(url)
    try:
        with db.transaction() as session:
            credentials = service.create_business(
                session, name=name, email=email, password=password, currency=currency
            )
    except HesabdarError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    typer.echo(json.dumps(credentials.as_json()))


@business_app.command("api")
def business_api(
    business_id: Annotated[int, typer.Argument(help="The business id.")],
    enable: Annotated[bool, typer.Option("--enable/--disable", help="Turn the API on or off.")],
    database: DatabaseOption = None,
) -> None:
    """Turn a business's API on or off (ErrorCode 105 while off)."""
    from hesabdar.tenancy import service
    from hesabdar.tenancy.models import Business

    db = Database(_database_url(database))
    with db.transaction() as session:
        business = session.get(Business, business_id)
        if business is None:
            console.print(f"[red]No business with id {business_id}.[/red]")
            raise typer.Exit(1)
        service.set_api_enabled(session, business, enable)
    db.dispose()
    console.print(f"API {'enabled' if enable else 'disabled'} for business {business_id}.")


@business_app.command("rotate-credentials")
def business_rotate(
    business_id: Annotated[int, typer.Argument(help="The business id.")],
    database: DatabaseOption = None,
) -> None:
    """Issue a new apiKey and loginToken (the old ones stop working) and print them."""
    from hesabdar.tenancy import service
    from hesabdar.tenancy.models import Business

    db = Database(_database_url(database))
    with db.transaction() as session:
        business = session.get(Business, business_id)
        if business is None:
            console.print(f"[red]No business with id {business_id}.[/red]")
            raise typer.Exit(1)
        credentials = service.rotate_credentials(session, business)
    db.dispose()
    typer.echo(json.dumps(credentials.as_json()))


@app.command("make-migration", hidden=True)
def make_migration(
    message: Annotated[str, typer.Option("-m", help="What the migration does.")],
    database: DatabaseOption = None,
) -> None:
    """(Developers) autogenerate a migration from the models against an up-to-date database."""
    from alembic import command

    url = _database_url(database)
    command.revision(migrations.alembic_config(url), message=message, autogenerate=True)
