// Secrets by meaning: a secret a guide names its own way stays in the page; Download
// writes what Authelia reads; Copy works inside a frame of another origin. (That guides
// whose output would be huge never block the page's thread is hostile.test.mjs's.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GUIDE_PAGE, eventually, framed, recordWrites, secretField, useSharedBrowser, copyEmbedCode, copyLink } from "./harness.mjs";

const CORPUS = fileURLToPath(new URL("../fixtures/hostile/", import.meta.url));

const open = useSharedBrowser();

test("a secret a guide names its own way is a password field, and reaches no attribute, storage or link", async () => {
  const app = await open({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page, context } = app;
  const writes = await recordWrites(context);
  try {
    await app.quiet(); // a reload must not abort the workers' loading
    await page.reload();
    await page.locator("#gp-app[data-app-mounted]").waitFor();
    await page.locator("#gp-guide-file").setInputFiles(CORPUS + "lookalike-secret.md");
    await page.locator("main#gp-guide h1").filter({ hasText: "A secret by another name with Authelia" }).waitFor();
    const typed = { "#gp-var-client_secret": "lookalike-0123456789", "#gp-var-adminPassword": "door-9876543210" };
    for (const [id, value] of Object.entries(typed)) {
      const input = page.locator(id);
      assert.equal(await input.getAttribute("type"), "password", `${id} is not a password field`);
      assert.equal(await input.getAttribute("autocomplete"), "off");
      assert.equal(await input.getAttribute("spellcheck"), "false");
      await input.fill(value);
    }
    // A plain value of the same guide still travels, so the checks below can fail.
    await page.locator("#gp-var-secret-length").fill("48");
    const values = Object.values(typed);
    // The code block is text the reader pastes: the secret stands there.
    await eventually(async () => assert.match(await page.locator("main#gp-guide pre").innerText(), /app:lookalike-0123456789@auth/));
    const attributes = await page.evaluate(() =>
      [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => a.name !== "value").map((a) => `${a.name}=${a.value}`)),
    );
    for (const value of values) {
      assert.deepEqual(attributes.filter((a) => a.includes(value)), [], `${value} is in an attribute`);
      assert.ok(!JSON.stringify(writes).includes(value), `${value} was written to storage or the URL`);
    }
    const link = await copyLink(page);
    const embed = await copyEmbedCode(page);
    for (const value of values) assert.ok(!link.includes(value) && !embed.includes(value), `${value} is in the link or embed code`);
    assert.match(link, /secret-length=48/);
    // Nor is a secret read from a link. The page the link opens (the Matomo guide's) has a
    // client secret, `client-secret`; `client_secret` is one by its name alone. The domain
    // on the same link is taken, so the link's values do reach the page.
    const other = await app.openPage("?domain=linked.example.org&client-secret=from-a-link&client_secret=from-a-link-too");
    assert.equal(await other.getByLabel("Domain", { exact: true }).inputValue(), "linked.example.org");
    await eventually(async () => assert.match(await other.locator("main#gp-guide").innerText(), /matomo\.linked\.example\.org/));
    assert.deepEqual(await other.locator("ul.link-problems li").allInnerTexts(), [
      "a secret is never taken from a link; type or generate it here",
      "a secret is never taken from a link; type or generate it here",
    ]);
    assert.equal(await secretField(other).inputValue(), "", "the secret field took the link's secret");
    const shown = await other.evaluate(() => document.body.innerText + [...document.querySelectorAll("input, textarea")].map((el) => el.value).join(" "));
    assert.ok(!shown.includes("from-a-link"), "the link's secret is in the page");
  } finally {
    await app.close();
  }
});

test("Download configuration.yml saves the digest on show, never the plaintext, with single $ even in the Docker Compose form", async () => {
  const app = await open();
  const { page } = app;
  try {
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    const secret = await secretField(page).inputValue();
    assert.match(secret, /^[A-Za-z0-9\-._~]{72}$/);
    const block = page.locator('figure.code-block[data-title="configuration.yml"] pre');
    const digest = await block.locator('[data-var="digest"]').innerText();
    assert.match(digest, /^\$pbkdf2-sha512\$310000\$[^$]+\$[^$']+$/);
    await page.locator("#gp-digest-written-for").selectOption({ label: "Docker Compose file" });
    await eventually(async () => assert.match(await block.innerText(), /\$\$pbkdf2-sha512\$\$/));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download configuration.yml" }).click()]);
    assert.equal(download.suggestedFilename(), "configuration.yml");
    // The file the browser saved, read back from disk.
    const saved = readFileSync(await download.path(), "utf8");
    assert.ok(saved.includes(`client_secret: '${digest}'`), `the file does not hold the digest on show (${digest}):\n${saved}`);
    assert.ok(!saved.includes("$$"), `the file holds $$:\n${saved}`);
    assert.ok(!saved.includes(secret), "the file holds the plaintext secret");
  } finally {
    await app.close();
  }
});

test("Copy works inside a frame on another origin", async () => {
  const { shared } = open;
  const dir = mkdtempSync(join(tmpdir(), "gp-copy-parent-"));
  writeFileSync(join(dir, "favicon.ico"), "");
  const example = readFileSync(fileURLToPath(new URL("../../docs/embed/parent.html", import.meta.url)), "utf8");
  writeFileSync(
    join(dir, "index.html"),
    example.replace(/src="https:\/\/docs\.example\.org\/playground\/[^"]*"/, `src="${shared.server.url}${GUIDE_PAGE}?embed=1"`),
  );
  const parent = await framed(shared.browser, shared.server, dir, "#guide-playground");
  try {
    // The reader's browser lets both origins use the clipboard; the frame may write to it
    // only because the embed code allows it (allow="clipboard-write").
    for (const origin of [shared.server.origin, new URL(parent.page.url()).origin]) {
      await parent.page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    }
    const frame = parent.frame();
    const block = frame.locator('figure.code-block[data-title="configuration.yml"]');
    await block.getByRole("button", { name: "Copy configuration.yml" }).click();
    await block.locator(".copy-state").filter({ hasText: /^Copied/ }).waitFor({ timeout: 5000 });
    const copied = await parent.page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /identity_providers:/);
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a guide that writes the plaintext secret into configuration.yml shows the digest there", async () => {
  const app = await open();
  const { page } = app;
  try {
    await page.locator("#gp-guide-file").setInputFiles(CORPUS + "plaintext-in-configuration.md");
    await page.locator("main#gp-guide h1").filter({ hasText: "Plaintext where the digest belongs with Authelia" }).waitFor();
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    const secret = await secretField(page).inputValue();
    const block = await page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText();
    assert.equal((block.match(/client_secret: '\$pbkdf2-sha512\$310000\$/g) ?? []).length, 2, block);
    assert.ok(!block.includes(secret) && !block.includes("$plaintext$"), `the plaintext is in Authelia's configuration:\n${block}`);
    assert.ok((await page.locator("main#gp-guide li").allInnerTexts()).includes(`Client Secret: ${secret}`), "the application's settings lost the plaintext");
  } finally {
    await app.close();
  }
});

test("a link's values apply to the guide it was made for, not to a guide opened after it", async () => {
  const app = await open({ path: "?domain=linked.example.org" });
  const { page } = app;
  try {
    await eventually(async () => assert.match(await page.locator("main#gp-guide").innerText(), /auth\.linked\.example\.org/));
    await page.locator("#gp-guide-file").setInputFiles(CORPUS + "plaintext-in-configuration.md");
    await page.locator("main#gp-guide h1").filter({ hasText: "Plaintext where the digest belongs with Authelia" }).waitFor();
    await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
    await page.locator("#gp-guide-file").setInputFiles(fileURLToPath(new URL("../fixtures/guides/dashboard-env.md", import.meta.url)));
    await page.locator("main#gp-guide h1").filter({ hasText: "Dashboard (environment and Compose) with Authelia" }).waitFor();
    const text = await page.locator("main#gp-guide").innerText();
    assert.ok(!text.includes("linked.example.org"), "the link's domain was applied to a guide opened later");
    assert.match(text, /dashboard\.example\.com/);
  } finally {
    await app.close();
  }
});
