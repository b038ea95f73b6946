import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, preferredDriver, type SqliteConnection } from './sqlite-driver.js';

const [major, minor] = process.versions.node.split('.').map(Number);
const hasCompleteNodeSqlite = major > 22 || (major === 22 && minor >= 16);

let conn: SqliteConnection | undefined;
afterEach(() => conn?.close());

describe('SQLite driver', () => {
  it('uses the built-in node:sqlite where Node has it (production Node 24), better-sqlite3 on Node 20', () => {
    expect(preferredDriver()).toBe(hasCompleteNodeSqlite ? 'node:sqlite' : 'better-sqlite3');
  });

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
    expect(rows).toEqual([{ id: 1, name: 'Camille' }, { id: 2, name: 'Karim' }]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect([...conn.prepare('select name from t order by id').iterate([])]).toEqual([{ name: 'Camille' }, { name: 'Karim' }]);
  });
});
