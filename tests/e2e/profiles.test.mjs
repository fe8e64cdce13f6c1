// Two accounts share one phone: each unlocks with its own PIN and sees only
// its own records; wrong PINs are refused; a forgotten PIN is replaced by
// logging in again, with the records still there; logging out with unsent
// records warns first and keeps them; guessing PINs is slowed down.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  chooseArea, countStored, launchBrowser, logIn, openApp, serviceWorkerReady, shortVisit, startServer, unlock,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const phone = {
  viewport: { width: 360, height: 740 },
  permissions: ["geolocation"],
  geolocation: { latitude: -7.4721, longitude: 112.4338, accuracy: 9 },
};

const lock = (page) => page.getByRole("button", { name: "Kunci" }).click();
const dataTab = (page) => page.getByRole("link", { name: "Data", exact: true }).click();
/** Types a wrong PIN: refused with a message, the app stays locked. */
async function wrongPin(page, pin, username) {
  await page.getByLabel("Akun", { exact: true }).selectOption({ label: username });
  await page.getByLabel("PIN (6 angka)", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Buka", exact: true }).click();
  await page.getByRole("alert").filter({ hasText: "PIN salah." }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Kunci" }).count(), 0);
}

const otherAccount = (page) =>
  page.getByRole("button", { name: "Masuk dengan kata sandi (akun lain atau lupa PIN)" }).click();

test("two volunteers share a phone, each with a PIN and only their own records", async (t) => {
  const app = await openApp(t, browser, phone);
  const { page, dir, port } = app;
  await page.goto(app.server.url);
  await logIn(page, "relawan", "111111");
  await chooseArea(page);
  await lock(page);
  await otherAccount(page);
  await logIn(page, "koordinator", "sandi koordinator");
  await chooseArea(page);
  await serviceWorkerReady(page);

  // Offline from here: relawan works after a wrong PIN.
  await app.server.stop();
  await lock(page);
  await wrongPin(page, "000000", "relawan");
  await unlock(page, "111111", "relawan");
  await dataTab(page);
  await shortVisit(page, "Jl. Empunala 9");
  const visit = page.getByRole("listitem").filter({ hasText: "Jl. Empunala 9" });
  await visit.getByText("Siap dikirim").waitFor();

  // The coordinator's profile on the same phone has none of it.
  await lock(page);
  await unlock(page, "sandi koordinator", "koordinator");
  await dataTab(page);
  await page.getByText("Belum ada data di RT ini.").waitFor();
  assert.equal((await countStored(page, "records", "rukun-koordinator")).length, 0);
  assert.equal((await countStored(page, "records", "rukun-relawan")).length, 1);

  // relawan forgot the PIN: a password login (online) sets a new one and
  // the record, sealed under the old PIN, is still there and gets sent.
  app.server = await startServer({ dir, port });
  await lock(page);
  await otherAccount(page);
  await logIn(page, "relawan", "333333");
  await dataTab(page);
  await visit.getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });

  // Logging out with something unsent warns, then keeps it on the phone.
  await app.server.stop();
  await shortVisit(page, "Jl. Empunala 10");
  await page.getByRole("button", { name: "Keluar" }).click();
  await page.getByText("data belum terkirim. Keluar sekarang?", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Keluar" }).click();
  await page.getByRole("button", { name: "Buka", exact: true }).waitFor();
  await wrongPin(page, "111111", "relawan");
  await unlock(page, "333333", "relawan");
  await dataTab(page);
  await page.getByRole("listitem").filter({ hasText: "Jl. Empunala 10" }).getByText("Siap dikirim").waitFor();
  await page.getByText("Masuk dulu agar data bisa dikirim.").waitFor();

  // Guessing: after five wrong PINs even the right one waits, across a reload.
  await lock(page);
  for (const guess of ["000001", "000002", "000003", "000004", "000005"]) await wrongPin(page, guess, "relawan");
  await page.getByLabel("PIN (6 angka)", { exact: true }).fill("333333");
  await page.getByRole("button", { name: "Buka", exact: true }).click();
  await page.getByRole("alert").filter({ hasText: "Terlalu banyak PIN salah." }).waitFor();
  await page.reload();
  await page.getByLabel("Akun", { exact: true }).selectOption({ label: "relawan" });
  await page.getByLabel("PIN (6 angka)", { exact: true }).fill("333333");
  await page.getByRole("button", { name: "Buka", exact: true }).click();
  await page.getByRole("alert").filter({ hasText: "Terlalu banyak PIN salah." }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Kunci" }).count(), 0);
});
