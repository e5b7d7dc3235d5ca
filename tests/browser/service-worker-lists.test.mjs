// The service worker's lists are data. The build writes every file's name into
// service-worker.js; a name is the reader's folder's, so it may hold `$'`, `$$` or `$&`,
// which String.replace reads as patterns: the worker then did not parse, never registered,
// and nothing said so. The build's writer (src/build/service_worker.rs) puts them in as
// JSON, and its native tests read such names back from the script; here
// tests/fixtures/site-dollar, a guide whose three images are named with them, is built with
// Trunk (as the README does): `node --check` on its worker, its lists against the build,
// and Chromium runs it.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { INDEX_READY, eventually, launchBrowser, openApp, serveDist, trunkBuild, ROOT } from "./harness.mjs";

const FIXTURE = "tests/fixtures/site-dollar";
/** The fixture's images, each named with a pattern String.replace would expand. */
const DOLLAR_NAMES = ["cost$$.png", "it$'s.png", "a$&b.png"];
/** The fixture's images' bytes: the build may publish them under other names. */
const DOLLAR_IMAGES = DOLLAR_NAMES.map((name) => readFileSync(join(ROOT, FIXTURE, "prices", name)));

/** Runs `node --check` on `script`; its status and what it said. */
function nodeCheck(script) {
  const dir = mkdtempSync(join(tmpdir(), "gp-worker-check-"));
  try {
    const file = join(dir, "service-worker.js");
    writeFileSync(file, script);
    const checked = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
    return { status: checked.status, said: checked.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file of a build, relative to its root, `/`-separated. */
const buildFiles = (root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(root.length + 1).split("\\").join("/"))
    .sort();

/** The data a worker's script holds (its line `const BUILD = {…};`, split at `\n` only:
 * a name may hold U+2028, which a RegExp reads as the end of a line). */
function buildData(script) {
  const line = script.split("\n").find((l) => l.startsWith("const BUILD = "));
  assert.ok(line?.endsWith(";"), "service-worker.js has no BUILD data");
  return JSON.parse(line.slice("const BUILD = ".length, -1));
}

/** The lists and version the build wrote into its worker. */
const workerData = (dist) => buildData(readFileSync(join(dist, "service-worker.js"), "utf8"));

/** The files of `listed` that hold one of the fixture's images, one for each. */
function imagesOf(dist, listed) {
  const found = DOLLAR_IMAGES.map((bytes) => listed.filter((file) => readFileSync(join(dist, file)).equals(bytes)));
  for (const [i, files] of found.entries()) assert.equal(files.length, 1, `${DOLLAR_NAMES[i]} is not listed once: ${JSON.stringify(files)}`);
  return found.map(([file]) => file);
}

describe("a site whose image names hold $', $$ and $&", () => {
  const built = {};

  before(() => {
    // scripts/test puts Trunk on PATH; without it this is a failure, never a skip.
    execFileSync("trunk", ["--version"]);
    built.out = mkdtempSync(join(tmpdir(), "gp-dollar-site-"));
    built.dist = join(built.out, "dist");
    const { status, said } = trunkBuild(FIXTURE, built.dist);
    built.status = status;
    built.said = said;
  });

  after(() => {
    if (built.out) rmSync(built.out, { recursive: true, force: true });
  });

  test("builds a service worker that parses (node --check) and lists every file of the build, its images too", () => {
    assert.equal(built.status, 0, built.said);
    const worker = join(built.dist, "service-worker.js");
    assert.ok(existsSync(worker), "no service-worker.js was written");
    const { status, said } = nodeCheck(readFileSync(worker, "utf8"));
    assert.equal(status, 0, `node --check service-worker.js:\n${said}`);

    const { shared, guides, version } = workerData(built.dist);
    assert.match(version, /^[0-9a-f]{16}$/);
    const files = buildFiles(built.dist).filter((f) => f !== "service-worker.js");
    assert.deepEqual([...shared, ...guides].sort(), files, "the lists are not the build's files");
    assert.deepEqual(imagesOf(built.dist, guides).length, DOLLAR_IMAGES.length, `the per-guide list: ${JSON.stringify(guides)}`);
  });

  test("its service worker registers in Chromium and keeps every guide's $-named image offline, byte for byte", async () => {
    assert.equal(built.status, 0, built.said);
    const browser = await launchBrowser();
    const server = await serveDist({ root: built.dist });
    const app = await openApp({ browser, server, at: "", serviceWorkers: "allow", allowProblems: true });
    const { page } = app;
    try {
      await page.locator(INDEX_READY).waitFor({ timeout: 15000 });
      await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "no service worker controls the page"), { timeout: 30000 });
      await page.getByRole("button", { name: "Keep every guide offline" }).click();
      await page.locator(".keep-offline [role=status]").filter({ hasText: /^Every guide is kept offline/ }).waitFor({ timeout: 15000 });
      const { guides } = workerData(built.dist);
      const held = await page.evaluate(async () => {
        const found = {};
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            found[decodeURIComponent(new URL(request.url).pathname.slice(1))] = [...new Uint8Array(await (await cache.match(request)).arrayBuffer())];
          }
        }
        return found;
      });
      const images = imagesOf(built.dist, guides);
      assert.equal(images.length, DOLLAR_IMAGES.length, `the per-guide list: ${JSON.stringify(guides)}`);
      for (const file of images) {
        assert.ok(held[file], `${file} is not kept: ${Object.keys(held)}`);
        assert.deepEqual(Buffer.from(held[file]), readFileSync(join(built.dist, file)), `${file}: the cache holds other bytes than the build's`);
      }
      await page.waitForLoadState("networkidle");
      assert.deepEqual(app.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
    } finally {
      await app.close();
      await server.close();
      await browser.close();
    }
  });
});
