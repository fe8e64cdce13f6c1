// A volunteer picks an RT, the server goes away, the app still opens with
// the RT list; the server comes back and the indicator says so.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  eventually, launchBrowser, logIn, openApp, serviceWorkerReady, startServer, unlock, waitForText,
} from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

test("the app opens offline with the chosen RT, and sees the server return", async (t) => {
  const app = await openApp(t, browser);
  const { dir, port, page } = app;
  const status = page.getByRole("status", { name: "Status server" });

  await page.goto(app.server.url);
  await waitForText(status, "Daring");
  await logIn(page);
  await page.getByRole("link", { name: "Wilayah", exact: true }).click();
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Magersari" });
  await page.getByLabel("Kelurahan", { exact: true }).selectOption({ label: "Wates" });
  await page.getByLabel("RW", { exact: true }).selectOption({ label: "RW 01" });
  await page.getByLabel("RT", { exact: true }).selectOption({ label: "RT 03" });
  await page.getByRole("button", { name: "Simpan wilayah" }).click();
  await page.getByText("Wilayah tersimpan di perangkat.").waitFor();
  await serviceWorkerReady(page);

  assert.equal(await app.server.stop(), 0, "the server exits cleanly on SIGTERM");
  await page.reload();
  await unlock(page);
  await page.getByRole("heading", { name: "Wilayah kerja" }).waitFor();
  await waitForText(status, "Luring");
  await page.getByText("Data wilayah dari penyimpanan perangkat.").waitFor();
  const rt = page.getByLabel("RT", { exact: true });
  await eventually(async () => (await rt.inputValue()) === "3", { what: "RT 03 to be selected" });
  assert.deepEqual(await rt.locator("option").allInnerTexts(), ["— pilih —", "RT 01", "RT 02", "RT 03", "RT 04"]);
  assert.equal(await page.getByLabel("Kelurahan", { exact: true }).inputValue(), "35.76.02.1010");

  await page.getByRole("link", { name: "Beranda", exact: true }).click();
  await page.getByText("RT 03 / RW 01, Wates").waitFor();

  app.server = await startServer({ dir, port });
  await waitForText(status, "Daring");
});
