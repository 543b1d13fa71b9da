from FasterAPI import FastAPI
from FasterAPI.routing import APIRoute

app = FastAPI()


@app.get("/summary/", summary="Read the items", description="Reads all the items there are")
async def read_summary():
    return []


@app.post("/docstring/", response_description="The created item")
async def create_item(name: str):
    """
    Create an item with all the information:

    - **name**: each item must have a name
    \f
    :param name: not shown in the document.
    """
    return {"name": name}


@app.get("/deprecated/", deprecated=True)
async def read_deprecated():
    return []


@app.get("/operation-id/", operation_id="some_specific_id_you_define")
async def read_operation_id():
    return []


@app.get("/hidden/", include_in_schema=False)
async def read_hidden():
    return []


def use_route_names_as_operation_ids(app: FastAPI) -> None:
    for route in app.routes:
        if isinstance(route, APIRoute) and route.name == "read_renamed":
            route.operation_id = route.name


@app.get("/renamed/")
async def read_renamed():
    return []


use_route_names_as_operation_ids(app)
