// Residents' rights (issue 16) at the kiosk and in the console: a resident
// asks at the kiosk to see their household's data with the receipt code
// from their card and the head of the family's NIK, and gets a kiosk
// receipt; the coordinator finds the request in Permintaan data (owner,
// due date), takes it, opens the data held on the print view and marks it
// handed; the kiosk's status check of the receipt follows. At the office,
// a request with a wrong NIK is refused with the reason; an erasure is
// honoured after a confirmation and the household is gone from Tinjau and
// from the API.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { apiAs, eventually, launchBrowser, logIn, openApp, serviceWorkerReady } from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const tablet = { viewport: { width: 1024, height: 768 } };

/**
 * A completed household of Wates RW 01 RT 01 pushed by the volunteer, with
 * its receipt code and a head of the family (relationship 1) whose NIK is
 * `headNik`; resolves with its record id.
 */
async function seedHousehold(url, { id, receipt, headNik, headName, address }) {
  const relawan = await apiAs(url, "relawan");
  const MEMBER = {
    religion: { choice: "1" }, marital: { choice: "1" }, education: { choice: "5" }, occupation: { choice: "88" },
    citizenship: { choice: "1" }, presence: { choice: "1" }, chronic_disease: { choice: "01" }, insurance: { choices: ["1"] },
  };
  const HOUSING = {
    building_status: { choice: "1" }, land_proof: { choice: "1" }, floor: { choice: "2" }, wall: { choice: "1" },
    roof: { choice: "2" }, drinking_water: { choice: "2" }, lighting: { choice: "1" }, power: { choice: "2" },
    cooking_fuel: { choice: "4" }, toilet: { choice: "1" }, toilet_type: { choice: "1" }, sewage: { choice: "1" },
    internet: { choice: "3" }, floor_area: { number: 54 }, prog_lpg: { bool: true }, asset_motorcycle: { bool: true },
  };
  const member = (row, nik, name, relationship, sex, birth) => ({
    [`members/${row}/nik`]: { text: nik },
    [`members/${row}/name`]: { text: name },
    [`members/${row}/sex`]: { choice: sex },
    [`members/${row}/birth_place`]: { text: "Mojokerto" },
    [`members/${row}/birth_date`]: { date: birth },
    [`members/${row}/relationship`]: { choice: relationship },
    ...Object.fromEntries(Object.entries(MEMBER).map(([field, value]) => [`members/${row}/${field}`, value])),
  });
  const changes = {
    visit_result: { choice: "1" }, visit_date: { date: "2026-11-20" }, address: { text: address },
    house_number: { text: "12" }, building_serial: { number: 9 }, family_serial: { number: 1 },
    gps: { absent: null }, respondent: { text: headName }, consent: { bool: true },
    _notice_version: { number: 1 }, _consent_at_ms: { number: Date.now() - 86_400_000 }, _receipt: { text: receipt },
    no_kk: { text: "3576021203150001" }, head_name: { text: headName },
    members: { rows: ["m0", "m1"] },
    ...member("m0", headNik, headName, "1", "1", "1980-05-15"),
    ...member("m1", "3576025505850002", "Siti Rahayu", "2", "2", "1985-05-15"),
    ...HOUSING,
  };
  const pushed = await relawan("POST", "/api/sync/push", {
    protocol: 1,
    client_id: `0190a000-0000-7000-8000-${id.slice(-12)}`,
    mutations: [{
      seq: 1, record_id: id, form_id: "household", form_version: 1,
      area: "35.76.02.1010/01/01", base_version: 0, op: "upsert", changes,
    }],
  });
  assert.equal(pushed.status, 200, await pushed.clone().text());
  const [result] = (await pushed.json()).results;
  assert.ok(result.outcome.applied, JSON.stringify(result));
  return id;
}

/** Makes `page` (signed in as the coordinator) the office's kiosk. */
async function makeKiosk(page) {
  await page.getByRole("link", { name: "Akun", exact: true }).click();
  await page.getByRole("link", { name: "Mode kios" }).click();
  await page.getByLabel("Nama pengguna akun kios").fill("kiosk");
  await page.getByLabel("Kata sandi akun kios").fill("rukun-demo");
  await page.getByRole("button", { name: "Jadikan kios" }).click();
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor();
}

/** The kiosk's status check of `receipt` shows `text`. */
async function kioskStatus(page, receipt, text) {
  await page.getByRole("button", { name: "Cek status laporan" }).click();
  await page.getByLabel("Kode tanda terima").fill(receipt);
  await page.getByRole("button", { name: "Cek status", exact: true }).click();
  await page.getByText(text).waitFor();
  await page.getByRole("button", { name: "Selesai" }).click();
}

test("a resident asks at the kiosk to see their data; the coordinator hands it over from the print view", async (t) => {
  const app = await openApp(t, browser, tablet);
  const url = app.server.url;
  const HEAD = "3576021505800001";
  const RECEIPT = "7K3QX9M2PA";
  await seedHousehold(url, {
    id: "0190a000-0000-7000-8000-0000000016a1", receipt: RECEIPT, headNik: HEAD,
    headName: "Bambang Sutrisno", address: "Jl. Empunala 16",
  });

  // The office tablet, made a kiosk by the coordinator.
  const { page } = app;
  await page.goto(url);
  await logIn(page, "koordinator");
  await serviceWorkerReady(page);
  await makeKiosk(page);

  await page.getByRole("button", { name: "Data keluarga saya" }).click();
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByText("Pilih salah satu.").waitFor();
  await page.getByRole("button", { name: "Lihat data saya" }).click();
  await page.getByLabel("Kode tanda terima").fill("12345");
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByText("Kode tanda terima adalah 10 huruf dan angka pada kartu dari petugas.").waitFor();
  await page.getByLabel("Kode tanda terima").fill("7k3qx-9m2pa");
  await page.getByRole("button", { name: "Lanjut" }).click();
  const nik = page.getByLabel("NIK kepala keluarga", { exact: true });
  assert.equal(await nik.getAttribute("type"), "password");
  await nik.fill("35760215");
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByText("NIK kepala keluarga harus 16 angka sesuai KTP.").waitFor();
  await nik.fill(HEAD);
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByLabel("Keterangan untuk koordinator (tidak wajib)").fill("Untuk pengajuan beasiswa anak");
  await page.getByRole("button", { name: "Kirim permintaan" }).click();
  await page.getByRole("heading", { name: "Terima kasih, sudah kami terima" }).waitFor();
  const shown = (await page.getByLabel("Kode tanda terima").innerText()).trim();
  assert.match(shown, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  // The kiosk never shows the household's data.
  assert.ok(!(await page.content()).includes("Bambang"));
  await page.getByRole("button", { name: "Selesai" }).click();
  await kioskStatus(page, shown, "Sudah diterima kantor kelurahan, menunggu ditinjau.");

  // The coordinator, on the office laptop.
  const laptop = await (await browser.newContext()).newPage();
  t.after(() => laptop.context().close());
  await laptop.goto(url);
  await logIn(laptop, "koordinator");
  await laptop.getByRole("link", { name: "Permintaan data", exact: true }).click();
  const card = laptop.getByRole("listitem").filter({ hasText: shown });
  await card.getByRole("heading", { name: /Lihat data/ }).waitFor({ timeout: 30_000 });
  await card.getByText("kios", { exact: true }).waitFor();
  await card.getByText("Untuk pengajuan beasiswa anak").waitFor();
  await card.getByText("belum ada", { exact: true }).waitFor();
  assert.equal(await card.getByText("Lewat tenggat").count(), 0, "a new request is not overdue");
  const due = await card.locator("dt", { hasText: "Tenggat" }).locator("xpath=following-sibling::dd[1]").innerText();
  assert.match(due, /\d/, `due date shown: ${due}`);
  await card.getByRole("button", { name: "Ambil" }).click();
  await card.getByText("koordinator", { exact: true }).waitFor();

  await card.getByRole("link", { name: "Lihat data" }).click();
  await laptop.getByRole("heading", { name: "Data yang disimpan" }).waitFor();
  await laptop.getByRole("heading", { name: "Bambang Sutrisno" }).waitFor({ timeout: 30_000 });
  await laptop.getByText("Siti Rahayu").waitFor();
  const consent = laptop.getByRole("region", { name: "Persetujuan" });
  await consent.getByText("Setuju", { exact: true }).waitFor();
  await consent.getByText("7K3QX-9M2PA").waitFor();
  await laptop.getByRole("button", { name: "Cetak" }).waitFor();
  // Printed, the app's navigation is hidden.
  await laptop.emulateMedia({ media: "print" });
  assert.equal(await laptop.locator("nav.tabs").isVisible(), false);
  await laptop.emulateMedia({ media: "screen" });

  await laptop.getByRole("link", { name: "← Permintaan data" }).click();
  await card.getByRole("button", { name: "Sudah diserahkan" }).click();
  await card.waitFor({ state: "detached" });
  // A receipt's public state is reused for 5 s after a look-up.
  await eventually(async () => (await (await fetch(`${url}/api/receipts/${shown.replace("-", "")}`)).json()).state === "accepted", {
    what: "the kiosk receipt to follow the request",
  });
  await kioskStatus(page, shown, "Diterima dan ditindaklanjuti.");
});

test("at the office: a wrong NIK is refused; an overdue erasure comes first and removes the household after a confirmation", async (t) => {
  // Erasures are due at once on this server, so one is overdue as soon as it is recorded.
  process.env.RUKUN_ERASURE_DEADLINE_HOURS = "0";
  const app = await openApp(t, browser, tablet);
  delete process.env.RUKUN_ERASURE_DEADLINE_HOURS;
  const url = app.server.url;
  const HEAD = "3576021505800002";
  const RECEIPT = "9P4RT6W8XA";
  const id = await seedHousehold(url, {
    id: "0190a000-0000-7000-8000-0000000016b2", receipt: RECEIPT, headNik: HEAD,
    headName: "Slamet Riyadi", address: "Jl. Hapus Saja 4",
  });
  const office = await apiAs(url, "koordinator");
  assert.equal((await office("GET", `/api/review/records/${id}`)).status, 200);

  const { page } = app;
  await page.goto(url);
  await logIn(page, "koordinator");
  // The household is in Tinjau before.
  await page.getByRole("link", { name: "Tinjau", exact: true }).click();
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await page.getByRole("region", { name: "Hasil" }).getByText("Slamet Riyadi").waitFor({ timeout: 30_000 });
  await page.getByRole("link", { name: "Permintaan data", exact: true }).click();
  const form = page.getByRole("region", { name: "Catat permintaan" });
  await form.getByLabel("Jenis permintaan").selectOption({ label: "Tarik persetujuan dan hapus" });
  await form.getByLabel("Kode tanda terima keluarga").fill(RECEIPT);
  const nik = form.getByLabel("NIK kepala keluarga");
  assert.equal(await nik.getAttribute("type"), "password");
  await nik.fill("3576021505800009");
  await form.getByRole("button", { name: "Catat", exact: true }).click();
  await form.getByText("Tidak ada keluarga dengan kode dan NIK itu di wilayah Anda").waitFor();

  // First a request to see the data (due in 72 hours), then the erasure.
  await form.getByLabel("Jenis permintaan").selectOption({ label: "Lihat data" });
  await nik.fill(HEAD);
  await form.getByRole("button", { name: "Catat", exact: true }).click();
  await form.getByText("Permintaan tercatat.").waitFor();
  assert.equal(await nik.inputValue(), "", "the NIK is not kept on the page");
  await form.getByLabel("Jenis permintaan").selectOption({ label: "Tarik persetujuan dan hapus" });
  await form.getByLabel("Kode tanda terima keluarga").fill(RECEIPT);
  await nik.fill(HEAD);
  await form.getByLabel("Apa yang diminta").fill("Pindah ke luar kota, minta data dihapus");
  await form.getByRole("button", { name: "Catat", exact: true }).click();
  await page.getByRole("listitem").filter({ hasText: "Pindah ke luar kota" }).waitFor();
  assert.ok(!(await page.content()).includes(HEAD));

  // The overdue erasure is first and marked.
  const first = page.locator("ul.requests > li").first();
  await first.getByText("Lewat tenggat", { exact: true }).waitFor();
  await first.getByText("Pindah ke luar kota", { exact: false }).waitFor();
  const second = page.locator("ul.requests > li").nth(1);
  await second.getByRole("heading", { name: /Lihat data/ }).waitFor();
  assert.equal(await second.getByText("Lewat tenggat").count(), 0);

  const card = page.getByRole("listitem").filter({ hasText: "Pindah ke luar kota" });
  await card.getByText("kantor", { exact: true }).waitFor();
  await card.getByRole("button", { name: "Hapus data keluarga" }).click();
  await card.getByText("Tidak dapat dibatalkan", { exact: false }).waitFor();
  // The confirmation names the household it erases.
  await card.getByText("Slamet Riyadi · RT 01 / RW 01 · 2 anggota keluarga").waitFor();
  await card.getByRole("button", { name: "Ya, lanjutkan" }).click();
  await card.waitFor({ state: "detached" });
  await page.getByLabel("Status permintaan").selectOption({ label: "Selesai" });
  await page.getByRole("listitem").filter({ hasText: "Tarik persetujuan dan hapus" }).getByText("Selesai", { exact: true }).waitFor();

  // Gone from Tinjau and from the API.
  assert.equal((await office("GET", `/api/review/records/${id}`)).status, 404);
  await page.getByRole("link", { name: "Tinjau", exact: true }).click();
  await page.getByRole("button", { name: "Tampilkan" }).click();
  const results = page.getByRole("region", { name: "Hasil" });
  await results.waitFor();
  await page.waitForTimeout(1_000);
  assert.equal(await results.getByText("Slamet Riyadi").count(), 0);
  assert.equal(await results.getByText("Jl. Hapus Saja 4").count(), 0);
});

test("a correction goes back to the volunteer, a decline needs its reason, and an administrator publishes the next notice", async (t) => {
  const app = await openApp(t, browser, tablet);
  const url = app.server.url;
  const HEAD = "3576021505800003";
  const RECEIPT = "4M7NW2K9HB";
  const id = await seedHousehold(url, {
    id: "0190a000-0000-7000-8000-0000000016c3", receipt: RECEIPT, headNik: HEAD,
    headName: "Joko Widodo", address: "Jl. Koreksi 7",
  });
  const office = await apiAs(url, "koordinator");
  const { page } = app;
  await page.goto(url);
  await logIn(page, "koordinator");
  await page.getByRole("link", { name: "Permintaan data", exact: true }).click();
  await page.getByRole("link", { name: "Catatan pemrosesan data pribadi (UU 27/2022)" }).click();
  await page.getByRole("heading", { name: "Catatan pemrosesan data pribadi" }).waitFor();
  await page.getByText("3 × 24 jam", { exact: false }).waitFor();
  await page.getByText("--kiosk-retention-days", { exact: false }).waitFor();
  await page.getByRole("link", { name: "Tentang", exact: true }).click();
  await page.getByRole("link", { name: "Catatan pemrosesan data pribadi (UU 27/2022)" }).waitFor();
  await page.getByRole("link", { name: "Permintaan data", exact: true }).click();

  const form = page.getByRole("region", { name: "Catat permintaan" });
  const record = async (kind, detail) => {
    await form.getByLabel("Jenis permintaan").selectOption({ label: kind });
    await form.getByLabel("Kode tanda terima keluarga").fill(RECEIPT);
    await form.getByLabel("NIK kepala keluarga").fill(HEAD);
    await form.getByLabel("Apa yang diminta").fill(detail);
    await form.getByRole("button", { name: "Catat", exact: true }).click();
    await form.getByText("Permintaan tercatat.").waitFor();
  };
  await record("Perbaiki data", "Nama kepala keluarga salah ketik");
  const correction = page.getByRole("listitem").filter({ hasText: "salah ketik" });
  await correction.getByRole("button", { name: "Kembalikan ke relawan" }).click();
  await correction.waitFor({ state: "detached" });
  const returned = await (await office("GET", `/api/review/records/${id}`)).json();
  assert.equal(returned.item.review_state, "returned");

  await record("Lihat data", "Minta salinan untuk bank");
  const access = page.getByRole("listitem").filter({ hasText: "salinan untuk bank" });
  await access.getByRole("button", { name: "Tolak", exact: true }).click();
  await access.getByRole("button", { name: "Tolak permintaan" }).click();
  await access.getByText("Tuliskan alasan penolakan.").waitFor();
  await access.getByLabel("Alasan penolakan (wajib)").fill("Pemohon bukan anggota keluarga");
  await access.getByRole("button", { name: "Tolak permintaan" }).click();
  await access.waitFor({ state: "detached" });
  await page.getByLabel("Status permintaan").selectOption({ label: "Ditolak" });
  await page.getByRole("listitem").filter({ hasText: "Pemohon bukan anggota keluarga" }).getByText("Ditolak", { exact: true }).waitFor();
  // A coordinator does not publish notices.
  assert.equal(await page.getByRole("region", { name: "Pemberitahuan privasi" }).count(), 0);

  // The administrator publishes version 2 of the notice.
  const admin = await (await browser.newContext()).newPage();
  t.after(() => admin.context().close());
  await admin.goto(url);
  await logIn(admin, "admin");
  await admin.getByRole("link", { name: "Permintaan data", exact: true }).click();
  const notices = admin.getByRole("region", { name: "Pemberitahuan privasi" });
  await notices.getByRole("heading", { name: "Versi 1" }).waitFor();
  await notices.getByLabel("Teks dalam Bahasa Indonesia").fill("Terlalu pendek");
  await notices.getByLabel("Teks dalam Bahasa Inggris").fill("Too short");
  await notices.getByRole("button", { name: "Terbitkan" }).click();
  await notices.getByText("Tulis pemberitahuan lengkap dalam kedua bahasa (minimal 20 karakter).").waitFor();
  const text = "Data keluarga dipakai Pemkot Mojokerto untuk perencanaan layanan kota.";
  await notices.getByLabel("Teks dalam Bahasa Indonesia").fill(text);
  await notices.getByLabel("Teks dalam Bahasa Inggris").fill("Household data is used by the city of Mojokerto to plan its services.");
  await notices.getByRole("button", { name: "Terbitkan" }).click();
  await notices.getByText("Versi baru pemberitahuan diterbitkan.").waitFor();
  await notices.getByRole("heading", { name: "Versi 2" }).waitFor();
  await notices.getByText(text).waitFor();
  const list = await (await (await apiAs(url, "admin"))("GET", "/api/notices")).json();
  assert.deepEqual(list.notices.map((n) => n.version), [1, 2]);
});
