from FasterAPI.testclient import TestClient

from main import app

client = TestClient(app)


def test_a_valid_body() -> None:
    assert client.post("/", json=[1, 2, 3]).json() == 6


def test_the_error_detail_carries_the_body() -> None:
    response = client.post("/", json={"numbers": [1, 2, 3]})
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "errors": [
                {
                    "type": "list_type",
                    "loc": ["body"],
                    "msg": "Input should be a valid list",
                    "input": {"numbers": [1, 2, 3]},
                }
            ],
            "body": '{"numbers":[1,2,3]}',
        }
    }
