// The configuration sections as the reader uses them, on the Matomo guide's page: the
// provider's keys generated in the parser worker (press Generate → the block on show),
// against WebCrypto's own generateKey in the same page; and "Check my configuration" on
// a paste just under the 2 MB cap (press Check → the summary on show). Times are the
// page's own performance.now(), taken by a MutationObserver on the status line.
//
// The paste goes in as a reader's does, Ctrl+V from the clipboard. Playwright's fill()
// and keyboard.insertText() type multi-line text through Chromium's editing one line at
// a time: 10 kB of YAML took 5.3 s in a bare <textarea> here, and 100 kB closed the
// page, so they cannot stand in for a paste (which took 84 ms for the same 10 kB).
import { readFileSync } from "node:fs";

import { APP_READY, GUIDE_PAGE, serveDist } from "../tests/browser/harness.mjs";
import { cleanPage } from "./page-load.mjs";
import { log } from "./results.mjs";

const TIMEOUT_MS = 120000;
/** The paste for the check: as close to the 2 MB cap (MAX_CONFIGURATION_BYTES) as whole clients go. */
const PASTE_BYTES = 1_990_000;

export const CONFIGURATION_KEYS = [
  "config.rsa2048",
  "config.rsaWithP256",
  "webcrypto.p256",
  "webcrypto.rsa2048",
  "config.paste2mb",
  "config.check2mb",
  "config.check2mbLongtask",
  "config.explain2mb",
  "config.explain2mbLongtask",
];
/** The log for "Why did my login fail?": as close to its 2 MB cap (MAX_TROUBLESHOOT_BYTES,
 * 2 000 000 bytes) as whole lines go, and under its 20 000 lines (MAX_TROUBLESHOOT_LINES). */
const LOG_BYTES = 1_990_000;
/** Authelia's log line of a token request whose auth method the client does not allow
 * (tests/fixtures/troubleshoot/auth-method-mismatch.log.4-39.txt, without its header). */
const LOG_LINE = readFileSync(new URL("../tests/fixtures/troubleshoot/auth-method-mismatch.log.4-39.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"))
  .join("\n");

/** Clicks `button` and returns the page's time until the element `status` shows text matching `done`
 * (`ms`), and the longest main-thread long task from the click to then (`longtask`, > 50 ms
 * only, 0 = none), as bench/page-load.mjs's gen.longtask: the work is the worker's, and a
 * long task says the page still stalled. `status` is looked up again at every change of
 * the page, as the element that answers may be a new one (a guide's heading); a status
 * line is emptied first, so that a previous answer does not count. */
export async function timedClick(page, button, status, done, { empty = true } = {}) {
  await page.evaluate(({ status, done, empty }) => {
    if (empty) document.querySelector(status).textContent = "";
    const timing = { start: 0, end: 0, longtasks: [] };
    window.__benchConfig = timing;
    const pattern = new RegExp(done);
    new MutationObserver((_, observer) => {
      if (timing.start > 0 && pattern.test(document.querySelector(status)?.textContent ?? "")) {
        timing.end = performance.now();
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (timing.start > 0 && e.startTime + e.duration >= timing.start) timing.longtasks.push(e.duration);
    }).observe({ type: "longtask" });
    document.addEventListener("click", () => (timing.start = performance.now()), { capture: true, once: true });
  }, { status, done, empty });
  await button.click();
  await page.waitForFunction(() => window.__benchConfig.end > 0, null, { timeout: TIMEOUT_MS });
  // Long-task entries are delivered asynchronously, after the frame they end in.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return page.evaluate(() => {
    const { start, end, longtasks } = window.__benchConfig;
    return { ms: end - start, longtask: longtasks.length ? Math.max(...longtasks) : 0 };
  });
}

/** WebCrypto's generateKey for `algorithm` in the page itself, for reference. */
function webcrypto(page, algorithm) {
  return page.evaluate(async (algorithm) => {
    const start = performance.now();
    await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
    return performance.now() - start;
  }, algorithm);
}

export async function configurationRun(browser, dist, run) {
  const server = await serveDist({ root: dist });
  const { context, page, check } = await cleanPage(browser, server);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const values = new Map();
  try {
    await page.goto(server.url + GUIDE_PAGE);
    await page.waitForSelector(APP_READY, { timeout: TIMEOUT_MS });
    await page.locator("details.provider summary").click();
    const generate = page.locator("#gp-provider-generate");
    // The parser worker starts on the first request: a first generation warms it.
    await page.locator("#gp-provider-keys").selectOption("rsa-2048");
    await timedClick(page, generate, "#gp-provider-status", "^Generated");
    values.set("config.rsa2048", (await timedClick(page, generate, "#gp-provider-status", "^Generated")).ms);
    await page.locator("#gp-provider-keys").selectOption("rsa-2048-p-256");
    values.set("config.rsaWithP256", (await timedClick(page, generate, "#gp-provider-status", "^Generated")).ms);
    values.set("webcrypto.rsa2048", await webcrypto(page, { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }));
    values.set("webcrypto.p256", await webcrypto(page, { name: "ECDSA", namedCurve: "P-256" }));

    // The page's own client block, then as many more clients as fit under the cap.
    const block = await page.locator('figure.code-block[data-title="configuration.yml"] pre').innerText();
    const client = block.slice(block.indexOf("      - client_id:"));
    let paste = block.trimEnd() + "\n";
    for (let i = 0; paste.length + client.length < PASTE_BYTES; i++) paste += client.replace("client_id: 'matomo'", `client_id: 'other-${i}'`).trimEnd() + "\n";
    await page.locator("details.config-check summary").click();
    await page.evaluate((paste) => navigator.clipboard.writeText(paste), paste);
    const box = page.locator("#gp-config-paste");
    await box.focus();
    const pasteStart = Date.now();
    await page.keyboard.press("Control+V");
    await page.waitForFunction((length) => document.querySelector("#gp-config-paste").value.length === length, paste.length, { timeout: TIMEOUT_MS });
    values.set("config.paste2mb", Date.now() - pasteStart);
    const checked = await timedClick(page, page.locator("#gp-config-check"), "#gp-config-status", "^Checked");
    values.set("config.check2mb", checked.ms);
    values.set("config.check2mbLongtask", checked.longtask);

    // "Why did my login fail?" on a log just under its 2 MB cap: a real-shaped token
    // endpoint line (tests/fixtures/troubleshoot/), repeated, with the paste above as
    // the configuration it is explained with.
    let logPaste = "";
    while (logPaste.length + LOG_LINE.length + 1 < LOG_BYTES) logPaste += LOG_LINE + "\n";
    await page.locator("details.explain summary").click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), logPaste);
    await page.locator("#gp-explain-paste").focus();
    await page.keyboard.press("Control+V");
    await page.waitForFunction((length) => document.querySelector("#gp-explain-paste").value.length === length, logPaste.length, { timeout: TIMEOUT_MS });
    const explained = await timedClick(page, page.locator("#gp-explain"), "#gp-explain-status", "^(Recognised|Not recognised|Refused)");
    values.set("config.explain2mb", explained.ms);
    values.set("config.explain2mbLongtask", explained.longtask);
    check();
    log(
      `run ${run} (configuration): RSA 2048 ${values.get("config.rsa2048").toFixed(0)} ms, RSA + P-256 ${values.get("config.rsaWithP256").toFixed(0)} ms ` +
        `(WebCrypto alone: RSA ${values.get("webcrypto.rsa2048").toFixed(0)}, P-256 ${values.get("webcrypto.p256").toFixed(0)} ms), paste of ${(paste.length / 1e6).toFixed(2)} MB ${values.get("config.paste2mb").toFixed(0)} ms, its check ${values.get("config.check2mb").toFixed(0)} ms ` +
        `(longest long task ${values.get("config.check2mbLongtask").toFixed(0)} ms), a ${(logPaste.length / 1e6).toFixed(2)} MB log explained ${values.get("config.explain2mb").toFixed(0)} ms ` +
        `(longest long task ${values.get("config.explain2mbLongtask").toFixed(0)} ms)`,
    );
    return values;
  } finally {
    await context.close();
    await server.close();
  }
}
