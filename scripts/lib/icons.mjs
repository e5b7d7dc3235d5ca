// Renders the app's icon (assets/favicon.svg) to the PNG sizes an installable web app
// needs (192 and 512 px), in headless Chromium, so the manifest's icons come from the
// favicon. Run after changing the favicon: node scripts/lib/icons.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../../tests/browser/harness.mjs";

const ASSETS = fileURLToPath(new URL("../../assets/", import.meta.url));
const svg = readFileSync(`${ASSETS}favicon.svg`, "utf8");
const browser = await launchBrowser();
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:#ffffff">` +
        `<img style="display:block;width:${size}px;height:${size}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">` +
        `</body></html>`,
    );
    await page.locator("img").evaluate((img) => img.decode());
    await page.screenshot({ path: `${ASSETS}icon-${size}.png` });
    await page.close();
    console.log(`icons: assets/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
