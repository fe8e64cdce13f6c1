// The kiosk at the kelurahan office: a coordinator makes the office tablet
// a kiosk; with the server down a resident reports a flood point with a
// photo and gets a receipt; the kiosk clears itself and keeps nothing
// readable of them (page or IndexedDB); once the server is back the report
// arrives, the coordinator accepts it in the console, and the receipt's
// state and the office board follow. Leaving kiosk mode needs the
// coordinator's passphrase.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  PASSPHRASE, eventually, launchBrowser, logIn, openApp, secretLabel, serviceWorkerReady, startServer,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const tablet = { viewport: { width: 1024, height: 768 } };
const DESCRIPTION = "Air setinggi lutut di depan Musala Al-Ikhlas";
const CONTACT = "0812-1111-2222";
const NIK = "3576021505900001";

/** Everything in every IndexedDB database of the page, as one string. */
async function indexedDbText(page) {
  return page.evaluate(async () => {
    const dump = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((done, fail) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const store of db.objectStoreNames) {
        const rows = await new Promise((done) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => done(request.result);
        });
        dump.push(`${name}/${store}: ${JSON.stringify(rows, (_, v) => (v instanceof Uint8Array ? [...v] : v))}`);
      }
      db.close();
    }
    return dump.join("\n");
  });
}

test("a resident reports a flood at the kiosk offline; it reaches the coordinator and leaves no trace", async (t) => {
  const app = await openApp(t, browser, tablet);
  const { page } = app;
  await page.goto(app.server.url);
  await logIn(page, "koordinator");
  await serviceWorkerReady(page);

  // Enrolment, from the coordinator's Akun tab.
  await page.getByRole("link", { name: "Akun", exact: true }).click();
  await page.getByRole("link", { name: "Mode kios" }).click();
  await page.getByLabel("Nama pengguna akun kios").fill("relawan");
  await page.getByLabel("Kata sandi akun kios").fill("rukun-demo");
  await page.getByRole("button", { name: "Jadikan kios" }).click();
  await page.getByText("Akun ini bukan akun kios.").waitFor();
  await page.getByLabel("Nama pengguna akun kios").fill("kiosk");
  await page.getByLabel("Kembali ke layar awal setelah tidak disentuh (detik)").fill("15");
  await page.getByRole("button", { name: "Jadikan kios" }).click();
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor();
  assert.equal(await page.getByRole("link").count(), 0, "no navigation in kiosk mode");
  // Still a kiosk after a reload.
  await page.reload();
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor();

  // The office connection drops.
  await app.server.stop();

  await page.getByRole("button", { name: "Laporkan masalah prasarana" }).click();
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByText("Pilih jenis masalah.").waitFor();
  await page.getByRole("button", { name: "Titik banjir / genangan" }).click();
  await page.getByLabel("RW", { exact: true }).selectOption({ label: "RW 01" });
  await page.getByLabel("RT", { exact: true }).selectOption({ label: "RT 02" });
  // The map's tiles cannot load offline; the point can still be marked.
  await page.getByRole("img", { name: "Peta untuk menandai tempat" }).click();
  await page.getByText("Titik sudah ditandai.").waitFor();
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByLabel("Ambil foto").setInputFiles(join(app.dir, "dist/icons/icon-512.png"));
  await page.getByText("Foto siap").waitFor();
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByLabel("Uraian masalah").fill("Air");
  await page.getByLabel("Nomor HP atau kontak (boleh dikosongkan)").fill(CONTACT);
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await page.getByText("Ceritakan masalahnya dalam beberapa kata.").waitFor();
  await page.getByLabel("Uraian masalah").fill(DESCRIPTION);
  await page.getByRole("button", { name: "Kirim laporan" }).click();

  await page.getByRole("heading", { name: "Terima kasih, sudah kami terima" }).waitFor();
  const shown = (await page.getByLabel("Kode tanda terima").innerText()).trim();
  assert.match(shown, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  const receipt = shown.replace("-", "");
  await page.getByText("laporan dikirim otomatis begitu tersambung").waitFor();
  // This resident reads English; the next one starts in Bahasa Indonesia.
  await page.getByLabel("Bahasa", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("heading", { name: "Thank you, we have it" }).waitFor();

  // No touch: the kiosk returns to its start screen by itself.
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor({ timeout: 30_000 });
  const html = await page.content();
  for (const trace of [DESCRIPTION, CONTACT, shown]) {
    assert.ok(!html.includes(trace), `the page still shows ${trace}`);
  }
  await page.goBack().catch(() => {});
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor();
  const stored = await indexedDbText(page);
  assert.ok(stored.includes(receipt), "the sealed report waits in IndexedDB");
  for (const trace of [DESCRIPTION, "Musala", CONTACT, "0812"]) {
    assert.ok(!stored.includes(trace), `IndexedDB shows ${trace}`);
  }

  // A household request: the NIK is typed hidden; cancelling drops it.
  await page.getByRole("button", { name: "Minta perbaikan data keluarga" }).click();
  await page.getByLabel("RW", { exact: true }).selectOption({ label: "RW 01" });
  await page.getByLabel("RT", { exact: true }).selectOption({ label: "RT 01" });
  await page.getByRole("button", { name: "Lanjut" }).click();
  const nik = page.getByLabel("NIK", { exact: true });
  assert.equal(await nik.getAttribute("type"), "password");
  await nik.fill("12345");
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByText("NIK harus 16 angka sesuai KTP.").waitFor();
  await nik.fill(NIK);
  await page.getByRole("button", { name: "Kembali" }).click();
  await page.getByRole("button", { name: "Batal" }).click();
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor();
  assert.ok(!(await indexedDbText(page)).includes(NIK));
  // The next resident finds every field empty again.
  await page.getByRole("button", { name: "Minta perbaikan data keluarga" }).click();
  assert.equal(await page.getByLabel("RW", { exact: true }).inputValue(), "0");
  await page.getByLabel("RW", { exact: true }).selectOption({ label: "RW 01" });
  await page.getByLabel("RT", { exact: true }).selectOption({ label: "RT 01" });
  await page.getByRole("button", { name: "Lanjut" }).click();
  assert.equal(await page.getByLabel("NIK", { exact: true }).inputValue(), "");
  await page.getByRole("button", { name: "Kembali" }).click();
  await page.getByRole("button", { name: "Batal" }).click();
  await page.getByRole("button", { name: "Laporkan masalah prasarana" }).click();
  assert.equal(await page.getByRole("button", { name: "Titik banjir / genangan" }).getAttribute("aria-pressed"), "false");
  await page.getByRole("button", { name: "Batal" }).click();

  // Staff cannot leave kiosk mode while the report waits, even with the passphrase.
  await page.getByRole("button", { name: "Petugas" }).click();
  await page.getByLabel(secretLabel(PASSPHRASE)).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Keluar dari mode kios" }).click();
  await page.getByText("Masih ada kiriman yang belum terkirim", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Kembali" }).click();
  await page.getByRole("heading", { name: "Selamat datang" }).waitFor();

  // The server is back: the queued report goes by itself.
  app.server = await startServer({ dir: app.dir, port: app.port });
  await eventually(async () => (await fetch(`${app.server.url}/api/receipts/${receipt}`)).ok, {
    timeout: 60_000, what: "the queued report to reach the server",
  });
  await eventually(async () => !(await indexedDbText(page)).includes(receipt), { what: "the queue to empty" });

  // The resident asks about it with the receipt code.
  await page.getByRole("button", { name: "Cek status laporan" }).click();
  await page.getByLabel("Kode tanda terima").fill(shown.toLowerCase());
  await page.getByRole("button", { name: "Cek status", exact: true }).click();
  await page.getByText("Sudah diterima kantor kelurahan, menunggu ditinjau.").waitFor();
  await page.getByRole("button", { name: "Selesai" }).click();

  // The coordinator, on the office laptop, accepts it in the console.
  const laptop = await (await browser.newContext()).newPage();
  t.after(() => laptop.context().close());
  await laptop.goto(app.server.url);
  await logIn(laptop, "koordinator");
  await laptop.getByRole("link", { name: "Tinjau", exact: true }).click();
  await laptop.getByRole("link", { name: "Kiriman warga dari kios" }).click();
  await laptop.getByRole("button", { name: "Titik banjir / genangan · RT 02/RW 01" }).click();
  const card = laptop.getByRole("region", { name: `Kode tanda terima ${shown}` });
  await card.getByText(DESCRIPTION).waitFor();
  await card.getByText(`Kontak: ${CONTACT}`).waitFor();
  await card.getByRole("img", { name: "Foto (dari kamera tablet)" }).waitFor();
  // The marked point: the middle of the map, which opens on the city centre.
  await card.getByText(/^-7\.47\d+, 112\.43\d+$/).waitFor();
  await card.getByLabel("Catatan", { exact: false }).fill("Relawan RT 02 cek saluran");
  await card.getByRole("button", { name: "Terima" }).click();
  await card.getByText("Diterima", { exact: true }).waitFor();
  await card.getByRole("link", { name: "Buka data yang dibuat atau dikembalikan" }).click();
  await laptop.getByText("Laporan warga dari kios", { exact: false }).first().waitFor();

  // The receipt says so at the kiosk; the office board counts it.
  await page.getByRole("button", { name: "Cek status laporan" }).click();
  await page.getByLabel("Kode tanda terima").fill(shown);
  await page.getByRole("button", { name: "Cek status", exact: true }).click();
  await page.getByText("Diterima dan ditindaklanjuti.").waitFor();
  await page.getByRole("button", { name: "Selesai" }).click();
  const board = await (await browser.newContext()).newPage();
  t.after(() => board.context().close());
  await board.goto(`${app.server.url}/board?kelurahan=35.76.02.1010&refresh=10`);
  await board.getByRole("heading", { name: "Papan kemajuan Kelurahan Wates" }).waitFor();
  await board.getByText("Diterima 1", { exact: false }).waitFor();
  const boardText = await board.content();
  for (const trace of [DESCRIPTION, CONTACT, "koordinator", "relawan"]) {
    assert.ok(!boardText.includes(trace), `the board shows ${trace}`);
  }

  // Leaving kiosk mode needs the coordinator's passphrase, and kills the kiosk's
  // token on the server.
  const kioskToken = await page.evaluate(() => JSON.parse(localStorage.getItem("rukun.kiosk")).token);
  const me = () => fetch(`${app.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${kioskToken}` } });
  assert.equal((await me()).status, 200);
  await page.getByRole("button", { name: "Petugas" }).click();
  await page.getByLabel(secretLabel(PASSPHRASE)).fill("bukan frasa ini");
  await page.getByRole("button", { name: "Keluar dari mode kios" }).click();
  await page.getByText("Frasa sandi salah.").waitFor({ timeout: 30_000 });
  await page.getByLabel(secretLabel(PASSPHRASE)).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Keluar dari mode kios" }).click();
  await page.getByRole("link", { name: "Tinjau", exact: true }).waitFor();
  await eventually(async () => (await me()).status === 401, { what: "the kiosk token to be revoked" });
});
