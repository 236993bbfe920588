from hesabdar.cli import app

app()
