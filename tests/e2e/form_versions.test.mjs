// An app update and a new form version never strand a record: with
// households queued and a draft on a phone, a new build is deployed and the
// city publishes household version 2. The phone takes the update; what was
// queued is accepted under version 1, the draft finishes on version 1, new
// households ask the new question (version 2), and a version 2 household
// made on another device shows on this phone after its sync.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  apiAs as account, chooseArea, deployNewBuild, eventually, launchBrowser, logIn, openApp, PHONE, serviceWorkerReady, shortVisit, unlock,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

/** Household version 2: version 1 with "Jumlah kendaraan bermotor" (required) in the visit section. */
async function publishVersion2(admin) {
  const v1 = await (await admin("GET", "/api/forms/household/versions/1")).json();
  const v2 = structuredClone(v1);
  v2.version = 2;
  v2.sections[0].fields.push({
    id: "vehicles",
    label: { id: "Jumlah kendaraan bermotor", en: "Number of motor vehicles" },
    kind: { type: "single", list: "vehicle_count" },
    required: true,
    personal: false,
  });
  v2.lists.push({
    id: "vehicle_count",
    items: [
      { code: "0", label: { id: "Tidak ada", en: "None" } },
      { code: "1", label: { id: "Satu", en: "One" } },
      { code: "2", label: { id: "Dua atau lebih", en: "Two or more" } },
    ],
  });
  const published = await admin("POST", "/api/forms/household/versions", v2);
  assert.equal(published.status, 201, await published.clone().text());
  return v2;
}

/** A household of version 2 at Jl. Perangkat Lain, pushed by another phone of the RT. */
async function otherDeviceSurveysWithVersion2(url) {
  const other = await account(url, "relawan");
  const pushed = await other("POST", "/api/sync/push", {
    protocol: 1,
    client_id: "0190a000-0000-7000-8000-00000000beef",
    mutations: [{
      seq: 1, record_id: "0190a000-0000-7000-8000-000000000002", form_id: "household", form_version: 2,
      area: "35.76.02.1010/01/01", base_version: 0, op: "upsert",
      changes: {
        visit_result: { choice: "3" }, visit_date: { date: "2026-11-30" }, address: { text: "Jl. Perangkat Lain" },
        house_number: { text: "7" }, building_serial: { number: 4 }, family_serial: { number: 1 },
        gps: { absent: null }, visit_note: { text: "Kosong" }, vehicles: { choice: "2" },
      },
    }],
  });
  assert.equal(pushed.status, 200, await pushed.clone().text());
  const [result] = (await pushed.json()).results;
  assert.ok(result.outcome.applied, JSON.stringify(result));
}

test("queued records, a draft and new records each keep their own form version across an update", async (t) => {
  const app = await openApp(t, browser, PHONE);
  const { page } = app;
  const url = app.server.url;
  await page.goto(url);
  await serviceWorkerReady(page);
  await logIn(page);
  await chooseArea(page);
  await page.getByRole("link", { name: "Data", exact: true }).click();

  // Offline: two households queued, a third left as a draft.
  await page.context().setOffline(true);
  await shortVisit(page, "Jl. Versi Satu A");
  await shortVisit(page, "Jl. Versi Satu B");
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  await page.getByLabel("Alamat (jalan/gang)", { exact: true }).fill("Jl. Draf Lama");
  assert.equal(await page.getByLabel("Jumlah kendaraan bermotor").count(), 0);
  await page.getByRole("link", { name: "Kembali ke daftar" }).click();
  await page.getByRole("heading", { name: "Data survei" }).waitFor();

  // The city publishes version 2 and a new build of the app is deployed.
  const admin = await account(url, "admin");
  await publishVersion2(admin);
  deployNewBuild(app.dir);

  // Another volunteer's phone of the same RT already surveys with version 2.
  await otherDeviceSurveysWithVersion2(url);

  // Back online, the phone offers the update and takes it when asked.
  await page.context().setOffline(false);
  await page.reload();
  await page.getByRole("button", { name: "Muat ulang" }).click();
  await eventually(async () => (await page.evaluate(() => caches.keys())).some((n) => n.endsWith("next")),
    { what: "the new build to take over" });
  // A reload locks the app: the data key lives in memory only.
  await unlock(page);
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("button", { name: "Kirim sekarang" }).click();

  // Every queued record is accepted under version 1; the other device's
  // version 2 household arrives on this phone.
  const office = await account(url, "koordinator");
  const stored = async () => (await (await office("GET", "/api/sync/pull?protocol=1&cursor=0")).json()).records;
  await eventually(async () => (await stored()).length === 3, { what: "the two queued households to arrive" });
  const byAddress = Object.fromEntries((await stored()).map((r) => [r.answers.address.text, r.form_version]));
  assert.deepEqual(byAddress, { "Jl. Versi Satu A": 1, "Jl. Versi Satu B": 1, "Jl. Perangkat Lain": 2 });
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await page.getByRole("link", { name: /Jl\. Perangkat Lain/ }).waitFor();

  // The draft opens on version 1 (no new question) and completes.
  await page.getByRole("link", { name: /Jl\. Draf Lama/ }).click();
  await page.getByLabel("Hasil kunjungan", { exact: true }).selectOption({ label: "Tidak ada responden" });
  assert.equal(await page.getByLabel("Jumlah kendaraan bermotor").count(), 0);
  await page.getByLabel("Nomor rumah", { exact: true }).fill("9");
  await page.getByLabel("Nomor urut bangunan di RT", { exact: true }).fill("5");
  await page.getByLabel("Nomor urut keluarga di bangunan", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("(akurasi ± 9 m)").waitFor();
  await page.getByLabel("Keterangan kunjungan", { exact: true }).fill("Pindah");
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await page.getByRole("heading", { name: "Data survei" }).waitFor();

  // A new household asks the new question: version 2.
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  await page.getByLabel("Jumlah kendaraan bermotor", { exact: true }).selectOption({ label: "Satu" });
  await page.getByLabel("Hasil kunjungan", { exact: true }).selectOption({ label: "Tidak ada responden" });
  await page.getByLabel("Alamat (jalan/gang)", { exact: true }).fill("Jl. Versi Dua");
  await page.getByLabel("Nomor rumah", { exact: true }).fill("1");
  await page.getByLabel("Nomor urut bangunan di RT", { exact: true }).fill("6");
  await page.getByLabel("Nomor urut keluarga di bangunan", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("(akurasi ± 9 m)").waitFor();
  await page.getByLabel("Keterangan kunjungan", { exact: true }).fill("Kosong");
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await page.getByRole("heading", { name: "Data survei" }).waitFor();

  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await eventually(async () => (await stored()).length === 5, { what: "the draft and the new household to arrive" });
  const versions = Object.fromEntries((await stored()).map((r) => [r.answers.address.text, r.form_version]));
  assert.equal(versions["Jl. Draf Lama"], 1);
  assert.equal(versions["Jl. Versi Dua"], 2);
  const v2 = (await stored()).find((r) => r.answers.address.text === "Jl. Versi Dua");
  assert.deepEqual(v2.answers.vehicles, { choice: "1" });
});

test("a record whose form version cannot be had yet is kept, shown as waiting in Kirim, and shown once it can", async (t) => {
  const app = await openApp(t, browser, PHONE);
  const { page } = app;
  const url = app.server.url;
  await page.goto(url);
  await logIn(page);
  await chooseArea(page);

  // Version 2 is published, but its document does not reach this phone.
  await page.route("**/api/forms/household/versions/2", (route) => route.fulfill({ status: 503, body: "" }));
  await publishVersion2(await account(url, "admin"));
  await otherDeviceSurveysWithVersion2(url);
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  const waiting = page.getByRole("region", { name: "Menunggu versi formulir" });
  await waiting.getByRole("link", { name: "Formulir household versi 2" }).waitFor();
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await page.getByRole("link", { name: /Formulir household versi 2/ }).click();
  await page.getByText("Versi formulir catatan ini belum ada di perangkat ini.", { exact: false }).waitFor();

  // Once the document comes through, the record shows as itself.
  await page.unroute("**/api/forms/household/versions/2");
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await eventually(async () => (await waiting.count()) === 0, { what: "nothing to wait for any more" });
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await page.getByRole("link", { name: /Jl\. Perangkat Lain/ }).click();
  await page.getByLabel("Jumlah kendaraan bermotor", { exact: true }).waitFor();
});
