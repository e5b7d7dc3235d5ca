// The built app loads in real Chromium, mounts, and the page stays clean.
import { createHash } from "node:crypto";
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp } from "./harness.mjs";

test("the app mounts with its name and the guide it was built for, named by its title alone, without any problem", async () => {
  const app = await openApp();
  try {
    await app.page.getByText("Guide Playground", { exact: true }).waitFor();
    await app.page.getByRole("heading", { level: 1, name: "Matomo with Authelia" }).waitFor();
    assert.equal(await app.page.locator("main#gp-guide").count(), 1);
    // The page's own guide is named by its title: no "(bundled)", a word left from when
    // the app held one guide.
    assert.equal(await app.page.locator(".source").innerText(), "Guide: Matomo");
    assert.ok(!(await app.page.locator("body").innerText()).includes("bundled"));
    // Late failures (a panic after the takeover, a failed lazy request) surface by the
    // time the page has loaded everything it asks for.
    await app.quiet();
  } finally {
    await app.close();
  }
});

test("the page asks for its own JavaScript and WebAssembly first, at a high priority, and loads them", async () => {
  const app = await openApp();
  try {
    const head = await app.page.evaluate(() =>
      [...document.head.children].slice(0, 3).map((e) => ({
        tag: e.tagName,
        rel: e.getAttribute("rel"),
        priority: e.getAttribute("fetchpriority"),
        href: e.href ?? "",
      })),
    );
    // Right after the charset, before the style sheet and the head's script: the browser
    // then asks for them at once (src/build/page.rs, step 2).
    assert.equal(head[0].tag, "META");
    assert.deepEqual(
      head.slice(1).map(({ rel, priority, href }) => [rel, priority, /guide-playground-[0-9a-f]+(_bg\.wasm|\.js)$/.test(href)]),
      [
        ["modulepreload", "high", true],
        ["preload", "high", true],
      ],
    );
    // The preloaded files are the ones the app runs: each was asked for once.
    await app.page.locator("#gp-app[data-app-mounted]").waitFor();
    const asked = await app.page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    for (const { href } of head.slice(1)) assert.equal(asked.filter((name) => name === href).length, 1, href);
  } finally {
    await app.close();
  }
});

test("the page carries a strict Content-Security-Policy", async () => {
  const app = await openApp();
  try {
    const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/);
    // The whole set, directive by directive, as the README states it.
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    const hashes = directives["script-src"].filter((v) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(v));
    assert.equal(hashes.length, 2, "Trunk's start-up script and the page's head script, by hash");
    // The one style element, by the hash of its text: the page's whole style, applied.
    const style = await app.page.evaluate(() => ({
      texts: [...document.querySelectorAll("style")].map((s) => s.textContent),
      sheets: document.styleSheets.length,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    assert.equal(style.texts.length, 1, "one style element");
    assert.equal(style.sheets, 1, "no style sheet but the element's");
    assert.notEqual(style.background, "rgba(0, 0, 0, 0)", "the style element's rules apply");
    const styleHash = `'sha256-${createHash("sha256").update(style.texts[0]).digest("base64")}'`;
    assert.deepEqual(directives, {
      "default-src": ["'none'"],
      "script-src": ["'self'", "'wasm-unsafe-eval'", ...hashes],
      "style-src": [styleHash],
      "img-src": ["'self'", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "worker-src": ["'self'"],
      "manifest-src": ["'self'"],
      "base-uri": ["'self'"],
      "form-action": ["'none'"],
    });
  } finally {
    await app.close();
  }
});

test("the policy refuses an injected inline script", async () => {
  const app = await openApp({ allowProblems: true });
  try {
    const ran = await app.page.evaluate(async () => {
      window.injectedRan = false;
      const script = document.createElement("script");
      script.textContent = "window.injectedRan = true";
      const refused = new Promise((ok) => document.addEventListener("securitypolicyviolation", () => ok(true), { once: true }));
      document.body.append(script);
      // An allowed inline script has run by now; a refused one is reported in a task soon
      // after. Wait for that report, not for a time; the limit only turns a missing report
      // into a failure that says so.
      if (!window.injectedRan) {
        let limit;
        const unreported = new Promise((_, fail) => {
          limit = setTimeout(() => fail(new Error("no securitypolicyviolation event within 5 s")), 5000);
        });
        try {
          await Promise.race([refused, unreported]);
        } finally {
          clearTimeout(limit);
        }
      }
      return window.injectedRan;
    });
    assert.equal(ran, false, "an inline script injected into the page ran");
    assert.ok(app.problems.some((p) => /Content Security Policy/i.test(p)), `no CSP refusal seen: ${app.problems}`);
  } finally {
    await app.close();
  }
});

test("colours follow the system scheme until the toggle overrides them", async () => {
  const app = await openApp({ colorScheme: "dark" });
  try {
    const background = () => app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await background(), "rgb(22, 24, 29)", "a dark system gets the dark palette");
    const toggle = app.page.getByRole("button", { name: /^Colours:/ });
    await toggle.click(); // system → dark
    await toggle.click(); // dark → light
    assert.equal(await background(), "rgb(255, 255, 255)", "the light choice wins over a dark system");
  } finally {
    await app.close();
  }
});
