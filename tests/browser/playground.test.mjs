// The playground as a reader uses it: values flow into the guide, persist (but never the
// secret), travel in links, embed, copy, open other guides, follow other tabs, and the
// page stays usable on a phone and with the keyboard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, GUIDE_PAGE, chromiumPath, eventually, recordWrites, useSharedBrowser, secretField, APP_READY, INDEX_READY, copyLink } from "./harness.mjs";

const FIXTURES = fileURLToPath(new URL("../fixtures/browser/", import.meta.url));
const CALLBACK = "index.php?module=LoginOIDC&action=callback&provider=oidc";

const open = useSharedBrowser();
const { shared } = open;

// ---- what the page shows -------------------------------------------------------------

/** The text of the guide's Authelia configuration block. */
const configText = (page) => page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText();

/** The text of the innermost list item starting with `label` (a Matomo setting). */
const option = (page, label) =>
  page.evaluate((label) => {
    const items = [...document.querySelectorAll("main li")].filter(
      (li) => !li.querySelector("li") && li.textContent.trim().startsWith(label),
    );
    return items.map((li) => li.textContent.trim());
  }, label);

const preview = (page) => page.locator("output.authelia-url").innerText();
const field = (page, label) => page.getByLabel(label, { exact: true });
// "Client secret" also names the secret panel's region.

async function matomoUrls(page) {
  return {
    authorize: await option(page, "Authorize URL:"),
    token: await option(page, "Token URL:"),
    userinfo: await option(page, "Userinfo URL:"),
  };
}

// ---- 1 -------------------------------------------------------------------------------

test("typing a domain and subdomain rewrites the redirect URI, every Matomo URL and the preview", async () => {
  const app = await open();
  const { page } = app;
  try {
    await field(page, "Domain").fill("example.org");
    await field(page, "Authelia subdomain").fill("login");
    await eventually(async () => {
      const config = await configText(page);
      assert.ok(config.includes(`- 'https://matomo.example.org/${CALLBACK}'`), config);
      assert.ok(!config.includes("example.com"), `example.com left in configuration.yml:\n${config}`);
    });
    assert.deepEqual(await matomoUrls(page), {
      authorize: ["Authorize URL: https://login.example.org/api/oidc/authorization"],
      token: ["Token URL: https://login.example.org/api/oidc/token"],
      userinfo: ["Userinfo URL: https://login.example.org/api/oidc/userinfo"],
    });
    assert.equal(await preview(page), "https://login.example.org/");
    const guide = await page.locator("main#gp-guide").innerText();
    assert.ok(!guide.includes("example.com"), "example.com is still shown somewhere in the guide");
    assert.ok(!guide.includes("auth.example"), "the old subdomain is still shown somewhere in the guide");
    // The reader's values are marked as theirs.
    assert.ok((await page.locator('.var.mine[data-var="domain"]').count()) > 3);
  } finally {
    await app.close();
  }
});

// ---- 2 -------------------------------------------------------------------------------

test("an invalid domain is explained beside its field and the guide keeps the last valid value", async () => {
  const app = await open();
  const { page } = app;
  try {
    const domain = field(page, "Domain");
    await domain.fill("example.org");
    for (const bad of ["exa mple.com", "-bad-.com"]) {
      await domain.fill(bad);
      await eventually(async () => {
        assert.equal(await domain.getAttribute("aria-invalid"), "true", bad);
        const reason = (await page.locator("#gp-var-domain-error").innerText()).trim();
        assert.ok(reason.length > 0, `no reason shown for ${bad}`);
      });
      assert.equal(await domain.inputValue(), bad, "the field keeps what the reader typed");
      assert.equal(await domain.getAttribute("aria-describedby"), "gp-var-domain-error");
      const config = await configText(page);
      assert.ok(config.includes(`https://matomo.example.org/${CALLBACK}`), `guide lost the last valid value for ${bad}`);
      assert.ok(!config.includes(bad));
      assert.equal(await preview(page), "https://auth.example.org/");
    }
    assert.match(await page.locator("#gp-var-domain-error").innerText(), /hyphen/);
    // Correcting the value clears the reason.
    await domain.fill("example.net");
    await eventually(async () => {
      assert.equal(await domain.getAttribute("aria-invalid"), "false");
      assert.equal((await page.locator("#gp-var-domain-error").innerText()).trim(), "");
      assert.equal(await preview(page), "https://auth.example.net/");
    });
  } finally {
    await app.close();
  }
});

// ---- 3 -------------------------------------------------------------------------------

const siteKeys = (page) =>
  page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("site-variable-")).map((k) => [k, localStorage.getItem(k)])),
  );

test("Reset restores the defaults in the fields and the guide and forgets the stored values", async () => {
  const app = await open();
  const { page } = app;
  try {
    await field(page, "Domain").fill("example.org");
    await field(page, "Authelia subdomain").fill("login");
    await field(page, "Client ID").fill("my-matomo");
    assert.deepEqual(await siteKeys(page), {
      "site-variable-domain": "example.org",
      "site-variable-subdomain-authelia": "login",
      "site-variable-client-id": "my-matomo",
    });
    await page.getByRole("button", { name: "Reset", exact: true }).click();
    await eventually(async () => {
      assert.equal(await field(page, "Domain").inputValue(), "example.com");
      assert.equal(await field(page, "Authelia subdomain").inputValue(), "auth");
      assert.equal(await field(page, "Client ID").inputValue(), "matomo");
    });
    const config = await configText(page);
    assert.ok(config.includes(`https://matomo.example.com/${CALLBACK}`), config);
    assert.ok(config.includes("client_id: 'matomo'"), config);
    assert.deepEqual((await matomoUrls(page)).authorize, ["Authorize URL: https://auth.example.com/api/oidc/authorization"]);
    assert.equal(await preview(page), "https://auth.example.com/");
    assert.deepEqual(await siteKeys(page), {}, "Reset left site-variable-* keys in localStorage");
    assert.equal(await page.locator('.var.mine:not([data-var="digest"])').count(), 0);
  } finally {
    await app.close();
  }
});

// ---- 4 -------------------------------------------------------------------------------

const SECRET = "Reader-Typed_Secret~0123456789abcdefghij";

async function assertSecretNowhere(app, secret) {
  const { page, context } = app;
  const where = await page.evaluate(() => ({
    url: location.href,
    local: JSON.stringify(Object.entries(localStorage)),
    session: JSON.stringify(Object.entries(sessionStorage)),
    cookie: document.cookie,
  }));
  for (const [place, text] of Object.entries(where)) assert.ok(!text.includes(secret), `the secret is in ${place}: ${text}`);
  const cookies = JSON.stringify(await context.cookies());
  assert.ok(!cookies.includes(secret), "the secret is in a cookie");
}

test("a reload keeps the non-secret values and forgets the secret, which is never stored", async () => {
  const app = await open({ waitForMount: false });
  const { page } = app;
  try {
    const writes = await recordWrites(app.context);
    await app.quiet(); // a reload must not abort the worker's loading
    await page.reload();
    await page.locator(APP_READY).waitFor();
    await field(page, "Domain").fill("example.net");
    await secretField(page).fill(SECRET);
    await page.locator("p.status").filter({ hasText: /Digest ready in \d+ ms/ }).waitFor({ timeout: 30000 });
    assert.ok((await option(page, "Client Secret:")).some((t) => t.includes(SECRET)), "the guide does not show the typed secret");
    await assertSecretNowhere(app, SECRET);

    await app.quiet(); // a reload must not abort the worker's loading
    await page.reload();
    await page.locator(APP_READY).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("site-variable-domain")), "example.net");
    assert.equal(await field(page, "Domain").inputValue(), "example.net");
    assert.ok((await configText(page)).includes(`https://matomo.example.net/${CALLBACK}`));
    assert.equal(await secretField(page).inputValue(), "", "the secret survived a reload");
    assert.deepEqual(await option(page, "Client Secret:"), ["Client Secret: insecure_secret", "Client Secret: insecure_secret"]);
    assert.match(await page.locator("p.status").innerText(), /No secret of yours yet/);
    await assertSecretNowhere(app, SECRET);

    assert.ok(writes.some((w) => w.args.includes("example.net")), `storage writes were not recorded: ${JSON.stringify(writes)}`);
    const leaks = writes.filter((w) => w.args.some((a) => a.includes(SECRET)));
    assert.deepEqual(leaks, [], "the secret was written to storage, a cookie or the URL at some point");
  } finally {
    await app.close();
  }
});

// ---- 5 -------------------------------------------------------------------------------

test("query parameters pre-fill the fields and the guide; a secret or an invalid value is refused with a message", async () => {
  let app = await open({ path: "?domain=example.org&subdomain-authelia=login" });
  try {
    const { page } = app;
    assert.equal(await field(page, "Domain").inputValue(), "example.org");
    assert.equal(await field(page, "Authelia subdomain").inputValue(), "login");
    assert.ok((await configText(page)).includes(`https://matomo.example.org/${CALLBACK}`));
    assert.deepEqual((await matomoUrls(page)).token, ["Token URL: https://login.example.org/api/oidc/token"]);
    assert.equal(await preview(page), "https://login.example.org/");
    assert.equal(await page.locator("ul.link-problems").count(), 0, "a valid link was reported as a problem");
    // A shared link shows its values without overwriting the reader's stored ones.
    assert.deepEqual(await siteKeys(page), {});
  } finally {
    await app.close();
  }

  const linked = "xyzLinkedSecret-0123456789";
  app = await open({ path: `?client-secret=${linked}` });
  try {
    const { page } = app;
    await eventually(async () => assert.match(await page.locator("ul.link-problems").innerText(), /never taken from a link/));
    assert.ok(!(await page.locator("main#gp-guide").innerText()).includes(linked), "the linked secret shows in the page");
    assert.equal(await secretField(page).inputValue(), "");
    assert.deepEqual(await option(page, "Client Secret:"), ["Client Secret: insecure_secret", "Client Secret: insecure_secret"]);
  } finally {
    await app.close();
  }

  app = await open({ path: "?domain=%3Cscript%3E" });
  try {
    const { page } = app;
    await eventually(async () => assert.match(await page.locator("ul.link-problems").innerText(), /domain is not usable/));
    assert.equal(await field(page, "Domain").inputValue(), "example.com");
    assert.ok((await configText(page)).includes(`https://matomo.example.com/${CALLBACK}`));
    assert.ok(!(await configText(page)).includes("<script>"));
  } finally {
    await app.close();
  }
});

// ---- 6 -------------------------------------------------------------------------------

const CLIPBOARD = ["clipboard-read", "clipboard-write"];
const readClipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

test("Copy link writes a link with the changed values and never the secret", async () => {
  const app = await open({ permissions: CLIPBOARD });
  const { page } = app;
  try {
    await field(page, "Domain").fill("example.org");
    await field(page, "Authelia subdomain").fill("login");
    await secretField(page).fill(SECRET);
    const link = await copyLink(page);
    const url = new URL(link);
    assert.equal(url.origin + url.pathname, shared.server.url + GUIDE_PAGE);
    assert.deepEqual(Object.fromEntries(url.searchParams), { domain: "example.org", "subdomain-authelia": "login" });
    assert.ok(!link.includes(SECRET) && !link.includes("client-secret"), `the link carries the secret: ${link}`);

    // The link reproduces the values in a fresh tab.
    const other = await app.openPage(url.search);
    assert.equal(await other.getByLabel("Domain", { exact: true }).inputValue(), "example.org");
    assert.equal(await other.locator("output.authelia-url").innerText(), "https://login.example.org/");
  } finally {
    await app.close();
  }
});

// ---- 7 -------------------------------------------------------------------------------

test("embed mode drops the page chrome, keeps a compact variables bar and a live guide", async () => {
  const app = await open({ path: "?embed=1" });
  const { page } = app;
  try {
    assert.equal(await page.locator(".page-header").isVisible(), false, "the page header shows");
    assert.equal(await page.locator(".guide-head").isVisible(), false, "the guide's title block shows");
    const bar = page.locator(".side-panel .variables-panel");
    await bar.waitFor({ state: "visible" });
    // The bar stands above the guide's first heading, at the top of the frame.
    const barBox = await bar.boundingBox();
    const headingBox = await page.getByRole("heading", { name: "Tested Versions" }).boundingBox();
    assert.ok(barBox.y < headingBox.y, `the bar (y=${barBox.y}) is not above the guide (y=${headingBox.y})`);
    assert.ok(barBox.y < 50, `the bar is not at the top: y=${barBox.y}`);
    assert.ok(await page.locator("main#gp-guide").isVisible());
    assert.ok(await page.locator('figure.code-block[data-title="configuration.yml"]').isVisible());
    assert.equal(await page.locator(".variables-panel").count(), 1, "the panel is drawn twice");
    // The secret folds away behind its button.
    assert.equal(await page.locator("#gp-client-secret").isVisible(), false);
    await page.getByRole("button", { name: "Client secret and digest" }).click();
    await page.locator("#gp-client-secret").waitFor({ state: "visible" });
    await bar.getByLabel("Domain", { exact: true }).fill("example.org");
    await eventually(async () => assert.ok((await configText(page)).includes(`https://matomo.example.org/${CALLBACK}`)));
    assert.deepEqual((await matomoUrls(page)).userinfo, ["Userinfo URL: https://auth.example.org/api/oidc/userinfo"]);
  } finally {
    await app.close();
  }
});

// ---- 8 -------------------------------------------------------------------------------

test("a code block's Copy copies exactly the block's current text", async () => {
  const app = await open({ permissions: CLIPBOARD });
  const { page } = app;
  try {
    await field(page, "Domain").fill("example.org");
    await field(page, "Client ID").fill("stats");
    const block = page.locator('figure.code-block[data-title="configuration.yml"]');
    await block.getByRole("button", { name: "Copy configuration.yml" }).click();
    await block.locator(".copy-state").filter({ hasText: "Copied" }).waitFor();
    const copied = await readClipboard(page);
    const shown = await block.locator("pre").innerText();
    assert.ok(copied.includes(`https://matomo.example.org/${CALLBACK}`) && copied.includes("client_id: 'stats'"), copied);
    assert.equal(copied, shown, "the copied text differs from the block's text");
  } finally {
    await app.close();
  }
});

test("a highlighted YAML block colours its keys, strings and comment, keeps the reader's values marked inside them, and copies exactly its text", async () => {
  const app = await open({ permissions: CLIPBOARD });
  const { page } = app;
  try {
    // The build's page already holds the tokens, from the same renderer.
    const html = await page.evaluate(() => fetch(location.href).then((r) => r.text()));
    assert.ok(html.includes('<span class="t-key">client_id</span>'), "the prerendered page has no highlighted key");
    await field(page, "Domain").fill("example.org");
    await field(page, "Client ID").fill("stats");
    const block = page.locator('figure.code-block[data-title="configuration.yml"]');
    const pre = block.locator("pre");
    // The client id and the domain are each a marked value inside a string token.
    await eventually(async () =>
      assert.deepEqual(
        await pre.locator(".var.mine").evaluateAll((marks) =>
          marks.map((mark) => [mark.dataset.var, mark.textContent, mark.parentElement.className]),
        ),
        [
          ["client-id", "stats", "t-string"],
          ["domain", "example.org", "t-string"],
        ],
      ),
    );
    assert.deepEqual(await pre.locator(".t-key").allInnerTexts(), [
      "identity_providers", "oidc", "clients", "client_id", "client_name", "client_secret", "public",
      "authorization_policy", "require_pkce", "pkce_challenge_method", "redirect_uris", "scopes",
      "response_types", "grant_types", "access_token_signed_response_alg",
      "userinfo_signed_response_alg", "token_endpoint_auth_method",
    ]);
    assert.deepEqual(await pre.locator(".t-keyword").allInnerTexts(), ["false", "false"]);
    assert.match(await pre.locator(".t-comment").last().innerText(), /^# The digest of the client secret/);
    // The digest stands inside its string too.
    assert.equal(await pre.locator('[data-var="digest"]').evaluate((d) => d.parentElement.className), "t-string");
    await block.getByRole("button", { name: "Copy configuration.yml" }).click();
    await block.locator(".copy-state").filter({ hasText: "Copied" }).waitFor();
    const copied = await readClipboard(page);
    assert.equal(copied, await pre.innerText(), "the copied text differs from the block's text");
    assert.ok(copied.includes("      - client_id: 'stats'\n"), copied);
    assert.ok(copied.includes(`          - 'https://matomo.example.org/${CALLBACK}'\n`), copied);
  } finally {
    await app.close();
  }
});

// ---- 9 -------------------------------------------------------------------------------

const h1 = (page) => page.locator("main h1").innerText();

test("another guide opens from a file or pasted text; a broken one is refused and the current guide stays", async () => {
  const app = await open();
  const { page } = app;
  try {
    await page.getByText("Open another guide").click();
    await page.getByLabel("Guide file (.md)").setInputFiles(FIXTURES + "custom-guide.md");
    await eventually(async () => assert.equal(await h1(page), "Grafana Fixture with Authelia"));
    assert.match(await page.locator("main p.source").innerText(), /custom-guide\.md/);
    // Its invented variable gets a field, and typing in it reaches the guide.
    const host = field(page, "Grafana Host");
    assert.equal(await host.inputValue(), "grafana");
    await host.fill("metrics");
    await field(page, "Domain").fill("example.org");
    await eventually(async () =>
      assert.match(await page.locator("main#gp-guide").innerText(), /https:\/\/metrics\.example\.org\//),
    );
    assert.match(await page.locator('figure.code-block[data-title="grafana.ini"] pre').innerText(), /https:\/\/auth\.example\.org\/api\/oidc\/authorization/);
    // The unknown shortcode is a labelled notice, and the page says there is one.
    const notice = page.locator("main .notice[role=note]").filter({ hasText: "mystery-widget" });
    assert.equal(await notice.count(), 1);
    assert.match(await notice.innerText(), /shortcode the playground does not know/);
    assert.match(await page.locator(".guide-notes .notice").innerText(), /^1 shortcode\(s\)/);
    assert.equal((await page.locator("p.open-error").innerText()).trim(), "");

    // A guide whose front matter is broken is refused; the open guide stays.
    await page.getByLabel("Guide file (.md)").setInputFiles(FIXTURES + "broken-front-matter.md");
    const error = page.locator("p.open-error").filter({ hasText: "broken-front-matter.md could not be opened" });
    await error.waitFor();
    assert.equal(await h1(page), "Grafana Fixture with Authelia");
    assert.equal(await page.getByText("Never Shown").count(), 0);

    await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
    await eventually(async () => assert.equal(await h1(page), "Matomo with Authelia"));
    assert.equal((await page.locator("p.open-error").innerText()).trim(), "");
    assert.equal(await page.getByRole("button", { name: "Back to the Matomo guide" }).count(), 0);
    // The domain typed in the other guide is the same site variable.
    assert.ok((await configText(page)).includes(`https://matomo.example.org/${CALLBACK}`));

    // Pasted text.
    const pasted = [
      "---",
      'title: "Pasted Fixture"',
      "---",
      "",
      "## Pasted Section",
      "",
      'Visit `https://{{< sitevar name="subdomain-authelia" nojs="auth" >}}.{{< sitevar name="domain" nojs="example.com" >}}/`.',
      "",
    ].join("\n");
    await page.getByLabel("Paste a guide").fill(pasted);
    await page.getByRole("button", { name: "Open pasted guide" }).click();
    await eventually(async () => assert.equal(await h1(page), "Pasted Fixture with Authelia"));
    assert.match(await page.locator("main p.source").innerText(), /pasted text/);
    assert.match(await page.locator("main#gp-guide").innerText(), /Visit https:\/\/auth\.example\.org\//);
    assert.equal(await page.getByRole("heading", { name: "Pasted Section" }).count(), 1);
    await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
    await eventually(async () => assert.equal(await h1(page), "Matomo with Authelia"));
  } finally {
    await app.close();
  }
});

// ---- 10 ------------------------------------------------------------------------------

test("another tab follows the values set in this one", async () => {
  const app = await open();
  try {
    const a = app.page;
    const b = await app.openPage();
    await a.getByLabel("Domain", { exact: true }).fill("example.org");
    await a.getByLabel("Authelia subdomain", { exact: true }).fill("sso");
    await eventually(async () => {
      assert.ok((await configText(b)).includes(`https://matomo.example.org/${CALLBACK}`), "tab B's guide did not follow");
      assert.equal(await b.locator("output.authelia-url").innerText(), "https://sso.example.org/");
      assert.equal(await b.getByLabel("Domain", { exact: true }).inputValue(), "example.org");
    });
    // Reset in A: B goes back to the defaults too.
    await a.getByRole("button", { name: "Reset", exact: true }).click();
    await eventually(async () => assert.equal(await b.locator("output.authelia-url").innerText(), "https://auth.example.com/"));
    assert.equal(await b.getByLabel("Domain", { exact: true }).inputValue(), "example.com");
  } finally {
    await app.close();
  }
});

// ---- 11 ------------------------------------------------------------------------------

const PHONE = { width: 360, height: 740 };

/** Horizontal overflow at the current state: the page's scroll width and what sticks out. */
const overflow = (page) =>
  page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    // Code blocks and tables may scroll inside themselves.
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.checkVisibility() && !el.closest("pre, .table-wrap") && el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 6)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + String(el.className).split(" ").join(".") : ""} right=${Math.round(el.getBoundingClientRect().right)}`),
  }));

test("at 360 px the page does not scroll sideways, with its panels closed or open", async () => {
  const app = await open({ viewport: PHONE });
  const { page } = app;
  try {
    const closed = await overflow(page);
    assert.ok(closed.doc <= 360 && closed.body <= 360, `the page scrolls sideways: ${JSON.stringify(closed)}`);
    assert.deepEqual(closed.wide, [], "elements stick out of the viewport");

    await page.getByText("Check a digest").click();
    await page.getByText("Open another guide").click();
    await page.getByLabel("Paste a guide").waitFor();
    const opened = await overflow(page);
    assert.ok(opened.doc <= 360 && opened.body <= 360, `with "Open another guide" and "Check a digest" open, the page scrolls sideways: ${JSON.stringify(opened)}`);
    assert.deepEqual(opened.wide, [], "elements stick out of the viewport");
  } finally {
    await app.close();
  }
});

test("at 360 px every control is reachable with Tab", async () => {
  const app = await open({ viewport: PHONE });
  const { page } = app;
  try {
    await page.getByText("Check a digest").click();
    await page.getByText("Open another guide").click();
    // Every visible control, in document order, must receive focus from the keyboard.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll("input, button, select, textarea, summary, a[href]")]
        .filter((el) => el.checkVisibility() && !el.disabled)
        .map((el, i) => {
          el.dataset.tabProbe = String(i);
          return el.id || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40);
        }),
    );
    for (const needed of ["gp-var-domain", "gp-var-subdomain-authelia", "gp-var-client-id", "gp-client-secret", "gp-generate-secret", "gp-guide-file", "gp-guide-paste", "gp-check-digest", "gp-digest-algorithm"]) {
      assert.ok(controls.includes(needed), `${needed} is not among the visible controls: ${JSON.stringify(controls)}`);
    }
    await page.evaluate(() => document.activeElement?.blur());
    const reached = new Set();
    for (let i = 0; i < controls.length + 10 && reached.size < controls.length; i++) {
      await page.keyboard.press("Tab");
      const probe = await page.evaluate(() => document.activeElement?.dataset?.tabProbe ?? null);
      if (probe !== null) reached.add(Number(probe));
    }
    assert.deepEqual(controls.filter((_, i) => !reached.has(i)), [], "controls not reachable with Tab");
  } finally {
    await app.close();
  }
});

test("headings go down one level at a time under a single h1", async () => {
  for (const path of ["", "?embed=1"]) {
    const app = await open({ path });
    try {
      const levels = await app.page.evaluate(() =>
        [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter((h) => h.checkVisibility()).map((h) => [Number(h.tagName[1]), h.textContent.trim()]),
      );
      assert.ok(levels.length > 3, `${path}: ${JSON.stringify(levels)}`);
      if (path === "") {
        assert.equal(levels[0][0], 1, "the first heading is not an h1");
        assert.equal(levels.filter(([l]) => l === 1).length, 1, "more than one h1");
      }
      for (let i = 1; i < levels.length; i++) {
        assert.ok(
          levels[i][0] <= levels[i - 1][0] + 1,
          `${path || "page"}: heading level skipped: "${levels[i - 1][1]}" (h${levels[i - 1][0]}) then "${levels[i][1]}" (h${levels[i][0]})`,
        );
      }
    } finally {
      await app.close();
    }
  }
});

// ---- 12 ------------------------------------------------------------------------------

test("the colour-scheme toggle switches data-theme on <html> and remembers it", async () => {
  const app = await open();
  const { page } = app;
  try {
    const theme = () => page.evaluate(() => document.documentElement.getAttribute("data-theme"));
    const toggle = page.locator("button.theme-toggle");
    assert.equal(await theme(), null);
    assert.equal(await toggle.innerText(), "Colours: system");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await toggle.click();
    await eventually(async () => assert.equal(await theme(), "dark"));
    assert.equal(await toggle.innerText(), "Colours: dark");
    assert.notEqual(await background(), light, "the dark theme does not change the page's colours");
    await toggle.click();
    await eventually(async () => assert.equal(await theme(), "light"));
    await app.quiet(); // a reload must not abort the worker's loading
    await page.reload();
    await page.locator(APP_READY).waitFor();
    assert.equal(await theme(), "light", "the choice was not remembered");
    await page.locator("button.theme-toggle").click();
    await eventually(async () => assert.equal(await theme(), null));
    assert.equal(await page.locator("button.theme-toggle").innerText(), "Colours: system");
  } finally {
    await app.close();
  }
});

test("where each value goes is said once beside the Authelia block and once beside the Matomo settings", async () => {
  const app = await open();
  try {
    const notes = await app.page.locator(".where-it-goes").allInnerTexts();
    assert.equal(notes.filter((n) => n.includes("belongs in Authelia's configuration")).length, 1, JSON.stringify(notes));
    assert.equal(notes.filter((n) => n.includes("belongs in Matomo's settings")).length, 1, JSON.stringify(notes));
  } finally {
    await app.close();
  }
});

test("on a plain-http origin, Copy says why it cannot copy instead of failing silently", async () => {
  // Loopback counts as secure; a named host on plain http does not, and browsers give
  // such pages no clipboard. Chromium resolves the made-up name to loopback here.
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP playground.test 127.0.0.1"],
  });
  const port = new URL(shared.server.origin).port;
  const server = { ...shared.server, origin: `http://playground.test:${port}`, url: `http://playground.test:${port}/` };
  const app = await open({ browser, server });
  try {
    const { page } = app;
    assert.equal(await page.evaluate(() => window.isSecureContext), false);
    const block = page.locator('figure.code-block[data-title="configuration.yml"]');
    await block.getByRole("button", { name: "Copy configuration.yml" }).click();
    await block.locator(".copy-state").filter({ hasText: "browsers allow copying only on https pages" }).waitFor();
  } finally {
    await app.close();
    await browser.close();
  }
});

test("the application's address is a value: the field shows the address that applies, and another host, a path or a port reaches the redirect URI in Authelia and in Matomo", async () => {
  const app = await open();
  const { page } = app;
  try {
    const config = page.locator('figure.code-block[data-title="configuration.yml"] pre');
    // Matomo's own setting, in the list of what to fill in under Login OIDC.
    const override = page.locator("li").filter({ hasText: /^Redirect URI override:/ });
    const appUrl = page.getByLabel("Application URL", { exact: true });
    const until = page.locator(".field").filter({ has: appUrl }).locator("p.help");
    // Until it is set, the guide's own address follows the domain.
    await page.getByLabel("Domain", { exact: true }).fill("example.net");
    await eventually(async () => assert.match(await config.innerText(), /- 'https:\/\/matomo\.example\.net\/index\.php\?module=LoginOIDC&action=callback&provider=oidc'/));
    // The field itself shows the address that applies, not the guide's example.
    await eventually(async () => assert.equal(await appUrl.inputValue(), "https://matomo.example.net/"));
    assert.equal(await until.innerText(), "Made from your other values until you set it: https://matomo.example.net/");
    for (const [value, expected] of [
      ["https://example.org/matomo/", "https://example.org/matomo/index.php?module=LoginOIDC&action=callback&provider=oidc"],
      ["https://analytics.example.org:8443/", "https://analytics.example.org:8443/index.php?module=LoginOIDC&action=callback&provider=oidc"],
    ]) {
      await appUrl.fill(value);
      await eventually(async () => assert.ok((await config.innerText()).includes(`- '${expected}'`), await config.innerText()));
      assert.ok((await override.innerText()).startsWith(`Redirect URI override: ${expected}`), await override.innerText());
    }
    // Once set, the hint names the address it replaced, which still follows the domain.
    assert.equal(await until.innerText(), "You set this; emptied, the field gives the address made from your other values: https://matomo.example.net/");
    await page.getByLabel("Domain", { exact: true }).fill("example.com.au");
    await eventually(async () => assert.equal(await until.innerText(), "You set this; emptied, the field gives the address made from your other values: https://matomo.example.com.au/"));
    assert.equal(await appUrl.inputValue(), "https://analytics.example.org:8443/");
    // Not an address, or one with credentials: refused with its reason, the last good one kept.
    await appUrl.fill("https://user:pw@example.org/");
    await eventually(async () => assert.notEqual((await page.locator(".field.invalid .field-error").innerText()).trim(), ""));
    assert.ok((await config.innerText()).includes("https://analytics.example.org:8443/index.php"));
    // Emptied, the field gives the address back to the domain, as the hint said.
    await appUrl.fill("");
    await eventually(async () => assert.match(await config.innerText(), /- 'https:\/\/matomo\.example\.com\.au\/index\.php\?module=LoginOIDC/));
    assert.equal(await until.innerText(), "Made from your other values until you set it: https://matomo.example.com.au/");
    // Set again, then Reset: every value back, and the field shows the address made from them.
    await appUrl.fill("https://example.org/matomo/");
    await eventually(async () => assert.match(await until.innerText(), /^You set this/));
    await page.getByRole("button", { name: "Reset", exact: true }).click();
    await eventually(async () => assert.equal(await appUrl.inputValue(), "https://matomo.example.com/"));
    assert.equal(await until.innerText(), "Made from your other values until you set it: https://matomo.example.com/");
  } finally {
    await app.close();
  }
});

test("the sections after a guide and Fill in show only while a guide with a client block is open, never on the index", async () => {
  const app = await open({ at: "" });
  const { page } = app;
  // What the reader can see of each: the sections after the guide, and Fill in.
  const shown = () =>
    page.evaluate(() => ({
      tools: document.getElementById("gp-tools")?.checkVisibility() ?? false,
      fillIn: [...document.querySelectorAll("details.fill-in")].some((d) => d.checkVisibility()),
    }));
  try {
    await page.locator(INDEX_READY).waitFor();
    assert.deepEqual(await shown(), { tools: false, fillIn: false }, "the index shows a guide's sections");
    await app.quiet(); // leaving must not abort the worker's loading
    await page.getByRole("link", { name: "Matomo" }).click();
    await page.locator(APP_READY).waitFor();
    await eventually(async () => assert.deepEqual(await shown(), { tools: true, fillIn: true }));
    await app.quiet();
    await page.getByRole("link", { name: "All guides" }).click();
    await page.locator(INDEX_READY).waitFor();
    await eventually(async () => assert.deepEqual(await shown(), { tools: false, fillIn: false }));
  } finally {
    await app.close();
  }
});
