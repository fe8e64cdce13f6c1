// The review loop: a coordinator, on the office laptop, finds a household
// in the review list and returns it with a comment on the record and one
// on a field; the phone's next sync shows it as a task with both comments;
// the volunteer fixes it and completes it again; the coordinator sees the
// change as a diff and approves; the RT's progress moves; the phone shows it.
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
  };
}

test("a coordinator returns a household from the console; it is fixed on the phone and approved", async (t) => {
  const app = await openApp(t, browser, phone);
  const { page } = app;
  await page.goto(app.server.url);
  await logIn(page);
  await chooseArea(page);
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await shortVisit(page, "Jl. Empunala 3");
  const item = page.getByRole("listitem").filter({ hasText: "Jl. Empunala 3" });
  await item.getByText("Terkirim", { exact: true }).waitFor({ timeout: 30_000 });

  // The coordinator, on the office laptop, finds it in the review list and
  // returns it with two comments.
  const laptop = await (await browser.newContext()).newPage();
  t.after(() => laptop.context().close());
  await laptop.goto(app.server.url);
  await logIn(laptop, "koordinator");
  await laptop.getByRole("link", { name: "Tinjau", exact: true }).click();
  await laptop.getByLabel("Status", { exact: true }).selectOption({ label: "Menunggu tinjauan" });
  await laptop.getByRole("button", { name: "Tampilkan" }).click();
  const results = laptop.getByRole("region", { name: "Hasil" });
  await results.getByRole("link", { name: "Jl. Empunala 3" }).click({ timeout: 30_000 });
  const card = laptop.getByRole("region", { name: "Tinjauan koordinator" });
  await card.getByText("Menunggu tinjauan").waitFor();
  await laptop.getByText("Tidak ada perubahan sejak keputusan terakhir.").waitFor();
  await card.getByLabel("Komentar untuk relawan").fill("Alamat kurang lengkap");
  await card.getByLabel("Isian yang dikomentari").selectOption({ label: "Alamat (jalan/gang)" });
  await card.getByLabel("Komentar pada isian").fill("Tulis juga nama gang");
  await card.getByRole("button", { name: "Kembalikan" }).click();
  await card.getByText("Keputusan tersimpan di server", { exact: false }).waitFor();
  await card.getByRole("status").getByText("Perlu diperbaiki").waitFor();

  // The phone's next sync: a task with both comments; fixed; sent again.
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

  // The office sees the fix awaiting review and approves it.
  const office = await coordinator(app.server.url);
  const resubmitted = await office.record("Jl. Empunala 3");
  assert.equal(resubmitted.review_state, "submitted");
  assert.equal(resubmitted.answers.address.text, "Jl. Empunala 3 Gg. Melati");
  const rt1 = laptop.getByRole("listitem").filter({ has: laptop.getByLabel("RT 01 / RW 01") });
  await laptop.getByRole("link", { name: "Kemajuan", exact: true }).click();
  await rt1.getByText("1 dari 40 rumah tangga · 0 disetujui", { exact: false }).waitFor();
  await rt1.getByText("Tidak ada responden 1").waitFor();
  // The map plots the household even with no map tiles (no internet here).
  const map = laptop.getByRole("region", { name: "Peta" });
  await map.getByRole("img", { name: "Peta 1 rumah tangga · 0 laporan prasarana" }).waitFor();
  assert.equal(await map.getByRole("alert").count(), 0);

  // The resubmission, shown as a diff against the returned version.
  await laptop.getByRole("link", { name: "Tinjau", exact: true }).click();
  await laptop.getByLabel("Status", { exact: true }).selectOption({ label: "Menunggu tinjauan" });
  await laptop.getByRole("button", { name: "Tampilkan" }).click();
  await results.getByRole("link", { name: "Jl. Empunala 3 Gg. Melati" }).click({ timeout: 30_000 });
  const changes = laptop.getByRole("region", { name: "Perubahan sejak keputusan terakhir" });
  const changed = changes.getByRole("row").filter({ has: laptop.getByRole("rowheader", { name: "Alamat (jalan/gang)" }) });
  // The detail loads after the link: wait for the row before reading it.
  await changed.getByRole("cell", { name: "Jl. Empunala 3 Gg. Melati" }).waitFor();
  assert.deepEqual(await changed.getByRole("cell").allTextContents(), ["Jl. Empunala 3", "Jl. Empunala 3 Gg. Melati"]);
  // A coordinator's own correction, with a reason, is in the audit log.
  const edit = laptop.getByRole("region", { name: "Ubah isian (koordinator)" });
  await edit.getByLabel("Isian yang diubah").selectOption({ label: "Nomor rumah" });
  await edit.getByLabel("Nilai baru").fill("5B");
  await edit.getByLabel("Alasan perubahan").fill("Sesuai papan nomor rumah");
  await edit.getByRole("button", { name: "Simpan perubahan" }).click();
  await laptop.getByText("Perubahan tersimpan di server", { exact: false }).waitFor();
  await laptop.getByRole("row").filter({ has: laptop.getByRole("rowheader", { name: "Nomor rumah" }) })
    .getByRole("cell", { name: "5B" }).waitFor();
  await card.getByText("Menunggu tinjauan").waitFor();
  await card.getByRole("button", { name: "Setujui" }).click();
  await card.getByRole("status").getByText("Disetujui").waitFor();
  // The RT's progress moves.
  await laptop.getByRole("link", { name: "Kemajuan", exact: true }).click();
  await rt1.getByText("1 dari 40 rumah tangga · 1 disetujui", { exact: false }).waitFor();
  assert.equal(await laptop.getByLabel("RT 01 / RW 01").getAttribute("value"), "1");
  // The target is the coordinator's to change.
  const targets = laptop.getByRole("region", { name: "Ubah target RT" });
  await targets.getByLabel("RT", { exact: true }).selectOption({ label: "RT 01 / RW 01" });
  await targets.getByLabel("Target rumah tangga").fill("45");
  await targets.getByRole("button", { name: "Simpan target" }).click();
  await rt1.getByText("1 dari 45 rumah tangga · 1 disetujui", { exact: false }).waitFor();
  await laptop.getByRole("link", { name: "Tinjau", exact: true }).click();
  await laptop.getByRole("link", { name: "Log audit" }).click();
  const logged = laptop.getByRole("row").filter({ hasText: "Diubah koordinator" });
  await logged.getByText("Sesuai papan nomor rumah", { exact: false }).waitFor();
  assert.match(await logged.innerText(), /koordinator/);
  await page.getByRole("button", { name: "Kirim sekarang" }).click();
  await fixed.getByText("Disetujui").waitFor({ timeout: 30_000 });
  await fixed.getByText("Gg. Melati · 5B", { exact: false }).waitFor();
});
