// Opens the durable store: an embedded SQLite file by default, PostgreSQL when DATABASE_URL is set.
// Both go through the same Kysely schema and migrations.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider, type Dialect } from './migrations.ts';
import { ConveneError } from '../../src/protocol/errors.ts';
import { ensurePrivateFile, ensurePrivateFolder, restrictFile } from './private-files.ts';

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** True when this process is the database's only writer, so it may cache reads. */
  soleWriter: boolean;
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl: string | undefined;
}

// pg returns BIGINT columns as strings by default; our bigints are epoch milliseconds, which fit
// a JavaScript number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Statements kept compiled; Kysely's queries come from a small, fixed set of shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew, and with better-sqlite3 preparing costs more than running a
 * primary-key read. Reusing compiled statements by SQL text is safe: Kysely runs one query at a
 * time on this connection, and a statement is stateless between runs.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  if (options.databaseUrl) {
    dialect = 'postgres';
    db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: options.databaseUrl, max: 10 }),
      }),
    });
  } else {
    dialect = 'sqlite';
    ensurePrivateFolder(options.dataDir);
    const fileName = path.join(options.dataDir, 'convene.sqlite');
    // SQLite creates its file 0644 under the usual umask, and the -wal and -shm files with the
    // database file's mode: an owner-only database before SQLite opens it keeps all three so.
    ensurePrivateFile(fileName);
    restrictFile(`${fileName}-wal`);
    restrictFile(`${fileName}-shm`);
    const file = new SQLite(fileName);
    // WAL lets readers proceed during a write; synchronous=NORMAL is durable across a process
    // crash (kill -9), which is the failure we promise to survive.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(file) }),
    });
  }
  const { error } = await new Migrator({
    db,
    provider: migrationProvider(dialect),
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new ConveneError(
      'migration_failed',
      `could not migrate the ${dialect} database: ${String(error)}`,
      { cause: error },
    );
  }
  return { db, dialect, soleWriter: dialect === 'sqlite', close: () => db.destroy() };
}
