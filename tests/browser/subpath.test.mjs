// The README's recipe for serving under a sub-path works: the page, its styles and its
// hashing worker all load from below that path. scripts/test builds target/dist-subpath.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventually, openApp, serveDist } from "./harness.mjs";

const ROOT = fileURLToPath(new URL("../../target/dist-subpath", import.meta.url));
const BASE = "/docs/playground/";

test("a build for a sub-path loads, hashes and links from below that path", { skip: !existsSync(ROOT) && "target/dist-subpath is not built (scripts/test builds it)" }, async () => {
  const server = await serveDist({ root: ROOT, base: BASE });
  const app = await openApp({ server });
  try {
    await app.page.getByRole("button", { name: "Generate" }).click();
    await app.page.locator("p.status", { hasText: "Digest ready" }).waitFor({ timeout: 30000 });
    const outside = server.requests.filter((path) => !path.startsWith(BASE));
    assert.deepEqual(outside, [], "every request stays below the sub-path");
    assert.ok(server.requests.some((path) => path.endsWith("/hasher_bg.wasm")), "the hashing worker loaded");

    // The page carries the prerendered guide, and its in-page links stay below the path.
    const html = await (await fetch(server.url)).text();
    assert.ok(html.includes('<h4 id="web-gui">Web GUI'), "the sub-path page has no prerendered guide");
    await app.page.evaluate(() => (window.__stillThisPage = true));
    await app.page.getByRole("link", { name: "Web GUI" }).click();
    await eventually(async () => assert.equal(new URL(app.page.url()).hash, "#web-gui"));
    assert.equal(new URL(app.page.url()).pathname, BASE);
    assert.equal(await app.page.evaluate(() => window.__stillThisPage), true, "the page reloaded");
  } finally {
    await app.close();
    await server.close();
  }
});
