from typing import Annotated

from FasterAPI import FastAPI, File, Form, UploadFile

app = FastAPI()


@app.post("/files/")
async def create_file(file: Annotated[bytes, File(description="A file read as bytes")]):
    return {"file_size": len(file)}


@app.post("/uploadfile/")
async def create_upload_file(file: Annotated[UploadFile, File(description="A file read as UploadFile")]):
    return {"filename": file.filename}


@app.post("/optional-file/")
async def optional_file(file: Annotated[bytes | None, File()] = None):
    return {"file_size": None if file is None else len(file)}


@app.post("/optional-upload/")
async def optional_upload(file: UploadFile | None = None):
    return {"filename": None if file is None else file.filename}


@app.post("/many-files/")
async def many_files(files: Annotated[list[bytes], File()]):
    return {"file_sizes": [len(f) for f in files]}


@app.post("/many-uploads/")
async def many_uploads(files: list[UploadFile]):
    return {"filenames": [f.filename for f in files]}


@app.post("/form-and-file/")
async def form_and_file(
    file: Annotated[bytes, File()], fileb: Annotated[UploadFile, File()], token: Annotated[str, Form()]
):
    return {"file_size": len(file), "token": token}
