// In other people's documentation and offline. A parent page on another origin, made
// with the project's Hugo shortcode (rendered by real Hugo) or its plain HTML example,
// fits the frame to the height the playground posts, and no message ever holds a value
// of the reader's. After a first visit the site works offline, and a new build replaces
// the cached one on the next online visit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { APP_READY, CHROMIUM_ARGS, GUIDE_PAGE, chromiumPath, eventually, fitted, framed, heights, needs, openApp, serveDist, useSharedBrowser } from "./harness.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NEXT_BUILD = join(ROOT, "target", "dist-next");

const open = useSharedBrowser();
const { shared } = open;

function hasHugo() {
  try {
    execFileSync("hugo", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A Hugo site whose home page embeds the playground at `src` with the shortcode. */
function hugoSite(src) {
  const dir = mkdtempSync(join(tmpdir(), "gp-hugo-"));
  mkdirSync(join(dir, "layouts", "shortcodes"), { recursive: true });
  mkdirSync(join(dir, "content"));
  copyFileSync(join(ROOT, "docs", "embed", "layouts", "shortcodes", "guide-playground.html"), join(dir, "layouts", "shortcodes", "guide-playground.html"));
  writeFileSync(join(dir, "hugo.toml"), 'baseURL = "http://127.0.0.2/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "404"]\n');
  writeFileSync(
    join(dir, "layouts", "index.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body><h1>Docs</h1>{{ .Content }}</body></html>\n',
  );
  writeFileSync(
    join(dir, "content", "_index.md"),
    `---\ntitle: Docs\n---\n\n{{< guide-playground src="${src}" guide="matomo" domain="example.org" title="Matomo with Authelia" >}}\n`,
  );
  execFileSync("hugo", ["--quiet", "--source", dir, "--destination", join(dir, "public")], { stdio: "pipe" });
  writeFileSync(join(dir, "public", "favicon.ico"), ""); // the parent's own, asked for by the browser
  return { dir, public: join(dir, "public") };
}

test("a Hugo page made with the shortcode fits the frame to the playground, and no message holds a value", async (t) => {
  if (!needs(t, hasHugo(), "hugo is not installed (scripts/setup installs it)")) return;
  const site = hugoSite(shared.server.url);
  const parent = await framed(shared.browser, shared.server, site.public, "iframe[id^=guide-playground]");
  try {
    const { page, frameElement, frame } = parent;
    assert.equal(await frameElement.getAttribute("src"), `${shared.server.url}${GUIDE_PAGE}?embed=1&domain=example.org`);
    await fitted(page, frameElement, frame);
    const before = (await frameElement.boundingBox()).height;
    assert.ok(before > 1500, `the frame is only ${before} px tall`);

    // The reader unfolds the secret and generates one: the frame grows with it.
    await frame().getByRole("button", { name: "Client secret and digest" }).click();
    await frame().getByRole("button", { name: "Generate" }).click();
    await frame().locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    await fitted(page, frameElement, frame);
    assert.ok((await frameElement.boundingBox()).height > before, "the frame did not grow with the secret panel");

    // Nothing but heights ever reached the parent.
    const secret = await frame().locator("#gp-client-secret").inputValue();
    const digest = await frame().locator('[data-var="digest"]').first().innerText();
    const { messages } = await heights(page, frame);
    for (const { origin, data } of messages) {
      assert.equal(origin, shared.server.origin);
      assert.deepEqual(Object.keys(data).sort(), ["height", "type"]);
      assert.equal(data.type, "guide-playground:height");
    }
    const said = JSON.stringify(messages);
    for (const value of ["example.org", secret, digest, "$pbkdf2"]) assert.ok(!said.includes(value), `a message holds ${value.slice(0, 20)}`);
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    rmSync(site.dir, { recursive: true, force: true });
  }
});

test("the plain HTML example parent page fits the frame too", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gp-parent-"));
  const example = readFileSync(join(ROOT, "docs", "embed", "parent.html"), "utf8");
  const playground = `${shared.server.url}${GUIDE_PAGE}?embed=1&amp;domain=example.org`;
  writeFileSync(join(dir, "favicon.ico"), "");
  writeFileSync(join(dir, "index.html"), example.replace(/src="https:\/\/docs\.example\.org\/playground\/[^"]*"/, `src="${playground}"`));
  const parent = await framed(shared.browser, shared.server, dir, "#guide-playground");
  try {
    await fitted(parent.page, parent.frameElement, parent.frame);
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("?theme= sets the colours in a frame; without it a frame follows the system, not a stored choice", async () => {
  const app = await open({ path: "?embed=1&theme=dark", colorScheme: "light" });
  try {
    const { page } = app;
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark");
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(22, 24, 29)");
    await page.evaluate(() => localStorage.setItem("guide-playground-theme", "dark"));
    await page.waitForLoadState("networkidle"); // a navigation must not abort the workers' loading
    await page.goto(`${app.server.url}${GUIDE_PAGE}?embed=1`);
    await page.locator(APP_READY).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), null);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 255, 255)");
  } finally {
    await app.close();
  }
});

test("Copy embed code copies a frame with the reader's values, never the secret, and its listener", async () => {
  const app = await open({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = app;
  try {
    await page.getByLabel("Domain", { exact: true }).fill("example.org");
    await page.getByRole("button", { name: "Generate" }).click();
    await page.getByRole("button", { name: "Copy embed code" }).click();
    await page.locator(".embed-code .copy-state").filter({ hasText: "Embed code copied" }).waitFor();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(code.includes(`<iframe id="guide-playground" src="${app.server.url}${GUIDE_PAGE}?embed=1&amp;domain=example.org"`), code);
    assert.match(code, /allow="clipboard-write"/);
    assert.match(code, /title="Matomo with Authelia, filled in with your values"/);
    assert.match(code, /event\.data\.type === "guide-playground:height"/);
    const secret = await page.locator("#gp-client-secret").inputValue();
    assert.ok(secret.length > 0 && !code.includes(secret) && !code.includes("client-secret"), "the code holds the secret");
  } finally {
    await app.close();
  }
});

/** Waits until a service worker controls the page and has cached the build. */
async function cachedForOffline(page) {
  return eventually(
    async () => {
      const { controlled, keys } = await cacheState(page);
      assert.ok(controlled, "no service worker controls the page");
      assert.ok(keys.some((k) => k.startsWith("guide-playground-")), "nothing is cached");
      return keys;
    },
    { timeout: 30000 },
  );
}

/** Whether a service worker controls the page, and the names of its caches. */
function cacheState(page) {
  return page.evaluate(async () => ({ controlled: navigator.serviceWorker.controller !== null, keys: await caches.keys() }));
}

/** Problems other than requests the offline browser could not make (the service worker
 * answers them from its cache). */
const unexpectedOffline = (problems) => problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p));

test("after a first visit the page works offline: the guide shows and Generate makes a digest", async () => {
  const server = await serveDist();
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    await cachedForOffline(page);
    await page.waitForLoadState("networkidle");
    await context.setOffline(true);
    await page.reload();
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    assert.equal(await page.locator("h1").innerText(), "Matomo with Authelia");
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    // And it answers only for its own files: anything else still goes to the network.
    const other = await page.evaluate(async () => {
      const response = await fetch("not-a-file-of-the-build.txt").catch(() => null);
      return response === null ? "network error" : response.status;
    });
    assert.equal(other, "network error", "the service worker answered for a file that is not the app's");
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await context.setOffline(false);
    await app.close();
    await server.close();
  }
});

test("a new build replaces the cached one on the next online visit", async (t) => {
  if (!needs(t, existsSync(NEXT_BUILD), "target/dist-next is not built (scripts/test builds it)")) return;
  const server = await serveDist();
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    const [first] = await cachedForOffline(page);
    await page.waitForLoadState("networkidle");
    server.deploy(NEXT_BUILD);
    // The new site has other guides: the reader goes to one of them.
    await page.goto(server.url + "dashboard-env/");
    await page.locator("h1").filter({ hasText: "Dashboard (environment and Compose) with Authelia" }).waitFor({ timeout: 15000 });
    // The new build's service worker takes over and keeps only the new build.
    await eventually(
      async () => {
        const { keys } = await cacheState(page);
        assert.equal(keys.length, 1, `caches: ${keys}`);
        assert.notEqual(keys[0], first, "the old build is still cached");
      },
      { timeout: 30000 },
    );
    await page.waitForLoadState("networkidle");
    await context.setOffline(true);
    await page.reload();
    await page.locator("h1").filter({ hasText: "Dashboard (environment and Compose) with Authelia" }).waitFor({ timeout: 15000 });
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await context.setOffline(false);
    await app.close();
    await server.close();
  }
});

test("the app is installable: its manifest and icons satisfy Chromium", async () => {
  // Chromium never offers to install from an incognito profile, and a plain browser
  // context is one; a persistent profile in a temporary directory is not.
  const profile = mkdtempSync(join(tmpdir(), "gp-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(shared.server.url + GUIDE_PAGE);
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    await cachedForOffline(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await page.evaluate(async () => (await fetch("manifest.webmanifest")).json());
    assert.deepEqual(manifest.icons.map((i) => i.sizes), ["192x192", "512x512", "any"]);
    await page.waitForLoadState("networkidle");
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
