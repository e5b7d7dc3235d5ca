// The site build's output (issue 27): every path it writes is planned before the first is
// written, so an alias onto a file of the build fails naming the guide, the alias and what
// it collides with; a file name that is not UTF-8 is refused at planning; the site's total
// bytes are bounded (MAX_SITE_BYTES); and each image is published once, by its content,
// under _images/, where a name holding # or ? loads. Each failed build must leave nothing,
// Trunk's staging folder (dist/.stage) included. Fixtures: tests/fixtures/site-aliases,
// site-non-utf8 and site-images.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP_READY, INDEX_READY, eventually, launchBrowser, openApp, perGuideFiles, serveDist, sizeText, trunkBuild, withinBudget, ROOT } from "./harness.mjs";


describe("a folder the build refuses, before writing anything", () => {
  /** Builds `folder` into a fresh directory; returns what it said and everything left in
   * the output, Trunk's staging folder (dist/.stage) included. */
  function build(folder) {
    const out = mkdtempSync(join(tmpdir(), "gp-bad-output-"));
    const dist = join(out, "dist");
    const { status, said } = trunkBuild(folder, dist);
    const written = existsSync(dist) ? readdirSync(dist, { recursive: true }) : [];
    rmSync(out, { recursive: true, force: true });
    return { status, said, written };
  }

  before(() => {
    // scripts/test puts Trunk on PATH; without it this is a failure, never a skip.
    execFileSync("trunk", ["--version"]);
  });

  test("an alias onto a file the build writes fails the build, naming the guide, the alias and what it collides with", () => {
    // tests/fixtures/site-aliases/moved.md: each alias but the last lands on a file of the
    // build (the service worker's once made a folder the hook then crashed on, EISDIR).
    const { status, said, written } = build("tests/fixtures/site-aliases");
    assert.notEqual(status, 0, said);
    const image = "_images/6c1784eb5f0678099c52a15bf601e7f6.png"; // kept.md's shot.png, by its SHA-256
    const long = "x".repeat(300);
    const expected = [
      "the alias /service-worker.js of moved.md (service-worker.js/index.html) collides with the service worker the build writes (service-worker.js)",
      "the alias /sitemap.xml of moved.md (sitemap.xml/index.html) collides with the sitemap the build writes (sitemap.xml)",
      "the alias /404.html of moved.md (404.html/index.html) collides with the 404 page the build writes (404.html)",
      "the alias /index.html/ of moved.md (index.html/index.html) collides with the index the build writes (index.html)",
      "the alias /favicon.svg of moved.md (favicon.svg/index.html) collides with the app's own file favicon.svg (favicon.svg)",
      "the alias /kept/ of moved.md (kept/index.html) collides with the page of kept.md (kept/index.html)",
      `the alias /${image} of moved.md (${image}/index.html) collides with the image shot.png (${image})`,
      `moved.md: the alias /old/${long}/ has a part of 300 bytes; a part may have at most 128 (MAX_ALIAS_PART_BYTES)`,
    ];
    const errors = said.split("\n").filter((line) => line.startsWith("prerender: ") && !line.startsWith("prerender: the site was not built"));
    assert.deepEqual(errors, expected.map((line) => `prerender: ${line}`), said);
    assert.match(said, /prerender: the site was not built: 8 problem\(s\)/);
    // No Node stack trace (the hook's EISDIR was one) and no error of the file system's.
    // (Trunk's own backtrace, which RUST_BACKTRACE=1 once added to every failed build, is
    // site.test.mjs's "every broken guide" test.)
    assert.doesNotMatch(said, /EISDIR|ENAMETOOLONG|os error|\n\s+at .*(node:|file:\/\/)/, "a stack trace or an OS error");
    assert.deepEqual(written, [], "a site was left behind");
  });

  test("a file name that is not UTF-8 fails the build before anything is written, naming its folder and bytes", () => {
    // tests/fixtures/site-non-utf8, and beside its guide a file named shot- 0xff .png
    // (made here: git keeps no such name portably).
    const folder = mkdtempSync(join(tmpdir(), "gp-not-utf8-"));
    try {
      cpSync(join(ROOT, "tests", "fixtures", "site-non-utf8"), folder, { recursive: true });
      writeFileSync(Buffer.concat([Buffer.from(join(folder, "gallery", "shot-")), Buffer.from([0xff]), Buffer.from(".png")]), "png");
      const { status, said, written } = build(folder);
      assert.notEqual(status, 0, said);
      assert.ok(
        said.includes("prerender: gallery/: holds a file whose name is not UTF-8 (its bytes: shot-\\xff.png), which no address can name: rename it"),
        said,
      );
      assert.match(said, /prerender: the site was not built: 1 problem\(s\)/);
      assert.doesNotMatch(said, /\uFFFD|os error/, "a name that does not exist, or an OS error");
      assert.deepEqual(written, [], "a site was left behind");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a site past MAX_SITE_BYTES fails the build, naming the bound and the total, before its images are read", () => {
    // 13 images of MAX_IMAGE_BYTES (20 000 000, sparse files) in one guide: 260 000 000
    // bytes, past MAX_SITE_BYTES (250 000 000).
    const folder = mkdtempSync(join(tmpdir(), "gp-too-large-"));
    try {
      mkdirSync(join(folder, "big"));
      let body = "---\ntitle: \"Big\"\n---\n\n";
      for (let i = 0; i < 13; i++) {
        writeFileSync(join(folder, "big", `shot-${i}.png`), "");
        truncateSync(join(folder, "big", `shot-${i}.png`), 20_000_000);
        body += `![Shot ${i}](shot-${i}.png)\n\n`;
      }
      writeFileSync(join(folder, "big", "index.md"), body);
      const { status, said, written } = build(folder);
      assert.notEqual(status, 0, said);
      assert.ok(
        said.includes("prerender: the 13 images the guides show would be 260000000 bytes; a site may hold at most 250000000 bytes (MAX_SITE_BYTES)"),
        said,
      );
      assert.deepEqual(written, [], "a site was left behind");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("a folder whose guides share images, and name them with # and ?", () => {
  // tests/fixtures/site-images: three guides each show ../shared/logo.png and their own
  // copy of it (the same bytes), and odd/ shows a#b.png and a?b.png.
  const shared = {};
  before(async () => {
    shared.out = mkdtempSync(join(tmpdir(), "gp-site-images-"));
    shared.dist = join(shared.out, "dist");
    const { status, said } = trunkBuild("tests/fixtures/site-images", shared.dist);
    assert.equal(status, 0, said);
    shared.browser = await launchBrowser();
    shared.server = await serveDist({ root: shared.dist });
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
    if (shared.out) rmSync(shared.out, { recursive: true, force: true });
  });

  /** The longest task of the page's main thread from its first script on, observed in the
   * page (a long-task observer installed before the app's scripts run). */
  const watchTasks = (context) =>
    context.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: "longtask" });
    });

  test("each image is published once, by its content, and the index offers that many bytes", async (t) => {
    const images = readdirSync(join(shared.dist, "_images")).sort();
    // The logo (shown twice by each of three guides, from two paths) and the two odd ones.
    assert.equal(images.length, 3, JSON.stringify(images));
    for (const name of images) assert.match(name, /^[0-9a-f]{32}\.png$/);
    const pngs = readdirSync(shared.dist, { recursive: true }).filter((f) => f.endsWith(".png") && !f.startsWith("icon-"));
    assert.deepEqual(pngs.sort(), images.map((name) => join("_images", name)), "an image published outside _images/");
    const { files, bytes } = perGuideFiles(shared.dist);
    assert.deepEqual(files.filter((f) => f.startsWith("_images/")).sort(), images.map((name) => `_images/${name}`));
    const app = await openApp({ browser: shared.browser, server: shared.server, at: "", prepare: watchTasks });
    try {
      assert.match(await app.page.locator(".keep-offline p").first().innerText(), new RegExp(`downloads about ${sizeText(bytes)}\\.`));
      const longest = await withinBudget(
        "the index of shared images: longest main-thread task",
        async (attempt) => {
          if (attempt > 1) await app.page.reload();
          await app.page.locator(INDEX_READY).waitFor();
          await app.quiet();
          return app.page.evaluate(() => window.__longest);
        },
        (longest) => assert.ok(longest <= 200, `${longest} ms`),
      );
      t.diagnostic(`longest main-thread task: ${longest === 0 ? "none of 50 ms or more (a long task)" : `${Math.round(longest)} ms`}`);
    } finally {
      await app.close();
    }
  });

  test("images named with # and ? load on the guide's page, and its main thread never stalls past 200 ms", async (t) => {
    const app = await openApp({ browser: shared.browser, server: shared.server, at: "odd/", prepare: watchTasks });
    const { page } = app;
    try {
      const images = page.locator("main img.guide-image");
      await eventually(async () => assert.equal(await images.count(), 2));
      assert.deepEqual(await images.evaluateAll((els) => els.map((e) => e.alt)), ["A red screenshot", "A blue screenshot"]);
      const sizes = [];
      for (const image of await images.all()) {
        await image.scrollIntoViewIfNeeded();
        await eventually(async () => assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth > 0), "an image did not load"));
        sizes.push(await image.evaluate((img) => [img.naturalWidth, img.naturalHeight]));
      }
      // The fixture's a#b.png is 24 × 16 and a?b.png 16 × 24: each its own file.
      assert.deepEqual(sizes, [[24, 16], [16, 24]]);
      const longest = await withinBudget(
        "a guide of oddly named images: longest main-thread task",
        async (attempt) => {
          if (attempt > 1) {
            await page.reload();
            await page.locator(APP_READY).waitFor();
          }
          await app.quiet();
          return page.evaluate(() => window.__longest);
        },
        (longest) => assert.ok(longest <= 200, `${longest} ms`),
      );
      t.diagnostic(`longest main-thread task: ${longest === 0 ? "none of 50 ms or more (a long task)" : `${Math.round(longest)} ms`}`);
    } finally {
      await app.close(); // fails on any failed request
    }
  });
});

