// A volunteer's day, offline: a household of three completed with the server
// stopped, a reload, an edit; an infrastructure report with a photo; a
// deletion with confirmation; and bad input that loses nothing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  addMember, answer, chooseArea, countStored, eventually, fill, fillHome, launchBrowser, logIn, openApp,
  select, serviceWorkerReady, unlock,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const phone = {
  viewport: { width: 360, height: 740 },
  hasTouch: true,
  isMobile: true,
  permissions: ["geolocation"],
  geolocation: { latitude: -7.4721, longitude: 112.4338, accuracy: 12 },
};

/** Opens the app, picks the RT, waits for offline support, stops the server. */
async function offlineVolunteer(t, contextOptions = phone) {
  const app = await openApp(t, browser, contextOptions);
  await app.page.goto(app.server.url);
  await logIn(app.page);
  await chooseArea(app.page);
  await serviceWorkerReady(app.page);
  assert.equal(await app.server.stop(), 0);
  app.server = { stop: async () => 0 };
  await app.page.reload();
  await unlock(app.page);
  await app.page.getByRole("link", { name: "Data", exact: true }).click();
  return app;
}

test("a household of three is completed offline, survives a reload and is edited", async (t) => {
  const { page } = await offlineVolunteer(t);
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  await page.getByText("Wilayah: RT 01 / RW 01, Wates").waitFor();

  await select(page, "Hasil kunjungan", "Terisi lengkap");
  await fill(page, "Alamat (jalan/gang)", "Jl. Empunala Gg. 3");
  await fill(page, "Nomor rumah", "17");
  await fill(page, "Nomor urut bangunan di RT", "12");
  await fill(page, "Nomor urut keluarga di bangunan", "1");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("-7.47210, 112.43380 (akurasi ± 12 m)").waitFor();
  await fill(page, "Nama responden", "Siti Aminah");
  // The privacy notice is on the phone (downloaded at the first sync) and
  // read out before the consent question.
  await page.getByRole("heading", { name: "Pemberitahuan privasi (versi 1)" }).waitFor();
  await answer(page, "Responden menerima pemberitahuan dan bersedia didata", "Ya");
  await fill(page, "No. KK", "3576021203150004");
  await fill(page, "Nama kepala keluarga", "Budi Santoso");

  await addMember(page, {
    nik: "3576021505850001", name: "Budi Santoso", sex: "Laki-laki", birth: "1985-05-15",
    relationship: "Kepala keluarga", marital: "Kawin tercatat", search: "wira", occupation: "Wiraswasta",
  });
  await addMember(page, {
    // A man's NIK (day 20, not 60) for a woman: a warning, not a block.
    nik: "3576022008880002", name: "Siti Aminah", sex: "Perempuan", birth: "1988-08-20",
    relationship: "Istri", marital: "Kawin tercatat", search: "rumah tangga", occupation: "Mengurus rumah tangga",
    pregnant: "Tidak",
    check: (page) => page.getByText("Jenis kelamin menurut NIK berbeda dengan yang diisi. Periksa kembali.").waitFor(),
  });
  await addMember(page, {
    name: "Ahmad", sex: "Laki-laki", birth: "2024-01-09", relationship: "Anak", marital: "Belum kawin",
    search: "belum", occupation: "Belum/tidak bekerja",
    check: async (page) => assert.equal(await page.getByRole("group", { name: "Sedang hamil" }).count(), 0),
  });
  assert.deepEqual(await page.locator(".rows .row-head strong").allInnerTexts(), ["Budi Santoso", "Siti Aminah", "Ahmad"]);

  // Housing still empty: completing is refused and the record stays a draft.
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await page.getByText("Belum bisa selesai: perbaiki isian bertanda merah").waitFor();
  await select(page, "Status bangunan", "Kontrak/sewa");
  assert.equal(await page.getByLabel("Bukti kepemilikan tanah").count(), 0);
  await fillHome(page, "36,5");
  await page.getByText("Ada peringatan; data tetap bisa diselesaikan.").waitFor();
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  // The household consented: its receipt, offline too.
  const receipt = page.getByRole("region", { name: "Tanda terima keluarga" });
  const code = (await receipt.locator(".receipt-code").innerText()).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  await receipt.getByRole("img", { name: "Kode QR tanda terima" }).waitFor();
  await receipt.getByRole("button", { name: "Kembali ke daftar data" }).click();

  const item = page.getByRole("listitem").filter({ hasText: "Budi Santoso" });
  await item.getByText("Siap dikirim").waitFor();
  await item.getByText("1 peringatan").waitFor();
  assert.equal((await countStored(page, "outbox")).length, 1);
  // Every answer is sealed at rest, not only names, NIK and No. KK:
  // nothing of the household is readable from IndexedDB.
  for (const store of ["records", "summaries", "outbox"]) {
    const stored = JSON.stringify(await countStored(page, store));
    for (const answer of ["Budi Santoso", "3576021505850001", "Empunala", "house_number", "-7.4721", "religion"]) {
      assert.ok(!stored.includes(answer), `${store} shows ${answer}: ${stored.slice(0, 300)}`);
    }
  }

  // After the unlock the app looked for data in the shape before issue 14
  // (none here) and marked the database done (`seal_legacy_data`).
  await eventually(async () => (await countStored(page, "meta")).includes(true), { what: "the sweep's mark" });

  await page.reload();
  await unlock(page);
  await item.getByText("Siap dikirim").waitFor();
  await item.getByRole("link", { name: "Budi Santoso" }).click();
  await fill(page, "Nomor rumah", "17A");
  await page.getByText("Tersimpan di perangkat").waitFor();
  await page.reload();
  await unlock(page);
  assert.equal(await page.getByLabel("Nomor rumah", { exact: true }).inputValue(), "17A");
  await page.getByRole("link", { name: "Kembali ke daftar" }).click();
  await item.getByText("Draf (diubah)").waitFor();
  await item.getByRole("link", { name: "Budi Santoso" }).click();
  // The record shows the receipt the family holds; completing again keeps it.
  await page.getByText(`Tanda terima keluarga: ${code}`).waitFor();
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  assert.equal((await receipt.locator(".receipt-code").innerText()).trim(), code);
  await receipt.getByRole("button", { name: "Kembali ke daftar data" }).click();
  await item.getByText("Siap dikirim").waitFor();
  const outbox = await countStored(page, "outbox");
  assert.deepEqual(outbox.map((e) => e.seq), [1, 2]);
  // Sealed: nonce (12) + {"house_number":{"text":"17A"}} (31) + tag (16) bytes.
  assert.equal(Object.keys(outbox[1].changes).length, 59);
  assert.ok(!("personal_changes" in outbox[1]));
});

test("an infrastructure report with a photo, then deleted after confirming", async (t) => {
  const { dir, page } = await offlineVolunteer(t);
  await page.getByRole("button", { name: "Laporan prasarana baru" }).click();
  await select(page, "Kategori", "Saluran drainase / gorong-gorong");
  await select(page, "Saluran terbuka/tertutup", "Terbuka");
  await answer(page, "Tersumbat atau berlumpur", "Ya");
  await select(page, "Kondisi", "Rusak sedang");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("(akurasi ± 12 m)").waitFor();
  await page.getByLabel("Foto (1–3)").setInputFiles(join(dir, "dist/icons/icon-512.png"));
  const thumbnail = page.getByRole("img", { name: "Foto 1" });
  await thumbnail.waitFor();
  await eventually(() => thumbnail.evaluate((img) => img.complete && img.naturalWidth === 512), { what: "the thumbnail to load" });
  const [photo] = await countStored(page, "attachments");
  assert.match(photo.sha256, /^[0-9a-f]{64}$/);
  await fill(page, "Catatan", "Air meluap saat hujan deras");
  await page.getByRole("button", { name: "Selesai", exact: true }).click();

  const item = page.getByRole("listitem").filter({ hasText: "Saluran drainase / gorong-gorong" });
  await item.getByText("Siap dikirim").waitFor();
  await item.getByRole("button", { name: "Hapus" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Batal" }).click();
  await item.getByText("Siap dikirim").waitFor();
  await item.getByRole("button", { name: "Hapus" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Ya, hapus" }).click();
  await page.getByText("Belum ada data di RT ini.").waitFor();
  const outbox = await countStored(page, "outbox");
  assert.deepEqual(outbox.map((e) => e.op), ["upsert", "delete"]);
  const [tombstone] = await countStored(page, "records");
  assert.equal(tombstone.status, "deleted");
});

test("bad input gets a message at its field and loses nothing else", async (t) => {
  // No geolocation permission: the position is refused.
  const { page } = await offlineVolunteer(t, { viewport: { width: 360, height: 740 } });
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  await select(page, "Hasil kunjungan", "Terisi lengkap");
  await fill(page, "Alamat (jalan/gang)", "Jl. Brawijaya 5");
  await page.getByRole("button", { name: "Ambil lokasi GPS" }).click();
  await page.getByText("Izin lokasi ditolak.", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Lanjut tanpa GPS" }).click();
  await page.getByText("Tanpa lokasi GPS", { exact: true }).first().waitFor();

  await fill(page, "Nomor urut bangunan di RT", "0");
  await page.getByText("Harus antara 1 dan 999.").waitFor();
  await fill(page, "Nomor urut bangunan di RT", "dua");
  await page.getByText("Harus berupa angka.").waitFor();
  await answer(page, "Responden menerima pemberitahuan dan bersedia didata", "Ya");
  await page.getByRole("button", { name: "Tambah anggota" }).click();
  await fill(page, "NIK", "35760215O5850001");
  await page.getByText("Hanya boleh berisi angka.").waitFor();
  await fill(page, "NIK", "3576021513850001");
  await page.getByText("Bulan (angka ke-9 dan 10) harus 01–12.").waitFor();
  await fill(page, "Tanggal lahir", "2030-01-01");
  await page.getByText("Tanggal tidak boleh setelah hari ini.").waitFor();
  await page.getByRole("button", { name: "Selesai mengisi anggota" }).click();
  await fill(page, "Luas lantai (m²)", "0");
  await page.getByText("Harus antara 1 dan 999.").first().waitFor();

  const photo = page.getByLabel("Foto tampak depan rumah");
  await photo.setInputFiles({ name: "catatan.txt", mimeType: "text/plain", buffer: Buffer.from("bukan foto") });
  await page.getByText("Berkas ini bukan gambar.", { exact: false }).waitFor();
  await photo.setInputFiles({ name: "besar.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(40 * 1024 * 1024, 1) });
  await page.getByText("Foto terlalu besar (maksimal 25 MB).").waitFor();
  await photo.setInputFiles({ name: "rusak.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a jpeg") });
  await page.getByText("Berkas ini bukan gambar.", { exact: false }).waitFor();

  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  await page.getByText("Belum bisa selesai: perbaiki isian bertanda merah").waitFor();
  // Everything typed is still there after a reload, errors and all.
  await page.getByText("Tersimpan di perangkat").waitFor();
  await page.reload();
  await unlock(page);
  assert.equal(await page.getByLabel("Alamat (jalan/gang)", { exact: true }).inputValue(), "Jl. Brawijaya 5");
  assert.equal(await page.getByLabel("Nomor urut bangunan di RT", { exact: true }).inputValue(), "dua");
  assert.equal(await page.getByLabel("Luas lantai (m²)", { exact: true }).inputValue(), "0");
  await page.getByRole("button", { name: "Ubah" }).click();
  assert.equal(await page.getByLabel("NIK", { exact: true }).inputValue(), "3576021513850001");
  assert.equal(await page.getByLabel("Tanggal lahir", { exact: true }).inputValue(), "2030-01-01");
  await page.getByRole("link", { name: "Kembali ke daftar" }).click();
  await page.getByRole("listitem").filter({ hasText: "Jl. Brawijaya 5" }).getByText("Draf").waitFor();
  assert.equal((await countStored(page, "outbox")).length, 0);
});
