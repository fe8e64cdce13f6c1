// The form designer (issue 15): an administrator adds the question "Jumlah
// kendaraan bermotor" with a new code list from the console alone, tries it
// in the phone preview and publishes version 2; a broken draft shows every
// problem and publishes nothing; core fields cannot be removed; a version
// published meanwhile is refused by the server, which has the last word.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { launchBrowser, logIn, openApp, PASSPHRASE, unlock } from "./support.mjs";

const browser = await launchBrowser();
after(() => browser.close());

/** The administrator, signed in, on the Formulir screen. */
async function openForms(t) {
  const app = await openApp(t, browser);
  const { page } = app;
  await page.goto(`${app.server.url}/login`);
  await logIn(page, "admin");
  await page.getByRole("link", { name: "Formulir", exact: true }).click();
  await formRow(page).waitFor();
  return app;
}

/** The row of the household survey in the list of forms. */
function formRow(page) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Survei rumah tangga", exact: true }) });
}

/** The editor panel beside the outline. */
function editor(page) {
  return page.locator(".editor");
}

/** The published versions of the household survey, straight from the API. */
async function versions(url) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "rukun-demo" }),
  });
  const { token } = await login.json();
  const auth = { authorization: `Bearer ${token}` };
  const index = await (await fetch(`${url}/api/forms`, { headers: auth })).json();
  const household = index.forms.find((f) => f.id === "household");
  return { versions: household.versions.map((v) => v.version), auth };
}

test("an administrator adds a question with its code list, tries it in the preview and publishes version 2", async (t) => {
  const app = await openForms(t);
  const { page } = app;
  assert.equal(await formRow(page).getByRole("cell").nth(1).innerText(), "1");
  await formRow(page).getByRole("button", { name: "Ubah Survei rumah tangga" }).click();
  await page.getByRole("heading", { name: "Survei rumah tangga: draf versi 2" }).waitFor();

  await page.getByRole("button", { name: "Tambah pertanyaan: Bantuan, aset dan internet" }).click();
  const panel = editor(page);
  await panel.getByRole("heading", { name: "Tambah pertanyaan: Bantuan, aset dan internet" }).waitFor();
  await panel.getByLabel("Id (huruf kecil, angka dan _)").fill("vehicles");
  await panel.getByLabel("Jenis", { exact: true }).selectOption({ label: "Pilih satu" });
  await panel.getByLabel("Label (Bahasa Indonesia)").fill("Jumlah kendaraan bermotor");
  await panel.getByLabel("Label (Inggris)").fill("Number of motor vehicles");
  await panel.getByLabel("Wajib diisi").check();
  await panel.getByLabel("Id daftar baru").fill("vehicles");
  const codes = [
    ["0", "Tidak ada", "None"],
    ["1", "1 kendaraan", "1 vehicle"],
    ["2", "2 atau lebih", "2 or more"],
  ];
  for (const [i, [code, id, en]] of codes.entries()) {
    await panel.getByRole("button", { name: "Tambah kode" }).click();
    const row = panel.locator(".code-row").nth(i);
    await row.getByLabel("Kode", { exact: true }).fill(code);
    await row.getByLabel("Label kode (Bahasa Indonesia)").fill(id);
    await row.getByLabel("Label kode (Inggris)").fill(en);
  }
  await panel.getByRole("button", { name: "Simpan", exact: true }).click();
  await panel.waitFor({ state: "detached" });
  await page.locator(".designer-field").filter({ hasText: "Jumlah kendaraan bermotor" }).getByText("vehicles · Pilih satu · wajib diisi").waitFor();

  // The preview is the phones' renderer: the section appears once the
  // visit is complete and the respondent agrees, with the new question.
  const phone = page.locator(".phone");
  assert.equal(await phone.getByLabel("Jumlah kendaraan bermotor").count(), 0);
  await phone.getByLabel("Hasil kunjungan", { exact: true }).selectOption({ label: "Terisi lengkap" });
  await phone.getByRole("radio", { name: "Ya" }).first().check();
  const question = phone.getByLabel("Jumlah kendaraan bermotor", { exact: true });
  await question.selectOption({ label: "2 atau lebih" });
  assert.deepEqual(await question.locator("option").allInnerTexts(), ["— pilih —", "Tidak ada", "1 kendaraan", "2 atau lebih"]);

  await page.getByRole("button", { name: "Terbitkan versi 2" }).click();
  await page.getByText("Survei rumah tangga 2 diterbitkan.", { exact: false }).waitFor();
  await formRow(page).getByRole("cell", { name: "1, 2", exact: true }).waitFor();
  const published = await versions(app.server.url);
  assert.deepEqual(published.versions, [1, 2]);
  const stored = await (await fetch(`${app.server.url}/api/forms/household/versions/2`, { headers: published.auth })).json();
  const list = stored.lists.find((l) => l.id === "vehicles");
  assert.deepEqual(list.items.map((c) => c.code), ["0", "1", "2"]);
  const field = stored.sections.find((s) => s.id === "assistance").fields.at(-1);
  assert.deepEqual([field.id, field.label.en, field.kind], ["vehicles", "Number of motor vehicles", { type: "single", list: "vehicles" }]);
});

test("a broken draft shows every problem and publishes nothing; core fields stay; the server has the last word", async (t) => {
  const app = await openForms(t);
  const { page } = app;
  await formRow(page).getByRole("button", { name: "Ubah Survei rumah tangga" }).click();
  await page.getByRole("heading", { name: "Survei rumah tangga: draf versi 2" }).waitFor();

  // A core field may be relabelled, not removed: the button says why.
  const remove = page.getByRole("button", { name: "Hapus: Hasil kunjungan" });
  assert.equal(await remove.isDisabled(), true);
  const why = await remove.getAttribute("aria-describedby");
  assert.equal(await page.locator(`[id="${why}"]`).innerText(), "Isian inti (dipakai sistem): hanya labelnya yang boleh diubah.");

  // An empty label and an empty new section: both listed, nothing sent.
  await page.getByRole("button", { name: "Ubah: Nomor rumah" }).click();
  await editor(page).getByLabel("Label (Bahasa Indonesia)").fill("");
  await editor(page).getByRole("button", { name: "Simpan", exact: true }).click();
  await page.getByRole("button", { name: "Tambah bagian" }).click();
  await editor(page).getByLabel("Id (huruf kecil, angka dan _)").fill("vehicles");
  await editor(page).getByLabel("Judul (Bahasa Indonesia)").fill("Kendaraan");
  await editor(page).getByLabel("Judul (Inggris)").fill("Vehicles");
  await editor(page).getByRole("button", { name: "Simpan", exact: true }).click();
  await page.getByRole("button", { name: "Terbitkan versi 2" }).click();
  const problems = page.locator(".publish .problems li");
  await page.getByRole("heading", { name: "Perbaiki dulu sebelum terbit" }).waitFor();
  assert.deepEqual(await problems.allInnerTexts(), [
    "field house_number: Teks (id) harus 1 sampai 500 karakter.",
    "section vehicles: Bagian tanpa isian.",
  ]);
  // Each is also shown where it is.
  await page.locator(".designer-field").filter({ hasText: "house_number" }).getByText("Teks (id) harus 1 sampai 500 karakter.").waitFor();
  // In English too.
  await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
  await page.getByText("field house_number: The text (id) must be 1 to 500 characters.").first().waitFor();
  await page.getByLabel("Language", { exact: true }).selectOption("id");
  assert.deepEqual((await versions(app.server.url)).versions, [1]);

  // Fixed, but someone published version 2 meanwhile: the server refuses.
  const houseNumber = page.locator(".designer-field").filter({ hasText: "house_number" });
  await houseNumber.getByRole("button", { name: /^Ubah:/ }).click();
  await editor(page).getByLabel("Label (Bahasa Indonesia)").fill("Nomor rumah");
  await editor(page).getByRole("button", { name: "Simpan", exact: true }).click();
  await page.getByRole("button", { name: "Hapus: Kendaraan" }).click();
  await problems.first().waitFor({ state: "detached" });
  const { auth } = await versions(app.server.url);
  const current = await (await fetch(`${app.server.url}/api/forms/household/versions/1`, { headers: auth })).json();
  const meanwhile = await fetch(`${app.server.url}/api/forms/household/versions`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ ...current, version: 2 }),
  });
  assert.equal(meanwhile.status, 201);
  await page.getByRole("button", { name: "Terbitkan versi 2" }).click();
  await page.getByText("Versi 2 formulir household sudah diterbitkan", { exact: false }).waitFor();
  assert.deepEqual((await versions(app.server.url)).versions, [1, 2]);
});

test("only administrators get the designer", async (t) => {
  const app = await openApp(t, browser);
  const { page } = app;
  await page.goto(`${app.server.url}/login`);
  await logIn(page, "koordinator");
  await page.getByRole("link", { name: "Akun", exact: true }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Formulir", exact: true }).count(), 0);
  // A page load locks the app; unlocked, the address alone shows nothing.
  await page.goto(`${app.server.url}/forms`);
  await unlock(page, PASSPHRASE);
  await page.getByText("Hanya administrator yang mengubah formulir.", { exact: true }).waitFor();
  assert.equal(await page.getByRole("button", { name: /^Ubah/ }).count(), 0);
});
