// The PouchDB side of the sync benchmarks: pouchdb-server (the npm package,
// LevelDB on disk) as a child process on a free loopback port, and
// pouchdb-browser in a page of the same Chromium that runs Rukun, replicating
// to it (push) or from it (pull) once, timed in the page.
//
// Installed apart from the e2e tests, only for the benchmarks:
//
//   npm ci --prefix tests/e2e/bench/pouchdb --ignore-scripts && npm run --prefix tests/e2e/bench/pouchdb build
//
// --ignore-scripts: nothing here needs an install script, and two of them
// would reach outside the npm registry. leveldown@5.6.0 (pouchdb-server's
// LevelDB binding) ships N-API prebuilds in its npm tarball
// (prebuilds/linux-x64/node.napi.glibc.node) that node-gyp-build loads at
// run time, so its install script (which only looks for them, else compiles)
// is not needed. sqlite3@4.2.0 (only for `pouchdb-server --sqlite`, unused)
// would download a binary from GitHub, then fall back to compiling against
// Node's headers; skipped, it is never loaded. esbuild's platform binary comes
// as the optional dependency @esbuild/linux-x64, also without a script. The
// build step bundles pouchdb-browser, which ships only CommonJS/ES modules
// (no UMD file), into build/pouchdb-browser.js (not committed; see
// entry.mjs).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually, freePort } from "../../support.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const serverScript = join(here, "node_modules/pouchdb-server/bin/pouchdb-server");
const browserBundle = join(here, "build/pouchdb-browser.js");
const installHint = "npm ci --prefix tests/e2e/bench/pouchdb --ignore-scripts && npm run --prefix tests/e2e/bench/pouchdb build";

/**
 * Starts pouchdb-server on 127.0.0.1 with a throwaway data directory and
 * waits until it answers. Its databases are LevelDB (leveldown) on disk, as
 * shipped: not --in-memory, not --sqlite.
 *
 * Durability, for comparing with Rukun's SQLite (WAL, synchronous=FULL, so
 * an fsync per commit): pouchdb-adapter-leveldb-core writes every batch with
 * leveldown's default `sync: false`, so LevelDB appends to its log with
 * write(2) and never fsyncs it: an acknowledged write survives a crash of the
 * process but not of the machine (power loss). pouchdb-server has no option
 * to change that. This favours PouchDB.
 *
 * Logging: pouchdb-server logs each request at "info" to log.txt in its
 * directory (as Rukun's server logs each request at info to stderr); its
 * copy of that log to stdout is turned off.
 */
export async function startPouchServer() {
  if (!existsSync(serverScript)) throw new Error(`pouchdb-server is not installed: ${installHint}`);
  const dir = mkdtempSync(join(tmpdir(), "rukun-pouchdb-"));
  // `--no-stdout-logs` on the command line is read by its argument parser as
  // "stdout-logs = false" and ignored, so the setting goes in the config file.
  writeFileSync(join(dir, "config.json"), JSON.stringify({ pouchdb_server: { "no-stdout-logs": true } }));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [serverScript, "--host", "127.0.0.1", "--port", String(port), "--dir", join(dir, "db"), "--config", join(dir, "config.json")],
    // cwd: its log.txt (and anything else it writes relative) stays in `dir`.
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  const exited = new Promise((done) => child.once("exit", (code, signal) => done(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
        const welcome = await (await fetch(url)).json();
        return welcome["pouchdb-adapters"]?.includes("leveldb");
      },
      { what: "pouchdb-server to start" },
    );
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    dir,
    /** Kills the server, waits for it to exit and removes its directory. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `count` household documents of one shape: the envelope of a Rukun outbox
 * entry (record id, form, area, op, time) with `sampleChanges` (the answers
 * of one household, in Rukun's `{ field: { kind: value } }` form) as
 * `changes`, each with its own address and building serial (as
 * drain.bench.mjs varies its clones).
 */
export function householdDocs(count, sampleChanges) {
  const docs = [];
  for (let n = 1; n <= count; n++) {
    docs.push({
      _id: `0192a0c4-5e1f-7b3a-9c2d-${String(n).padStart(12, "0")}`,
      client_id: "0192a0c4-0000-7000-8000-00000000be9c",
      form_id: "household",
      form_version: 1,
      area: "35.76.02.1010/01/01",
      base_version: 0,
      op: "create",
      changes: { ...sampleChanges, address: { text: `Jl. Empunala ${n}` }, building_serial: { number: (n % 999) + 1 } },
      created_ms: 1_790_000_000_000 + n * 61_000,
    });
  }
  return docs;
}

/** Average length in bytes of the documents as JSON. */
export function averageJsonBytes(docs) {
  let total = 0;
  for (const doc of docs) total += Buffer.byteLength(JSON.stringify(doc));
  return total / docs.length;
}

async function couch(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

let databases = 0;
/** A new, empty database on the server; returns its URL. */
async function createRemote(serverUrl, kind) {
  const url = `${serverUrl}/bench-${kind}-${process.pid}-${++databases}`;
  await couch("PUT", url);
  return url;
}

/**
 * Points `page` at the server (same origin, as the Rukun page is with its
 * own server: no CORS preflights) and loads the PouchDB bundle into it. The
 * page is navigated away from whatever it showed: use a page of its own
 * (`context.newPage()` in the browser that runs Rukun).
 */
async function preparePage(page, serverUrl) {
  if (!existsSync(browserBundle)) throw new Error(`the pouchdb-browser bundle is missing: ${installHint}`);
  await page.goto(`${serverUrl}/`);
  await page.addScriptTag({ path: browserBundle });
  await page.waitForFunction(() => typeof window.PouchDB === "function");
}

/**
 * Puts `docs` into a fresh local PouchDB (IndexedDB, adapter "idb") in
 * `page`, then times one `PouchDB.replicate(local, remote)` to a new
 * database on the server until it completes. `options` go to replicate
 * (PouchDB's defaults otherwise: batch_size 100, batches_limit 10).
 * Throws unless the server then holds every doc. Returns the seconds.
 */
export async function pushDocs(page, serverUrl, docs, options = {}) {
  const remote = await createRemote(serverUrl, "push");
  await preparePage(page, serverUrl);
  const run = await page.evaluate(
    async ({ remote, docs, options, name }) => {
      const local = new window.PouchDB(name);
      try {
        for (let i = 0; i < docs.length; i += 1000) {
          const results = await local.bulkDocs(docs.slice(i, i + 1000));
          const failed = results.find((r) => !r.ok);
          if (failed) throw new Error(`local bulkDocs: ${JSON.stringify(failed)}`);
        }
        const info = await local.info();
        const target = new window.PouchDB(remote, { skip_setup: true });
        const started = performance.now();
        const result = await window.PouchDB.replicate(local, target, options);
        const seconds = (performance.now() - started) / 1000;
        return { seconds, adapter: local.adapter, localCount: info.doc_count, ok: result.ok, written: result.docs_written, errors: result.errors.length };
      } finally {
        await local.destroy();
      }
    },
    { remote, docs, options, name: `push-local-${Date.now()}-${++databases}` },
  );
  if (run.adapter !== "idb") throw new Error(`local PouchDB used adapter ${run.adapter}, not idb (IndexedDB)`);
  if (run.localCount !== docs.length) throw new Error(`local PouchDB held ${run.localCount} of ${docs.length} docs before the push`);
  if (!run.ok || run.written !== docs.length || run.errors) throw new Error(`push replication: ${JSON.stringify(run)}`);
  const { doc_count } = await couch("GET", remote);
  if (doc_count !== docs.length) throw new Error(`pouchdb-server holds ${doc_count} of ${docs.length} pushed docs`);
  return run.seconds;
}

/**
 * Loads `docs` into a new database on the server (_bulk_docs from node, not
 * timed), then times in `page` a fresh local PouchDB (IndexedDB, "idb")
 * replicating from it once until complete. Throws unless the local database
 * then holds every doc. Returns the seconds.
 */
export async function pullDocs(page, serverUrl, docs, options = {}) {
  const remote = await createRemote(serverUrl, "pull");
  for (let i = 0; i < docs.length; i += 500) {
    const results = await couch("POST", `${remote}/_bulk_docs`, { docs: docs.slice(i, i + 500) });
    const failed = results.find((r) => !r.ok);
    if (failed) throw new Error(`server _bulk_docs: ${JSON.stringify(failed)}`);
  }
  const { doc_count } = await couch("GET", remote);
  if (doc_count !== docs.length) throw new Error(`pouchdb-server holds ${doc_count} of ${docs.length} docs to pull`);
  await preparePage(page, serverUrl);
  const run = await page.evaluate(
    async ({ remote, options, name }) => {
      const local = new window.PouchDB(name);
      try {
        const source = new window.PouchDB(remote, { skip_setup: true });
        const started = performance.now();
        const result = await window.PouchDB.replicate(source, local, options);
        const seconds = (performance.now() - started) / 1000;
        const info = await local.info();
        return { seconds, adapter: local.adapter, localCount: info.doc_count, ok: result.ok, written: result.docs_written, errors: result.errors.length };
      } finally {
        await local.destroy();
      }
    },
    { remote, options, name: `pull-local-${Date.now()}-${++databases}` },
  );
  if (run.adapter !== "idb") throw new Error(`local PouchDB used adapter ${run.adapter}, not idb (IndexedDB)`);
  if (!run.ok || run.errors || run.localCount !== docs.length) throw new Error(`pull replication: local holds ${run.localCount} of ${docs.length} docs: ${JSON.stringify(run)}`);
  return run.seconds;
}
