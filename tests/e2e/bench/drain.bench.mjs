// Benchmark (not a test): 1,000 completed households queued in the browser
// drained to the real server over loopback. The app completes one household
// (short path) with the server stopped; its record, summary and outbox entry
// (all sealed) are cloned to 1,000 in IndexedDB; the server comes back and the time is
// taken from "Kirim sekarang" (or the app's own first push, if it starts
// sending by itself when the server is back) until the sync panel shows
// nothing unsent.
// Then a fresh device of the same volunteer pulls the RT's 5,000 households
// (4,000 more pushed over the API first), timed from its first pull request
// until all 5,000 are in its IndexedDB.
// PouchDB side by side, in the same Chromium: pouchdb-browser replicates
// the same 1,000 households (as documents of the same answers) to
// pouchdb-server, and a fresh local database pulls 5,000 from it
// (bench/pouchdb/pouchdb.mjs; its install command is there).
// Run by scripts/bench.
import { apiAs, chooseArea, eventually, installSealer, launchBrowser, logIn, openApp, serviceWorkerReady, startServer, unlock } from "../support.mjs";
import { averageJsonBytes, householdDocs, pullDocs, pushDocs, startPouchServer } from "./pouchdb/pouchdb.mjs";

const HOUSEHOLDS = 1000;
const PULLED = 5000;
const browser = await launchBrowser();
const cleanups = [];
const app = await openApp({ after: (f) => cleanups.push(f) }, browser, {
  permissions: ["geolocation"],
  geolocation: { latitude: -7.4721, longitude: 112.4338, accuracy: 9 },
});
const { page } = app;
await page.goto(app.server.url);
await logIn(page);
await chooseArea(page);
await page.getByRole("link", { name: "Data", exact: true }).click();
await page.getByText("Masuk sebagai relawan").waitFor();
await serviceWorkerReady(page);
// Each clone's change is the original's with its own address and serial,
// sealed as the app seals it (`installSealer`).
await installSealer(page, app.server.url);
await app.server.stop();

await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
await page.getByLabel("Hasil kunjungan", { exact: true }).selectOption({ label: "Tidak ada responden" });
await page.getByLabel("Alamat (jalan/gang)", { exact: true }).fill("Jl. Empunala 1");
await page.getByLabel("Nomor urut bangunan di RT", { exact: true }).fill("1");
await page.getByLabel("Nomor urut keluarga di bangunan", { exact: true }).fill("1");
await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
await page.getByText("(akurasi ± 9 m)").waitFor();
await page.getByLabel("Keterangan kunjungan", { exact: true }).fill("Tidak ada orang");
await page.getByRole("button", { name: "Selesai", exact: true }).click();
await page.getByText("Belum terkirim: 1").waitFor();

const queued = await page.evaluate(async (count) => {
  const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const db = await request(indexedDB.open("rukun-relawan"));
  const read = db.transaction(["records", "summaries", "outbox"]);
  const all = (store) => request(read.objectStore(store).getAll());
  const [[record], [summary], [entry]] = await Promise.all([all("records"), all("summaries"), all("outbox")]);
  const original = await window.rukunOpen(entry.changes);
  const changes = [];
  for (let n = 2; n <= count; n++) {
    changes[n] = await window.rukunSeal({ ...original, address: { text: `Jl. Empunala ${n}` }, building_serial: { number: n % 999 + 1 } });
  }
  await new Promise((done, fail) => {
    const tx = db.transaction(["records", "summaries", "outbox", "meta"], "readwrite");
    for (let n = 2; n <= count; n++) {
      const id = `${record.id.slice(0, 24)}${String(n).padStart(12, "0")}`;
      tx.objectStore("records").put({ ...record, id });
      tx.objectStore("summaries").put({ ...summary, id });
      tx.objectStore("outbox").add({ ...entry, seq: n, record_id: id, changes: changes[n] });
    }
    tx.objectStore("meta").put(count, "mutation_seq");
    tx.oncomplete = () => { db.close(); done(); };
    tx.onerror = () => fail(tx.error);
  });
  return { original, entry: { ...entry, changes: null } };
}, HOUSEHOLDS);
await page.reload();
await unlock(page);
await page.getByRole("link", { name: "Data", exact: true }).click();
await page.getByText(`Belum terkirim: ${HOUSEHOLDS}`).waitFor();

// The app may start sending by itself once it sees the server again,
// before the click: the clock starts at whichever comes first.
let firstPush = Infinity;
page.on("request", (r) => {
  if (r.url().includes("/api/sync/push")) firstPush = Math.min(firstPush, Date.now());
});
app.server = await startServer({ dir: app.dir, port: app.port });
const requests = [];
if (process.env.RUKUN_BENCH_TRACE) page.on("requestfinished", (r) => {
  if (r.url().includes("/api/")) requests.push(`${Date.now() - started} ms ${r.method()} ${new URL(r.url()).pathname} ${r.timing().responseEnd.toFixed(0)} ms`);
});
let cdp;
if (process.env.RUKUN_BENCH_PROFILE) {
  cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
}
let started = Date.now();
await page.getByRole("button", { name: "Kirim sekarang" }).click();
await page.getByText("Belum terkirim: 0").waitFor({ timeout: 300_000 });
started = Math.min(started, firstPush);
const seconds = (Date.now() - started) / 1000;
const bytes = JSON.stringify(queued.original).length;
console.log(`BENCH drain_1000_households seconds=${seconds.toFixed(2)} records_per_s=${(HOUSEHOLDS / seconds).toFixed(0)} answers_json_bytes=${bytes}`);

// The RT grows to 5,000 households (pushed over the API as another device
// of the volunteer), and the volunteer logs in on a fresh phone.
const api = await apiAs(app.server.url, "relawan");
const client = crypto.randomUUID();
for (let first = 1; first <= PULLED - HOUSEHOLDS; first += 200) {
  const mutations = [];
  for (let seq = first; seq < first + 200 && seq <= PULLED - HOUSEHOLDS; seq++) {
    const n = HOUSEHOLDS + seq;
    mutations.push({
      seq,
      record_id: `${queued.entry.record_id.slice(0, 24)}f${n.toString(16).padStart(11, "0")}`,
      form_id: queued.entry.form_id,
      form_version: queued.entry.form_version,
      area: queued.entry.area,
      base_version: 0,
      op: "upsert",
      changes: { ...queued.original, address: { text: `Jl. Empunala ${n}` }, building_serial: { number: n % 999 + 1 } },
    });
  }
  const pushed = await (await api("POST", "/api/sync/push", { protocol: 1, client_id: client, mutations })).json();
  if (pushed.results.some((r) => !r.outcome.applied)) throw new Error(`fill: ${JSON.stringify(pushed.results.find((r) => !r.outcome.applied))}`);
}
const freshDevice = await browser.newContext();
const phone = await freshDevice.newPage();
let pullStarted;
phone.on("request", (r) => {
  if (pullStarted === undefined && r.url().includes("/api/sync/pull")) pullStarted = Date.now();
});
await phone.goto(app.server.url);
await logIn(phone);
// Counted, not read, and without creating the app's database before it does.
const storedRecords = () => phone.evaluate(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === "rukun-relawan")) return 0;
  return new Promise((done, fail) => {
    const open = indexedDB.open("rukun-relawan");
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const request = db.transaction("records").objectStore("records").count();
        request.onsuccess = () => { db.close(); done(request.result); };
        request.onerror = () => { db.close(); fail(request.error); };
      } catch {
        db.close();
        done(0);
      }
    };
  });
});
await eventually(async () => (await storedRecords()) >= PULLED, { timeout: 300_000, every: 100, what: `${PULLED} records on the fresh device` });
const pullSeconds = (Date.now() - pullStarted) / 1000;
console.log(`BENCH fresh_pull_5000_households seconds=${pullSeconds.toFixed(2)} records_per_s=${(PULLED / pullSeconds).toFixed(0)}`);
await freshDevice.close();

// PouchDB, same Chromium, documents of the same answers.
const pouch = await startPouchServer();
try {
  const context = await browser.newContext();
  const pouchPage = await context.newPage();
  const docs = householdDocs(HOUSEHOLDS, queued.original);
  const push = await pushDocs(pouchPage, pouch.url, docs);
  const pushRate = HOUSEHOLDS / push;
  console.log(`BENCH pouchdb_push_1000 seconds=${push.toFixed(2)} docs_per_s=${pushRate.toFixed(0)} doc_json_bytes=${averageJsonBytes(docs).toFixed(0)} rukun_ratio=${(HOUSEHOLDS / seconds / pushRate).toFixed(2)}`);
  const pull = await pullDocs(pouchPage, pouch.url, householdDocs(PULLED, queued.original));
  console.log(`BENCH pouchdb_pull_5000 seconds=${pull.toFixed(2)} docs_per_s=${(PULLED / pull).toFixed(0)} rukun_ratio=${(pull / pullSeconds).toFixed(2)}`);
  await context.close();
} finally {
  await pouch.stop();
}
if (cdp) {
  const { profile } = await cdp.send("Profiler.stop");
  (await import("node:fs")).writeFileSync(process.env.RUKUN_BENCH_PROFILE, JSON.stringify(profile));
}
if (requests.length) console.log(requests.join("\n"));
for (const cleanup of cleanups) await cleanup();
await browser.close();
