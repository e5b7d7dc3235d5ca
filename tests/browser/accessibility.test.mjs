// axe-core's WCAG 2.1 A and AA rules on the page as a reader uses it: in light and dark
// colours, at a desktop and a phone width, with its panels open and a digest shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { useSharedBrowser } from "./harness.mjs";

const open = useSharedBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const RULES = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

/** axe's violations on the page now, one line each with the elements concerned. */
async function violations(page) {
  // Evaluated through the DevTools protocol, so the page's policy (no inline script)
  // does not stop the checker.
  await page.evaluate(AXE);
  const result = await page.evaluate((rules) => globalThis.axe.run(document, rules), RULES);
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(", ")}`,
  );
}

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1280, 360]) {
    test(`no WCAG 2.1 A/AA violation, ${colorScheme} colours at ${width} px`, async () => {
      const app = await open({ colorScheme, viewport: { width, height: 900 } });
      const { page } = app;
      try {
        assert.deepEqual(await violations(page), [], "as the page opens");
        await page.getByText("Open another guide").click();
        await page.getByText("Check a digest").click();
        await page.getByRole("button", { name: "Generate" }).click();
        await page.locator("p.status").filter({ hasText: "Digest ready" }).waitFor({ timeout: 30000 });
        await page.getByLabel("Domain", { exact: true }).fill("not a domain");
        assert.deepEqual(await violations(page), [], "with the panels open, a digest shown and a field refused");
      } finally {
        await app.close();
      }
    });
  }
}

test("the checker reports a violation when there is one", async () => {
  const app = await open();
  const { page } = app;
  try {
    await page.evaluate(() => document.querySelector("main").append(document.createElement("button")));
    const found = await violations(page);
    assert.ok(found.some((v) => v.startsWith("button-name")), `an unnamed button went unreported: ${found}`);
  } finally {
    await app.close();
  }
});

test("no WCAG 2.1 A/AA violation in embed mode, with the secret unfolded", async () => {
  const app = await open({ path: "?embed=1", viewport: { width: 800, height: 900 } });
  const { page } = app;
  try {
    assert.deepEqual(await violations(page), [], "as the frame opens");
    await page.getByRole("button", { name: "Client secret and digest" }).click();
    assert.deepEqual(await violations(page), [], "with the secret unfolded");
  } finally {
    await app.close();
  }
});
