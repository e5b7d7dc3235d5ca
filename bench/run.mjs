// Measures the built app in headless Chromium on loopback, with native Rust in the same
// run, and the guide site built from a folder of many guides, and writes
// bench/out/latest.{json,md}. Run by scripts/bench, which installs the tools and builds
// first:
//
//   node bench/run.mjs --dist DIR --dist-nosimd DIR --site DIR --site-prerender-ms N
//                      --site-guides N [--runs N] [--slow-runs N] [--out DIR]
//
// --site is the bench site's build, --site-prerender-ms and --site-guides what its
// post-build hook said ("post-build: N guide page(s) … prerendered in MS ms"), or
// `--site-prerender-ms recompiled` when the hook had to compile the prerender binary
// first (its time is then no figure).
//
// Each figure is measured once per run (a fresh browser context each time) and reported
// as median and min–max. A figure that cannot be taken is reported missing with the
// reason, and the process exits non-zero.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../tests/browser/harness.mjs";
import { partOf, sizes, total } from "./bytes.mjs";
import { hashingKeys, hashingRun } from "./hashing.mjs";
import { NATIVE_KEYS, nativeRun } from "./native.mjs";
import { PAGE_KEYS, PAINT_REFERENCE_KEYS, pageRun, paintReferences } from "./page-load.mjs";
import { CONFIGURATION_KEYS, configurationRun } from "./configuration.mjs";
import { buildReport, markdown } from "./report.mjs";
import { Results } from "./results.mjs";
import { BUILD_KEYS, SITE_KEYS, buildFigures, siteRun } from "./site.mjs";
import { SLOW_KEYS, SLOW_PARSER_KEYS, slowParserRun, slowRun } from "./slow-network.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

function parseArgs(argv) {
  const out = { runs: 5, slowRuns: 5, dist: null, nosimd: null, site: null, prerenderMs: NaN, guides: NaN, out: join(ROOT, "bench", "out") };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === "--runs") out.runs = Number(value);
    else if (key === "--slow-runs") out.slowRuns = Number(value);
    else if (key === "--dist") out.dist = resolve(value);
    else if (key === "--dist-nosimd") out.nosimd = resolve(value);
    else if (key === "--site") out.site = resolve(value);
    else if (key === "--site-prerender-ms") out.prerenderMs = value === "recompiled" ? null : Number(value);
    else if (key === "--site-guides") out.guides = Number(value);
    else if (key === "--out") out.out = resolve(value);
    else die(`unknown argument ${key}`);
  }
  if (!out.dist || !out.nosimd || !out.site) die("--dist, --dist-nosimd and --site are required (scripts/bench passes them)");
  if (!(out.prerenderMs === null || out.prerenderMs >= 0) || !Number.isInteger(out.guides)) {
    die("--site-prerender-ms and --site-guides need numbers (scripts/bench passes them)");
  }
  for (const n of [out.runs, out.slowRuns]) if (!Number.isInteger(n) || n < 1) die("--runs and --slow-runs need positive integers");
  return out;
}

function die(message) {
  console.error(`bench: error: ${message}`);
  process.exit(2);
}

/** Runs `measure` and records its figures, or records why they are missing. */
async function attempt(results, keys, measure) {
  if (keys.some((k) => results.failed(k))) return null; // failed once: not retried
  try {
    return await measure();
  } catch (err) {
    results.fail(keys, err);
    return null;
  }
}

function machine(browserVersion) {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? "unknown CPU";
  const git = (...a) => execFileSync("git", a, { cwd: ROOT, encoding: "utf8" }).trim();
  let commit = "unknown";
  let dirty = false;
  try {
    commit = git("rev-parse", "--short", "HEAD");
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "src", "crates", "index.html", "style", "Cargo.toml", "Cargo.lock") !== "";
  } catch {}
  return {
    cpu,
    cores: availableParallelism(),
    chromium: browserVersion,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit,
    uncommittedAppChanges: dirty,
    loadAverageAtStart: loadavg()[0],
  };
}

/** The bytes of each part, for the files the page was seen to ask for. */
function bytesOf(dist, requested) {
  const parts = { page: {}, worker: {}, parser: {}, checker: {} };
  const workers = ["hasher", "parser", "checker"].flatMap((w) => [`${w}_loader.js`, `${w}.js`, `${w}_bg.wasm`]);
  const names = new Set([...requested, ...workers]);
  for (const name of names) parts[partOf(name)][name] = sizes(dist, name);
  return Object.fromEntries(Object.entries(parts).map(([part, files]) => [part, { files, total: total(files) }]));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.out, { recursive: true });
  const results = new Results(args.runs);
  results.slowRuns = args.slowRuns;
  const browser = await launchBrowser();
  const info = machine(browser.version());
  let requested = null;
  console.error(`==> ${args.runs} runs against ${args.dist} (SIMD off: ${args.nosimd}; site: ${args.site}), ${args.slowRuns} on slow 4G`);
  try {
    if (args.prerenderMs === null) {
      results.fail(["build.sitePrerender"], new Error("the build compiled the prerender binary first (the sources changed during it); run the benchmark again"));
    }
    const built = await attempt(results, BUILD_KEYS.filter((k) => !results.failed(k)), async () => buildFigures(args.site, args.dist, args.prerenderMs, args.guides));
    if (built) results.recordAll(built);
    for (let run = 1; run <= args.runs; run++) {
      const load = await attempt(results, [...PAGE_KEYS, "paint.bytesBeforeFirstPaint"], () => pageRun(browser, args.dist, run));
      if (load) {
        results.recordAll(load.values);
        const beforePaint = load.beforePaint.reduce((sum, name) => sum + sizes(args.dist, name).gzip, 0);
        results.record("paint.bytesBeforeFirstPaint", beforePaint);
        requested ??= load.requested;
      }
      const references = await attempt(results, PAINT_REFERENCE_KEYS, () => paintReferences(browser, args.dist));
      if (references) results.recordAll(references);
      const site = await attempt(results, SITE_KEYS, () => siteRun(browser, args.site, run));
      if (site) results.recordAll(site);
      const configuration = await attempt(results, CONFIGURATION_KEYS, () => configurationRun(browser, args.dist, run));
      if (configuration) results.recordAll(configuration);
      const simd = await attempt(results, hashingKeys("worker"), () => hashingRun(browser, args.dist, "worker", true, run));
      const nosimd = await attempt(results, hashingKeys("nosimd"), () => hashingRun(browser, args.nosimd, "nosimd", false, run));
      // Native right after this run's browser digests: load elsewhere slows all alike.
      const native = await attempt(results, NATIVE_KEYS, async () => nativeRun(ROOT, run));
      // A run's digests count only if all three sets were measured, so ratios pair up.
      if (simd && nosimd && native) [simd, nosimd, native].forEach((v) => results.recordAll(v));
      else results.fail([...hashingKeys("worker"), ...hashingKeys("nosimd"), ...NATIVE_KEYS], new Error(`run ${run} could not measure every kind of digest`));
    }
    for (let run = 1; run <= args.slowRuns; run++) {
      const slow = await attempt(results, SLOW_KEYS, () => slowRun(browser, args.dist, run));
      if (slow) results.recordAll(slow);
      const parser = await attempt(results, SLOW_PARSER_KEYS, () => slowParserRun(browser, args.dist, run));
      if (parser) results.recordAll(parser);
    }
  } finally {
    await browser.close();
  }
  const bytes = requested ? bytesOf(args.dist, requested) : {};
  const report = buildReport(info, results, bytes);
  if (!requested) report.missing.push({ figure: "bytes downloaded", reason: "no page run succeeded" });
  writeFileSync(join(args.out, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  const md = markdown(report);
  writeFileSync(join(args.out, "latest.md"), md);
  console.log(md);
  if (report.missing.length) {
    console.error(`\nbench: FAILED: ${report.missing.length} figure(s) could not be taken:`);
    for (const { figure, reason } of report.missing) console.error(`  - ${figure}: ${reason}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`bench: FAILED: ${err.stack ?? err}`);
  process.exit(1);
});
