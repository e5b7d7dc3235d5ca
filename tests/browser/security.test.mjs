// What a reader types, a link carries or a guide contains never becomes live markup; the
// page talks to nobody but its own files; the secret never leaves the page's memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openApp, serveDist, eventually, recordWrites, DIST, useSharedBrowser, secretField, settled, APP_READY, copyLink } from "./harness.mjs";

const FIXTURES = fileURLToPath(new URL("../fixtures/browser/", import.meta.url));

const open = useSharedBrowser();
const { shared } = open;

const PAYLOADS = [
  `<img src=x onerror="window.__pwned=1">`,
  `<script>window.__pwned=1</script>`,
  `"><svg onload="window.__pwned=1">`,
];

/** What live markup exists now: counts of dangerous elements, on* attributes, script URLs. */
const liveMarkup = (page) =>
  page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const count = (selector) => document.querySelectorAll(selector).length;
    const scriptUrl = (value) => /^(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ""));
    return {
      pwned: typeof window.__pwned === "undefined" ? null : String(window.__pwned),
      img: count("img"),
      script: count("script"),
      svg: count("svg"),
      iframe: count("iframe, object, embed, frame"),
      mainImgScriptSvg: count("main img, main script, main svg"),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`)),
      scriptUrls: all.flatMap((el) =>
        ["href", "src", "action", "formaction", "xlink:href", "srcdoc"]
          .filter((name) => el.hasAttribute(name) && (name === "srcdoc" || scriptUrl(el.getAttribute(name))))
          .map((name) => `<${el.tagName.toLowerCase()} ${name}="${el.getAttribute(name)}">`),
      ),
    };
  });

function assertInert(now, baseline, where) {
  assert.equal(now.pwned, null, `${where}: the payload ran`);
  assert.deepEqual(now.handlers, [], `${where}: elements with event-handler attributes`);
  assert.deepEqual(now.scriptUrls, [], `${where}: script or data URLs in the page`);
  for (const key of ["img", "script", "svg", "iframe", "mainImgScriptSvg"]) {
    assert.equal(now[key], baseline[key], `${where}: the number of ${key} elements changed`);
  }
}

// ---- 1 -------------------------------------------------------------------------------

test("HTML and script typed into every field never becomes markup and is shown only as text", async () => {
  const app = await open();
  const { page } = app;
  try {
    const baseline = await liveMarkup(page);
    assert.equal(baseline.mainImgScriptSvg, 0);
    const fields = [
      ["Domain", page.getByLabel("Domain", { exact: true })],
      ["Authelia subdomain", page.getByLabel("Authelia subdomain", { exact: true })],
      ["Client ID", page.getByLabel("Client ID", { exact: true })],
      ["Client secret", secretField(page)],
    ];
    await page.locator("details.digest-check summary").click();
    for (const payload of PAYLOADS) {
      for (const [name, input] of fields) {
        await input.fill(payload);
        await settled(page);
        assertInert(await liveMarkup(page), baseline, `${name} = ${payload}`);
        assert.equal(await input.inputValue(), payload, `${name} does not hold the typed text`);
        assert.equal(await input.getAttribute("aria-invalid"), "true", `${name} accepted ${payload}`);
      }
      // Refused values never reach the guide.
      const guide = await page.locator("main#gp-guide article").innerText();
      assert.ok(!guide.includes("onerror") && !guide.includes("<script>") && !guide.includes("onload"), "a refused value reached the guide");

      // The digest checker: both boxes, then Check.
      await page.getByLabel("Digest", { exact: true }).fill(payload);
      await page.getByLabel("Secret to check").fill(payload);
      await page.getByRole("button", { name: "Check", exact: true }).click();
      // The answer, not "Checking…" (set as the button is pressed): the answer is what may
      // echo the payload.
      await eventually(async () => {
        const said = (await page.locator("p.check-result").innerText()).trim();
        assert.ok(said !== "" && said !== "Checking…", `the check has not answered: ${JSON.stringify(said)}`);
      });
      assertInert(await liveMarkup(page), baseline, `Check a digest with ${payload}`);
    }
    for (const [, input] of fields) await input.fill("");

    // A pasted guide carrying the payloads in its title, text, code and a variable's default.
    await page.getByText("Open another guide").click();
    for (const payload of PAYLOADS) {
      const escapedForYaml = payload.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
      const guide = [
        "---",
        `title: "${escapedForYaml}"`,
        "---",
        "",
        `## Heading ${payload}`,
        "",
        `Text ${payload} end.`,
        "",
        `Code \`${payload}\` and a variable {{< sitevar name="custom-thing" nojs="${payload.replaceAll('"', "&quot;")}" >}}.`,
        "",
      ].join("\n");
      await page.getByLabel("Paste a guide").fill(guide);
      await page.getByRole("button", { name: "Open pasted guide" }).click();
      await page.locator("main p.source").filter({ hasText: "pasted text" }).waitFor();
      await settled(page);
      assertInert(await liveMarkup(page), baseline, `pasted guide with ${payload}`);
      assert.equal(await page.locator("main h1").innerText(), `${payload} with Authelia`, "the title is not shown as text");
      const text = await page.locator("main#gp-guide").innerText();
      assert.ok(text.includes(`Text ${payload} end.`), `the payload is not shown as text:\n${text}`);
      // The paste box itself keeps it as text too.
      assert.equal(await page.getByLabel("Paste a guide").inputValue(), guide);
    }
    await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
    await page.locator("main h1").filter({ hasText: "Matomo with Authelia" }).waitFor();
    assertInert(await liveMarkup(page), baseline, "back to Matomo");
  } finally {
    await app.close();
  }

  // The same payloads in a link: every parameter, and a parameter's name.
  for (const payload of PAYLOADS) {
    const e = encodeURIComponent(payload);
    const path = `?domain=${e}&subdomain-authelia=${e}&client-id=${e}&client-secret=${e}&${e}=1`;
    const linked = await open({ path });
    try {
      const baseline = { img: 0, script: 0, svg: 0, iframe: 0, mainImgScriptSvg: 0 };
      const now = await liveMarkup(linked.page);
      baseline.script = now.script; // Trunk's own start-up scripts in <head>.
      // The body holds one script element: the guide's data, which is not a script.
      const bodyScripts = await linked.page.locator("body script").evaluateAll((ss) => ss.map((s) => s.type));
      assert.deepEqual(bodyScripts, ["text/plain"], "an executable script element in the body");
      assertInert(now, baseline, `link with ${payload}`);
      const problems = await linked.page.locator("ul.link-problems").innerText();
      // The name is quoted Rust-style (`"` written `\"`), but as text.
      assert.ok(problems.replaceAll('\\"', '"').includes(payload), `the refused parameter name is not shown as text: ${problems}`);
      assert.equal(await linked.page.locator("ul.link-problems li").count(), 5);
      assert.equal(await linked.page.getByLabel("Domain", { exact: true }).inputValue(), "example.com");
      assert.equal(await secretField(linked.page).inputValue(), "");
    } finally {
      await linked.close();
    }
  }
});

// ---- 2 -------------------------------------------------------------------------------

test("a guide's raw HTML, script links, iframes and script or data images render inert", async () => {
  const app = await open();
  const { page } = app;
  try {
    const baseline = await liveMarkup(page);
    await page.getByText("Open another guide").click();
    await page.getByLabel("Guide file (.md)").setInputFiles(FIXTURES + "hostile-guide.md");
    await page.locator("main h1").filter({ hasText: "Hostile Fixture with Authelia" }).waitFor();
    await settled(page);
    const now = await liveMarkup(page);
    assert.equal(now.pwned, null, "the guide's script ran");
    assert.deepEqual(now.handlers, [], "elements with event-handler attributes");
    assert.deepEqual(now.scriptUrls, [], "script or data URLs in the page");
    assert.equal(now.script, baseline.script, "the guide added a script element");
    assert.equal(now.svg, baseline.svg, "the guide added an svg element");
    assert.equal(now.iframe, 0, "the guide added an iframe");
    // Raw HTML is shown as text.
    const text = await page.locator("main#gp-guide").innerText();
    for (const raw of [`<script>window.__pwned = "script block";</script>`, `<img src=x onerror="window.__pwned = 'img onerror'">`, "<iframe"]) {
      assert.ok(text.includes(raw), `raw HTML is not shown as text: ${raw}`);
    }
    // A script address is no link: its text stays, followed by why, and no element
    // points at it.
    const refused = await page.locator("main#gp-guide .refused-link").allInnerTexts();
    for (const name of ["javascript link", "a data link", "ref link"]) {
      const found = refused.find((t) => t.startsWith(name));
      assert.ok(found, `link "${name}" is not shown as a refused link: ${JSON.stringify(refused)}`);
      assert.match(found, /could run code, so it is not a link/);
    }
    assert.equal(await page.locator("main#gp-guide a:not([href])").count(), 0, "a link without an address");
    // No image is fetched; each is a labelled placeholder.
    assert.equal(await page.locator("main#gp-guide img").count(), 0);
    const images = await page.locator("main#gp-guide .image-placeholder").allInnerTexts();
    for (const alt of ["image with a script URL", "a data image", "figure"]) {
      assert.ok(images.some((t) => t.includes(alt)), `image "${alt}" has no placeholder: ${JSON.stringify(images)}`);
    }
    // Clicking the refused link runs nothing.
    await page.locator("main#gp-guide .refused-link", { hasText: "javascript link" }).click();
    assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
  } finally {
    await app.close();
  }
});

// ---- 3 -------------------------------------------------------------------------------

async function distFiles(dir = DIST, prefix = "") {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...(await distFiles(`${dir}/${entry.name}`, `${prefix}${entry.name}/`)));
    else out.push(prefix + entry.name);
  }
  return out;
}

test("a full session requests nothing but the app's own files", async () => {
  const own = await serveDist(); // this session's requests only
  const app = await openApp({ browser: shared.browser, server: own, permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = app;
  const seen = [];
  page.on("request", (req) => seen.push(req.url()));
  try {
    await page.getByLabel("Domain", { exact: true }).fill("example.org");
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status").filter({ hasText: /Digest ready/ }).waitFor({ timeout: 60000 });
    await page.getByLabel("Digest algorithm").selectOption({ label: "Argon2id" });
    await page.locator("p.status").filter({ hasText: /Digest ready .*Argon2id/ }).waitFor({ timeout: 60000 });
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByRole("button", { name: "Copy configuration.yml" }).click();
    await page.getByRole("button", { name: "Download configuration.yml" }).click();
    await page.locator("details.digest-check summary").click();
    await page.getByLabel("Digest", { exact: true }).fill(await page.locator('[data-var="digest"]').first().innerText());
    await page.getByLabel("Secret to check").fill("not-the-secret");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator("p.check-result").filter({ hasText: "No match" }).waitFor({ timeout: 60000 });
    await page.getByText("Open another guide").click();
    for (const name of ["custom-guide.md", "hostile-guide.md"]) {
      await page.getByLabel("Guide file (.md)").setInputFiles(FIXTURES + name);
      await page.locator("main p.source").filter({ hasText: name }).waitFor();
    }
    await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
    await page.getByRole("button", { name: "Colours: system" }).click();
    await app.quiet(); // a reload must not abort the worker's loading
    await page.reload();
    await page.locator(APP_READY).waitFor();
    await page.waitForLoadState("networkidle");

    assert.deepEqual(app.foreign, [], "requests left the app's origin");
    const files = new Set(await distFiles());
    const paths = own.requests.map((url) => {
      const path = decodeURIComponent(new URL(url, own.origin).pathname).replace(/^\//, "");
      return path === "" || path.endsWith("/") ? `${path}index.html` : path;
    });
    for (const file of ["matomo/index.html", "hasher_bg.wasm", "parser_bg.wasm"]) assert.ok(paths.includes(file), `${file} was not loaded: ${JSON.stringify(paths)}`);
    assert.deepEqual(paths.filter((p) => !files.has(p)), [], "requests for something that is not one of dist/'s files");
    const notOwn = seen.filter((url) => !url.startsWith(own.origin + "/") && !url.startsWith("blob:"));
    assert.deepEqual(notOwn, [], "the page asked for something other than its own files");
  } finally {
    await app.close();
    await own.close();
  }
});

// ---- 4 -------------------------------------------------------------------------------

test("the secret and its digest never land in the URL, storage, cookies or the console", async () => {
  const app = await open({ waitForMount: false, permissions: ["clipboard-read", "clipboard-write"] });
  const { page, context } = app;
  const messages = [];
  const listen = (p) => {
    p.on("console", (msg) => messages.push(`${msg.type()}: ${msg.text()}`));
    p.on("pageerror", (err) => messages.push(`pageerror: ${err.message}`));
    p.on("worker", (w) => w.on("console", (msg) => messages.push(`worker ${msg.type()}: ${msg.text()}`)));
  };
  listen(page);
  try {
    const writes = await recordWrites(context);
    // A reload must not abort the hashing worker's loading: it starts once the app has
    // taken over, which on a fresh clone's first run (nothing compiled yet) came after the
    // page's own files had gone quiet, and the reload aborted hasher_bg.wasm.
    await app.quiet();
    await page.reload();
    await page.locator(APP_READY).waitFor();
    // What is searched for: each secret, and each digest the page showed (whole, its key
    // alone, and percent-encoded as an address would carry it).
    const secrets = [];
    const digestShown = async () => {
      const digest = await page.locator('[data-var="digest"]').first().innerText();
      assert.match(digest, /^\$[a-z0-9-]+\$/, `no digest on show: ${digest}`);
      secrets.push(digest, digest.split("$").at(-1), encodeURIComponent(digest));
      return digest;
    };
    const places = async () => {
      const inPage = await page.evaluate(async () => ({
        url: location.href,
        title: document.title,
        local: JSON.stringify(Object.entries(localStorage)),
        session: JSON.stringify(Object.entries(sessionStorage)),
        cookie: document.cookie,
        caches: JSON.stringify(await caches.keys()),
        idb: JSON.stringify(await indexedDB.databases()),
      }));
      return { ...inPage, cookies: JSON.stringify(await context.cookies()), console: messages.join("\n"), writes: JSON.stringify(writes) };
    };
    const assertNowhere = async (when) => {
      const where = await places();
      for (const secret of secrets) {
        for (const [place, text] of Object.entries(where)) {
          assert.ok(!text.includes(secret), `${when}: the secret or a digest (${secret.slice(0, 12)}…) is in ${place}`);
        }
      }
    };

    // A typed secret, hashed and checked.
    const typed = "typed-Secret_value~0123456789ABCDEF";
    secrets.push(typed);
    await page.getByLabel("Domain", { exact: true }).fill("example.org");
    await secretField(page).fill(typed);
    await page.locator("p.status").filter({ hasText: /Digest ready/ }).waitFor({ timeout: 60000 });
    await page.locator("details.digest-check summary").click();
    await page.getByLabel("Digest", { exact: true }).fill(await digestShown());
    await page.getByLabel("Secret to check").fill(typed);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator("p.check-result").filter({ hasText: "Match" }).waitFor({ timeout: 60000 });
    await assertNowhere("after typing and checking");

    // A generated one, shown, copied, and a link copied.
    await page.getByRole("button", { name: "Generate" }).click();
    await page.getByRole("button", { name: "Show" }).click();
    const generated = await secretField(page).inputValue();
    assert.match(generated, /^[A-Za-z0-9\-._~]{72}$/);
    secrets.push(generated);
    await page.locator("p.status").filter({ hasText: /Digest ready/ }).waitFor({ timeout: 60000 });
    await eventually(async () => assert.ok(!secrets.includes(await page.locator('[data-var="digest"]').first().innerText()), "the generated secret's digest is not on show yet"));
    await digestShown();
    await page.getByRole("button", { name: "Copy the client secret" }).click();
    const link = await copyLink(page);
    for (const secret of secrets) assert.ok(!link.includes(secret), "the copied link holds the secret or a digest");
    await page.getByLabel("Digest algorithm").selectOption({ label: "bcrypt" });
    await page.locator("p.status").filter({ hasText: /Digest ready .*bcrypt/ }).waitFor({ timeout: 60000 });
    assert.match(await digestShown(), /^\$2b\$/);
    await assertNowhere("after generating and copying");

    // Another tab and a reload.
    const other = await app.openPage();
    listen(other);
    await app.quiet(); // a reload must not abort the worker's loading
    await page.reload();
    await page.locator(APP_READY).waitFor();
    assert.equal(await secretField(page).inputValue(), "");
    await page.waitForLoadState("networkidle");
    await assertNowhere("after a reload");
    assert.ok(!(await other.locator("main#gp-guide").innerText()).includes(generated), "the other tab shows the secret");
    assert.ok(writes.length > 0, "storage writes were not recorded");
  } finally {
    await app.close();
  }
});

test("guides nested thousands of levels deep open without exhausting the page's stack", async () => {
  const app = await open();
  try {
    const page = app.page;
    await page.getByText("Open another guide").click();
    const deep = [">".repeat(5000) + " deep quote", "*a ".repeat(3000) + "x" + " b*".repeat(3000)];
    for (const text of deep) {
      // A direct value assignment: typing 5000 characters would only slow the test down.
      await page.locator("#gp-guide-paste").evaluate((el, t) => {
        el.value = t;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }, text);
      await page.getByRole("button", { name: "Open pasted guide" }).click();
      await page.locator(".source", { hasText: "pasted text" }).waitFor();
      await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
      await page.locator(".source").filter({ hasText: /^Guide: Matomo$/ }).waitFor();
    }
  } finally {
    await app.close(); // fails on the "Maximum call stack size exceeded" this used to raise
  }
});
