from typing import Annotated

from FasterAPI import BackgroundTasks, Depends, Faster

app = Faster()
outbox: list[str] = []


def write_notification(email: str, message: str = "") -> None:
    outbox.append(f"notification for {email}: {message}")  # e.g. send an email


async def log_query(background_tasks: BackgroundTasks, q: str | None = None) -> str | None:
    if q:
        background_tasks.add_task(outbox.append, f"query: {q}")
    return q


@app.post("/send-notification/{email}", status_code=202)
async def send_notification(
    email: str, background_tasks: BackgroundTasks, q: Annotated[str | None, Depends(log_query)]
) -> dict[str, str]:
    background_tasks.add_task(write_notification, email, message="some notification")
    return {"message": "Notification sent in the background"}
