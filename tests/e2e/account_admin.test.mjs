// Account management on the Akun screen (issue 14): a coordinator disables
// and enables a volunteer, resets a password (the one-time password is
// shown once; logging in with it asks for a new password before the PIN),
// changes a volunteer's RTs and ends one of their sessions; a volunteer
// changes their own password from the Kirim screen.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { launchBrowser, logIn, openApp, PIN, secretLabel } from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

/** The coordinator, signed in, on the Akun screen. */
async function openAccounts(t) {
  const app = await openApp(t, browser);
  const { page } = app;
  await page.goto(`${app.server.url}/login`);
  await logIn(page, "koordinator");
  await page.getByRole("link", { name: "Akun", exact: true }).click();
  await row(page, "relawan").waitFor();
  return app;
}

/** The table row of `username`. */
function row(page, username) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: username, exact: true }) });
}

/** The panel opened under the row of an account (the row after it). */
function panel(page) {
  return page.locator("tr.account-panel");
}

async function login(url, username, password) {
  return fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
}

/** A second person at another browser, on the login screen. */
async function otherBrowser(t, url) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  return page;
}

test("a coordinator disables a volunteer, whose login is then refused, and enables them again", async (t) => {
  const app = await openAccounts(t);
  const { page } = app;
  const relawan = row(page, "relawan");
  await relawan.getByText("Aktif", { exact: true }).waitFor();
  // Coordinators do not manage themselves or each other here.
  assert.equal(await row(page, "koordinator").getByRole("button", { name: "Nonaktifkan" }).count(), 0);

  await relawan.getByRole("button", { name: "Nonaktifkan" }).click();
  await panel(page).getByText("akan mengirim data yang masih disimpannya, lalu menghapus data akun ini", { exact: false }).waitFor();
  await panel(page).getByRole("button", { name: "Ya, lanjutkan" }).click();
  await relawan.getByText("Nonaktif", { exact: true }).waitFor();
  await relawan.getByRole("button", { name: "Aktifkan" }).waitFor();

  const volunteer = await otherBrowser(t, app.server.url);
  await volunteer.getByLabel("Nama pengguna").fill("relawan");
  await volunteer.getByLabel("Kata sandi").fill("rukun-demo");
  await volunteer.getByRole("button", { name: "Masuk", exact: true }).click();
  await volunteer.getByText("Akun ini dinonaktifkan; hubungi koordinator Anda.", { exact: true }).waitFor();
  assert.equal((await login(app.server.url, "relawan", "rukun-demo")).status, 403);

  await relawan.getByRole("button", { name: "Aktifkan" }).click();
  await panel(page).getByText("Aktifkan lagi akun ini?", { exact: false }).waitFor();
  await panel(page).getByRole("button", { name: "Ya, lanjutkan" }).click();
  await relawan.getByText("Aktif", { exact: true }).waitFor();
  assert.equal((await login(app.server.url, "relawan", "rukun-demo")).status, 200);
});

test("a reset password is shown once; logging in with it asks for a new one before the PIN", async (t) => {
  const app = await openAccounts(t);
  const { page } = app;
  const relawan = row(page, "relawan");
  await relawan.getByRole("button", { name: "Atur ulang kata sandi" }).click();
  await panel(page).getByText("Buat kata sandi sekali pakai untuk akun ini?", { exact: false }).waitFor();
  await panel(page).getByRole("button", { name: "Ya, lanjutkan" }).click();
  const shown = panel(page).getByLabel("Kata sandi sekali pakai");
  await shown.waitFor();
  const oneTime = (await shown.innerText()).trim();
  assert.ok(oneTime.length >= 8, `a one-time password: ${oneTime}`);
  await panel(page).getByText("Kata sandi ini tidak akan ditampilkan lagi.", { exact: false }).waitFor();
  await relawan.getByText("harus ganti kata sandi").waitFor();
  // Closed, it is gone; opening the action again asks before making another.
  await panel(page).getByRole("button", { name: "Tutup" }).click();
  assert.equal(await page.getByText(oneTime).count(), 0);
  await relawan.getByRole("button", { name: "Atur ulang kata sandi" }).click();
  await panel(page).getByRole("button", { name: "Ya, lanjutkan" }).waitFor();
  assert.equal(await page.getByText(oneTime).count(), 0);
  await panel(page).getByRole("button", { name: "Batal" }).click();
  // The old password no longer works.
  assert.equal((await login(app.server.url, "relawan", "rukun-demo")).status, 401);

  const volunteer = await otherBrowser(t, app.server.url);
  await volunteer.getByLabel("Nama pengguna").fill("relawan");
  await volunteer.getByLabel("Kata sandi").fill(oneTime);
  await volunteer.getByRole("button", { name: "Masuk", exact: true }).click();
  await volunteer.getByText("Kata sandi Anda diatur ulang. Pilih kata sandi baru sebelum melanjutkan.").waitFor();
  // The one-time password was just typed: it is not asked again.
  assert.equal(await volunteer.getByLabel("Kata sandi sekarang").count(), 0);
  await volunteer.getByLabel("Kata sandi baru (8-128 karakter)").fill("pendek");
  await volunteer.getByLabel("Ulangi kata sandi baru").fill("pendek2");
  await volunteer.getByRole("button", { name: "Simpan kata sandi" }).click();
  await volunteer.getByText("Kata sandi 8-128 karakter.", { exact: true }).waitFor();
  await volunteer.getByText("Kedua kata sandi baru tidak sama.").waitFor();
  assert.equal(await volunteer.getByLabel("Kata sandi baru (8-128 karakter)").getAttribute("aria-invalid"), "true");
  await volunteer.getByLabel("Kata sandi baru (8-128 karakter)").fill("sandi-baru-relawan");
  await volunteer.getByLabel("Ulangi kata sandi baru").fill("sandi-baru-relawan");
  await volunteer.getByRole("button", { name: "Simpan kata sandi" }).click();
  await volunteer.getByLabel(secretLabel(PIN), { exact: true }).fill(PIN);
  await volunteer.getByLabel(secretLabel(PIN, true), { exact: true }).fill(PIN);
  await volunteer.getByRole("button", { name: "Simpan PIN" }).click();
  await volunteer.getByRole("button", { name: "Kunci" }).waitFor();
  await volunteer.getByRole("link", { name: "Kirim", exact: true }).click();
  await volunteer.getByText("Masuk sebagai relawan").waitFor();

  const session = await (await login(app.server.url, "relawan", "sandi-baru-relawan")).json();
  assert.equal(session.must_change_password, false);
  // Leaving the screen and coming back lists the accounts afresh.
  await page.getByRole("link", { name: "Beranda", exact: true }).click();
  await page.getByRole("link", { name: "Akun", exact: true }).click();
  await row(page, "relawan").getByText("Aktif", { exact: true }).waitFor();
  assert.equal(await row(page, "relawan").getByText("harus ganti kata sandi").count(), 0);
});

test("a coordinator changes a volunteer's RTs", async (t) => {
  const app = await openAccounts(t);
  const { page } = app;
  const relawan = row(page, "relawan");
  await relawan.getByText("RT 01/RW 01, RT 02/RW 01, RT 03/RW 01").waitFor();
  await relawan.getByRole("button", { name: "Ubah RT" }).click();
  const rts = panel(page);
  assert.ok(await rts.getByLabel("RT 01/RW 01", { exact: true }).isChecked());
  // None at all is refused at the form.
  for (const rt of ["RT 01/RW 01", "RT 02/RW 01", "RT 03/RW 01"]) await rts.getByLabel(rt, { exact: true }).uncheck();
  await rts.getByRole("button", { name: "Simpan RT" }).click();
  await rts.getByText("Pilih paling sedikit satu RT.").waitFor();

  await rts.getByLabel("RT 02/RW 01", { exact: true }).check();
  await rts.getByLabel("RT 01/RW 02", { exact: true }).check();
  await rts.getByRole("button", { name: "Simpan RT" }).click();
  await rts.getByText("RT tersimpan.").waitFor();
  await relawan.getByText("RT 02/RW 01, RT 01/RW 02").waitFor();

  const session = await (await login(app.server.url, "relawan", "rukun-demo")).json();
  assert.deepEqual(session.account.rts, [{ rw: 1, rt: 2 }, { rw: 2, rt: 1 }]);
});

test("a coordinator sees a volunteer's sessions and ends one", async (t) => {
  const app = await openAccounts(t);
  const { page } = app;
  // The volunteer on a phone (this browser) and somewhere else (a script).
  const volunteer = await otherBrowser(t, app.server.url);
  await logIn(volunteer, "relawan");
  const elsewhere = await (await login(app.server.url, "relawan", "rukun-demo")).json();

  await row(page, "relawan").getByRole("button", { name: "Sesi" }).click();
  const sessions = panel(page);
  await sessions.getByRole("columnheader", { name: "Terakhir aktif" }).waitFor();
  const lines = sessions.locator("tbody tr");
  await lines.nth(1).waitFor();
  assert.equal(await lines.count(), 2);
  assert.ok((await lines.allInnerTexts()).some((text) => text.includes("Chrom")), "the phone's browser is named");

  // End the script's session (not the browser's).
  const scripted = lines.filter({ hasNotText: "Chrom" });
  await scripted.getByRole("button", { name: "Akhiri" }).click();
  await scripted.getByText("Perangkat itu akan mengirim data yang masih disimpannya", { exact: false }).waitFor();
  await scripted.getByRole("button", { name: "Ya, lanjutkan" }).click();
  await sessions.getByText("Sesi diakhiri.").waitFor();
  await page.waitForFunction(() => document.querySelectorAll("tr.account-panel tbody tr").length === 1);
  assert.match(await lines.first().innerText(), /Chrom/);

  const me = await fetch(`${app.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${elsewhere.token}` } });
  assert.equal(me.status, 401);
});

test("a volunteer changes their own password from the Kirim screen", async (t) => {
  const app = await openApp(t, browser);
  const { page } = app;
  await page.goto(`${app.server.url}/login`);
  await logIn(page, "relawan");
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("link", { name: "Ganti kata sandi" }).click();
  await page.getByRole("heading", { name: "Ganti kata sandi" }).waitFor();

  // Empty fields are named at each field; a wrong current password by the server.
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
  await page.getByText("Isi kata sandi sekarang.").waitFor();
  await page.getByLabel("Kata sandi sekarang").fill("bukan-sandinya");
  await page.getByLabel("Kata sandi baru (8-128 karakter)").fill("sandi-saya-sendiri");
  await page.getByLabel("Ulangi kata sandi baru").fill("sandi-saya-sendiri");
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
  await page.getByText("Kata sandi sekarang salah.", { exact: true }).waitFor();

  await page.getByLabel("Kata sandi sekarang").fill("rukun-demo");
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
  await page.getByText("Kata sandi diganti.", { exact: false }).waitFor();
  assert.equal((await login(app.server.url, "relawan", "rukun-demo")).status, 401);
  assert.equal((await login(app.server.url, "relawan", "sandi-saya-sendiri")).status, 200);
  // This device's session goes on.
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByText("Masuk sebagai relawan").waitFor();
});
