// Opens the durable store: an embedded SQLite file by default, PostgreSQL when DATABASE_URL is set.
// Both go through the same Kysely schema and migrations.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider, type Dialect } from './migrations.ts';

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl: string | undefined;
}

// pg returns BIGINT columns as strings by default; our bigints are epoch milliseconds, which fit
// a JavaScript number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openStorage(options: StorageOptions): Promise<Storage> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  if (options.databaseUrl) {
    dialect = 'postgres';
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, max: 10 }) }),
    });
  } else {
    dialect = 'sqlite';
    fs.mkdirSync(options.dataDir, { recursive: true });
    const file = new SQLite(path.join(options.dataDir, 'convene.sqlite'));
    // WAL lets readers proceed during a write; synchronous=NORMAL is durable across a process
    // crash (kill -9), which is the failure we promise to survive.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  }
  const { error } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`could not migrate the ${dialect} database: ${String(error)}`);
  }
  return { db, dialect, close: () => db.destroy() };
}
