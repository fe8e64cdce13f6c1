// The shell: language choice remembered, "about" shows both versions, and a
// new build is offered as an update instead of being mixed in.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  deployNewBuild, eventually, freePort, launchBrowser, launchProfile, openApp, serviceWorkerReady, startServer, waitForText, workspace,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

test("English is remembered across visits; about shows app and server versions", async (t) => {
  const { server, page } = await openApp(t, browser);
  await page.goto(server.url);
  await page.getByRole("heading", { name: "Selamat datang di Rukun" }).waitFor();

  await page.getByLabel("Bahasa", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("heading", { name: "Welcome to Rukun" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Welcome to Rukun" }).waitFor();

  await page.getByRole("link", { name: "About", exact: true }).click();
  const version = (await (await fetch(`${server.url}/api/health`)).json()).version;
  await waitForText(page.locator("dd").nth(1), version);
  assert.equal(await page.locator("dd").first().innerText(), version);
});

test("a new build is offered as an update and taken only when asked", async (t) => {
  const { dir, server, page } = await openApp(t, browser);
  await page.goto(server.url);
  await serviceWorkerReady(page);
  const cacheNames = () => page.evaluate(() => caches.keys());
  const [oldCache] = await eventually(async (t) => {
    const names = await cacheNames();
    return names.length === 1 && names;
  }, { what: "the first build to be precached" });

  // Deploy a "new build": same files, a new build id in sw.js.
  deployNewBuild(dir);
  await page.reload();
  const banner = page.getByRole("alert").filter({ hasText: "Versi baru tersedia." });
  await waitForText(banner.locator("span"), "Versi baru tersedia.");
  // Until asked, the page still runs on the old build's cache.
  assert.ok((await cacheNames()).includes(oldCache));

  await page.getByRole("button", { name: "Muat ulang" }).click();
  await eventually(async (t) => {
    const names = await cacheNames();
    return names.length === 1 && names[0] === `${oldCache}next`;
  }, { what: "the new build to take over" });
  await page.getByRole("heading", { name: "Selamat datang di Rukun" }).waitFor();
  assert.equal(await banner.count(), 0);
});

test("Chromium finds the app installable", async (t) => {
  const server = await startServer({ dir: workspace(), port: await freePort() });
  // Installing needs a real profile: incognito contexts are never installable.
  const profile = await launchProfile();
  t.after(async () => {
    await profile.close();
    await server.stop();
  });
  const page = await profile.newPage();
  await page.goto(server.url);
  await serviceWorkerReady(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
  assert.equal(manifest.display, "standalone");
  assert.deepEqual(manifest.icons.map((icon) => icon.sizes).slice(0, 2), ["192x192", "512x512"]);
});
