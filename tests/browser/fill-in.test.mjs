// "Fill in from my configuration" in the values panel of the Matomo guide: a pasted
// configuration.yml's values are listed each with its line, nothing changes until Apply,
// Apply fills the fields and the guide's code as typing would (the non-secret values
// stored under Authelia's keys), and neither the paste nor its client_secret is ever
// stored or put in the address. A value a field would refuse is listed with the field's
// reason and never applied.
import { test } from "node:test";
import assert from "node:assert/strict";

import { openApp, eventually, recordWrites } from "./harness.mjs";

const PASTED_SECRET = "pasted-client-secret-never-kept-0123";
const PASTED_HMAC = "pasted-hmac-secret-never-kept-0123456789abcdefghijklmnopqrstuvwxyz";

/** A whole configuration.yml: the session cookie for example.org with Authelia at
 * login.example.org, and the Matomo client 'analytics' at https://stats.example.org/. */
const CONFIGURATION = [
  "server:",
  "  address: 'tcp://:9091'",
  "session:",
  "  cookies:",
  "    - domain: 'example.org'",
  "      authelia_url: 'https://login.example.org'",
  "identity_providers:",
  "  oidc:",
  `    hmac_secret: '${PASTED_HMAC}'`,
  "    clients:",
  "      - client_id: 'analytics'",
  `        client_secret: '${PASTED_SECRET}'`,
  "        redirect_uris:",
  "          - 'https://stats.example.org/index.php?module=LoginOIDC&action=callback&provider=oidc'",
  "",
].join("\n");

const FIELDS = ["Domain", "Authelia subdomain", "Application URL", "Client ID"];

/** What the page shows: each field, the guide's configuration.yml block, the Authelia URL. */
async function shown(page) {
  const values = {};
  for (const label of FIELDS) values[label] = await page.getByLabel(label, { exact: true }).inputValue();
  return {
    ...values,
    block: await page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText(),
    authelia: await page.locator("output.authelia-url").innerText(),
  };
}

/** Opens the section, pastes `text`, presses Read and waits for the summary. */
async function read(page, text) {
  const section = page.locator(".variables-panel details.fill-in");
  if (!(await section.evaluate((d) => d.open))) await section.locator("summary").click();
  await page.locator("#gp-fill-paste").fill(text);
  await section.getByRole("button", { name: "Read my values" }).click();
  const status = page.locator("#gp-fill-status");
  await status.filter({ hasText: "Found" }).waitFor({ timeout: 60000 });
  return status.innerText();
}

/** The listed items as [variable, line label, text]. */
const listed = (page) =>
  page.locator("#gp-fill-list li").evaluateAll((items) =>
    items.map((li) => [li.querySelector("samp")?.textContent ?? "", li.querySelector("button")?.textContent ?? "", li.textContent]),
  );

test("a pasted configuration's values are listed with their lines, change nothing until Apply, then fill the fields and the guide", async () => {
  let writes;
  const app = await openApp({ prepare: async (context) => (writes = await recordWrites(context)) });
  const { page } = app;
  try {
    const before = await shown(page);
    assert.equal(await read(page, CONFIGURATION), "Found 4 values: nothing changes until you press Apply.");
    const items = await listed(page);
    assert.deepEqual(
      items.map(([variable, line]) => [variable, line]),
      [
        ["domain", "Line 5"],
        ["subdomain-authelia", "Line 6"],
        ["client-id", "Line 11"],
        ["application-url", "Line 14"],
      ],
    );
    assert.match(items[0][2], /Domain: example\.org/);
    assert.match(items[3][2], /Application URL: https:\/\/stats\.example\.org\//);
    // Proposed, not applied: the fields, the guide and storage are as they were.
    assert.deepEqual(await shown(page), before);
    assert.ok(!JSON.stringify(writes).includes("example.org"), `a value was stored before Apply: ${JSON.stringify(writes)}`);

    // A value's line selects that line of the paste.
    await page.locator("#gp-fill-list").getByRole("button", { name: "Line 11", exact: true }).click();
    const selected = await page.locator("#gp-fill-paste").evaluate((p) => [document.activeElement === p, p.value.slice(p.selectionStart, p.selectionEnd)]);
    assert.deepEqual(selected, [true, "      - client_id: 'analytics'"]);

    await page.locator("#gp-fill-apply").click();
    const status = page.locator("#gp-fill-status");
    await status.filter({ hasText: "Applied" }).waitFor();
    assert.equal(await status.innerText(), "Applied 4 values.");
    const after = await shown(page);
    assert.deepEqual(
      FIELDS.map((label) => after[label]),
      ["example.org", "login", "https://stats.example.org/", "analytics"],
    );
    assert.equal(after.authelia, "https://login.example.org/");
    assert.match(after.block, /client_id: 'analytics'/);
    assert.match(after.block, /- 'https:\/\/stats\.example\.org\/index\.php\?module=LoginOIDC&action=callback&provider=oidc'/);
    assert.ok(!after.block.includes(PASTED_SECRET), "the pasted client secret reached the guide");
    const settings = await page.locator("main#gp-guide").innerText();
    assert.match(settings, /Authorize URL: https:\/\/login\.example\.org\/api\/oidc\/authorization/);
    // The list is gone with its values: Apply cannot be pressed twice.
    assert.equal(await page.locator("#gp-fill-list li").count(), 0);
    assert.ok(await page.locator("#gp-fill-apply").isHidden());

    // Stored as typing stores them, under Authelia's keys; the paste never.
    await eventually(async () => {
      const stored = await page.evaluate(() => ({ ...localStorage }));
      assert.equal(stored["site-variable-domain"], "example.org");
      assert.equal(stored["site-variable-client-id"], "analytics");
    });
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie);
    const everything = kept + JSON.stringify(writes);
    for (const [what, needle] of [
      ["the pasted client_secret", PASTED_SECRET],
      ["the pasted hmac_secret", PASTED_HMAC],
      ["the paste's text", "authelia_url: 'https://login.example.org'"],
      ["the paste's text", "tcp://:9091"],
    ]) {
      assert.ok(!everything.includes(needle), `${what} was kept in storage, a cookie or the address`);
    }
    // Out of the browser's form restoration and spelling services.
    assert.deepEqual(
      await page.locator("#gp-fill-paste").evaluate((area) => [area.getAttribute("autocomplete"), area.getAttribute("spellcheck"), area.form?.getAttribute("autocomplete")]),
      ["off", "false", "off"],
    );
  } finally {
    await app.close();
  }
});

test("a value a field would refuse is listed with the field's reason and never applied", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const before = await shown(page);
    const pasted = "session:\n  cookies:\n    - domain: 'my_site.example'\n      authelia_url: 'https://auth.eu.my_site.example'\n";
    assert.equal(await read(page, pasted), "Found no value to fill in.");
    const items = await listed(page);
    assert.deepEqual(
      items.slice(0, 2).map(([variable, line]) => [variable, line]),
      [
        ["domain", "Line 3"],
        ["subdomain-authelia", "Line 4"],
      ],
    );
    assert.match(items[0][2], /my_site\.example is not proposed: /);
    assert.match(items[2][2], /no clients/);
    assert.ok(await page.locator("#gp-fill-apply").isHidden(), "Apply is offered for values no field takes");
    assert.deepEqual(await shown(page), before);
  } finally {
    await app.close();
  }
});
