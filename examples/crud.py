"""A CRUD API over a "database" handed out by a yield dependency: ``fasterapi dev examples/crud.py``.

The database is a tiny in-memory store with transactions: the dependency opens one per request and
each handler commits it *before returning*, so a client that gets its 201 can read the new note at
once. The dependency's exit code runs only after the response has been sent: it is the place to roll
back what was not committed (the handler raised) and to close, never the place to commit.
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


class Message(msgspec.Struct):
    detail: str


#: Documented on the routes that answer it, so clients (and the OpenAPI document) know it can happen.
NOT_FOUND = {404: {"model": Message, "description": "No such note"}}


class Database:
    """An in-memory table; transactions stage their changes and apply only those on commit."""

    def __init__(self) -> None:
        self.rows: dict[int, Note] = {}
        self.next_id = 1
        self.log: list[str] = []

    def transaction(self) -> Transaction:
        return Transaction(self)


class Transaction:
    """Reads see the table plus this transaction's own changes; ``commit`` applies just the changes,
    so two requests writing different notes at the same time both keep their writes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.changes: dict[int, Note | None] = {}  # None: deleted
        self.committed = False

    def get(self, note_id: int) -> Note | None:
        if note_id in self.changes:
            return self.changes[note_id]
        return self.db.rows.get(note_id)

    def all(self) -> list[Note]:
        merged: dict[int, Note | None] = {**self.db.rows, **self.changes}
        return [note for _, note in sorted(merged.items(), key=lambda item: item[0]) if note is not None]

    def new_id(self) -> int:
        note_id = self.db.next_id
        self.db.next_id += 1
        return note_id

    def put(self, note: Note) -> None:
        self.changes[note.id] = note

    def delete(self, note_id: int) -> None:
        self.changes[note_id] = None

    def commit(self) -> None:
        for note_id, note in self.changes.items():
            if note is None:
                self.db.rows.pop(note_id, None)
            else:
                self.db.rows[note_id] = note
        self.changes.clear()
        self.committed = True
        self.db.log.append("commit")

    def rollback(self) -> None:
        self.changes.clear()
        self.db.log.append("rollback")


database = Database()


def get_db() -> Iterator[Transaction]:
    """One transaction per request. The code after ``yield`` runs once the response is sent: it only
    rolls back what the handler did not commit (it raised, or forgot to)."""
    transaction = database.transaction()
    try:
        yield transaction
    finally:
        if not transaction.committed:
            transaction.rollback()


DB = Annotated[Transaction, Depends(get_db)]

app = Faster(title="Notes")


@app.get("/notes")
async def list_notes(db: DB, limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: int = 0) -> list[Note]:
    return db.all()[offset : offset + limit]


@app.post("/notes", status_code=status.HTTP_201_CREATED)
async def create_note(note: NoteIn, db: DB) -> Note:
    created = Note(id=db.new_id(), title=note.title, body=note.body)
    db.put(created)
    db.commit()
    return created


def _get_or_404(db: Transaction, note_id: int) -> Note:
    note = db.get(note_id)
    if note is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"note {note_id} not found")
    return note


@app.get("/notes/{note_id}", responses=NOT_FOUND)
async def read_note(note_id: int, db: DB) -> Note:
    return _get_or_404(db, note_id)


@app.put("/notes/{note_id}", responses=NOT_FOUND)
async def replace_note(note_id: int, note: NoteIn, db: DB) -> Note:
    _get_or_404(db, note_id)
    replaced = Note(id=note_id, title=note.title, body=note.body)
    db.put(replaced)
    db.commit()
    return replaced


@app.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
async def delete_note(note_id: int, db: DB) -> None:
    _get_or_404(db, note_id)
    db.delete(note_id)
    db.commit()
