"""``uvicorn hesabdar.asgi:app``: settings come from the environment."""

from hesabdar.app import create_app

app = create_app()
