// The README's recipe for serving under a sub-path works: the page, its styles and its
// hashing worker all load from below that path. scripts/test builds target/dist-subpath.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { APP_READY, GUIDE_PAGE, eventually, needs, openApp, serveDist } from "./harness.mjs";

const ROOT = fileURLToPath(new URL("../../target/dist-subpath", import.meta.url));
const BASE = "/docs/playground/";

test("a build for a sub-path loads, hashes and links from below that path", async (t) => {
  if (!needs(t, existsSync(ROOT), "target/dist-subpath is not built (scripts/test builds it)")) return;
  const server = await serveDist({ root: ROOT, base: BASE });
  const app = await openApp({ server });
  try {
    await app.page.getByRole("button", { name: "Generate" }).click();
    await app.page.locator("p.status", { hasText: "Digest ready" }).waitFor({ timeout: 30000 });
    const outside = server.requests.filter((path) => !path.startsWith(BASE));
    assert.deepEqual(outside, [], "every request stays below the sub-path");
    assert.ok(server.requests.some((path) => path.endsWith("/hasher_bg.wasm")), "the hashing worker loaded");

    // The page carries the prerendered guide, and its in-page links stay below the path.
    const html = await (await fetch(server.url + GUIDE_PAGE)).text();
    assert.ok(html.includes('<h4 id="web-gui">Web GUI'), "the sub-path page has no prerendered guide");
    await app.page.evaluate(() => (window.__stillThisPage = true));
    await app.page.getByRole("link", { name: "Web GUI" }).click();
    await eventually(async () => assert.equal(new URL(app.page.url()).hash, "#web-gui"));
    assert.equal(new URL(app.page.url()).pathname, BASE + GUIDE_PAGE);
    assert.equal(await app.page.evaluate(() => window.__stillThisPage), true, "the page reloaded");
  } finally {
    await app.close();
    await server.close();
  }
});

test("under a sub-path the service worker's scope is that path, and the page works offline there", async (t) => {
  if (!needs(t, existsSync(ROOT), "target/dist-subpath is not built (scripts/test builds it)")) return;
  const server = await serveDist({ root: ROOT, base: BASE });
  const app = await openApp({ server, serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    const scope = await eventually(
      async () => {
        const state = await page.evaluate(async () => ({
          controlled: navigator.serviceWorker.controller !== null,
          scope: (await navigator.serviceWorker.getRegistration())?.scope,
          // This page itself, not just any file: the reload below needs it, and the
          // worker keeps it only after it has claimed the page (a count of caches was
          // seen to pass before the page was kept, and the reload then failed). The
          // worker keeps `<guide>/` as `<guide>/index.html`.
          cached: (await caches.match(new URL("index.html", location.href).href)) !== undefined,
        }));
        assert.ok(state.controlled && state.cached, "the page is not yet controlled and kept");
        return state.scope;
      },
      { timeout: 30000 },
    );
    assert.equal(scope, server.url);
    await app.quiet();
    await context.setOffline(true);
    await page.reload();
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status", { hasText: "Digest ready" }).waitFor({ timeout: 30000 });
    const outside = server.requests.filter((path) => !path.startsWith(BASE));
    assert.deepEqual(outside, [], "every request stays below the sub-path");
    const unexpected = app.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p));
    assert.deepEqual(unexpected, []);
  } finally {
    await context.setOffline(false);
    await app.close();
    await server.close();
  }
});
