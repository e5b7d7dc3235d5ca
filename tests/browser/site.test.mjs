// The guide site: a folder of guides (tests/fixtures/site, a Hugo section of three made-up
// guides) built into one static site, at the root and under the README's sub-path. Each
// check runs against both builds (scripts/test builds target/dist-site and
// target/dist-site-subpath); the build's own failures are tested at the end.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { APP_READY, INDEX_READY, reachForThePage, eventually, fitted, framed, launchBrowser, needs, openApp, perGuideFiles, serveDist, settled, sizeText, trunkBuild, ROOT } from "./harness.mjs";


const BUILDS = [
  { name: "at the site's root", dist: join(ROOT, "target", "dist-site"), base: "/" },
  { name: "under the sub-path", dist: join(ROOT, "target", "dist-site-subpath"), base: "/docs/playground/" },
];

/** The guides of the fixture, as the index lists them (by title). */
const TITLES = ["Notes", "Photos", "Wiki"];

const FIXTURE = join(ROOT, "tests", "fixtures", "site");

/** A front-matter field of a fixture file, as its YAML writes it (a double-quoted string). */
function frontMatter(file, field) {
  const text = readFileSync(join(FIXTURE, file), "utf8");
  const value = text.match(new RegExp(`^${field}: "([^"]*)"$`, "m"))?.[1];
  assert.ok(value, `${file} has no ${field}`);
  return value;
}

/** Where the build publishes an image of the fixture: `_images/`, the first 32 hex digits
 * of its SHA-256, its ending (src/build/plan.rs). */
function published(file) {
  const digest = createHash("sha256").update(readFileSync(join(FIXTURE, file))).digest("hex").slice(0, 32);
  return `_images/${digest}.png`;
}

for (const build of BUILDS) {
  describe(`the guide site ${build.name}`, () => {
    const shared = {};
    before(async () => {
      // scripts/test builds both; a missing one is a failure, never a skip.
      assert.ok(existsSync(join(build.dist, "index.html")), `${build.dist} is not built (scripts/test builds it)`);
      shared.browser = await launchBrowser();
      shared.server = await serveDist({ root: build.dist, base: build.base });
    });
    after(async () => {
      await shared.browser?.close();
      await shared.server?.close();
    });
    const open = (options) => openApp({ browser: shared.browser, server: shared.server, ...options });
    /** A page in a fresh context of the shared browser, without the harness's checks. */
    const bare = async (options = {}) => {
      const context = await shared.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      await context.addInitScript(reachForThePage);
      return { context, page: await context.newPage() };
    };
    const visibleTitles = (page) =>
      page.locator("#gp-guides > li").evaluateAll((items) =>
        items.filter((li) => li.checkVisibility()).map((li) => li.querySelector("a").textContent),
      );

    test("the index lists every guide, and the filter narrows the list as the reader types", async () => {
      const app = await open({ at: "" });
      const { page } = app;
      try {
        assert.equal(await page.locator("h1").innerText(), "Fixture clients");
        assert.deepEqual(await visibleTitles(page), TITLES);
        const filter = page.getByLabel("Filter the guides");
        await filter.focus();
        // Any case: the page folds it as the browser does.
        await page.keyboard.type("WiKi");
        // Notes' description names the wiki too.
        await eventually(async () => assert.deepEqual(await visibleTitles(page), ["Notes", "Wiki"]));
        assert.equal(await page.locator("#gp-filter-count").innerText(), "2 of 3 guides");
        // From the keyboard: the next Tab reaches the first guide left in the list.
        await page.keyboard.press("Backspace");
        await page.keyboard.press("Backspace");
        await page.keyboard.press("Backspace");
        await page.keyboard.press("Backspace");
        await page.keyboard.type("photo");
        await eventually(async () => assert.deepEqual(await visibleTitles(page), ["Photos"]));
        // The README: "Tab then reaches the first guide left": one Tab, not several.
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
        assert.equal(focused, "Photos", "one Tab from the filter did not reach the guide left in the list");
        await page.keyboard.press("Enter");
        await page.locator(APP_READY).waitFor();
        assert.equal(await page.locator("h1").innerText(), "Photos with Authelia");
      } finally {
        await app.close();
      }
    });

    test("the index shows the section's title and description, and each guide with its own description", async () => {
      const app = await open({ at: "" });
      const { page } = app;
      try {
        assert.equal(await page.locator("main#gp-index h1").innerText(), frontMatter("_index.md", "title"));
        assert.equal(await page.locator("main#gp-index .guide-head p.source").innerText(), frontMatter("_index.md", "description"));
        const entries = await page.locator("#gp-guides > li").evaluateAll((items) =>
          items.map((li) => [li.querySelector("a").textContent, li.querySelector("p")?.textContent ?? null]),
        );
        assert.deepEqual(entries, [
          ["Notes", frontMatter("notes/index.md", "description")],
          ["Photos", frontMatter("photos/index.md", "description")],
          ["Wiki", frontMatter("wiki/index.md", "description")],
        ]);
      } finally {
        await app.close();
      }
    });

    test("the brand leads back to the index from a guide's page", async () => {
      const app = await open({ at: "wiki/" });
      const { page } = app;
      try {
        await app.quiet(); // leaving must not abort the workers' loading
        await page.locator("header .brand").getByRole("link", { name: "Guide Playground" }).click();
        await page.locator(INDEX_READY).waitFor();
        assert.equal(new URL(page.url()).pathname, build.base);
        assert.equal(await page.locator("main#gp-index h1").innerText(), frontMatter("_index.md", "title"));
      } finally {
        await app.close();
      }
    });

    test("a guide page shows its images from the site, with no failed request", async () => {
      const app = await open({ at: "photos/" });
      const { page } = app;
      try {
        const images = page.locator("main img.guide-image");
        await eventually(async () => assert.equal(await images.count(), 2));
        for (const image of await images.all()) {
          await image.scrollIntoViewIfNeeded();
          await eventually(async () => assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth > 0), "an image did not load"));
          const src = await image.evaluate((img) => new URL(img.src).pathname);
          assert.ok(src.startsWith(`${build.base}_images/`), src);
        }
        assert.deepEqual(await images.evaluateAll((els) => els.map((e) => e.alt)), [
          "The photo library's login page",
          "The photo library's OpenID settings",
        ]);
      } finally {
        await app.close(); // fails on any failed request
      }
    });

    test("a link to another guide opens that guide's page; every guide links back to the index", async () => {
      const app = await open({ at: "notes/" });
      const { page } = app;
      // Each page loads its hashing worker; leaving before it has loaded would abort it
      // (app.quiet() waits for that).
      try {
        await app.quiet();
        await page.getByRole("link", { name: "Wiki" }).click();
        await page.locator(APP_READY).waitFor();
        assert.equal(new URL(page.url()).pathname, `${build.base}wiki/`);
        assert.equal(await page.locator("h1").innerText(), "Wiki with Authelia");
        await app.quiet();
        await page.goBack();
        await page.locator(APP_READY).waitFor();
        await app.quiet();
        await page.getByRole("link", { name: "old address" }).click();
        await page.locator(APP_READY).waitFor();
        assert.equal(new URL(page.url()).pathname, `${build.base}wiki/`);
        await app.quiet();
        await page.getByRole("link", { name: "All guides" }).click();
        await page.locator(INDEX_READY).waitFor();
        assert.equal(new URL(page.url()).pathname, build.base);
      } finally {
        await app.close();
      }
    });

    test("an alias redirects to its guide, also with scripting off", async () => {
      for (const javaScriptEnabled of [true, false]) {
        const { context, page } = await bare({ javaScriptEnabled });
        try {
          await page.goto(`${shared.server.url}integration/openid-connect/wiki/`);
          await page.waitForURL(`${shared.server.url}wiki/`, { timeout: 10000 });
          assert.equal(await page.locator("h1").innerText(), "Wiki with Authelia");
        } finally {
          await context.close();
        }
      }
    });

    test("a domain typed on one page is in the next page's code, and open tabs follow", async () => {
      const app = await open({ at: "" });
      const { page } = app;
      try {
        await page.getByLabel("Domain", { exact: true }).fill("example.org");
        const other = await app.openPage("", "photos/");
        const config = other.locator('figure.code-block[data-title="configuration.yml"] pre');
        await eventually(async () => assert.match(await config.innerText(), /https:\/\/photos\.example\.org\/oauth\/callback/));
        // Typed on the guide's page, the value reaches the index open in the first tab.
        await other.getByLabel("Domain", { exact: true }).fill("example.net");
        await eventually(async () => assert.equal(await page.getByLabel("Domain", { exact: true }).inputValue(), "example.net"));
        // The client secret stays per page: never stored.
        await other.getByRole("button", { name: "Generate" }).click();
        const secret = await other.locator("#gp-client-secret").inputValue();
        const stored = await other.evaluate(() => JSON.stringify({ ...localStorage }));
        assert.ok(!stored.includes(secret), "the secret was stored");
      } finally {
        await app.close();
      }
    });

    test("a guide page and the index both read with scripting off", async () => {
      const { context, page } = await bare({ javaScriptEnabled: false });
      try {
        await page.goto(shared.server.url);
        assert.equal(await page.title(), "Fixture clients | Guide Playground");
        const links = await page.locator("#gp-guides a").evaluateAll((as) => as.map((a) => [a.textContent, new URL(a.href).pathname]));
        assert.deepEqual(links, [
          ["Notes", `${build.base}notes/`],
          ["Photos", `${build.base}photos/`],
          ["Wiki", `${build.base}wiki/`],
        ]);
        assert.ok(!(await page.getByLabel("Filter the guides").isVisible()), "the filter shows without scripting");
        await page.goto(`${shared.server.url}photos/`);
        assert.equal(await page.locator("h1").innerText(), "Photos with Authelia");
        assert.match(await page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText(), /photos\.example\.com\/oauth\/callback/);
        assert.equal(await page.locator("main img.guide-image").count(), 2);
      } finally {
        await context.close();
      }
    });

    test("<slug>/?embed=1 embeds that guide and sizes its frame", async () => {
      const dir = mkdtempSync(join(tmpdir(), "gp-site-parent-"));
      writeFileSync(join(dir, "favicon.ico"), "");
      writeFileSync(
        join(dir, "index.html"),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body>
<iframe id="guide-playground" src="${shared.server.url}photos/?embed=1&amp;domain=example.org" title="Photos" style="width: 100%; height: 300px; border: 0" allow="clipboard-write" sandbox="allow-scripts allow-same-origin allow-downloads"></iframe>
<script>
addEventListener("message", (event) => {
  const frame = document.getElementById("guide-playground");
  if (event.source !== frame.contentWindow) return;
  if (event.data && event.data.type === "guide-playground:height" && Number.isFinite(event.data.height)) frame.style.height = Math.ceil(event.data.height) + "px";
});
</script></body></html>`,
      );
      const parent = await framed(shared.browser, shared.server, dir, "#guide-playground");
      try {
        assert.equal(await parent.frame().locator("h1").count(), 1);
        assert.match(await parent.frame().locator('figure.code-block[data-title="configuration.yml"] pre').innerText(), /photos\.example\.org/);
        await fitted(parent.page, parent.frameElement, parent.frame);
        assert.ok((await parent.frameElement.boundingBox()).height > 600, "the frame did not grow to its guide");
        assert.deepEqual(parent.problems, []);
      } finally {
        await parent.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("after visiting two guides, both open offline, and the index offers to keep them all", async () => {
      const app = await open({ at: "", serviceWorkers: "allow", allowProblems: true });
      const { page, context } = app;
      try {
        // The size it says is the sum of the files "Keep every guide offline" fetches (the
        // service worker's list of guide pages and images), as size_text words it.
        const { files, bytes } = perGuideFiles(build.dist);
        const login = published("photos/login.png");
        assert.ok(files.includes(login) && files.includes("notes/index.html"), JSON.stringify(files));
        assert.equal(
          await page.locator(".keep-offline p").first().innerText(),
          `Guides you open are kept for offline reading. To keep every guide now, with its images, this browser downloads about ${sizeText(bytes)}.`,
          `the per-guide files sum to ${bytes} bytes`,
        );
        await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null)), { timeout: 30000 });
        for (const slug of ["photos/", "wiki/"]) {
          await page.goto(shared.server.url + slug);
          await page.locator(APP_READY).waitFor();
          await app.quiet();
        }
        const cached = () => page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
        await eventually(async () => {
          const paths = await cached();
          for (const slug of ["photos/index.html", "wiki/index.html", login]) assert.ok(paths.includes(build.base + slug), `${slug} is not kept: ${paths}`);
          assert.ok(!paths.includes(`${build.base}notes/index.html`), "a guide never opened was kept");
        }, { timeout: 15000 });
        await context.setOffline(true);
        for (const [slug, title] of [["photos/", "Photos with Authelia"], ["wiki/", "Wiki with Authelia"]]) {
          await page.goto(shared.server.url + slug);
          await page.locator(APP_READY).waitFor({ timeout: 15000 });
          assert.equal(await page.locator("h1").innerText(), title);
          await app.quiet();
        }
        await context.setOffline(false);
        // "Keep every guide offline" keeps the one guide never opened, too.
        await page.goto(shared.server.url);
        await page.locator(INDEX_READY).waitFor();
        await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null)), { timeout: 30000 });
        await page.getByRole("button", { name: "Keep every guide offline" }).click();
        await page.locator(".keep-offline [role=status]").filter({ hasText: /^Every guide is kept offline/ }).waitFor({ timeout: 15000 });
        assert.ok((await cached()).includes(`${build.base}notes/index.html`));
        const unexpected = app.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p));
        assert.deepEqual(unexpected, []);
      } finally {
        await context.setOffline(false);
        await app.close();
      }
    });

    test("an address that is no page gets status 404 and the site's 404 page, which lists every guide and leads to them", async () => {
      // The harness's server answers as static hosts do: an unknown address under the
      // site gets status 404 with the site's 404.html.
      const unknown = `${shared.server.url}no-such-guide/`;
      const response = await fetch(unknown);
      assert.equal(response.status, 404);
      assert.equal(await response.text(), readFileSync(join(build.dist, "404.html"), "utf8"));

      const app = await open({ at: "no-such-guide/", waitForMount: false, allowProblems: true });
      const { page } = app;
      try {
        await page.locator(INDEX_READY).waitFor({ timeout: 15000 });
        assert.equal(new URL(page.url()).pathname, `${build.base}no-such-guide/`);
        assert.equal(
          await page.locator("main#gp-index p.notice[role=alert]").innerText(),
          "There is no page at this address. Every guide of the site is listed below.",
        );
        assert.deepEqual(await visibleTitles(page), TITLES);
        // Its links lead to the guides from this address too (they are relative to the
        // site's root, not to the unknown address).
        const links = await page.locator("#gp-guides a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
        assert.deepEqual(links, [`${build.base}notes/`, `${build.base}photos/`, `${build.base}wiki/`]);
        await app.quiet(); // leaving must not abort the workers' loading
        await page.getByRole("link", { name: "Wiki", exact: true }).click();
        await page.locator(APP_READY).waitFor();
        assert.equal(new URL(page.url()).pathname, `${build.base}wiki/`);
        assert.equal(await page.locator("h1").innerText(), "Wiki with Authelia");
        await app.quiet();
        await page.goto(unknown);
        await page.locator(INDEX_READY).waitFor();
        await page.getByRole("link", { name: "All guides" }).click();
        await page.locator(INDEX_READY).waitFor();
        assert.equal(new URL(page.url()).pathname, build.base);
        assert.equal(await page.locator("main#gp-index p.notice").count(), 0, "the index says there is no page");
        // The unknown address's own 404 (and the browser's console line for it), once per
        // visit, and nothing else.
        const visit = [`HTTP 404: ${unknown}`, "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"];
        assert.deepEqual([...app.problems].sort(), [...visit, ...visit].sort());
      } finally {
        await app.close();
      }
    });

    test("sitemap.xml lists the index and every guide, and each page's canonical link is its address", async () => {
      const sitemap = await (await fetch(`${shared.server.url}sitemap.xml`)).text();
      const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
      assert.deepEqual(locs, [build.base, `${build.base}notes/`, `${build.base}photos/`, `${build.base}wiki/`], sitemap);
      for (const slug of ["notes/", "photos/", "wiki/"]) {
        const page = await (await fetch(`${shared.server.url}${slug}`)).text();
        assert.ok(page.includes(`<link rel="canonical" href="${build.base}${slug}">`), slug);
      }
    });
  });
}

describe("a folder that cannot be built", () => {
  /** Runs the README's build of `folder` into a fresh directory, with `env` added;
   * returns what it said. */
  function build(folder, env = {}) {
    const out = mkdtempSync(join(tmpdir(), "gp-bad-site-"));
    const dist = join(out, "dist");
    const { status, said } = trunkBuild(folder, dist, env);
    // Everything left in the output, Trunk's staging folder (dist/.stage) included: a
    // failed build leaves nothing.
    const written = existsSync(dist) ? readdirSync(dist, { recursive: true }) : [];
    rmSync(out, { recursive: true, force: true });
    return { status, said, written };
  }

  before(() => {
    // scripts/test puts Trunk on PATH; without it this is a failure, never a skip.
    execFileSync("trunk", ["--version"]);
  });

  /** The line (from 1) of `file` in tests/fixtures/site-broken that holds `text`, once. */
  function lineOf(file, text) {
    const lines = readFileSync(join(ROOT, "tests", "fixtures", "site-broken", file), "utf8").split("\n");
    const found = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
    assert.equal(found.length, 1, `${file} should hold ${JSON.stringify(text)} on one line`);
    return found[0];
  }

  test("every broken guide is named with the line of its mistake, no stack trace even with RUST_BACKTRACE=1, and no site is left", () => {
    // A developer's environment often asks Rust programs for backtraces; Trunk then
    // followed the guides' messages with a backtrace of its own stack (scripts/lib/bin/trunk
    // says why it no longer does).
    const { status, said, written } = build("tests/fixtures/site-broken", { RUST_BACKTRACE: "1" });
    assert.notEqual(status, 0, said);
    assert.doesNotMatch(said, /[Bb]acktrace|^\s+\d+: /m, "a stack trace");
    // The unclosed flow sequence of each guide's front matter.
    const errors = said.split("\n").filter((line) => /^prerender: .*\.md/.test(line));
    for (const [file, mistake] of [["first-broken.md", "weight: [1"], ["second-broken.md", "title: ["]]) {
      const named = errors.filter((line) => line.startsWith(`prerender: ${file}:`));
      assert.equal(named.length, 1, `${file} is not named once:\n${said}`);
      assert.ok(named[0].startsWith(`prerender: ${file}:${lineOf(file, mistake)}: `), `${file}: not the line of ${JSON.stringify(mistake)}: ${named[0]}`);
    }
    assert.ok(!said.includes("fine.md"), `the guide that builds was named:\n${said}`);
    assert.match(said, /prerender: the site was not built: 2 problem\(s\)/);
    assert.deepEqual(written, [], "a site was left behind");
  });

  test("a folder past the site's bounds fails, naming MAX_SITE_GUIDES, MAX_IMAGE_BYTES and MAX_SITE_DEPTH with what it found", () => {
    // MAX_SITE_GUIDES (2 000) + 1 guides, an image one byte over MAX_IMAGE_BYTES
    // (20 000 000, a sparse file) and a file below MAX_SITE_DEPTH (5) folders: the plan
    // says all three at once (src/site.rs).
    const folder = mkdtempSync(join(tmpdir(), "gp-too-many-"));
    try {
      for (let i = 0; i <= 2_000; i++) writeFileSync(join(folder, `guide-${i}.md`), `# Guide ${i}\n`);
      writeFileSync(join(folder, "huge.png"), "");
      truncateSync(join(folder, "huge.png"), 20_000_001);
      mkdirSync(join(folder, "a", "b", "c", "d", "e"), { recursive: true });
      writeFileSync(join(folder, "a", "b", "c", "d", "e", "deep.md"), "# Deep\n");
      const { status, said, written } = build(folder);
      assert.notEqual(status, 0, said);
      assert.ok(said.includes("prerender: a/b/c/d/e/deep.md: deeper than 5 folders below the folder of guides (MAX_SITE_DEPTH)"), said);
      assert.ok(said.includes("prerender: the folder holds 2001 guides; a site may have at most 2000 (MAX_SITE_GUIDES)"), said);
      assert.ok(said.includes("prerender: huge.png: 20000001 bytes; an image may be at most 20000000 bytes (MAX_IMAGE_BYTES)"), said);
      assert.deepEqual(written, [], "a site was left behind");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a guide that shows more images than MAX_IMAGES fails the build, naming it and the count", () => {
    const folder = mkdtempSync(join(tmpdir(), "gp-many-images-"));
    try {
      // 101 images, one past MAX_IMAGES (100), each a real file the guide shows.
      mkdirSync(join(folder, "gallery"));
      const png = join(FIXTURE, "photos", "login.png");
      let body = "---\ntitle: \"Gallery\"\n---\n\n";
      for (let i = 0; i <= 100; i++) {
        copyFileSync(png, join(folder, "gallery", `shot-${i}.png`));
        body += `![Shot ${i}](shot-${i}.png)\n\n`;
      }
      writeFileSync(join(folder, "gallery", "index.md"), body);
      const { status, said, written } = build(folder);
      assert.notEqual(status, 0, said);
      assert.ok(said.includes("prerender: gallery/index.md: shows 101 images; a guide may show at most 100 (MAX_IMAGES)"), said);
      assert.deepEqual(written, [], "a site was left behind");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("two guides with one slug fail the build, naming both files", () => {
    const { status, said, written } = build("tests/fixtures/site-duplicate");
    assert.notEqual(status, 0, said);
    assert.match(said, /Wiki\/index\.md and wiki\.md would both be published at wiki\//);
    assert.deepEqual(written, [], "a site was left behind");
  });
});

/** A build of the site fixture made with SITE_URL (README: "Set SITE_URL=… to give the
 * sitemap and canonical links full addresses"): DIST_SITE_URL names its directory
 * (target/dist-site-url by default), and GP_SITE_URL the address it was built with
 * (https://docs.example.org/playground/ by default). */
const SITE_URL_BUILD = resolve(process.env.DIST_SITE_URL ?? join(ROOT, "target", "dist-site-url"));
const SITE_URL = process.env.GP_SITE_URL ?? "https://docs.example.org/playground/";

test("built with SITE_URL, every page's canonical link and the sitemap hold full addresses", (t) => {
  if (!needs(t, existsSync(join(SITE_URL_BUILD, "index.html")), `${SITE_URL_BUILD} is not built (SITE_URL=${SITE_URL} GUIDES=tests/fixtures/site trunk build --release --dist ${SITE_URL_BUILD})`)) return;
  const canonical = (file) => {
    const found = [...readFileSync(join(SITE_URL_BUILD, file), "utf8").matchAll(/<link rel="canonical" href="([^"]*)">/g)].map((m) => m[1]);
    assert.equal(found.length, 1, `${file}: ${found.length} canonical links`);
    return found[0];
  };
  assert.equal(canonical("index.html"), SITE_URL);
  for (const slug of ["notes", "photos", "wiki"]) assert.equal(canonical(`${slug}/index.html`), `${SITE_URL}${slug}/`);
  const sitemap = readFileSync(join(SITE_URL_BUILD, "sitemap.xml"), "utf8");
  const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  assert.deepEqual(locs, [SITE_URL, `${SITE_URL}notes/`, `${SITE_URL}photos/`, `${SITE_URL}wiki/`], sitemap);
  // The site itself still lives where it is served: its own files and links are relative.
  assert.ok(!readFileSync(join(SITE_URL_BUILD, "photos", "index.html"), "utf8").includes(`src="${SITE_URL}`), "a page loads its files from SITE_URL");
});
