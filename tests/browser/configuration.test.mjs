// The rest of Authelia's configuration on a guide's page: the provider block generated in
// the parser worker (its keys read back by Node's own crypto, an independent parser), the
// guide's configuration.yml merged with it, "Check my configuration" on the page's own
// file and on a broken one, the provider's Generate answering while a slow check still
// runs, and "Why did my login fail?" on real-shaped log lines with a configuration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { openApp, answersHeld, eventually, framed, framingPage, holdAnswers, launchBrowser, recordWrites, secretField, serveDist, copyEmbedCode, copyLink } from "./harness.mjs";

const PROVIDER_CODE = "#gp-provider-code";
const CONFIGURATION_FIXTURES = new URL("../fixtures/configuration/", import.meta.url);
/** A configuration of tests/fixtures/configuration/. */
const fixture = (name) => readFileSync(new URL(name, CONFIGURATION_FIXTURES), "utf8");

/** The paste's selection: whether it has the focus, its start and end (UTF-16 units),
 * the text selected, and whether the selection's first line is within the paste's visible
 * rows (measured with a copy of the textarea holding the text up to the selection). */
const selection = (page) =>
  page.evaluate(() => {
    const paste = document.getElementById("gp-config-paste");
    const { selectionStart: start, selectionEnd: end, value, scrollTop, clientHeight } = paste;
    const probe = paste.cloneNode();
    probe.removeAttribute("id");
    Object.assign(probe.style, { position: "absolute", visibility: "hidden", height: "0", width: `${paste.clientWidth}px` });
    probe.value = value.slice(0, start);
    paste.after(probe);
    const top = probe.scrollHeight;
    probe.remove();
    const lineHeight = parseFloat(getComputedStyle(paste).lineHeight) || 20;
    return {
      focused: document.activeElement === paste,
      start,
      end,
      selected: value.slice(start, end),
      inView: top > scrollTop && top - lineHeight < scrollTop + clientHeight + 1,
    };
  });

/** Opens the Provider section, picks `choice` and generates; returns the block's text. */
async function generateProvider(page, choice) {
  const details = page.locator("details.provider");
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await page.locator("#gp-provider-keys").selectOption(choice);
  await page.getByRole("button", { name: "Generate", exact: true }).last().click();
  await page.locator("#gp-provider-status").filter({ hasText: "Generated" }).waitFor({ timeout: 60000 });
  return page.locator(PROVIDER_CODE).innerText();
}

/** Every PEM private key in a YAML text, unindented. */
function pems(yaml) {
  const found = [...yaml.matchAll(/-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/g)];
  return found.map((m) => m[0].split("\n").map((l) => l.trim()).join("\n"));
}

/** The key signs, and its public half verifies the signature (and refuses another text). */
function signsAndVerifies(key) {
  const data = Buffer.from("guide playground");
  const signature = sign("sha256", data, key);
  const publicKey = createPublicKey(key);
  assert.ok(verify("sha256", data, publicKey, signature), "the signature does not verify");
  assert.ok(!verify("sha256", Buffer.from("other"), publicKey, signature), "a wrong text verifies");
}

test("the provider block's RSA 2048 key is read by Node as a 2048-bit RSA key that signs", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const block = await generateProvider(page, "rsa-2048");
    assert.match(block, /^identity_providers:\n {2}oidc:\n {4}hmac_secret: '[A-Za-z0-9]{64}'\n {4}jwks:\n {6}- key_id: '[0-9a-f]{7}-rs256'\n {8}algorithm: 'RS256'\n {8}use: 'sig'\n {8}key: \|\n/);
    const keys = pems(block);
    assert.equal(keys.length, 1);
    const key = createPrivateKey(keys[0]);
    assert.equal(key.asymmetricKeyType, "rsa");
    assert.equal(key.asymmetricKeyDetails.modulusLength, 2048);
    signsAndVerifies(key);
    // Secrets of the page: never in storage or the address.
    const hmac = block.match(/hmac_secret: '([^']+)'/)[1];
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie);
    assert.ok(!kept.includes(hmac), "the HMAC secret was kept in storage or the address");
  } finally {
    await app.close();
  }
});

/** Everything a page's origin keeps or shows outside the page's memory: Web Storage,
 * cookies, its address, IndexedDB (every database, store and record) and Cache Storage
 * (every cache's name, and each entry's address and body). */
const keptByTheOrigin = (frame) =>
  frame.evaluate(async () => {
    // A frame of another site may be denied storage (the browser's third-party rules):
    // then nothing can be kept there, and that is what is reported.
    const denied = (err) => `denied: ${err.name}`;
    const read = async (what) => {
      try {
        return await what();
      } catch (err) {
        return denied(err);
      }
    };
    const request = (r) => new Promise((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
    return {
      localStorage: await read(() => JSON.stringify({ ...localStorage })),
      sessionStorage: await read(() => JSON.stringify({ ...sessionStorage })),
      cookie: await read(() => document.cookie),
      url: location.href,
      indexedDB: await read(async () => {
        const idb = [];
        for (const { name } of await indexedDB.databases()) {
          const db = await request(indexedDB.open(name));
          for (const store of db.objectStoreNames) {
            const records = await request(db.transaction(store).objectStore(store).getAll());
            idb.push(`${name}/${store}: ${JSON.stringify(records)}`);
          }
          db.close();
        }
        return idb.join("\n");
      }),
      caches: await read(async () => {
        const cached = [];
        for (const name of await caches.keys()) {
          cached.push(name);
          const cache = await caches.open(name);
          for (const entry of await cache.keys()) cached.push(`${entry.url}: ${await (await cache.match(entry)).text()}`);
        }
        return cached.join("\n");
      }),
    };
  });

/** What must never leave the page's memory of a provider block: the HMAC secret, each
 * PEM key whole, its body as one line and every line of its body, and a PEM header. */
function providerNeedles(block) {
  const keys = pems(block);
  assert.equal(keys.length, 2, block);
  const needles = [["the HMAC secret", block.match(/hmac_secret: '([^']+)'/)[1]], ["a PEM header", "PRIVATE KEY"]];
  for (const [i, key] of keys.entries()) {
    const body = key.split("\n").filter((l) => !l.startsWith("-----"));
    needles.push([`key ${i + 1}`, key], [`key ${i + 1}'s body`, body.join("")]);
    for (const line of body.filter((l) => l.length >= 16)) needles.push([`a line of key ${i + 1}`, line]);
  }
  return needles;
}

/** Asserts that no place holds any needle. */
function holdNone(places, needles) {
  for (const [place, text] of Object.entries(places)) {
    for (const [what, needle] of needles) assert.ok(!text.includes(needle), `${place} holds ${what}`);
  }
}

test("the provider's PEM keys and hmac_secret are never stored, put in the address or in a copied link or embed code", async () => {
  let writes;
  const app = await openApp({
    permissions: ["clipboard-read", "clipboard-write"],
    prepare: async (context) => (writes = await recordWrites(context)),
  });
  const { page } = app;
  try {
    // A value that is kept, so the checks below are shown to see what is kept.
    await page.getByLabel("Domain", { exact: true }).fill("kept.example.org");
    const needles = providerNeedles(await generateProvider(page, "rsa-2048-p-256"));
    await page.waitForLoadState("networkidle");
    const kept = await keptByTheOrigin(page);
    await eventually(async () => assert.ok(JSON.stringify(writes).includes("kept.example.org"), "the domain was not stored: the record sees nothing"));
    assert.ok(kept.localStorage.includes("kept.example.org"), "the domain is not in localStorage: the dump sees nothing");
    // What the page gives away to be shared: the link and the embed code, copied with the
    // provider block on show. Each carries the domain, so the check sees what they hold.
    const link = await copyLink(page);
    const embed = await copyEmbedCode(page);
    assert.ok(link.includes("kept.example.org") && embed.includes("kept.example.org"), `the domain is not in the link or embed code: ${link}`);
    holdNone(
      { ...kept, "a write to storage, a cookie or the history": JSON.stringify(writes), "the copied link": link, "the copied embed code": embed },
      needles,
    );
  } finally {
    await app.close();
  }
});

test("in a frame, the provider's PEM keys and hmac_secret are never sent to the parent, stored or put in an address", async () => {
  const browser = await launchBrowser();
  const server = await serveDist();
  const dir = framingPage(server, 900);
  let writes;
  const parent = await framed(browser, server, dir, "#guide-playground", { prepare: async (context) => (writes = await recordWrites(context)) });
  try {
    const frame = parent.frame();
    const needles = providerNeedles(await generateProvider(frame, "rsa-2048-p-256"));
    const messages = await parent.page.evaluate(() => window.__messages);
    assert.ok(messages.length > 0, "no message reached the parent");
    holdNone(
      {
        "a message to the parent": JSON.stringify(messages),
        // Attempts too: the record is taken before the browser allows or denies the write.
        "a write to storage, a cookie or the history": JSON.stringify(writes),
        "the parent's address": parent.page.url(),
        "the frame's address": frame.url(),
        ...(await keptByTheOrigin(frame)),
      },
      needles,
    );
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("RSA 4096 and the ECDSA P-256 key beside RSA are read by Node as what they say", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const big = createPrivateKey(pems(await generateProvider(page, "rsa-4096"))[0]);
    assert.equal(big.asymmetricKeyDetails.modulusLength, 4096);
    signsAndVerifies(big);
    const pair = await generateProvider(page, "rsa-2048-p-256");
    assert.match(pair, /algorithm: 'RS256'[\s\S]*algorithm: 'ES256'/, "the RSA key must come first");
    const [rsa, ec] = pems(pair).map((p) => createPrivateKey(p));
    assert.equal(rsa.asymmetricKeyType, "rsa");
    assert.equal(ec.asymmetricKeyType, "ec");
    assert.equal(ec.asymmetricKeyDetails.namedCurve, "prime256v1");
    signsAndVerifies(ec);
  } finally {
    await app.close();
  }
});

test("the page's own downloaded configuration.yml, provider and client, passes its own check", async () => {
  const app = await openApp({ path: "?domain=example.org&application-url=https%3A%2F%2Fexample.org%2Fmatomo%2F" });
  const { page } = app;
  try {
    await page.getByRole("button", { name: "Generate", exact: true }).first().click();
    const secret = await secretField(page).inputValue();
    await page.locator("p.status").filter({ hasText: "Digest ready" }).waitFor({ timeout: 60000 });
    const provider = await generateProvider(page, "rsa-2048");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('figure.code-block[data-title="configuration.yml"]').getByRole("button", { name: "Download configuration.yml" }).click(),
    ]);
    const saved = readFileSync(await download.path(), "utf8");
    assert.ok(saved.includes(provider.split("\n").slice(2).join("\n").trimEnd()), `the provider block is not merged in:\n${saved}`);
    assert.equal(saved.match(/oidc:/g).length, 1, "two oidc keys");
    assert.ok(saved.includes("https://example.org/matomo/index.php?module=LoginOIDC"), `the application's address is not in the redirect URI:\n${saved}`);
    assert.ok(!saved.includes(secret), "the file holds the plaintext secret");

    await page.locator("details.config-check summary").click();
    await page.locator("#gp-config-paste").fill(saved);
    await page.getByRole("button", { name: "Check my configuration" }).click();
    const status = page.locator("#gp-config-status");
    await status.filter({ hasText: "Checked" }).waitFor({ timeout: 60000 });
    assert.equal(await status.innerText(), "Checked the whole configuration: no finding.", await page.locator("#gp-config-findings").innerText());

    // The same file with the application's auth method changed: a finding with its rule,
    // its line as a button, and its code as code elements.
    const lines = saved.split("\n");
    const at = lines.findIndex((l) => l.includes("token_endpoint_auth_method"));
    lines[at] = lines[at].replace("client_secret_post", "client_secret_basic");
    await page.locator("#gp-config-paste").fill(lines.join("\n"));
    await page.getByRole("button", { name: "Check my configuration" }).click();
    await eventually(async () => assert.equal(await status.innerText(), "Checked the whole configuration: 1 finding."), { timeout: 60000 });
    const finding = page.locator("#gp-config-findings li");
    assert.equal(await finding.count(), 1);
    assert.equal(await finding.locator("samp").innerText(), "auth-method-differs");
    const text = await finding.innerText();
    assert.ok(!text.includes("`"), `a backtick is left: ${text}`);
    assert.match(text, /Fix: Set token_endpoint_auth_method: 'client_secret_post'\.$/);
    const codes = await finding.locator("code").allInnerTexts();
    assert.deepEqual(codes, ["token_endpoint_auth_method", "invalid_client", "token_endpoint_auth_method: 'client_secret_post'"]);

    // Pressing its line number selects exactly that line of the paste, in view.
    await finding.getByRole("button", { name: `Line ${at + 1}`, exact: true }).click();
    assert.deepEqual(await selection(page), {
      focused: true,
      start: lines.slice(0, at).join("\n").length + 1,
      end: lines.slice(0, at + 1).join("\n").length,
      selected: lines[at],
      inView: true,
    });
    // The measure of "in view" sees a line scrolled out of the paste's rows.
    await page.locator("#gp-config-paste").evaluate((paste) => (paste.scrollTop = 0));
    assert.equal((await selection(page)).inView, false, "the line is in view at the paste's top: the measure sees nothing");
  } finally {
    await app.close();
  }
});

test("a digest that is not the page's secret's is a finding; nothing pasted is stored", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const digestNode = page.locator('figure.code-block[data-title="configuration.yml"] [data-var="digest"]');
    // The guide's example digest, from before the reader has a secret: another secret's.
    const example = await digestNode.innerText();
    await secretField(page).fill("the-page-s-own-secret");
    await page.locator("p.status").filter({ hasText: "Digest ready" }).waitFor({ timeout: 60000 });
    const ours = await digestNode.innerText();
    assert.notEqual(ours, example);
    const block = await page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText();
    const clients = block.slice(block.indexOf("    clients:")).replace(ours, example);
    await page.locator("details.config-check summary").click();
    await page.locator("#gp-config-paste").fill(clients);
    await page.getByRole("button", { name: "Check my configuration" }).click();
    const status = page.locator("#gp-config-status");
    await status.filter({ hasText: "Checked" }).waitFor({ timeout: 60000 });
    assert.equal(await status.innerText(), "Checked the clients list: 1 finding.");
    const line = 1 + clients.split("\n").findIndex((l) => l.includes("client_secret"));
    const finding = page.locator("#gp-config-findings li");
    assert.equal(await finding.locator("button").innerText(), `Line ${line}`);
    assert.equal(await finding.locator("samp").innerText(), "digest-not-of-secret");
    assert.match(await finding.innerText(), /The client_secret digest is of another secret, not of the client secret given here/);
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
    assert.ok(!kept.includes(example) && !kept.includes("the-page-s-own-secret"), "the pasted configuration or the secret was kept");
  } finally {
    await app.close();
  }
});

test("a finding's words are text and code elements, never markup, and its line is selected by UTF-16 units", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // A comment with letters past ASCII (é one UTF-16 unit, 😀 two) before the faults, and
    // a client id that is markup: the finding that lists the clients quotes it.
    const pasted = [
      "# Notes: café 😀, written by hand",
      "clients:",
      "  - client_id: '<img src=x onerror=\"window.__pwned = 1\">'",
      "    public: true",
      "",
    ].join("\n");
    await page.locator("details.config-check summary").click();
    await page.locator("#gp-config-paste").fill(pasted);
    await page.getByRole("button", { name: "Check my configuration" }).click();
    await page.locator("#gp-config-status").filter({ hasText: "Checked" }).waitFor({ timeout: 60000 });
    const list = page.locator("#gp-config-findings");
    const missing = list.locator("li").filter({ has: page.locator("samp", { hasText: /^client-missing$/ }) });
    assert.match(await missing.innerText(), /<img src=x onerror="window.__pwned = 1">/);
    assert.equal(await list.locator("img").count(), 0, "a pasted value became markup");
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    // Every element in the list is one the page builds: items, line buttons, rule ids,
    // spans, code.
    const tags = await list.evaluate((l) => [...new Set([...l.querySelectorAll("*")].map((e) => e.localName))].sort());
    assert.deepEqual(tags.filter((t) => !["li", "button", "samp", "span", "code"].includes(t)), []);
    for (const text of await list.locator("li").allInnerTexts()) assert.ok(!/`[^`]+`/.test(text), `code left in backticks: ${text}`);

    // The missing client's finding is at the clients list, after the comment: pressing its
    // line selects that line whole, counted past the comment's letters outside ASCII.
    const lines = pasted.split("\n");
    const button = missing.locator("button");
    const line = Number((await button.innerText()).replace(/^Line /, ""));
    assert.equal(line, 2, "the finding is not at the clients list");
    await button.click();
    const start = lines.slice(0, line - 1).join("\n").length + 1;
    assert.deepEqual(await selection(page), { focused: true, start, end: start + lines[line - 1].length, selected: lines[line - 1], inView: true });
  } finally {
    await app.close();
  }
});

// "Why did my login fail?": a pasted log explained with the pasted configuration.

const TROUBLESHOOT = fileURLToPath(new URL("../fixtures/troubleshoot/", import.meta.url));
/** The troubleshooter's cap: authelia_check::troubleshoot::MAX_TROUBLESHOOT_BYTES. */
const MAX_TROUBLESHOOT_BYTES = 2_000_000;

/** A troubleshooter fixture's paste, without its header. */
const troubleshootPaste = (name) =>
  readFileSync(join(TROUBLESHOOT, name), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n")
    .trim();

/** The made-up home lab configuration the troubleshooter's fixtures are about. */
const homelab = () => readFileSync(join(TROUBLESHOOT, "configuration/homelab.yml"), "utf8");

/** Pastes `configuration` into "Check my configuration" and `seen` into "Why did my
 * login fail?", presses Explain and waits for its answer; returns the status line. */
async function explain(page, configuration, seen) {
  await page.locator("details.config-check summary").click();
  await page.locator("#gp-config-paste").fill(configuration);
  await page.locator("details.explain summary").click();
  await page.locator("#gp-explain-paste").fill(seen);
  await page.getByRole("button", { name: "Explain", exact: true }).click();
  const status = page.locator("#gp-explain-status");
  await status.filter({ hasText: /^(Recognised|Not recognised|Refused)/ }).waitFor({ timeout: 60000 });
  return status.innerText();
}

test("Why did my login fail? explains Authelia's log line of an auth method mismatch with the pasted client's key, line and fix", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const configuration = homelab();
    const lines = configuration.split("\n");
    const status = await explain(page, configuration, troubleshootPaste("auth-method-mismatch.log.4-39.txt"));
    assert.match(status, /^Recognised: /);
    const parts = page.locator("#gp-explanation li");
    assert.equal(await parts.first().locator("samp").innerText(), "auth-method-mismatch");
    assert.match(await parts.first().innerText(), / Cause: .* Fix: /);
    // The key to change, at its line in the pasted configuration, from what to what.
    const at = lines.findIndex((l) => l.includes("token_endpoint_auth_method: 'client_secret_basic'"));
    assert.ok(at > 0, "the home lab has no client_secret_basic client");
    const change = parts.filter({ has: page.getByRole("button", { name: `Line ${at + 1}`, exact: true }) });
    assert.equal(await change.count(), 1, await page.locator("#gp-explanation").innerText());
    const text = await change.innerText();
    assert.match(text, /client_secret_post/);
    assert.match(text, /client_secret_basic/);
    assert.match(text, /Fix: Set token_endpoint_auth_method: client_secret_post\.$/);
    assert.deepEqual(await change.locator("code").allInnerTexts().then((c) => c.includes("token_endpoint_auth_method: client_secret_post")), true);
    for (const part of await parts.allInnerTexts()) assert.ok(!/`[^`]+`/.test(part), `code left in backticks: ${part}`);

    // Its line selects the key's line in the pasted configuration, its section opened.
    await page.locator("details.config-check summary").click();
    assert.equal(await page.locator("details.config-check").evaluate((d) => d.open), false);
    await change.getByRole("button").click();
    assert.equal(await page.locator("details.config-check").evaluate((d) => d.open), true);
    const start = lines.slice(0, at).join("\n").length + 1;
    assert.deepEqual(await selection(page), { focused: true, start, end: start + lines[at].length, selected: lines[at], inView: true });
  } finally {
    await app.close();
  }
});

test("Why did my login fail? compares the redirect URI sent with each registered one and names the part that differs", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const configuration = homelab();
    const lines = configuration.split("\n");
    const status = await explain(page, configuration, troubleshootPaste("redirect-uri-mismatch.log.4-39.txt"));
    assert.match(status, /^Recognised: /);
    const parts = page.locator("#gp-explanation li");
    assert.equal(await parts.first().locator("samp").innerText(), "redirect-uri-mismatch");
    // Each registered address of the client, at its line, with the part that differs.
    for (const registered of [
      "https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc",
      "https://matomo.example.com:8443/index.php?module=LoginOIDC&action=callback&provider=oidc",
    ]) {
      const line = 1 + lines.findIndex((l) => l.includes(`- '${registered}'`));
      const part = parts.filter({ has: page.getByRole("button", { name: `Line ${line}`, exact: true }) });
      assert.equal(await part.innerText(), `Line ${line}Registered ${registered}: its scheme differs from the address sent, https against http.`);
    }
    // And the key to change: redirect_uris, with the address sent added.
    const key = 1 + lines.findIndex((l, i) => i > lines.findIndex((m) => m.includes("client_id: 'matomo'")) && l.includes("redirect_uris:"));
    const change = parts.filter({ has: page.getByRole("button", { name: `Line ${key}`, exact: true }) });
    assert.match(await change.innerText(), /Fix: Set redirect_uris: .*'http:\/\/matomo\.example\.com\/index\.php\?module=LoginOIDC&action=callback&provider=oidc'/);
  } finally {
    await app.close();
  }
});

test("Why did my login fail? holds up no example address as the reader's until they set their domain", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // A reader at home.arpa whose page still shows the guide's example.com.
    const seen = troubleshootPaste("redirect-uri-mismatch.log.4-39.txt").replaceAll("example.com", "home.arpa");
    assert.match(await explain(page, "", seen), /^Recognised: /);
    const explanation = page.locator("#gp-explanation");
    assert.doesNotMatch(await explanation.innerText(), /example\.com/);
    // Their domain set, the application's address is theirs, and compared.
    await page.getByLabel("Domain", { exact: true }).fill("home.arpa");
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await explanation.filter({ hasText: "your application's address" }).waitFor();
    assert.match(await explanation.innerText(), /It does not start like your application's address https:\/\/matomo\.home\.arpa\/.*: the scheme differs/);
  } finally {
    await app.close();
  }
});

test("Why did my login fail? says honestly when it does not know a message", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const status = await explain(page, "", "level=error msg=\"the flux capacitor is out of flux\" path=/api/oidc/token");
    assert.equal(status, "Not recognised: this page does not know this message.");
    const head = page.locator("#gp-explanation li").first();
    assert.equal(await head.locator("samp").innerText(), "not-recognised");
    assert.match(await head.innerText(), /This page does not know this message\. It found the endpoint \(Authelia's token endpoint\)/);
  } finally {
    await app.close();
  }
});

test("a paste over the troubleshooter's byte limit is refused on the page, naming the limit, before anything is posted", async () => {
  const app = await openApp({
    prepare: (context) =>
      // Every message the page posts to a worker, by size.
      context.addInitScript(() => {
        window.__posted = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
          window.__posted.push(message?.byteLength ?? message?.length ?? 0);
          return post.call(this, message, ...rest);
        };
      }),
  });
  const { page } = app;
  try {
    await page.locator("details.explain summary").click();
    const paste = page.locator("#gp-explain-paste");
    assert.equal(await paste.getAttribute("maxlength"), String(MAX_TROUBLESHOOT_BYTES + 1));
    // One character past the limit, as a paste the browser cuts at its maxlength keeps.
    await paste.evaluate((area, bytes) => (area.value = "x".repeat(bytes)), MAX_TROUBLESHOOT_BYTES + 1);
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await eventually(async () =>
      assert.equal(
        await page.locator("#gp-explain-status").innerText(),
        `The paste is ${MAX_TROUBLESHOOT_BYTES + 1} bytes or more; a paste to explain may be at most ${MAX_TROUBLESHOOT_BYTES} bytes here. Paste only the lines around the failed sign-in.`,
      ),
    );
    assert.equal(await page.locator("#gp-explanation li").count(), 0);
    const posted = await page.evaluate(() => window.__posted);
    assert.ok(posted.every((bytes) => bytes < MAX_TROUBLESHOOT_BYTES), `a message of ${Math.max(...posted)} bytes was posted`);
    // The record sees a paste that is posted: one byte under the limit goes to the worker.
    await paste.evaluate((area, bytes) => (area.value = "x".repeat(bytes)), MAX_TROUBLESHOOT_BYTES - 1);
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await page.locator("#gp-explain-status").filter({ hasText: /^(Recognised|Not recognised|Refused)/ }).waitFor({ timeout: 60000 });
    assert.ok((await page.evaluate(() => window.__posted)).some((bytes) => bytes >= MAX_TROUBLESHOOT_BYTES - 1), "the record saw no paste posted");
  } finally {
    await app.close();
  }
});

/** An application's log line with a token endpoint's answer and an access token in it:
 * what must never leave the page's memory. */
const TOKEN = "gpAccessToken0123456789abcdefXYZ";
const LOGGED = `${troubleshootPaste("auth-method-mismatch.log.4-39.txt")}\n2025-06-03T10:14:23Z DEBUG oidc: callback access_token=${TOKEN}&token_type=Bearer`;

test("a pasted log is never stored, put in the address or kept for form restoration", async () => {
  let writes;
  const app = await openApp({ prepare: async (context) => (writes = await recordWrites(context)) });
  const { page } = app;
  try {
    // A value that is kept, so the checks below are shown to see what is kept.
    await page.getByLabel("Domain", { exact: true }).fill("kept.example.org");
    assert.match(await explain(page, homelab(), LOGGED), /^Recognised: /);
    await page.waitForLoadState("networkidle");
    const kept = await keptByTheOrigin(page);
    await eventually(async () => assert.ok(JSON.stringify(writes).includes("kept.example.org"), "the domain was not stored: the record sees nothing"));
    holdNone({ ...kept, "a write to storage, a cookie or the history": JSON.stringify(writes) }, [["the pasted token", TOKEN]]);
    // Out of the browser's form restoration and spelling services, as the configuration's paste.
    const paste = page.locator("#gp-explain-paste");
    assert.deepEqual(
      await paste.evaluate((area) => [area.getAttribute("autocomplete"), area.getAttribute("spellcheck"), area.form?.getAttribute("autocomplete")]),
      ["off", "false", "off"],
    );
  } finally {
    await app.close();
  }
});

test("in a frame, a pasted log is never sent to the parent, stored or put in an address", async () => {
  const browser = await launchBrowser();
  const server = await serveDist();
  const dir = framingPage(server, 900);
  let writes;
  const parent = await framed(browser, server, dir, "#guide-playground", { prepare: async (context) => (writes = await recordWrites(context)) });
  try {
    const frame = parent.frame();
    assert.match(await explain(frame, homelab(), LOGGED), /^Recognised: /);
    const messages = await parent.page.evaluate(() => window.__messages);
    assert.ok(messages.length > 0, "no message reached the parent");
    holdNone(
      {
        "a message to the parent": JSON.stringify(messages),
        "a write to storage, a cookie or the history": JSON.stringify(writes),
        "the parent's address": parent.page.url(),
        "the frame's address": frame.url(),
        ...(await keptByTheOrigin(frame)),
      },
      [["the pasted token", TOKEN]],
    );
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the provider's Generate answers while a configuration check is still running", async () => {
  const app = await openApp({ prepare: (context) => context.addInitScript(holdAnswers, "checker_loader") });
  const { page } = app;
  try {
    // A secret on the page, so the check verifies the pasted digest against it (10 000 000
    // PBKDF2-SHA512 iterations). Every answer of the checker is held until the keys are
    // on show: were the keys asked of the checker, or queued behind the check in the page,
    // they would never come.
    await secretField(page).fill("a-secret-for-the-slow-check");
    await page.locator("p.status").filter({ hasText: "Digest ready" }).waitFor({ timeout: 60000 });
    await page.locator("details.config-check summary").click();
    await page.locator("#gp-config-paste").fill(fixture("slow-digest.yml"));
    await page.evaluate(() => (window.__answers.hold = Infinity));
    await page.getByRole("button", { name: "Check my configuration" }).click();
    const checkStatus = page.locator("#gp-config-status");
    await checkStatus.filter({ hasText: "Working…" }).waitFor();

    await page.locator("details.provider summary").click();
    await page.locator("#gp-provider-keys").selectOption("rsa-2048");
    const asked = await page.evaluate(() => performance.now());
    await page.getByRole("button", { name: "Generate", exact: true }).last().click();
    await page.locator("#gp-provider-status").filter({ hasText: "Generated" }).waitFor({ timeout: 60000 });
    const waited = Math.round((await page.evaluate(() => performance.now())) - asked);
    assert.equal(await checkStatus.innerText(), "Working…");
    console.log(`Generate beside a running check: the keys came after ${waited} ms`);

    // The check still ends, with its finding, once its answer is let through.
    await answersHeld(page, 1, 120000);
    assert.equal(await page.evaluate(() => window.__answers.release()), 1);
    await checkStatus.filter({ hasText: "Checked" }).waitFor({ timeout: 30000 });
    assert.match(await checkStatus.innerText(), /^Checked .*finding/);
    assert.match(await page.locator("#gp-config-findings").innerText(), /The client_secret digest is of another secret, not of the client secret given here/);
    app.expectNoProblems();
  } finally {
    await app.close();
  }
});
