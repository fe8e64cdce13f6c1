// Benchmark (not a test): 1,000 completed households queued in the browser
// drained to the real server over loopback. The app completes one household
// (short path) with the server stopped; its record, summary and outbox entry
// (all sealed) are cloned to 1,000 in IndexedDB; the server comes back and the time is
// taken from "Kirim sekarang" until the sync panel shows nothing unsent.
// Run by scripts/bench.
import { chooseArea, installSealer, launchBrowser, logIn, openApp, serviceWorkerReady, startServer, unlock } from "../support.mjs";

const HOUSEHOLDS = 1000;
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

await page.evaluate(async (count) => {
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
}, HOUSEHOLDS);
await page.reload();
await unlock(page);
await page.getByRole("link", { name: "Data", exact: true }).click();
await page.getByText(`Belum terkirim: ${HOUSEHOLDS}`).waitFor();

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
const started = Date.now();
await page.getByRole("button", { name: "Kirim sekarang" }).click();
await page.getByText("Belum terkirim: 0").waitFor({ timeout: 300_000 });
const seconds = (Date.now() - started) / 1000;
console.log(`BENCH drain_1000_households seconds=${seconds.toFixed(2)} records_per_s=${(HOUSEHOLDS / seconds).toFixed(0)}`);
if (cdp) {
  const { profile } = await cdp.send("Profiler.stop");
  (await import("node:fs")).writeFileSync(process.env.RUKUN_BENCH_PROFILE, JSON.stringify(profile));
}
if (requests.length) console.log(requests.join("\n"));
for (const cleanup of cleanups) await cleanup();
await browser.close();
