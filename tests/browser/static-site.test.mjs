// The static site: the guide is in the built index.html, readable without scripting,
// taken over by the app without a visible change, and its in-page links stay on the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { APP_READY, DIST, FOLLOWS_TYPING, reachForThePage, GUIDE_PAGE, eventually, launchBrowser, needs, ROOT, secretField, serveDist, settled, styleElements, useSharedBrowser, withinBudget } from "./harness.mjs";

const open = useSharedBrowser();
const { shared } = open;

/** The Matomo settings the guide lists, as a reader reads them. */
const SETTINGS = [
  "Authorize URL: https://auth.example.com/api/oidc/authorization",
  "Token URL: https://auth.example.com/api/oidc/token",
  "Userinfo URL: https://auth.example.com/api/oidc/userinfo",
  "Client ID: matomo",
  "Client Secret: insecure_secret",
];

/** The innermost list items' texts. */
const items = (page) =>
  page.evaluate(() => [...document.querySelectorAll("main li")].filter((li) => !li.querySelector("li")).map((li) => li.textContent.trim()));

/** A page in a fresh context of the shared browser, without the harness's checks; the
 * reader reaches for the page at once unless `reach` is false (`reachForThePage`). */
async function bare(options = {}, { reach = true } = {}) {
  const context = await shared.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  if (reach) await context.addInitScript(reachForThePage);
  const page = await context.newPage();
  return { context, page };
}

test("without JavaScript the whole guide reads at its defaults, and one sentence stands for the panel", async () => {
  const { context, page } = await bare({ javaScriptEnabled: false });
  try {
    await page.goto(shared.server.url + GUIDE_PAGE);
    assert.equal(await page.title(), "Matomo | OpenID Connect 1.0 | Integration | Guide Playground");
    assert.equal(await page.locator("h1").innerText(), "Matomo with Authelia");
    const settings = await items(page);
    for (const setting of SETTINGS) assert.ok(settings.includes(setting), `missing "${setting}" in ${JSON.stringify(settings)}`);
    const config = await page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText();
    assert.match(config, /client_id: 'matomo'/);
    assert.match(config, /client_secret: '\$pbkdf2-sha512\$310000\$c8p78n7pUMln0jzvd4aK4Q\$/);
    assert.match(config, /- 'https:\/\/matomo\.example\.com\/index\.php\?module=LoginOIDC&action=callback&provider=oidc'/);
    // Where the panel stands, one sentence says what scripting adds.
    const note = page.locator(".no-script-note");
    assert.ok(await note.isVisible(), "the sentence is not shown");
    assert.match(await note.innerText(), /^With JavaScript on, this page fills the guide/);
    // No dead control is shown.
    const controls = await page.locator("button, input, select, textarea, summary").evaluateAll((els) =>
      els.filter((el) => el.checkVisibility()).map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(controls, [], "controls that cannot work without scripting are shown");
    assert.ok(await page.getByRole("link", { name: "Web GUI" }).isVisible());
  } finally {
    await context.close();
  }
});

/**
 * What a reader gets of the guide: its text (every text node outside <noscript>, which
 * a scripting browser never shows; below the first screen the prerendered page lets
 * the browser skip painting, so innerText would be partial there), its elements in
 * order, and the inputs' values.
 */
const snapshot = (page) =>
  page.evaluate(() => {
    const main = document.querySelector("main#gp-guide");
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest("noscript")) text += node.data;
    }
    const shape = [...main.querySelectorAll("*")]
      .filter((el) => !el.closest("noscript"))
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].sort().join(".")}`);
    const inputs = [...document.querySelectorAll("input, select, textarea")].map((el) => `${el.id}=${el.value}`);
    return { text: text.replace(/\s+/g, " ").trim(), shape, inputs };
  });

/** Layout shifts the page has recorded, with and without recent input. */
const layoutShifts = (page) =>
  page.evaluate(
    () =>
      new Promise((done) => {
        const shifts = [];
        new PerformanceObserver((list) => shifts.push(...list.getEntries().map((e) => e.value))).observe({
          type: "layout-shift",
          buffered: true,
        });
        requestAnimationFrame(() => requestAnimationFrame(() => done(shifts)));
      }),
  );

test("the takeover keeps the prerendered guide's text and structure, without a visible jump", async () => {
  // The prerendered page, scripting on, before any WebAssembly: the app's code is held back.
  const held = await bare();
  try {
    await held.context.route("**/*.wasm", (route) => route.abort());
    await held.page.goto(shared.server.url + GUIDE_PAGE);
    const prerendered = await snapshot(held.page);
    assert.ok(prerendered.text.includes(SETTINGS[0]), "the prerendered page lacks the guide");

    await withinBudget(
      "the takeover's cumulative layout shift",
      async () => {
        const app = await open();
        try {
          const taken = await snapshot(app.page);
          assert.equal(taken.text, prerendered.text, "the guide's text changed at the takeover");
          assert.deepEqual(taken.shape, prerendered.shape, "the guide's structure changed at the takeover");
          assert.deepEqual(taken.inputs, prerendered.inputs, "the fields changed at the takeover");
          const shifts = await layoutShifts(app.page);
          return { total: shifts.reduce((a, b) => a + b, 0), shifts };
        } finally {
          await app.close();
        }
      },
      ({ total, shifts }) => assert.ok(total < 0.02, `cumulative layout shift ${total} (${JSON.stringify(shifts)})`),
    );
  } finally {
    await held.context.close();
  }
});

test("text typed before the takeover is kept, and stored values and the link's apply after it", async () => {
  const app = await open({ path: "?subdomain-authelia=login", waitForMount: false });
  const { page, context } = app;
  try {
    await page.evaluate(() => localStorage.setItem("site-variable-client-id", "stored-id"));
    await app.quiet(); // a reload must not abort the first load's requests
    // Hold the app's code until the reader has typed into the prerendered field.
    let release;
    const typed = new Promise((ok) => (release = ok));
    await context.route(/guide-playground-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await typed;
      await route.continue();
    });
    await page.reload();
    await page.locator("#gp-var-domain").fill("typed-early.org");
    assert.equal(await page.locator("#gp-app[data-app-mounted]").count(), 0, "the app took over before the reader typed");
    release();
    await page.locator(APP_READY).waitFor();
    await eventually(async () => {
      assert.equal(await page.locator("#gp-var-domain").inputValue(), "typed-early.org");
      const settings = await items(page);
      assert.ok(settings.includes("Authorize URL: https://login.typed-early.org/api/oidc/authorization"), JSON.stringify(settings));
      assert.ok(settings.includes("Client ID: stored-id"), JSON.stringify(settings));
    });
    // What the reader typed is remembered like any edit; the link's value is not.
    assert.equal(await page.evaluate(() => localStorage.getItem("site-variable-domain")), "typed-early.org");
    assert.equal(await page.evaluate(() => localStorage.getItem("site-variable-subdomain-authelia")), null);
  } finally {
    await app.close();
  }
});

/** The app's own files (src/early/load.rs's APP_SCRIPT and its WebAssembly). */
const APP_FILE = /\/app(\.js|_bg\.wasm)$/;

/** The Matomo guide's page with its first module running and the app's WebAssembly held
 * back until `release()`; the reader has not reached for the page yet. */
async function openWithTheAppHeld() {
  let release;
  const held = new Promise((ok) => (release = ok));
  const hold = async (context) =>
    context.route(/\/app_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
  const app = await open({ reach: false, waitForMount: false, prepare: hold });
  await app.page.locator(FOLLOWS_TYPING).waitFor();
  return { app, page: app.page, release };
}

test("until the reader reaches for the page it downloads only its first module; a focus brings the app, its script and WebAssembly asked for at once", async () => {
  const asked = [];
  let wasmAsked;
  const wasmSeen = new Promise((ok) => (wasmAsked = ok));
  let wasmAskedWhileScriptHeld;
  const record = async (context) => {
    context.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      asked.push(path);
      if (path === "/app_bg.wasm") wasmAsked();
    });
    // The app's script is held until its WebAssembly is asked for (ten seconds at most):
    // the first module asks for both at once, not for one once the other has run.
    await context.route("**/app.js", async (route) => {
      wasmAskedWhileScriptHeld = await Promise.race([wasmSeen.then(() => true), new Promise((ok) => setTimeout(() => ok(false), 10_000))]);
      await route.continue();
    });
  };
  const app = await open({ reach: false, waitForMount: false, prepare: record });
  const { page } = app;
  try {
    await page.locator(FOLLOWS_TYPING).waitFor();
    await page.waitForLoadState("networkidle");
    assert.deepEqual(asked.filter((path) => APP_FILE.test(path)), [], "the app was asked for before the reader reached for the page");
    assert.equal(await page.locator("#gp-app[data-app-mounted]").count(), 0);
    await page.locator("#gp-var-domain").focus();
    await page.locator(APP_READY).waitFor();
    assert.deepEqual(asked.filter((path) => APP_FILE.test(path)).sort(), ["/app.js", "/app_bg.wasm"]);
    assert.equal(wasmAskedWhileScriptHeld, true, "the app's WebAssembly was asked for only after its script had arrived");
  } finally {
    await app.close();
  }
});

test("a reader who focused a field before the first module listened gets the app without pressing again", async () => {
  // The first module's WebAssembly held: the page is painted, and nothing listens yet.
  let release;
  const held = new Promise((ok) => (release = ok));
  const hold = async (context) =>
    context.route(/guide-playground-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
  const app = await open({ reach: false, waitForMount: false, prepare: hold });
  const { page } = app;
  try {
    await page.locator("#gp-var-domain").focus();
    assert.equal(await page.locator(FOLLOWS_TYPING).count(), 0, "the first module ran before the reader reached");
    release();
    // No other event: the focus it finds is the reader's reach.
    await page.locator(APP_READY).waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "gp-var-domain", "the takeover lost the reader's focus");
    await app.quiet();
  } finally {
    release();
    await app.close();
  }
});

test("before the app is there the guide follows the typing by the app's rules, and the app takes over showing the same", async () => {
  const { app, page, release } = await openWithTheAppHeld();
  const domains = () => page.locator('span.var[data-var="domain"]').evaluateAll((spans) => [...new Set(spans.map((s) => `${s.textContent} ${s.classList.contains("mine")}`))]);
  try {
    await page.locator("#gp-var-domain").fill("early.example.org");
    assert.equal(await page.locator("#gp-app[data-app-mounted]").count(), 0, "the app took over while its code was held");
    assert.deepEqual(await domains(), ["early.example.org true"]);
    assert.equal(await page.locator("output.authelia-url").innerText(), "https://auth.early.example.org/");
    assert.ok((await items(page)).includes("Authorize URL: https://auth.early.example.org/api/oidc/authorization"));
    // A refused text: the guide keeps the last valid value, the field says why.
    await page.locator("#gp-var-domain").fill("no spaces.example");
    assert.deepEqual(await domains(), ["early.example.org true"]);
    const early = await page.locator("#gp-var-domain-error").innerText();
    assert.notEqual(early, "");
    assert.equal(await page.locator("#gp-var-domain").getAttribute("aria-invalid"), "true");
    release();
    await page.locator(APP_READY).waitFor();
    await eventually(async () => assert.equal(await page.locator("#gp-var-domain-error").innerText(), early));
    assert.deepEqual(await domains(), ["early.example.org true"]);
    // Back to a valid text, now through the app's own binding.
    await page.locator("#gp-var-domain").fill("later.example.org");
    await eventually(async () => assert.deepEqual(await domains(), ["later.example.org true"]));
    assert.equal(await page.locator("#gp-var-domain-error").innerText(), "");
  } finally {
    release();
    await app.close();
  }
});

test("Generate, the colour toggle and Reset pressed before the app is there are each pressed again once it has taken over, after what was typed before them", async () => {
  for (const [button, pressedAgain] of [
    ["#gp-generate-secret", async (page) => assert.match(await secretField(page).inputValue(), /^[A-Za-z0-9._~-]{72}$/)],
    ["#gp-theme-toggle", async (page) => assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark")],
    ["#gp-reset", async (page) => assert.equal(await page.locator("#gp-var-domain").inputValue(), "example.com")],
  ]) {
    const { app, page, release } = await openWithTheAppHeld();
    try {
      // Typed first, so that Reset has something to undo once the app has it.
      await page.locator("#gp-var-domain").fill("early.example.org");
      assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), null);
      await page.locator(button).click();
      assert.equal(await page.locator("#gp-app[data-app-mounted]").count(), 0, "the app took over while its code was held");
      release();
      await page.locator(APP_READY).waitFor();
      await eventually(() => pressedAgain(page));
      await app.quiet();
    } finally {
      release();
      await app.close();
    }
  }
});

test("the link's values, and values stored in this browser, bring the app at once, with no reader's press", async () => {
  const app = await open({ reach: false, path: "?domain=linked.example.org" });
  const { page } = app;
  try {
    assert.ok((await items(page)).includes("Authorize URL: https://auth.linked.example.org/api/oidc/authorization"));
    await app.quiet();
    await page.evaluate(() => localStorage.setItem("site-variable-client-id", "stored-id"));
    await page.goto(app.server.url + GUIDE_PAGE);
    await page.locator(APP_READY).waitFor();
    await eventually(async () => assert.ok((await items(page)).includes("Client ID: stored-id")));
    await app.quiet();
  } finally {
    await app.close();
  }
});

test("in embed mode a fragment link scrolls to its heading without reloading or losing the query", async () => {
  const query = "?embed=1&domain=example.org";
  const app = await open({ path: query });
  const { page } = app;
  try {
    await page.evaluate(() => (window.__stillThisPage = true));
    const target = page.locator("#web-gui");
    const before = await target.boundingBox();
    assert.ok(before.y > 900, `the heading is already in view (y=${before.y})`);
    await page.getByRole("link", { name: "Web GUI" }).click();
    await eventually(async () => {
      const box = await target.boundingBox();
      // Scrolled to, its top lands within a pixel of the view's (a layout in fractions
      // of a pixel leaves it at -0.09 here).
      assert.ok(box.y > -1 && box.y < 900, `the heading is not in view (y=${box.y})`);
    });
    assert.equal(await page.evaluate(() => window.__stillThisPage), true, "the page reloaded");
    const url = new URL(page.url());
    assert.equal(url.search, query, "the query was lost");
    assert.equal(url.hash, "#web-gui");
    assert.ok(
      (await items(page)).includes("Authorize URL: https://auth.example.org/api/oidc/authorization"),
      "the linked values were lost",
    );
  } finally {
    await app.close();
  }
});

test("the page has its own icon and no request of a full session fails", async () => {
  const app = await open();
  const { page } = app;
  try {
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    assert.equal(icon, "favicon.svg");
    const response = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return { status: r.status, type: r.headers.get("content-type") };
    }, icon);
    assert.deepEqual(response, { status: 200, type: "image/svg+xml" });
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status").filter({ hasText: "Digest ready" }).waitFor({ timeout: 30000 });
    await page.getByRole("link", { name: "Web GUI" }).click();
    await settled(page);
  } finally {
    await app.close(); // fails on any failed request or HTTP error, the icon's included
  }
});

test("the guide is in its page's served HTML itself, with its head from the front matter", async () => {
  const server = await serveDist();
  try {
    const html = await (await fetch(server.url + GUIDE_PAGE)).text();
    assert.match(html, /<title>Matomo \| OpenID Connect 1\.0 \| Integration \| Guide Playground<\/title>/);
    assert.match(html, /<meta name="description" content="Signing in to Matomo through the Authelia OpenID Connect 1\.0 Provider\.">/);
    assert.ok(html.includes("Authorize URL: <code>https://"), "the settings are not in the HTML");
    assert.ok(html.includes('<h4 id="web-gui">Web GUI'), "the headings are not in the HTML");
    // The document's bytes, percent-encoded: printable ASCII only, and never a `<`.
    assert.match(html, /<script type="text\/plain" id="gp-guide-data">[ -;=-~]+<\/script>/);
  } finally {
    await server.close();
  }
});

test("the guide's text is in the DOM at DOMContentLoaded, before any WebAssembly runs", async () => {
  const browser = await launchBrowser();
  const server = await serveDist();
  try {
    const context = await browser.newContext();
    await context.addInitScript(reachForThePage);
    const page = await context.newPage();
    await context.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        window.__atDomContentLoaded = {
          guide: document.body.textContent.includes("/api/oidc/authorization"),
          mounted: document.querySelector("[data-app-mounted]") !== null,
        };
      });
    });
    await page.goto(server.url + GUIDE_PAGE);
    await page.locator(APP_READY).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__atDomContentLoaded), { guide: true, mounted: false });
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the page's largest paint is the prerendered guide's, not the takeover's repaint of it", async () => {
  await withinBudget(
    "the first and largest paints before the takeover",
    async () => {
      const { context, page } = await bare();
      try {
        await context.addInitScript(() => {
          const seen = { lcp: [] };
          window.__paints = seen;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) seen.lcp.push(e.startTime);
          }).observe({ type: "largest-contentful-paint", buffered: true });
          new MutationObserver(() => {
            if (seen.takeover === undefined && document.querySelector("[data-app-mounted]")) seen.takeover = performance.now();
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-app-mounted"] });
        });
        await page.goto(shared.server.url + GUIDE_PAGE);
        await page.locator(APP_READY).waitFor();
        await settled(page);
        const { lcp, takeover } = await page.evaluate(() => window.__paints);
        const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0].startTime);
        assert.ok(lcp.length > 0, "the browser reported no largest contentful paint");
        return { fcp, lcp: lcp.at(-1), takeover };
      } finally {
        await context.close();
      }
    },
    ({ fcp, lcp, takeover }) => {
      // The takeover waits for the first paint to be presented, so the browser records the
      // prerendered guide as painted; replacing it earlier made the repaint the page's LCP.
      assert.ok(fcp < takeover, `the takeover (${takeover} ms) came before the first paint (${fcp} ms)`);
      assert.ok(lcp < takeover, `largest contentful paint at ${lcp} ms, after the takeover at ${takeover} ms`);
    },
  );
});

/** The page's first module in the build: its JS glue and its WASM, under hashed names. */
function firstModuleFiles() {
  return readdirSync(DIST).filter((name) => /^guide-playground-[0-9a-f]+(_bg\.wasm|\.js)$/.test(name));
}

test("the page's own download, its style element with the files every page of the site uses, stays within its 140 kB (gzip) budget, and the app within 200 kB", async () => {
  // Sizes, not times: deterministic for a build. The bench reports the same figures.
  const gzip = (names) => names.reduce((sum, name) => sum + gzipSync(readFileSync(join(DIST, name)), { level: 9 }).length, 0);
  const shared = firstModuleFiles();
  assert.equal(shared.length, 2, `the page's JS and WASM: ${shared}`);
  assert.deepEqual(readdirSync(DIST).filter((name) => name.endsWith(".css")), [], "no style sheet file: the style is in the page");
  // No wasm-bindgen snippet: Trunk copies snippets once per WebAssembly it builds, all at
  // once, and a page once named one caught half-written (scripts/lib/bin/trunk).
  assert.ok(!existsSync(join(DIST, "snippets")), "the build holds wasm-bindgen snippets");
  const styles = styleElements(readFileSync(join(DIST, GUIDE_PAGE, "index.html"), "utf8"));
  assert.equal(styles.length, 1, "the page's one style element");
  const style = gzipSync(styles[0], { level: 9 }).length;
  const page = gzip(shared) + style;
  assert.ok(page <= 140_000, `the page's own download is ${page} bytes gzip (the style element's ${style})`);
  // What a reader who reaches for the page downloads besides: the app.
  const app = gzip(["app.js", "app_bg.wasm"]);
  assert.ok(app <= 200_000, `the app is ${app} bytes gzip`);
});

test("the page's first module links none of Leptos: its glue has none of the classes the app's glue exports", () => {
  // Leptos is a dependency of the first module's build too (Cargo.toml: one set of
  // dependency features for both builds), but nothing it compiles names Leptos, so Leptos
  // must not be linked: the classes its server_fn brings, which the app's glue exports,
  // are not in the first module's.
  const appClasses = [...readFileSync(join(DIST, "app.js"), "utf8").matchAll(/export class (\w+)/g)].map((m) => m[1]);
  assert.ok(appClasses.length > 0, "the app's glue exports Leptos's stream classes");
  const glue = firstModuleFiles().filter((name) => name.endsWith(".js"));
  assert.equal(glue.length, 1, `the first module's glue: ${glue}`);
  const firstModule = readFileSync(join(DIST, glue[0]), "utf8");
  const linked = appClasses.filter((name) => firstModule.includes(`class ${name}`));
  assert.deepEqual(linked, [], "the first module's glue holds none of the app's exported classes");
});

test("every file a built page names by its integrity holds exactly those bytes, in each of scripts/test's builds", (t) => {
  // Trunk records a file's integrity as it copies it, and its five WebAssembly pipelines
  // once copied one wasm-bindgen snippet at once: the sub-path site's pages named the
  // snippet by the digest of an empty file, and Chromium blocked it (scripts/lib/bin/trunk).
  const builds = [DIST, ...["dist-subpath", "dist-next", "dist-site", "dist-site-subpath", "dist-site-url", "dist-site-config"].map((name) => join(ROOT, "target", name))];
  const wrong = [];
  let named = 0;
  for (const build of builds) {
    if (!needs(t, existsSync(build), `${build} is not built (scripts/test builds it)`)) return;
    const pages = readdirSync(build, { recursive: true }).filter((name) => name.endsWith(".html"));
    for (const page of pages) {
      const html = readFileSync(join(build, page), "utf8");
      for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*\bintegrity="[^"]*"[^>]*>/g)) {
        const href = tag.match(/\b(?:href|src)="([^"]*)"/)?.[1];
        const [algorithm, digest] = tag.match(/\bintegrity="([^"]*)"/)[1].split("-");
        assert.ok(href, `${page}: an integrity attribute without a file: ${tag}`);
        // Addresses are absolute under the build's public path ("/" or "/docs/playground/").
        const file = join(build, href.replace(/^\/(docs\/playground\/)?/, ""));
        named += 1;
        const actual = existsSync(file) ? createHash(algorithm).update(readFileSync(file)).digest("base64") : "(no such file)";
        if (actual !== digest) wrong.push(`${build}/${page} names ${href} as ${digest}; it holds ${actual}`);
      }
    }
  }
  assert.ok(named > 0, "no page names a file by its integrity");
  assert.deepEqual(wrong, []);
});
