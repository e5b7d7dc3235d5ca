// A site configured by its file: tests/fixtures/site-config (one guide and a
// guide-playground.toml that sets every key), built by scripts/test into
// target/dist-site-config. Each key is looked for on the index and the guide's page as a
// reader sees them, and the accent in light and dark; at the end, a broken file fails a
// real build naming its key and what is wrong, each of them (they are built natively too:
// tests/testsuite/build.rs).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, openApp, serveDist, trunkBuild, ROOT } from "./harness.mjs";

const DIST = join(ROOT, "target", "dist-site-config");
const FIXTURE = join(ROOT, "tests", "fixtures", "site-config");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const RULES = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

/** The file's values, as tests/fixtures/site-config/guide-playground.toml writes them. */
const CONFIG = {
  title: "Acme sign-in guides",
  description: "How Acme's applications sign in with Authelia, filled in for your team.",
  baseUrl: "https://docs.acme.test/guides/",
  brand: "Acme Platform",
  brandLink: "https://acme.test/docs/",
  footer: [
    ["Acme privacy notice", "https://acme.test/privacy/"],
    ["Back to the guides", "./"],
  ],
  // As getComputedStyle says colours.
  accent: { light: "rgb(11, 83, 148)", dark: "rgb(159, 197, 232)" },
  domain: "acme.test",
  subdomain: "login",
};

/** The published logo: `_images/`, the first 32 hex digits of its SHA-256, its ending. */
const LOGO = `_images/${createHash("sha256").update(readFileSync(join(FIXTURE, "brand", "logo.png"))).digest("hex").slice(0, 32)}.png`;

describe("a site built with a configuration file", () => {
  const shared = {};
  before(async () => {
    // scripts/test builds it; a missing build is a failure, never a skip.
    assert.ok(existsSync(join(DIST, "index.html")), `${DIST} is not built (scripts/test builds it)`);
    shared.browser = await launchBrowser();
    shared.server = await serveDist({ root: DIST });
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  const open = (options) => openApp({ browser: shared.browser, server: shared.server, ...options });

  /** What the reader sees of the file's marks on the page: each read from the DOM. */
  async function marks(page) {
    return page.evaluate(() => {
      const brand = document.querySelector("nav.site-brand");
      const logo = brand?.querySelector("img");
      return {
        title: document.title,
        description: document.querySelector('meta[name="description"]')?.content,
        canonical: document.querySelector('link[rel="canonical"]')?.href,
        brand: brand?.innerText.trim(),
        brandLink: brand?.querySelector("a")?.href,
        logo: logo && { src: logo.getAttribute("src"), loaded: logo.complete && logo.naturalWidth > 0 },
        brandShown: brand ? brand.checkVisibility() : false,
        footer: [...document.querySelectorAll("footer.site-footer a")].map((a) => [a.innerText, a.getAttribute("href")]),
        footerShown: document.querySelector("footer.site-footer")?.checkVisibility() ?? false,
        accent: getComputedStyle(document.querySelector("footer.site-footer a")).color,
      };
    });
  }

  for (const colorScheme of ["light", "dark"]) {
    test(`the index shows every key of the file, its accent in ${colorScheme} colours, and passes axe`, async () => {
      const app = await open({ at: "", colorScheme });
      const { page } = app;
      try {
        const seen = await marks(page);
        assert.ok(seen.title.startsWith(CONFIG.title), seen.title);
        assert.equal(await page.locator("h1").innerText(), CONFIG.title);
        assert.equal(seen.description, CONFIG.description);
        assert.equal(seen.canonical, CONFIG.baseUrl);
        assert.equal(seen.brand, CONFIG.brand);
        assert.equal(seen.brandLink, CONFIG.brandLink);
        assert.deepEqual(seen.logo, { src: LOGO, loaded: true });
        assert.ok(seen.brandShown && seen.footerShown, "the brand and the footer are shown");
        assert.deepEqual(seen.footer, CONFIG.footer);
        assert.equal(seen.accent, CONFIG.accent[colorScheme]);
        // The index's values start at the file's defaults.
        assert.equal(await page.getByLabel("Domain", { exact: true }).inputValue(), CONFIG.domain);
        // Evaluated through the DevTools protocol, so the page's policy does not stop it.
        await page.evaluate(AXE);
        const result = await page.evaluate((rules) => globalThis.axe.run(document, rules), RULES);
        assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
      } finally {
        await app.close();
      }
    });
  }

  test("the guide's page shows the file's defaults in its code and fields, and its marks; embed mode drops them", async () => {
    const app = await open({ at: "portal/" });
    const { page } = app;
    try {
      const seen = await marks(page);
      assert.equal(seen.canonical, `${CONFIG.baseUrl}portal/`);
      assert.equal(seen.brand, CONFIG.brand);
      assert.deepEqual(seen.footer, CONFIG.footer);
      assert.equal(seen.accent, CONFIG.accent.light);
      const code = await page.locator('figure.code-block[data-title="portal.yml"] pre').innerText();
      assert.match(code, new RegExp(`issuer: 'https://${CONFIG.subdomain}\\.acme\\.test'`));
      assert.match(code, /team: 'platform'/);
      assert.equal(await page.getByLabel("Domain", { exact: true }).inputValue(), CONFIG.domain);
      assert.equal(await page.getByLabel("Authelia subdomain", { exact: true }).inputValue(), CONFIG.subdomain);
      // The prerendered page, before any script: the same text.
      const served = await (await page.request.get(`${shared.server.url}portal/`)).text();
      assert.ok(served.includes(`https://${CONFIG.subdomain}.acme.test`), "the prerendered code");
      assert.ok(!served.includes("example.com"), "Authelia's example domain is gone");
      // The reader's own value still replaces the default.
      await page.getByLabel("Domain", { exact: true }).fill("example.org");
      await page.locator('figure.code-block[data-title="portal.yml"] pre').filter({ hasText: "login.example.org" }).waitFor();
    } finally {
      await app.close();
    }
    const framed = await open({ at: "portal/", path: "?embed=1" });
    try {
      const seen = await marks(framed.page);
      assert.equal(seen.brandShown, false, "the brand in embed mode");
      assert.equal(seen.footerShown, false, "the footer in embed mode");
    } finally {
      await framed.close();
    }
  });
});

describe("a broken configuration file", () => {
  before(() => {
    // scripts/test puts Trunk on PATH; without it this is a failure, never a skip.
    execFileSync("trunk", ["--version"]);
  });

  // Each file of tests/fixtures/site-config-broken/ says on its `# expect:` line what the
  // build must say of it.
  const broken = join(ROOT, "tests", "fixtures", "site-config-broken");
  const cases = readdirSync(broken).sort();

  test("the broken files are all there", () => {
    assert.deepEqual(cases, ["bad-url", "low-contrast", "missing-logo", "too-large", "unknown-key", "unused-default", "wrong-type"]);
  });

  for (const name of cases) {
    test(`${name}: fails a real build before its WebAssembly, naming its key and what is wrong, and leaves no site`, () => {
      const file = join(broken, name, "guide-playground.toml");
      const expected = readFileSync(file, "utf8")
        .split("\n")
        .find((line) => line.startsWith("# expect: "))
        ?.slice("# expect: ".length);
      assert.ok(expected, `${file} has no # expect: line`);
      const out = mkdtempSync(join(tmpdir(), "gp-bad-config-"));
      const dist = join(out, "dist");
      try {
        const { status, said } = trunkBuild("tests/fixtures/site-config", dist, { GUIDE_PLAYGROUND_CONFIG: file });
        assert.notEqual(status, 0, said);
        assert.ok(said.includes(`prerender: ${file}: `) && said.includes(expected), `${expected}\n---\n${said}`);
        assert.match(said, /prerender: the site was not built: 1 problem\(s\)/);
        // Refused by the pre-build hook, before the WebAssembly was built.
        assert.match(said, /spawning hook stage=PreBuild/);
        assert.doesNotMatch(said, /stage=PostBuild/);
        const written = existsSync(dist) ? readdirSync(dist, { recursive: true }) : [];
        assert.deepEqual(written, [], "a site was left behind");
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
