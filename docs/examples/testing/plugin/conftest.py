# conftest.py
import pytest

from main import app


@pytest.fixture
def fasterapi_app():
    """The app the plugin's client fixtures test."""
    return app
