// Issue 14, unlocking: a coordinator chooses a passphrase (not a PIN) after
// logging in, and unlocks with it; an unlocked phone left alone saves the
// draft being typed and locks itself. The idle time is set to a few seconds
// through the stored preference the settings screen writes (the screen
// itself offers 2 to 30 minutes).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  PASSPHRASE, PIN, chooseArea, eventually, launchBrowser, logIn, openApp, unlock,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const phone = { viewport: { width: 360, height: 740 } };

test("a coordinator is asked for a passphrase, not a PIN, and unlocks with it", async (t) => {
  const { page, server } = await openApp(t, browser, phone);
  await page.goto(server.url);
  await page.getByLabel("Nama pengguna").fill("koordinator");
  await page.getByLabel("Kata sandi").fill("rukun-demo");
  await page.getByRole("button", { name: "Masuk", exact: true }).click();

  await page.getByRole("heading", { name: "Buat frasa sandi" }).waitFor();
  const field = page.getByLabel("Frasa sandi (min. 8 karakter)", { exact: true });
  assert.equal(await field.getAttribute("type"), "password");
  assert.equal(await page.getByLabel("PIN (6 angka)", { exact: true }).count(), 0);

  // Six digits are not enough for a coordinator: the message is next to the field.
  await field.fill("123456");
  await page.getByLabel("Ulangi frasa sandi", { exact: true }).fill("123456");
  await page.getByRole("button", { name: "Simpan frasa sandi" }).click();
  const message = page.locator("#secret-new-msg");
  await eventually(async () => (await message.innerText()).trim() === "Frasa sandi minimal 8 karakter.", {
    what: "the passphrase rule next to the field",
  });
  assert.equal(await field.getAttribute("aria-describedby"), "secret-new-msg");

  await field.fill(PASSPHRASE);
  await page.getByLabel("Ulangi frasa sandi", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Simpan frasa sandi" }).click();
  await page.getByRole("button", { name: "Kunci" }).waitFor({ timeout: 30_000 });

  // Locked, the unlock screen asks this account for its passphrase.
  await page.getByRole("button", { name: "Kunci" }).click();
  await page.getByLabel("Frasa sandi (min. 8 karakter)", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("PIN (6 angka)", { exact: true }).count(), 0);
  await unlock(page, PASSPHRASE);
});

test("left alone, the app saves the draft being typed and locks itself", async (t) => {
  const { page, server } = await openApp(t, browser, phone);
  await page.goto(server.url);
  // What the settings screen stores, in seconds: 4 s instead of minutes.
  await page.evaluate(() => localStorage.setItem("rukun.auto_lock_s", "4"));
  await page.reload();
  await logIn(page);
  await chooseArea(page);
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await page.getByRole("button", { name: "Survei rumah tangga baru" }).click();
  const address = page.getByLabel("Alamat (jalan/gang)", { exact: true });
  await address.pressSequentially("Jl. Kenanga 7");
  const typedAt = Date.now();

  // Nobody touches the phone: the unlock screen comes by itself.
  await page.getByLabel("PIN (6 angka)", { exact: true }).waitFor({ timeout: 20_000 });
  assert.ok(Date.now() - typedAt >= 3_000, "not before the idle time");
  assert.equal(await page.getByRole("button", { name: "Kunci" }).count(), 0);
  assert.equal(await address.count(), 0, "the form is gone with the key");

  // The typed address was saved before the lock.
  await unlock(page, PIN);
  await eventually(async () => (await address.inputValue()) === "Jl. Kenanga 7", {
    what: "the draft's address after unlocking",
  });
});
