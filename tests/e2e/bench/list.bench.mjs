// Benchmark (not a test): the record list of an RT holding 5,000 households,
// in headless Chromium against the real server. Prints the time from the
// list page's start to its first screen (the app's own User Timing measure
// "rukun:list-open"), from navigation start to that screen (wasm start-up
// and unlocking with the PIN included), the unlock alone (PIN to unlocked:
// PBKDF2 600,000 iterations), and a search over the 5,000, whose names and
// search text are sealed at rest. Run by scripts/bench.
import { chooseArea, installSealer, launchBrowser, logIn, openApp, PIN } from "../support.mjs";

const HOUSEHOLDS = 5000;
const RUNS = 7;

const browser = await launchBrowser();
const cleanups = [];
const app = await openApp({ after: (f) => cleanups.push(f) }, browser);
const { page } = app;
await page.goto(app.server.url);
await logIn(page);
await chooseArea(page);
await page.getByRole("link", { name: "Data", exact: true }).click();
await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
await page.getByLabel("Hasil kunjungan", { exact: true }).waitFor();

// Clone the app's own first record 5,000 times, straight into IndexedDB,
// each summary's text sealed as the app seals it (`installSealer`).
await installSealer(page, app.server.url);
await page.evaluate(async ([count]) => {
  const texts = [];
  for (let n = 0; n < count; n++) {
    const head = `Kepala Keluarga ${n}`;
    const detail = `Jl. Empunala Gg. ${n % 40}`;
    texts.push(await window.rukunSeal({
      title: { id: head, en: head },
      detail: { id: detail, en: detail },
      search: `${head} jl. empunala gg. ${n % 40} 35760212031${String(n).padStart(5, "0")}`.toLowerCase(),
      niks: [],
      sync_note: null,
    }));
  }
  await new Promise((done, fail) => {
  const open = indexedDB.open("rukun-relawan");
  open.onerror = () => fail(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const read = db.transaction(["records", "summaries"]).objectStore("summaries").getAll();
    read.onsuccess = () => {
      const [summary] = read.result;
      const records = db.transaction(["records"]).objectStore("records").get(summary.id);
      records.onsuccess = () => {
        const record = records.result;
        const tx = db.transaction(["records", "summaries"], "readwrite");
        for (let n = 0; n < count; n++) {
          const id = `${summary.id.slice(0, 24)}${String(n).padStart(12, "0")}`;
          tx.objectStore("records").put({ ...record, id, updated_ms: record.updated_ms + n });
          tx.objectStore("summaries").put({
            ...summary, id, status: "ready", updated_ms: summary.updated_ms + n, text: texts[n],
          });
        }
        tx.oncomplete = () => { db.close(); done(); };
        tx.onerror = () => fail(tx.error);
      };
    };
  };
  });
}, [HOUSEHOLDS, PIN]);

const opens = [];
const firstScreens = [];
const searches = [];
const unlocks = [];
for (let run = 0; run < RUNS; run++) {
  await page.goto(`${app.server.url}/records`);
  await page.getByLabel("PIN (6 angka)", { exact: true }).fill(PIN);
  const unlockStarted = Date.now();
  await page.getByRole("button", { name: "Buka", exact: true }).click();
  await page.getByRole("button", { name: "Kunci" }).waitFor();
  unlocks.push(Date.now() - unlockStarted);
  await page.getByRole("status").filter({ hasText: `${HOUSEHOLDS + 1} data` }).waitFor();
  const [open, ready] = await page.evaluate(() => [
    performance.getEntriesByName("rukun:list-open").at(-1).duration,
    performance.getEntriesByName("rukun:list-ready").at(-1).startTime,
  ]);
  opens.push(open);
  firstScreens.push(ready);
  const started = Date.now();
  await page.getByLabel("Cari (kepala keluarga, alamat, No. KK)").fill(`keluarga ${4000 + run}`);
  await page.getByRole("status").filter({ hasText: /^1 data$/ }).waitFor();
  searches.push(Date.now() - started);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const worst = (xs) => Math.max(...xs);
console.log(
  `BENCH list_ui_5000 runs=${RUNS} list_open_p50_ms=${median(opens).toFixed(1)} list_open_max_ms=${worst(opens).toFixed(1)} ` +
  `first_screen_from_navigation_p50_ms=${median(firstScreens).toFixed(0)} unlock_p50_ms=${median(unlocks)} search_p50_ms=${median(searches)} search_max_ms=${worst(searches)}`,
);
for (const cleanup of cleanups) await cleanup();
await browser.close();
