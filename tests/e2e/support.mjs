// Shared pieces of the end-to-end tests: the real server binary on a free
// loopback port with its own data and a copy of the PWA build, and Debian's
// Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(process.env.RUKUN_ROOT ?? "../..");
const serverBin = process.env.RUKUN_SERVER_BIN ?? join(root, "target/debug/rukun-server");

/** A scratch directory holding `dist/` (a copy of the build) and `data/`. */
export function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "rukun-e2e-"));
  cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true });
  return dir;
}

export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Starts the server and waits until /api/health answers. */
export async function startServer({ dir, port }) {
  const child = spawn(
    serverBin,
    // Demo mode: the demo accounts of the README exist.
    ["--demo", "--addr", `127.0.0.1:${port}`, "--data-dir", join(dir, "data"), "--static-dir", join(dir, "dist")],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((done) => child.once("exit", done));
  await eventually(async () => (await fetch(`${url}/api/health`)).ok, { what: "the server to start" });
  return {
    url,
    /** SIGTERM, then wait for the exit; resolves with the exit code. */
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

const chromiumOptions = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  ],
};

export async function launchBrowser() {
  return chromium.launch(chromiumOptions);
}

/** A browser with a real profile on disk (not incognito), as on a phone. */
export async function launchProfile() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "rukun-profile-")), chromiumOptions);
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function eventually(check, { timeout = 20_000, every = 200, what = "a condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Waits until `locator`'s text is `text`. */
export async function waitForText(locator, text, timeout = 20_000) {
  await eventually(async () => (await locator.innerText()).trim() === text, { timeout, what: `text "${text}"` });
}

/** Resolves once a service worker controls or is active for the page. */
export async function serviceWorkerReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

/**
 * A fresh workspace, the server on a free port and a new browser context,
 * all closed when the test `t` ends. `server` is replaced by restarts, so
 * read it from the returned object.
 */
export async function openApp(t, browser, contextOptions = {}) {
  const dir = workspace();
  const port = await freePort();
  const app = { dir, port, server: await startServer({ dir, port }) };
  const context = await browser.newContext(contextOptions);
  t.after(async () => {
    await context.close();
    await app.server.stop();
  });
  app.page = await context.newPage();
  return app;
}

/** Picks Wates RW 01 and `rt` in the area picker and saves it. */
export async function chooseArea(page, rt = "RT 01") {
  await page.getByRole("link", { name: "Wilayah", exact: true }).click();
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Magersari" });
  await page.getByLabel("Kelurahan", { exact: true }).selectOption({ label: "Wates" });
  await page.getByLabel("RW", { exact: true }).selectOption({ label: "RW 01" });
  await page.getByLabel("RT", { exact: true }).selectOption({ label: rt });
  await page.getByRole("button", { name: "Simpan wilayah" }).click();
  await page.getByText("Wilayah tersimpan di perangkat.").waitFor();
}

/** A cheap Android phone at Wates RW 01 RT 01, with its GPS allowed. */
export const PHONE = {
  viewport: { width: 360, height: 740 },
  permissions: ["geolocation"],
  geolocation: { latitude: -7.4721, longitude: 112.4338, accuracy: 9 },
};

/** The PIN the tests' volunteers choose. */
export const PIN = "246810";
/** The passphrase the tests' coordinators and administrators choose. */
export const PASSPHRASE = "kopi tubruk pagi";
/** Demo accounts that must use a passphrase instead of a PIN. */
const STAFF = new Set(["koordinator", "admin"]);

/** The visible label of the field for `secret` (a PIN is 6 digits). */
export function secretLabel(secret, repeat = false) {
  const pin = /^\d{6}$/.test(secret);
  if (repeat) return pin ? "Ulangi PIN" : "Ulangi frasa sandi";
  return pin ? "PIN (6 angka)" : "Frasa sandi (min. 8 karakter)";
}

/**
 * Logs `username` (a demo account) in from the login form on screen and
 * sets `secret` (a PIN, or a passphrase for coordinators and administrators);
 * resolves once the app is unlocked.
 */
export async function logIn(page, username = "relawan", secret = STAFF.has(username) ? PASSPHRASE : PIN) {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill("rukun-demo");
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await page.getByLabel(secretLabel(secret), { exact: true }).fill(secret);
  await page.getByLabel(secretLabel(secret, true), { exact: true }).fill(secret);
  const save = /^\d{6}$/.test(secret) ? "Simpan PIN" : "Simpan frasa sandi";
  await page.getByRole("button", { name: save }).click();
  await page.getByRole("button", { name: "Kunci" }).waitFor({ timeout: 30_000 });
}

/** Unlocks the app with `secret` on the unlock screen (choosing `username` if given). */
export async function unlock(page, secret = PIN, username) {
  if (username) await page.getByLabel("Akun", { exact: true }).selectOption({ label: username });
  await page.getByLabel(secretLabel(secret), { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Buka", exact: true }).click();
  await page.getByRole("button", { name: "Kunci" }).waitFor({ timeout: 30_000 });
}

/**
 * Gives the page `window.rukunSeal(value)` and `window.rukunOpen(bytes)`:
 * JSON sealed and opened as the app does it (AES-256-GCM, nonce first),
 * under the data key of `username`'s profile on the device, unwrapped with
 * the account's device key (what the app uses for a forgotten PIN) from a
 * login over the API at `url`: the PIN's Argon2id has no WebCrypto twin.
 * Benchmarks use it to write thousands of stored values straight into
 * IndexedDB.
 */
export async function installSealer(page, url, username = "relawan") {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "rukun-demo" }),
  });
  if (login.status !== 200) throw new Error(`login of ${username}: HTTP ${login.status}`);
  const { device_key: deviceKey } = await login.json();
  await page.evaluate(async ([username, deviceKey]) => {
    const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const device = await request(indexedDB.open("rukun"));
    const profile = await request(device.transaction("profiles").objectStore("profiles").get(username));
    device.close();
    const hex = Uint8Array.from(deviceKey.match(/../g), (h) => parseInt(h, 16));
    const wrapKey = await crypto.subtle.importKey("raw", hex, "AES-GCM", false, ["decrypt"]);
    const decrypt = (key, sealed) => crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.slice(0, 12) }, key, sealed.slice(12));
    const dataKey = await crypto.subtle.importKey("raw", await decrypt(wrapKey, profile.key_by_device_key), "AES-GCM", false, ["encrypt", "decrypt"]);
    window.rukunSeal = async (value) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const body = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, dataKey, new TextEncoder().encode(JSON.stringify(value))));
      const out = new Uint8Array(12 + body.length);
      out.set(iv);
      out.set(body, 12);
      return out;
    };
    window.rukunOpen = async (sealed) => JSON.parse(new TextDecoder().decode(await decrypt(dataKey, sealed)));
  }, [username, deviceKey]);
}

/** The rows of an IndexedDB store of a profile's database, straight from the browser. */
export async function countStored(page, store, database = "rukun-relawan") {
  return page.evaluate(
    ([store, database]) =>
      new Promise((done, fail) => {
        const open = indexedDB.open(database);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => {
            done(request.result);
            open.result.close();
          };
          request.onerror = () => fail(request.error);
        };
      }),
    [store, database],
  );
}

/** Chooses `option` (by its label) in the select labelled `label`. */
export const select = (page, label, option) => page.getByLabel(label, { exact: true }).selectOption({ label: option });
/** Types `text` into the field labelled `label`. */
export const fill = (page, label, text) => page.getByLabel(label, { exact: true }).fill(text);
/** Answers the choice question `question` with `choice`. */
export const answer = (page, question, choice) =>
  page.getByRole("group", { name: question }).getByLabel(choice, { exact: true }).check();

/** Adds a member to the household form's roster (`check` runs before it is closed). */
export async function addMember(page, m) {
  await page.getByRole("button", { name: "Tambah anggota" }).click();
  if (m.nik) await fill(page, "NIK", m.nik);
  else await page.getByLabel("Belum punya NIK").check();
  await fill(page, "Nama lengkap", m.name);
  await select(page, "Jenis kelamin", m.sex);
  await fill(page, "Tanggal lahir", m.birth);
  await select(page, "Hubungan dalam keluarga", m.relationship);
  await select(page, "Status perkawinan", m.marital);
  await fill(page, "Cari pekerjaan", m.search);
  await select(page, "Pekerjaan", m.occupation);
  if (m.pregnant) await answer(page, "Sedang hamil", m.pregnant);
  if (m.check) await m.check(page);
  await page.getByRole("button", { name: "Selesai mengisi anggota" }).click();
}

/** The household form's home questions after the building status: a rented home on PLN power. */
export async function fillHome(page, floorArea) {
  await fill(page, "Luas lantai (m²)", floorArea);
  await select(page, "Lantai terluas", "Keramik");
  await select(page, "Dinding terluas", "Tembok");
  await select(page, "Atap terluas", "Genteng");
  await select(page, "Sumber air minum", "Air isi ulang");
  await select(page, "Sumber penerangan", "PLN dengan meteran");
  await select(page, "Daya listrik", "900 VA");
  await select(page, "Bahan bakar memasak", "Elpiji 3 kg");
  await select(page, "Fasilitas BAB", "Ada, dipakai keluarga sendiri");
  await select(page, "Jenis kloset", "Leher angsa");
  await select(page, "Pembuangan akhir tinja", "Tangki septik");
  await select(page, "Akses internet", "Internet HP");
}

/** Completes a household visit where nobody was home (the short path) at `address`. */
export async function shortVisit(page, address) {
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  await page.getByLabel("Hasil kunjungan", { exact: true }).selectOption({ label: "Tidak ada responden" });
  await page.getByLabel("Alamat (jalan/gang)", { exact: true }).fill(address);
  await page.getByLabel("Nomor rumah", { exact: true }).fill("5");
  await page.getByLabel("Nomor urut bangunan di RT", { exact: true }).fill("3");
  await page.getByLabel("Nomor urut keluarga di bangunan", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("(akurasi ± 9 m)").waitFor();
  await page.getByLabel("Keterangan kunjungan", { exact: true }).fill("Rumah kosong, datang lagi Sabtu");
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await page.getByRole("heading", { name: "Data survei" }).waitFor();
}

/**
 * `username` (a demo account) straight over the API: a function
 * `(method, path, body?)` that sends JSON with its token.
 */
export async function apiAs(url, username) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "rukun-demo" }),
  });
  if (login.status !== 200) throw new Error(`login of ${username}: HTTP ${login.status}`);
  const { token } = await login.json();
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return (method, path, body) =>
    fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Deploys "a new build" into the workspace `dir`: a new build id in sw.js. */
export function deployNewBuild(dir) {
  const sw = join(dir, "dist", "sw.js");
  writeFileSync(sw, readFileSync(sw, "utf8").replace(/const BUILD = "(\w+)"/, 'const BUILD = "$1next"'));
  rmSync(`${sw}.br`);
  rmSync(`${sw}.gz`);
  // A real deployment writes the new build later than the old one. Written
  // within the same second as the workspace copy, the file kept its
  // Last-Modified (1 s resolution), the browser's update check got a 304
  // and no new worker: the flake seen in CI. Date it like a later deploy.
  const later = new Date(Date.now() + 5_000);
  utimesSync(sw, later, later);
}
