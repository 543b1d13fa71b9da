from FasterAPI.testclient import TestClient

from main import app, outbox


def test_tasks_run_after_the_response_in_order() -> None:
    outbox.clear()
    response = TestClient(app).post("/send-notification/ann@example.com?q=urgent")
    assert response.status_code == 202
    assert outbox == ["query: urgent", "notification for ann@example.com: some notification"]
