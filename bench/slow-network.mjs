// The page (the Matomo guide's) on a slow phone: Lighthouse's "slow 4G" profile (150 ms round trip, 1.6 Mbps
// down, 750 kbps up) and a 4× slower CPU, applied through the DevTools protocol, with
// the files served gzipped as a static host serves them.
import { GUIDE_PAGE, serveDist } from "../tests/browser/harness.mjs";
import { cleanPage, loaded } from "./page-load.mjs";
import { log } from "./results.mjs";

/** Lighthouse's mobile "slow 4G" throttling. */
export const SLOW_4G = {
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
  cpuSlowdown: 4,
};

export const SLOW_KEYS = ["slow.fcp", "slow.lcp", "slow.takeover"];

/** One run on the throttled network: first paint (which shows guide text), largest
 * paint, and the takeover (from then on a keystroke takes effect). */
export async function slowRun(browser, dist, run) {
  const server = await serveDist({ root: dist, gzip: true });
  const { context, page, check } = await cleanPage(browser, server);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: SLOW_4G.latency,
      downloadThroughput: SLOW_4G.downloadThroughput,
      uploadThroughput: SLOW_4G.uploadThroughput,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOW_4G.cpuSlowdown });
    await context.addInitScript(() => {
      const probe = { lcp: null };
      window.__benchLoad = probe;
      new PerformanceObserver((list) => {
        const entries = list.getEntries();
        probe.lcp = entries[entries.length - 1].startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
      new MutationObserver(() => {
        if (probe.takeover === undefined && document.querySelector("[data-app-mounted]")) probe.takeover = performance.now();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-app-mounted"] });
    });
    await page.goto(server.url + GUIDE_PAGE, { timeout: 60000 });
    await loaded(page);
    const figures = await page.evaluate(() => {
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
      // What the first paint showed: the guide's text was in the document by then.
      return { fcp, lcp: window.__benchLoad.lcp, takeover: window.__benchLoad.takeover };
    });
    check();
    log(`slow 4G run ${run}: FCP ${figures.fcp.toFixed(0)} ms, LCP ${figures.lcp.toFixed(0)} ms, takeover ${figures.takeover.toFixed(0)} ms`);
    return new Map([
      ["slow.fcp", figures.fcp],
      ["slow.lcp", figures.lcp ?? figures.fcp],
      ["slow.takeover", figures.takeover],
    ]);
  } finally {
    await context.close();
    await server.close();
  }
}
