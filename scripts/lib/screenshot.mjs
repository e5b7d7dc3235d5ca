// Takes the README's screenshot from the real app (dist/) in headless Chromium:
// a reader's domain typed in and a secret generated, digest ready.
import { openApp } from "../../tests/browser/harness.mjs";

const out = process.argv[2] ?? "docs/screenshot.png";
const app = await openApp({ viewport: { width: 1280, height: 860 } });
try {
  const page = app.page;
  await page.getByLabel("Domain", { exact: true }).fill("example.org");
  await page.getByLabel("Authelia subdomain", { exact: true }).fill("login");
  await page.getByRole("button", { name: "Generate" }).click();
  await page.locator("p.status", { hasText: "Digest ready" }).waitFor({ timeout: 20000 });
  await page.getByRole("heading", { name: "Authelia", exact: true }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -20));
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await app.close();
}
