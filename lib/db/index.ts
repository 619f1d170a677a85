import "server-only";
/**
 * The database: embedded PGlite under DATA_DIR by default, real PostgreSQL when DATABASE_URL is set.
 * Opened lazily (never at import, so `next build` touches nothing) and migrated on first use.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { config } from "../config";
import * as schema from "./schema";

/** Both drivers share Drizzle's Postgres query API; the node-postgres type stands for either. */
export type Db = NodePgDatabase<typeof schema>;

interface Opened {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

const MIGRATIONS = path.join(process.cwd(), "drizzle");

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  /** Tests of a migration open a database as an earlier version left it. */
  migrationsFolder?: string;
}): Promise<Opened> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS;
  if (options.databaseUrl) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    // A connection that cannot be made in 5 s fails the request (503) rather than hanging it.
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle connection dropped by a restarting server is reported here; without a listener it would be an
    // uncaught exception. The pool replaces it on the next query.
    pool.on("error", (error) => console.error(`database: a pooled connection failed (${error.message}); reconnecting on demand`));
    // A connection that drops while checked out (mid-transaction) emits "error" on its client, where the pool's
    // listener does not hear it: uncaught, it would end the process. Its query fails on its own; this keeps it at that.
    pool.on("connect", (client) => client.on("error", (error) => console.error(`database: a connection in use failed (${error.message})`)));
    const db = drizzle(pool, { schema });
    // Instances starting together on one database take turns: two concurrent migrations would both try
    // to create the same tables.
    const lock = await pool.connect();
    try {
      await lock.query("select pg_advisory_lock(72061001)");
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.query("select pg_advisory_unlock(72061001)").catch(() => undefined);
      lock.release();
    }
    return { db, kind: "postgres", close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let dataPath = "memory://";
  if (options.dataDir && options.dataDir !== "memory://") {
    // A folder of data at run time, not a build input: Turbopack must not trace (and bundle) what lies in it.
    dataPath = path.join(/* turbopackIgnore: true */ options.dataDir, "pglite");
    // PGlite does not create parent folders.
    await mkdir(dataPath, { recursive: true });
    if (!existsSync(path.join(dataPath, "PG_VERSION"))) await initialiseInChild(dataPath);
  }
  // Shared buffers of 32 MB instead of PostgreSQL's 128: the data files sit in the OS page cache anyway, and
  // the smaller pool keeps the studio ~120 MB lighter (measured: 343 → 222 MB RSS over a 100,000-row table).
  const client = await PGlite.create(dataPath, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"] });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  // Embedded PostgreSQL has no autovacuum to keep planner statistics fresh; without them a grown gallery
  // is planned as if it were empty (a full sort instead of an index scan). Cheap at this scale.
  await client.exec("analyze");
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

/**
 * A new PGlite folder is made by `initdb`, which leaves the process that ran it ~600 MB heavier for good
 * (measured: 913 MB peak RSS creating a folder, 338 MB opening one). Run it in a short-lived child, so the
 * studio itself only ever opens an existing folder.
 */
async function initialiseInChild(dataPath: string): Promise<void> {
  const script = "import { PGlite } from '@electric-sql/pglite'; const db = await PGlite.create(process.argv[1]); await db.close();";
  await new Promise<void>((resolve, reject) => {
    // Run from the project folder, where the package resolves; stderr is kept for the error message.
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, dataPath], { cwd: process.cwd(), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`Creating the database in ${dataPath} failed (exit ${code}): ${stderr.trim().slice(-500)}`)),
    );
  });
}

// Kept on globalThis so dev-mode reloads reuse the one PGlite a data folder allows.
const holder = globalThis as unknown as { __nanoStudioDb?: Promise<Opened> };

export function database(): Promise<Opened> {
  holder.__nanoStudioDb ??= openDatabase({ databaseUrl: config().databaseUrl, dataDir: config().dataDir }).catch((error: unknown) => {
    holder.__nanoStudioDb = undefined;
    throw error;
  });
  return holder.__nanoStudioDb;
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}
