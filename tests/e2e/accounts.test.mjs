// A coordinator creates a volunteer for two RTs of their kelurahan; the
// volunteer can log in with it and sees those RTs.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { launchBrowser, logIn, openApp } from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

test("a coordinator creates a volunteer account and assigns RTs", async (t) => {
  const app = await openApp(t, browser);
  const { page } = app;
  await page.goto(`${app.server.url}/login`);
  await logIn(page, "koordinator");
  await page.getByText("Masuk sebagai koordinator").waitFor();
  await page.getByRole("link", { name: "Akun", exact: true }).click();
  await page.getByRole("rowheader", { name: "relawan", exact: true }).waitFor();

  await page.getByLabel("Nama pengguna").fill("siti");
  await page.getByLabel("Kata sandi").fill("sandi-siti-panjang");
  await page.getByLabel("Peran").selectOption({ label: "Relawan" });
  assert.equal(await page.getByLabel("Kelurahan").inputValue(), "35.76.02.1010");
  assert.ok(await page.getByLabel("Kelurahan").isDisabled(), "a coordinator stays in their kelurahan");
  assert.deepEqual(await page.getByLabel("Peran").locator("option").allInnerTexts(), ["Relawan", "Kiosk"]);
  await page.getByLabel("RW", { exact: true }).selectOption({ label: "RW 02" });
  await page.getByLabel("RT 01").check();
  await page.getByLabel("RT 02").check();
  await page.getByRole("button", { name: "Buat akun" }).click();
  await page.getByText("Akun dibuat.").waitFor();
  await page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "siti", exact: true }) })
    .getByText("RT 01/RW 02, RT 02/RW 02")
    .waitFor();

  // A short password is refused with the server's reason, at the form.
  await page.getByLabel("Nama pengguna").fill("budi");
  await page.getByLabel("Kata sandi").fill("pendek");
  await page.getByRole("button", { name: "Buat akun" }).click();
  await page.getByText("Kata sandi 8-128 karakter.", { exact: false }).waitFor();

  const login = await fetch(`${app.server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "siti", password: "sandi-siti-panjang" }),
  });
  const session = await login.json();
  assert.deepEqual(session.account.rts, [{ rw: 2, rt: 1 }, { rw: 2, rt: 2 }]);
});
