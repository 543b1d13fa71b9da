from FasterAPI.testclient import TestClient

from main import VEHICLES, app

client = TestClient(app)


def test_exclude_unset_sends_only_what_was_set() -> None:
    assert client.get("/items/foo").json() == {"name": "Foo", "price": 50.2}
    assert client.get("/items/bar").json() == {
        "name": "Bar",
        "description": "The bartenders",
        "price": 62.0,
        "tax": 20.2,
    }


def test_union_response_model_picks_the_fitting_member() -> None:
    assert client.get("/vehicles/item1").json() == VEHICLES["item1"]
    assert client.get("/vehicles/item2").json() == VEHICLES["item2"]
