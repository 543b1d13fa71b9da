"""A CRUD API over a "database" handed out by a yield dependency: ``fasterapi dev examples/crud.py``.

The database is a tiny in-memory store with transactions: the dependency opens one per request,
commits when the handler succeeds and rolls back when it raises, then closes it — after the
response has been sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import msgspec

from FasterAPI import Depends, Faster, HTTPException, Query, status


class NoteIn(msgspec.Struct):
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    body: str = ""


class Note(msgspec.Struct):
    id: int
    title: str
    body: str


class Database:
    """An in-memory table with all-or-nothing transactions."""

    def __init__(self) -> None:
        self.rows: dict[int, Note] = {}
        self.next_id = 1
        self.log: list[str] = []

    def transaction(self) -> Transaction:
        return Transaction(self)


class Transaction:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows = dict(db.rows)
        self.next_id = db.next_id

    def commit(self) -> None:
        self.db.rows, self.db.next_id = self.rows, self.next_id
        self.db.log.append("commit")

    def rollback(self) -> None:
        self.db.log.append("rollback")


database = Database()


def get_db() -> Iterator[Transaction]:
    transaction = database.transaction()
    try:
        yield transaction
    except Exception:
        transaction.rollback()
        raise
    else:
        transaction.commit()


DB = Annotated[Transaction, Depends(get_db)]

app = Faster(title="Notes")


@app.get("/notes")
async def list_notes(db: DB, limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: int = 0) -> list[Note]:
    return list(db.rows.values())[offset : offset + limit]


@app.post("/notes", status_code=status.HTTP_201_CREATED)
async def create_note(note: NoteIn, db: DB) -> Note:
    created = Note(id=db.next_id, title=note.title, body=note.body)
    db.rows[created.id] = created
    db.next_id += 1
    return created


def _get_or_404(db: Transaction, note_id: int) -> Note:
    note = db.rows.get(note_id)
    if note is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"note {note_id} not found")
    return note


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db: DB) -> Note:
    return _get_or_404(db, note_id)


@app.put("/notes/{note_id}")
async def replace_note(note_id: int, note: NoteIn, db: DB) -> Note:
    _get_or_404(db, note_id)
    db.rows[note_id] = Note(id=note_id, title=note.title, body=note.body)
    return db.rows[note_id]


@app.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_note(note_id: int, db: DB) -> None:
    _get_or_404(db, note_id)
    del db.rows[note_id]
