"""The ``hesabdar`` command: serve, migrate, and manage businesses."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from hesabdar import __version__
from hesabdar import migrate as migrations
from hesabdar.config import DEFAULT_DATABASE_URL, Settings
from hesabdar.db import Database

app = typer.Typer(
    help="hesabdar: a Hesabfa API v1 compatible accounting server.", no_args_is_help=True
)
business_app = typer.Typer(help="Create and manage businesses.", no_args_is_help=True)
app.add_typer(business_app, name="business")
hooks_app = typer.Typer(help="Change hooks: what was sent, what failed.", no_args_is_help=True)
app.add_typer(hooks_app, name="hooks")
console = Console(stderr=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        help=f"Database URL (default: $HESABDAR_DATABASE_URL or {DEFAULT_DATABASE_URL}).",
    ),
]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"hesabdar {__version__}")
        raise typer.Exit()


@app.callback()
def _start(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """hesabdar: a Hesabfa API v1 compatible accounting server."""
    # Every command runs with the facades and domains connected, as the server does.
    from hesabdar import wiring

    wiring.wire()


def _database_url(option: str | None) -> str:
    """The database to use, after checking that it can be reached: a database that does not
    exist, or a server that does not answer, gets one paragraph saying what to do, not a
    traceback."""
    url = option or os.environ.get("HESABDAR_DATABASE_URL") or DEFAULT_DATABASE_URL
    database = Database(url)
    try:
        with database.engine.connect():
            pass
    except OperationalError as error:
        console.print(_unreachable(url, error), soft_wrap=True)
        raise typer.Exit(1) from None
    finally:
        database.dispose()
    return url


def _unreachable(url: str, error: OperationalError) -> str:
    parsed = make_url(url)
    shown = parsed.render_as_string(hide_password=True)
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if parsed.get_backend_name() == "sqlite":
        return (
            f"[red]Cannot open the SQLite database {shown}[/red] ({reason}). Check that its "
            "folder exists and can be written; hesabdar creates the file itself."
        )
    if "does not exist" in reason and parsed.database:
        host, port = parsed.host or "127.0.0.1", parsed.port or 5432
        user = f" -U {parsed.username}" if parsed.username else ""
        return (
            f"[red]The database {parsed.database!r} does not exist[/red] on the PostgreSQL "
            f"server of {shown}. Create it, then run this command again (hesabdar creates its "
            f"tables itself):\n  createdb -h {host} -p {port}{user} {parsed.database}\nor, "
            f'from psql: CREATE DATABASE "{parsed.database}";'
        )
    return (
        f"[red]Cannot connect to the database[/red] {shown}: {reason}. Check that PostgreSQL "
        "is running and that the URL's host, port, user and password are right (set by "
        "--database or HESABDAR_DATABASE_URL)."
    )


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
    settings = Settings()  # after HESABDAR_DATABASE_URL is set above
    uvicorn.run(
        "hesabdar.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,
        # A slow or idle client must not hold a connection: see the README's deployment notes.
        timeout_keep_alive=settings.keep_alive_timeout_seconds,
        h11_max_incomplete_event_size=settings.max_header_bytes,
        limit_concurrency=settings.max_connections or None,
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


@business_app.command("list")
def business_list(database: DatabaseOption = None) -> None:
    """List the businesses: id, name, owner, and whether their API is on."""
    from rich.table import Table

    from hesabdar.tenancy import service

    url = _database_url(database)
    migrations.upgrade(url)
    db = Database(url)
    try:
        with db.transaction(write=False) as session:
            rows = service.list_businesses(session)
    finally:
        db.dispose()
    table = Table("id", "name", "owner", "API")
    for row in rows:
        table.add_row(str(row.id), row.name, row.owner, "on" if row.api_enabled else "off")
    Console().print(table)


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


@business_app.command("negative-stock")
def business_negative_stock(
    business_id: Annotated[int, typer.Argument(help="The business id.")],
    allow: Annotated[
        bool,
        typer.Option(
            "--allow/--refuse",
            help="Let a sale take an item's stock below zero (the default), or refuse it (190).",
        ),
    ],
    database: DatabaseOption = None,
) -> None:
    """Allow or refuse stock below zero (setting/SetInventorySettings does the same)."""
    from hesabdar.businessinfo import service
    from hesabdar.tenancy.models import Business

    db = Database(_database_url(database))
    with db.transaction() as session:
        if session.get(Business, business_id) is None:
            console.print(f"[red]No business with id {business_id}.[/red]")
            raise typer.Exit(1)
        service.set_inventory_settings(
            session, business_id, allow_negative_stock=allow, via_api=False
        )
    db.dispose()
    console.print(f"Negative stock {'allowed' if allow else 'refused'} for business {business_id}.")


@business_app.command("online-payment")
def business_online_payment(
    business_id: Annotated[int, typer.Argument(help="The business id.")],
    enable: Annotated[
        bool | None,
        typer.Option(
            "--enable/--disable",
            help="Turn paying invoices online on or off (without either: show the setting).",
        ),
    ] = None,
    gateway: Annotated[
        str | None, typer.Option(help="The gateway: sandbox (simulates the bank).")
    ] = None,
    bank_code: Annotated[
        str | None, typer.Option("--bank-code", help="The bank online payments are received into.")
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Show or change the online payment setting (setting/SetOnlinePayment does the same)."""
    from hesabdar.kit.errors import HesabdarError
    from hesabdar.online import service
    from hesabdar.tenancy.models import Business

    db = Database(_database_url(database))
    try:
        with db.transaction(write=enable is not None) as session:
            business = session.get(Business, business_id)
            if business is None:
                console.print(f"[red]No business with id {business_id}.[/red]")
                raise typer.Exit(1)
            if enable is None:
                settings = service.online_settings(session, business_id)
            else:
                settings = service.set_online_payment(
                    session,
                    business,
                    enabled=enable,
                    gateway=gateway,
                    bank_code=bank_code,
                    via_api=False,
                )
    except HesabdarError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    bank = settings.bank.code if settings.bank else "-"
    state = "enabled" if settings.enabled else "disabled"
    typer.echo(f"Online payment {state}; gateway: {settings.gateway or '-'}; bank: {bank}")


@business_app.command("revoke-links")
def business_revoke_links(
    business_id: Annotated[int, typer.Argument(help="The business id.")],
    invoice: Annotated[
        int | None, typer.Option(help="Every link to this sale invoice's page.")
    ] = None,
    contact: Annotated[str | None, typer.Option(help="Every link to this contact's page.")] = None,
    url: Annotated[str | None, typer.Option(help="This one link (its URL or token).")] = None,
    database: DatabaseOption = None,
) -> None:
    """Make links to public pages stop working: an invoice's, a contact's, or one URL."""
    from hesabdar.invoices.schemas import InvoiceType
    from hesabdar.kit.errors import HesabdarError
    from hesabdar.online import service

    if [invoice, contact, url].count(None) != 2:
        console.print("[red]Name one of --invoice, --contact or --url.[/red]")
        raise typer.Exit(2)
    db = Database(_database_url(database))
    try:
        with db.transaction() as session:
            if invoice is not None:
                revoked = service.revoke_invoice_urls(
                    session, business_id, InvoiceType.SALE, invoice
                )
            elif contact is not None:
                revoked = service.revoke_contact_links(session, business_id, contact)
            else:
                token = (url or "").rstrip("/").rsplit("/", 1)[-1]
                revoked = service.revoke_token(session, business_id, token)
    except HesabdarError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    typer.echo(f"{revoked} link(s) revoked.")


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


@hooks_app.command("list")
def hooks_list(
    business_id: Annotated[int, typer.Option("--business", help="The business id.")],
    failed: Annotated[bool, typer.Option("--failed", help="Only the failed deliveries.")] = False,
    limit: Annotated[int, typer.Option(help="How many, newest first.", min=1)] = 50,
    database: DatabaseOption = None,
) -> None:
    """A business's latest change-hook deliveries: status, attempts, what and the last error."""
    from rich.table import Table

    from hesabdar.changes import hooks

    db = Database(_database_url(database))
    try:
        with db.transaction(write=False) as session:
            rows = hooks.recent_deliveries(session, business_id, failed_only=failed, limit=limit)
    finally:
        db.dispose()
    table = Table(
        "id", "created", "status", "attempts", "action", "type", "ids", "sent / next", "last error"
    )
    for row in rows:
        when = row.sent_at if row.status == hooks.SENT else row.next_attempt_at
        table.add_row(
            str(row.id),
            f"{row.created_at:%Y-%m-%d %H:%M:%S}",
            row.status,
            str(row.attempts),
            str(row.action),
            row.object_type,
            ",".join(str(i) for i in json.loads(row.object_ids)),
            f"{when:%Y-%m-%d %H:%M:%S}" if when and row.status != hooks.FAILED else "",
            row.last_error,
        )
    Console().print(table)


@app.command("make-migration", hidden=True)
def make_migration(
    message: Annotated[str, typer.Option("-m", help="What the migration does.")],
    database: DatabaseOption = None,
) -> None:
    """(Developers) autogenerate a migration from the models against an up-to-date database."""
    from alembic import command

    url = _database_url(database)
    command.revision(migrations.alembic_config(url), message=message, autogenerate=True)
