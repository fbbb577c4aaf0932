// The type of the store's SQLite connection, in a file of its own: the repositories need only the
// type, and db.ts (which opens the connection and runs the migrations, which use the repositories)
// would otherwise be in an import cycle with them.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
