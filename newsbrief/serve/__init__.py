"""The web app (`newsbrief serve`): list and search stored events, brief them or uploaded
articles in a worker thread, and serve each brief as a page and as JSON. Needs the ``serve``
extra (FastAPI, uvicorn, python-multipart)."""

from newsbrief.serve.app import create_app
from newsbrief.serve.config import Limits, ServeConfig

__all__ = ["Limits", "ServeConfig", "create_app"]
