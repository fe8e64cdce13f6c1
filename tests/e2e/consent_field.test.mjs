// Consent and the receipt on the volunteer's phone (issue 16): the privacy
// notice an administrator publishes reaches the phone and is read out in
// full before the consent question, and the record keeps which version was
// read and when; a household that consents gets a receipt code and its QR
// code; a refusal is asked nothing more and keeps no name; an erasure a
// resident asked for removes the household from the phone at its next sync.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import {
  PHONE, addMember, answer, apiAs, chooseArea, countStored, eventually, fill, fillHome, launchBrowser, logIn,
  openApp, select, unlock,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const CONSENT = "Responden menerima pemberitahuan dan bersedia didata";
const HEAD_NIK = "3576021505850001";

/** The volunteer's phone, signed in at Wates RW 01 RT 01, on the record list. */
async function volunteer(t) {
  const app = await openApp(t, browser, PHONE);
  await app.page.goto(app.server.url);
  await logIn(app.page);
  await chooseArea(app.page);
  await app.page.getByRole("link", { name: "Data", exact: true }).click();
  return app;
}

/** Sends everything now and waits until the round has ended. */
async function sendNow(page) {
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await page.getByText("Semua data sudah terkirim.").waitFor();
  await page.getByRole("link", { name: "Data", exact: true }).click();
}

/** The visit section of a new household at `address`, up to the consent question. */
async function startHousehold(page, address) {
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  await select(page, "Hasil kunjungan", "Terisi lengkap");
  await fill(page, "Alamat (jalan/gang)", address);
  await fill(page, "Nomor rumah", "8");
  await fill(page, "Nomor urut bangunan di RT", "4");
  await fill(page, "Nomor urut keluarga di bangunan", "1");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("(akurasi ± 9 m)").waitFor();
  await fill(page, "Nama responden", "Sri Wahyuni");
}

/** The rest of a consenting household: its family card, head and home. */
async function finishHousehold(page, head = "Budi Santoso", nik = HEAD_NIK, birth = "1985-05-15") {
  await fill(page, "No. KK", "3576021203150004");
  await fill(page, "Nama kepala keluarga", head);
  await addMember(page, {
    nik, name: head, sex: "Laki-laki", birth,
    relationship: "Kepala keluarga", marital: "Kawin tercatat", search: "wira", occupation: "Wiraswasta",
  });
  await select(page, "Status bangunan", "Kontrak/sewa");
  await fillHome(page, "36");
}

/** Completes the form, reads the receipt shown and its QR code; returns both. */
async function completeWithReceipt(page) {
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  const receipt = page.getByRole("region", { name: "Tanda terima keluarga" });
  const code = (await receipt.locator(".receipt-code").innerText()).trim();
  const png = PNG.sync.read(await receipt.getByRole("img", { name: "Kode QR tanda terima" }).screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  await receipt.getByRole("button", { name: "Kembali ke daftar data" }).click();
  return { code, qr: decoded?.data };
}

/** The server's copy of the record at `address`, as the coordinator pulls it. */
async function onServer(url, address) {
  const office = await apiAs(url, "koordinator");
  const { records } = await (await office("GET", "/api/sync/pull?protocol=1&cursor=0")).json();
  return records.find((r) => r.answers.address?.text === address);
}

test("the notice an administrator publishes is read before consent; the household gets a receipt", async (t) => {
  const { page, server } = await volunteer(t);
  const admin = await apiAs(server.url, "admin");
  const published = await admin("POST", "/api/notices", {
    version: 2,
    text: {
      id: "Versi kedua: Pemkot Mojokerto mendata keluarga untuk layanan kota; Anda boleh menolak.",
      en: "Second version: the City of Mojokerto surveys families for city services; you may refuse.",
    },
  });
  assert.equal(published.status, 201, await published.clone().text());
  await sendNow(page);

  const started = Date.now();
  await startHousehold(page, "Jl. Pemberitahuan 2");
  const notice = page.getByRole("region", { name: "Pemberitahuan privasi (versi 2)" });
  await notice.getByText("Versi kedua: Pemkot Mojokerto mendata keluarga").waitFor();
  // Read out before the question: the notice comes first on the page, in large type.
  const before = await notice.evaluate((n) => {
    const question = [...document.querySelectorAll("legend")].find((l) => l.textContent.includes("bersedia didata"));
    return Boolean(n.compareDocumentPosition(question) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(before, "the notice precedes the consent question");
  const size = await notice.locator(".notice-text").evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  assert.ok(size >= 20, `notice text at ${size}px`);
  await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
  await page.getByRole("region", { name: "Privacy notice (version 2)" })
    .getByText("Second version: the City of Mojokerto").waitFor();
  await page.getByLabel("Language", { exact: true }).selectOption("id");

  await answer(page, CONSENT, "Ya");
  await finishHousehold(page);
  const { code, qr } = await completeWithReceipt(page);
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  assert.equal(qr, code.replace("-", ""), "the QR code holds the receipt code and nothing else");

  await sendNow(page);
  let record;
  await eventually(async () => (record = await onServer(server.url, "Jl. Pemberitahuan 2")) !== undefined,
    { what: "the household on the server" });
  assert.deepEqual(record.answers._notice_version, { number: 2 });
  assert.deepEqual(record.answers.consent, { bool: true });
  assert.deepEqual(record.answers._receipt, { text: code.replace("-", "") });
  const at = record.answers._consent_at_ms.number;
  assert.ok(at >= started - 1000 && at <= Date.now(), `consent at ${at}`);
});

test("a refusal is asked nothing more and keeps no name, photo or receipt", async (t) => {
  const { page, server } = await volunteer(t);
  await startHousehold(page, "Jl. Menolak 4");
  await page.getByRole("heading", { name: "Pemberitahuan privasi (versi 1)" }).waitFor();
  await page.getByLabel("Foto tampak depan rumah").waitFor();
  await answer(page, CONSENT, "Tidak");
  // Nothing personal is asked any more: no name, family card, photo or note.
  for (const label of ["Nama responden", "No. KK", "Foto tampak depan rumah", "Catatan"]) {
    await eventually(async () => (await page.getByLabel(label, { exact: true }).count()) === 0,
      { what: `${label} to go` });
  }
  assert.equal(await page.getByRole("heading", { name: "Perumahan" }).count(), 0);
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  // No receipt: straight back to the list.
  await page.getByRole("heading", { name: "Data survei" }).waitFor();
  assert.equal(await page.getByRole("region", { name: "Tanda terima keluarga" }).count(), 0);

  await sendNow(page);
  let record;
  await eventually(async () => (record = await onServer(server.url, "Jl. Menolak 4")) !== undefined,
    { what: "the refusal on the server" });
  assert.deepEqual(record.answers.consent, { bool: false });
  assert.deepEqual(record.answers._notice_version, { number: 1 });
  for (const gone of ["respondent", "_receipt", "house_photo", "note", "no_kk"]) {
    assert.ok(!(gone in record.answers), `a refusal keeps ${gone}`);
  }
  assert.ok(!JSON.stringify(record).includes("Sri Wahyuni"));
});

test("an erasure a resident asked for reaches the phone: nothing of the household is left", async (t) => {
  const { page, server, dir } = await volunteer(t);
  await startHousehold(page, "Jl. Dihapus 9");
  await answer(page, CONSENT, "Ya");
  await finishHousehold(page);
  await page.getByLabel("Foto tampak depan rumah").setInputFiles(`${dir}/dist/icons/icon-512.png`);
  await page.getByRole("img", { name: "Foto 1" }).waitFor();
  const recordId = page.url().split("/").pop();
  const { code } = await completeWithReceipt(page);
  // A second household, which stays.
  await startHousehold(page, "Jl. Tetap 10");
  await answer(page, CONSENT, "Ya");
  await finishHousehold(page, "Agus Salim", "3576021707850003", "1985-07-17");
  await completeWithReceipt(page);
  await sendNow(page);
  let record;
  await eventually(async () => (record = await onServer(server.url, "Jl. Dihapus 9")) !== undefined,
    { what: "the household on the server" });
  const [photo] = record.answers.house_photo.photos;
  assert.equal((await countStored(page, "attachments")).length, 1);
  const office = await apiAs(server.url, "koordinator");
  await eventually(async () => (await office("GET", `/api/attachments/${photo}`)).ok,
    { what: "the photo to be uploaded" });

  // At the kelurahan office: the resident's receipt and the head's NIK.
  const filed = await office("POST", "/api/requests", { kind: "erasure", receipt: code, nik: HEAD_NIK, detail: "" });
  assert.equal(filed.status, 201, await filed.clone().text());
  const { id } = await filed.json();
  for (const step of ["take", "erase"]) {
    const done = await office("POST", `/api/requests/${id}/action`, { step, note: "" });
    assert.equal(done.status, 200, `${step}: ${await done.clone().text()}`);
  }
  assert.equal((await office("GET", `/api/attachments/${photo}`)).ok, false);

  // The phone's next sync removes it; the other household stays.
  await sendNow(page);
  await page.getByRole("link", { name: "Agus Salim" }).waitFor();
  await eventually(async () => (await page.getByRole("link", { name: "Budi Santoso" }).count()) === 0,
    { what: "the erased household to leave the list" });
  const records = await countStored(page, "records");
  assert.deepEqual(records.map((r) => r.id).includes(recordId), false);
  assert.equal(records.length, 1);
  assert.equal((await countStored(page, "summaries")).length, 1);
  assert.equal((await countStored(page, "attachments")).length, 0);
  const outbox = await countStored(page, "outbox");
  assert.ok(outbox.every((e) => e.record_id !== recordId || Object.keys(e.changes).length === 0));
  await page.goto(`${server.url}/records/${recordId}`);
  await unlock(page);
  await page.getByText("Data tidak ditemukan di perangkat ini.").waitFor();
});
