from FasterAPI import Faster
from FasterAPI.middleware.cors import CORSMiddleware
from FasterAPI.middleware.gzip import GZipMiddleware

app = Faster()
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],
    allow_methods=["GET", "POST"],
    allow_headers=["Authorization", "Content-Type"],
    allow_credentials=True,
)


@app.get("/data")
async def data() -> dict[str, str]:
    return {"text": "x" * 1000}
