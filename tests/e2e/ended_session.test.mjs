// A volunteer's account is disabled while the phone holds three unsent
// households: when the phone reaches the server again, the three arrive
// (flagged for review), then the phone erases that account's database and
// says so. The phone never reads anything with the dead session.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  apiAs as api, chooseArea, eventually, launchBrowser, logIn, openApp, PHONE, serviceWorkerReady, shortVisit,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

/** The names of the browser's IndexedDB databases. */
function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

test("a disabled volunteer's phone delivers its three households, then erases the account", async (t) => {
  const app = await openApp(t, browser, PHONE);
  const { page } = app;
  await page.goto(app.server.url);
  await logIn(page);
  await chooseArea(page);
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await serviceWorkerReady(page);

  // The phone loses its connection; three households wait on it.
  await page.context().setOffline(true);
  for (const n of [1, 2, 3]) await shortVisit(page, `Jl. Cut Nyak Dien ${n}`);
  const status = page.getByRole("status").filter({ hasText: "Belum terkirim" });
  await eventually(async () => (await status.innerText()).includes("Belum terkirim: 3"), { what: "three unsent" });
  assert.ok((await databases(page)).includes("rukun-relawan"));

  // Meanwhile the coordinator disables the account.
  const office = await api(app.server.url, "koordinator");
  const disabled = await office("PATCH", "/api/accounts/relawan", { active: false });
  assert.equal(disabled.status, 200);
  assert.equal((await disabled.json()).account.active, false);

  // Back online: the three arrive, then the account is erased here.
  await page.context().setOffline(false);
  await page.getByText("Data akun ini dihapus dari perangkat").waitFor({ timeout: 60_000 });
  const arrived = await (await office("GET", "/api/review/records?flag=sent_after_end")).json();
  const titles = arrived.items.map((item) => item.title).sort();
  assert.equal(titles.length, 3, `three flagged records, got ${titles}`);
  for (const n of [1, 2, 3]) assert.ok(titles[n - 1].includes(`Jl. Cut Nyak Dien ${n}`), titles[n - 1]);
  const audit = await (await office("GET", "/api/audit")).json();
  assert.ok(audit.some((entry) => entry.action === "push_after_end"), "the final push is in the audit log");

  await eventually(async () => !(await databases(page)).includes("rukun-relawan"), {
    what: "the account's database to be deleted",
  });
  // No profile is left: the app asks for a login, and the device key's
  // profile entry is gone too.
  await page.getByLabel("Nama pengguna").waitFor();
  const profiles = await page.evaluate(
    () =>
      new Promise((done, fail) => {
        const open = indexedDB.open("rukun");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction("profiles").objectStore("profiles").getAllKeys();
          request.onsuccess = () => {
            done(request.result);
            open.result.close();
          };
        };
      }),
  );
  assert.deepEqual(profiles, []);
  // And the disabled account cannot log in again.
  await page.getByLabel("Nama pengguna").fill("relawan");
  await page.getByLabel("Kata sandi").fill("rukun-demo");
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await page.getByText("Akun ini dinonaktifkan").waitFor();
});
