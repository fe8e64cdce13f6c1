// Sync end to end: relawan logs in, the server is stopped, two households
// are completed, the server restarts and both arrive; a coordinator's edit
// to another field merges into the phone's copy; an edit to the same field
// shows as a conflict.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  chooseArea, eventually, launchBrowser, logIn, openApp, serviceWorkerReady, shortVisit, startServer, unlock,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const phone = {
  viewport: { width: 360, height: 740 },
  permissions: ["geolocation"],
  geolocation: { latitude: -7.4721, longitude: 112.4338, accuracy: 9 },
};

/** The coordinator, straight over the API. */
async function coordinator(url) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "koordinator", password: "rukun-demo" }),
  });
  const { token } = await login.json();
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let seq = 0;
  return {
    async pull() {
      const response = await fetch(`${url}/api/sync/pull?protocol=1&cursor=0`, { headers: auth });
      return (await response.json()).records;
    },
    async photo(sha256) {
      return fetch(`${url}/api/attachments/${sha256}`, { headers: auth });
    },
    async edit(record, changes) {
      seq += 1;
      const mutation = { seq, record_id: record.record_id, form_id: record.form_id, form_version: record.form_version,
        area: record.area, base_version: record.version, op: "upsert", changes };
      const response = await fetch(`${url}/api/sync/push`, {
        method: "POST", headers: auth, body: JSON.stringify({ protocol: 1, client_id: "office-laptop", mutations: [mutation] }),
      });
      return (await response.json()).results[0].outcome;
    },
  };
}

test("households made offline arrive once the server is back, then merge and conflict", async (t) => {
  const app = await openApp(t, browser, phone);
  const { page, dir, port } = app;
  await page.goto(app.server.url);
  await logIn(page);
  await chooseArea(page);
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await page.getByText("Masuk sebagai relawan").waitFor();
  await serviceWorkerReady(page);

  await app.server.stop();
  await shortVisit(page, "Jl. Empunala 1");
  await shortVisit(page, "Jl. Empunala 2");
  const status = page.getByRole("status").filter({ hasText: "Belum terkirim" });
  await eventually(async () => (await status.innerText()).includes("Belum terkirim: 2"), { what: "two unsent" });
  const first = page.getByRole("listitem").filter({ hasText: "Jl. Empunala 1" });
  const second = page.getByRole("listitem").filter({ hasText: "Jl. Empunala 2" });
  await first.getByText("Siap dikirim").waitFor();

  app.server = await startServer({ dir, port });
  await first.getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });
  await second.getByText("Terkirim", { exact: true }).waitFor();
  await eventually(async () => (await status.innerText()).includes("Belum terkirim: 0"), { what: "nothing unsent" });
  const office = await coordinator(app.server.url);
  const arrived = await office.pull();
  assert.deepEqual(arrived.map((r) => r.answers.address.text).sort(), ["Jl. Empunala 1", "Jl. Empunala 2"]);
  assert.ok(arrived.every((r) => r.version === 1));

  // The office corrects the house number: it reaches the phone.
  const record = arrived.find((r) => r.answers.address.text === "Jl. Empunala 1");
  assert.deepEqual(await office.edit(record, { house_number: { text: "5A" } }), { applied: { version: 2 } });
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await first.getByText("Jl. Empunala 1 · 5A").waitFor();

  // Offline, the volunteer changes the visit note and the address; the office
  // changes the address too. The note merges; the address is a conflict.
  await page.context().setOffline(true);
  await first.getByRole("link").first().click();
  await page.getByLabel("Alamat (jalan/gang)", { exact: true }).fill("Jl. Empunala 1 (belakang masjid)");
  await page.getByLabel("Keterangan kunjungan", { exact: true }).fill("Tetangga: keluarga sedang mudik");
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await first.getByText("Siap dikirim").waitFor();
  const current = (await office.pull()).find((r) => r.record_id === record.record_id);
  assert.deepEqual(await office.edit(current, { address: { text: "Jl. Empunala 1 RT 01" } }), { applied: { version: 3 } });
  await page.context().setOffline(false);
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  const conflicted = page.getByRole("listitem").filter({ hasText: "Konflik" });
  await conflicted.waitFor({ timeout: 30_000 });
  await conflicted.getByText("address").waitFor();
  const final = (await office.pull()).find((r) => r.record_id === record.record_id);
  assert.equal(final.answers.address.text, "Jl. Empunala 1 RT 01", "the server value stays");
  assert.equal(final.answers.visit_note.text, "Tetangga: keluarga sedang mudik", "the other field merged");

  // The sync screen lists the conflict with its reason, in the user's language.
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("region", { name: "Perlu perhatian" })
    .getByText("Konflik: Bertabrakan dengan perubahan di server: address").waitFor();
  await page.getByRole("region", { name: "Menunggu dikirim" }).getByText("Semua data sudah terkirim.").waitFor();
  await page.getByLabel("Bahasa", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("region", { name: "Needs attention" })
    .getByText("Conflict: Conflicts with a change on the server: address").waitFor();
  await page.getByLabel("Language", { exact: true }).selectOption({ label: "Bahasa Indonesia" });
  await page.getByRole("link", { name: "Data", exact: true }).click();

  // The coordinator settles the conflict in the console: the device's
  // address wins, with a reason; the decision reaches the phone.
  const laptop = await (await browser.newContext()).newPage();
  t.after(() => laptop.context().close());
  await laptop.goto(app.server.url);
  await logIn(laptop, "koordinator");
  await laptop.getByRole("link", { name: "Tinjau", exact: true }).click();
  await laptop.getByRole("region", { name: "Hasil" }).getByRole("link", { name: "Jl. Empunala 1 RT 01" }).click({ timeout: 30_000 });
  const conflicts = laptop.getByRole("region", { name: "Konflik data" });
  // The detail loads after the link: wait for the conflict before reading it.
  await conflicts.getByRole("cell", { name: "Jl. Empunala 1 (belakang masjid)" }).waitFor();
  const sides = await conflicts.getByRole("cell").allTextContents();
  assert.deepEqual(sides, ["Jl. Empunala 1", "Jl. Empunala 1 RT 01", "Jl. Empunala 1 (belakang masjid)"]);
  await conflicts.getByLabel("Alasan keputusan").fill("Relawan sudah cek ke lokasi");
  await conflicts.getByRole("button", { name: "Pakai nilai perangkat" }).click();
  await laptop.getByText("Konflik diselesaikan", { exact: false }).waitFor();
  await laptop.getByRole("heading", { name: "Konflik data" }).waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  const settled = page.getByRole("listitem").filter({ hasText: "Jl. Empunala 1 (belakang masjid)" });
  await settled.getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole("listitem").filter({ hasText: "Konflik" }).count(), 0);

  // A report with a photo: the photo follows its record to the server.
  await page.getByRole("button", { name: "Laporan prasarana baru" }).click();
  await page.getByLabel("Kategori", { exact: true }).selectOption({ label: "Penerangan jalan umum (PJU)" });
  await page.getByLabel("Keadaan lampu", { exact: true }).selectOption({ label: "Mati" });
  await page.getByLabel("Kondisi", { exact: true }).selectOption({ label: "Tidak berfungsi" });
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("(akurasi ± 9 m)").waitFor();
  await page.getByLabel("Foto (1–3)").setInputFiles(join(dir, "dist/icons/icon-512.png"));
  await page.getByRole("img", { name: "Foto 1" }).waitFor();
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await page.getByRole("listitem").filter({ hasText: "Penerangan jalan umum (PJU)" }).getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });
  const report = (await office.pull()).find((r) => r.form_id === "infrastructure");
  const [sha256] = report.answers.photos.photos;
  const photo = await eventually(async () => {
    const response = await office.photo(sha256);
    return response.ok ? response : null;
  }, { what: "the photo on the server" });
  assert.equal(photo.headers.get("content-type"), "image/jpeg");
  assert.ok((await photo.arrayBuffer()).byteLength > 1000);
});

test("a second tab shows what the syncing tab sent", async (t) => {
  const app = await openApp(t, browser, phone);
  const { page, dir, port } = app;
  await page.goto(app.server.url);
  await logIn(page);
  await chooseArea(page);
  await serviceWorkerReady(page);
  const other = await page.context().newPage();
  await other.goto(`${app.server.url}/records`);
  await unlock(other);
  await other.getByText("Belum terkirim: 0").waitFor();

  await app.server.stop();
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await shortVisit(page, "Jl. Empunala 7");
  app.server = await startServer({ dir, port });
  // Either tab may hold the sync lock; both end up showing the record sent.
  for (const tab of [page, other]) {
    await tab.getByRole("listitem").filter({ hasText: "Jl. Empunala 7" })
      .getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });
    await tab.getByText("Belum terkirim: 0").waitFor();
  }
});
