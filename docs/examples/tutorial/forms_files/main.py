from typing import Annotated

from FasterAPI import Faster, File, Form, UploadFile

app = Faster()


@app.post("/login")
async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]) -> dict[str, str]:
    return {"username": username}


@app.post("/files")
async def upload(
    file: UploadFile,
    note: Annotated[str, Form()] = "",
    thumbnail: Annotated[bytes | None, File()] = None,
) -> dict[str, object]:
    content = await file.read()
    return {
        "filename": file.filename,
        "content_type": file.content_type,
        "size": len(content),
        "note": note,
        "thumbnail_size": len(thumbnail) if thumbnail is not None else None,
    }


@app.post("/many")
async def upload_many(files: list[UploadFile]) -> list[str]:
    return [f.filename or "" for f in files]
