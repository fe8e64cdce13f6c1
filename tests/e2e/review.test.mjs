// The review loop on the volunteer's phone: a coordinator returns a
// household with a comment on the record and one on a field; the phone's
// next sync shows it as a task with both comments; the volunteer fixes it
// and completes it again; the coordinator approves; the phone shows it.
// (The coordinator acts through the API here: the console comes later.)
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { chooseArea, launchBrowser, logIn, openApp, shortVisit } from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

const phone = {
  viewport: { width: 360, height: 740 },
  permissions: ["geolocation"],
  geolocation: { latitude: -7.4721, longitude: 112.4338, accuracy: 9 },
};

async function coordinator(url) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "koordinator", password: "rukun-demo" }),
  });
  const { token } = await login.json();
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return {
    async record(address) {
      const page = await (await fetch(`${url}/api/sync/pull?protocol=1&cursor=0`, { headers })).json();
      return page.records.find((r) => r.answers.address?.text.startsWith(address));
    },
    async review(id, body) {
      const response = await fetch(`${url}/api/records/${id}/review`, { method: "POST", headers, body: JSON.stringify(body) });
      return [response.status, await response.json()];
    },
  };
}

test("a returned household becomes a task on the phone, is fixed and approved", async (t) => {
  const app = await openApp(t, browser, phone);
  const { page } = app;
  await page.goto(app.server.url);
  await logIn(page);
  await chooseArea(page);
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await shortVisit(page, "Jl. Empunala 3");
  const item = page.getByRole("listitem").filter({ hasText: "Jl. Empunala 3" });
  await item.getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });

  const office = await coordinator(app.server.url);
  const sent = await office.record("Jl. Empunala 3");
  assert.equal(sent.review_state, "submitted");
  assert.deepEqual(await office.review(sent.record_id, {
    action: "return",
    comment: "Alamat kurang lengkap",
    field_comments: { address: "Tulis juga nama gang" },
  }), [200, { review_state: "returned" }]);

  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await item.getByText("Perlu diperbaiki").waitFor({ timeout: 30_000 });
  await item.getByText("Alamat kurang lengkap").waitFor();
  await page.getByRole("link", { name: "Kirim", exact: true }).click();
  await page.getByRole("region", { name: "Perlu perhatian" }).getByText("Perlu diperbaiki: Alamat kurang lengkap").waitFor();
  await page.getByRole("link", { name: "Data", exact: true }).click();

  await item.getByRole("link").first().click();
  await page.getByRole("note").getByText("Dikembalikan koordinator: Alamat kurang lengkap").waitFor();
  await page.getByText("Koordinator: Tulis juga nama gang").waitFor();
  await page.getByLabel("Alamat (jalan/gang)", { exact: true }).fill("Jl. Empunala 3 Gg. Melati");
  await page.getByRole("button", { name: "Selesai", exact: true }).click();
  const fixed = page.getByRole("listitem").filter({ hasText: "Gg. Melati" });
  await fixed.getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });

  const resubmitted = await office.record("Jl. Empunala 3");
  assert.equal(resubmitted.review_state, "submitted");
  assert.equal(resubmitted.answers.address.text, "Jl. Empunala 3 Gg. Melati");
  assert.deepEqual(await office.review(sent.record_id, { action: "approve" }), [200, { review_state: "approved" }]);
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await fixed.getByText("Disetujui").waitFor({ timeout: 30_000 });
});
