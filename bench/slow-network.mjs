// The page (the Matomo guide's) on a slow phone: Lighthouse's "slow 4G" profile (150 ms round trip, 1.6 Mbps
// down, 750 kbps up) and a 4× slower CPU, applied through the DevTools protocol, with
// the files served gzipped as a static host serves them.
import { GUIDE_PAGE, serveDist } from "../tests/browser/harness.mjs";
import { timedClick } from "./configuration.mjs";
import { cleanPage, loadProbe, loaded, pollFcp } from "./page-load.mjs";
import { log } from "./results.mjs";

/** Lighthouse's mobile "slow 4G" throttling. */
export const SLOW_4G = {
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
  cpuSlowdown: 4,
};

export const SLOW_KEYS = ["slow.fcp", "slow.lcp", "slow.follows", "slow.takeover", "slow.noScriptFcp"];

/** The parser worker's answers on a fresh visit (issue 30, item 4). */
export const SLOW_PARSER_KEYS = ["provider", "check", "open"].flatMap((s) => [`slow.parser.${s}`, `slow.parser.${s}AtOnce`]);

/**
 * How long the reader takes between opening a section and pressing its button: to read
 * the section, switch to their configuration and copy it, or pick a guide. Three seconds
 * is quick for any of those; the section's worker starts downloading as it opens.
 */
export const READER_MS = 3000;

/** A fresh context on the throttled network, gzip served; `contextOptions` as cleanPage's. */
async function throttled(browser, dist, contextOptions = {}) {
  const server = await serveDist({ root: dist, gzip: true });
  const opened = await cleanPage(browser, server, contextOptions);
  const cdp = await opened.context.newCDPSession(opened.page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: SLOW_4G.latency,
    downloadThroughput: SLOW_4G.downloadThroughput,
    uploadThroughput: SLOW_4G.uploadThroughput,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOW_4G.cpuSlowdown });
  return { ...opened, server };
}

/** The same page's first paint with scripting off: the reference the paint's target is set against. */
async function noScriptFcp(browser, dist) {
  const { context, page, server } = await throttled(browser, dist, { javaScriptEnabled: false });
  try {
    await page.goto(server.url + GUIDE_PAGE, { timeout: 60000 });
    return await pollFcp(page);
  } finally {
    await context.close();
    await server.close();
  }
}

/**
 * Two fresh visits per section that asks the parser worker: the page takes over, the
 * reader opens the section and presses, at once (`…AtOnce`: the worker's whole download
 * is in the figure) or READER_MS later; the figure is the press to the answer on show,
 * on the page's clock.
 */
export async function slowParserRun(browser, dist, run) {
  const guide = "---\ntitle: Bench\n---\n\n# Bench\n\nA guide pasted by the bench.\n";
  const flows = [
    ["slow.parser.provider", "details.provider summary", null, "#gp-provider-generate", "#gp-provider-status", "^Generated", true],
    // Any answer but the status's "Working…" is the check's.
    ["slow.parser.check", "details.config-check summary", ["#gp-config-paste", "identity_providers: {}\n"], "#gp-config-check", "#gp-config-status", "^(?!Working).", true],
    ["slow.parser.open", "details.open-guide summary", ["#gp-guide-paste", guide], "details.open-guide button", "main h1", "^Bench", false],
  ];
  const values = new Map();
  for (const [key, summary, paste, button, status, done, empty, wait] of flows.flatMap((f) => [
    [f[0] + "AtOnce", ...f.slice(1), 0],
    [...f, READER_MS],
  ])) {
    const { context, page, check, server } = await throttled(browser, dist);
    try {
      await context.addInitScript(loadProbe);
      await page.goto(server.url + GUIDE_PAGE, { timeout: 60000 });
      await loaded(page);
      await page.locator(summary).click();
      if (paste) await page.locator(paste[0]).fill(paste[1]);
      if (wait) await page.waitForTimeout(wait);
      values.set(key, (await timedClick(page, page.locator(button), status, done, { empty })).ms);
      check();
    } finally {
      await context.close();
      await server.close();
    }
  }
  const said = (k) => `${values.get(`slow.parser.${k}AtOnce`).toFixed(0)} / ${values.get(`slow.parser.${k}`).toFixed(0)} ms`;
  log(`slow 4G parser run ${run}, pressed at once / ${READER_MS} ms after opening: Provider ${said("provider")}, Check ${said("check")}, Open pasted guide ${said("open")}`);
  return values;
}

/**
 * An init script: the reader's first keystroke, typed into the Domain field the moment the
 * page's first module listens (after the reader's press that loads the app, which
 * cleanPage's init script makes first), and the moment the guide shows it, into
 * window.__firstKeyShown. In the page, so that the figure holds no round trip to the bench.
 */
function firstKeystroke() {
  new MutationObserver((_, observer) => {
    if (!document.documentElement?.hasAttribute("data-follows-typing")) return;
    observer.disconnect();
    const input = document.getElementById("gp-var-domain");
    input.value = "home.arpa";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const look = () => {
      if (document.querySelector('span.var[data-var="domain"]')?.textContent === "home.arpa") window.__firstKeyShown = performance.now();
      else requestAnimationFrame(look);
    };
    look();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-follows-typing"] });
}

/** One run on the throttled network: first paint (which shows guide text), largest
 * paint, and the takeover (from then on a keystroke takes effect). */
export async function slowRun(browser, dist, run) {
  const { context, page, check, server } = await throttled(browser, dist);
  let figures;
  try {
    await context.addInitScript(loadProbe);
    await context.addInitScript(firstKeystroke);
    await page.goto(server.url + GUIDE_PAGE, { timeout: 60000 });
    await page.waitForFunction(() => window.__firstKeyShown !== undefined, null, { timeout: 60000 });
    const firstKey = await page.evaluate(() => window.__firstKeyShown);
    await loaded(page);
    figures = await page.evaluate(() => {
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
      // What the first paint showed: the guide's text was in the document by then.
      return { fcp, lcp: window.__benchLoad.lcp, takeover: window.__benchLoad.takeover };
    });
    figures.follows = firstKey;
    check();
  } finally {
    await context.close();
    await server.close();
  }
  const reference = await noScriptFcp(browser, dist);
  log(
    `slow 4G run ${run}: FCP ${figures.fcp.toFixed(0)} ms (scripting off ${reference.toFixed(0)} ms), LCP ${figures.lcp.toFixed(0)} ms, first keystroke shown ${figures.follows.toFixed(0)} ms, app taken over ${figures.takeover.toFixed(0)} ms`,
  );
  return new Map([
    ["slow.fcp", figures.fcp],
    ["slow.lcp", figures.lcp ?? figures.fcp],
    ["slow.follows", figures.follows],
    ["slow.takeover", figures.takeover],
    ["slow.noScriptFcp", reference],
  ]);
}
