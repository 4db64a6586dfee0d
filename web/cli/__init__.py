from web.cli.main import main

__all__ = ["main"]
