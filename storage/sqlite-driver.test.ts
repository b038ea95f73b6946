import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteConnection } from './sqlite-driver.js';

let conn: SqliteConnection | undefined;
afterEach(() => conn?.close());

describe('SQLite driver', () => {
  it('tells reading statements from writing ones, binds parameters and returns plain rows', () => {
    conn = openSqlite(':memory:');
    conn.exec('create table t (id integer primary key autoincrement, name text)');
    const insert = conn.prepare('insert into t (name) values (?)');
    expect(insert.reader).toBe(false);
    expect(insert.run(['Camille'])).toMatchObject({ changes: 1, lastInsertRowid: 1 });
    const returning = conn.prepare('insert into t (name) values (?) returning id');
    expect(returning.reader).toBe(true);
    expect(returning.all(['Karim'])).toEqual([{ id: 2 }]);
    const rows = conn.prepare('select id, name from t where id > ? order by id').all([0]);
    expect(rows).toEqual([
      { id: 1, name: 'Camille' },
      { id: 2, name: 'Karim' },
    ]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect([...conn.prepare('select name from t order by id').iterate([])]).toEqual([{ name: 'Camille' }, { name: 'Karim' }]);
  });
});

describe('full-text search in the built-in SQLite', () => {
  it('has FTS5 with accent folding, bm25 ranking and snippets', () => {
    conn = openSqlite(':memory:');
    conn.exec("create virtual table docs using fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')");
    const insert = conn.prepare('insert into docs (title, body) values (?, ?)');
    insert.run(['État civil', 'Un tableau pour les actes']);
    insert.run(['Accueil', 'Un ticket de couleur']);
    const rows = conn
      .prepare(
        "select title, bm25(docs, 10, 1) as score, snippet(docs, 1, '[', ']', '…', 5) as excerpt from docs where docs match ? order by score",
      )
      .all(['etat OR tabl*']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: 'État civil', excerpt: 'Un [tableau] pour les actes' });
  });
});
