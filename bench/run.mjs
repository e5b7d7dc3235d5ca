// Measures the built app (a Trunk dist/) in headless Chromium on loopback, plus the
// hashing code natively, and writes bench/out/latest.{json,md}. Run by scripts/bench,
// which installs the tools and builds first:
//
//   node bench/run.mjs --dist DIR [--runs N] [--out DIR]
//
// Every figure is measured in each of N runs (fresh browser context each time) and
// reported as median and min–max. A figure that cannot be taken is reported as missing
// with the reason, and the process exits non-zero: no number is ever printed that was not
// measured on this run.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { APP_READY, launchBrowser, openApp, serveDist } from "../tests/browser/harness.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

// ---------------------------------------------------------------------------------------
// What is measured, and the bars it is held to.

/** The Authorize URL the guide shows for the default values (domain example.com). */
const AUTHORIZE_URL = "https://auth.example.com/api/oidc/authorization";
/** The worker's files; everything else the page requests counts as "page". */
const WORKER_FILES = new Set(["worker_loader.js", "worker.js", "worker_bg.wasm"]);
/** Typed at the start of the Domain value, one key at a time: every prefix is a valid host. */
const KEYSTROKES = "abcdefgh.".repeat(6); // 54 keys per run
/** The secret every digest is computed for (the native benchmark uses the same). */
const PLAINTEXT = "insecure_secret";
const PBKDF2_ITERATIONS = 310000;
/** Hashes of each kind per run in the browser (after a warm-up); the run keeps their median. */
const HASH_REPEAT = 3;
const TIMEOUT_GUIDE_MS = 15000;
const TIMEOUT_KEY_MS = 3000;
const TIMEOUT_DIGEST_MS = 120000;
const KB = 1000;

const args = parseArgs(process.argv.slice(2));
const RUNS = args.runs;
const DIST = resolve(args.dist);
const OUT = resolve(args.out);

function parseArgs(argv) {
  const out = { runs: 5, dist: null, out: join(ROOT, "bench", "out") };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === "--runs") out.runs = Number(value);
    else if (key === "--dist") out.dist = value;
    else if (key === "--out") out.out = value;
    else die(`unknown argument ${key}`);
    i++;
  }
  if (!out.dist) die("--dist DIR is required (scripts/bench passes it)");
  if (!Number.isInteger(out.runs) || out.runs < 1) die("--runs needs a positive integer");
  return out;
}

function die(message) {
  console.error(`bench: error: ${message}`);
  process.exit(2);
}

const log = (message) => console.error(`    ${message}`);

// ---------------------------------------------------------------------------------------
// Results: each figure collects one sample per run; failures are kept with their reason.

const samples = new Map(); // figure key -> number[]
const failures = new Map(); // figure key -> reason
const notes = {};

function record(key, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`internal: ${key} got a non-number ${value}`);
  }
  if (!samples.has(key)) samples.set(key, []);
  samples.get(key).push(value);
}

function fail(keys, err) {
  const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
  for (const key of keys) if (!failures.has(key)) failures.set(key, reason);
  log(`FAILED ${keys.join(", ")}: ${reason}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};

// ---------------------------------------------------------------------------------------
// The page run: a fresh context without request interception (routing would add a round
// trip to node per request and skew the navigation time), with the harness's rules:
// any console error, uncaught exception, failed request, HTTP error or foreign request
// fails the run.

/** Installed before any page script: marks when the app mounts and the guide shows. */
function navigationProbe(authorizeUrl) {
  const marks = {};
  window.__benchNav = marks;
  const check = () => {
    const t = performance.now(); // origin: this navigation's start
    if (marks.mounted === undefined && document.querySelector("[data-app-mounted]")) marks.mounted = t;
    if (marks.guide === undefined && document.body && document.body.textContent.includes(authorizeUrl)) {
      marks.guide = t;
    }
    if (marks.mounted !== undefined && marks.guide !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

async function newCleanPage(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  const problems = [];
  const responses = [];
  // Without request interception Chromium fetches /favicon.ico by itself (the app declares
  // no icon); that 404 is the browser's, not the app's, and is not counted anywhere.
  const favicon = server.origin + "/favicon.ico";
  const own = (url) => url.startsWith(server.origin + "/") || url.startsWith("blob:") || url.startsWith("data:");
  context.on("request", (req) => {
    if (!own(req.url())) problems.push(`request outside the app's origin: ${req.url()}`);
  });
  context.on("response", (res) => {
    if (res.url() === favicon) return;
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    else if (res.url().startsWith(server.origin + "/")) responses.push(withBody(res));
  });
  context.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  const page = await context.newPage();
  page.on("console", (msg) => msg.type() === "error" && msg.location().url !== favicon && problems.push(`console error: ${msg.text()} (${msg.location().url})`));
  page.on("pageerror", (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on("worker", (w) => w.on("console", (msg) => msg.type() === "error" && problems.push(`worker console error: ${msg.text()}`)));
  const check = () => {
    if (problems.length) throw new Error(`the page reported problems: ${problems.join("; ")}`);
  };
  return { context, page, problems, responses, check };
}

/** A response and its body, asked for at once: a worker's responses vanish with it. */
function withBody(res) {
  const body = res.body();
  body.catch(() => {}); // awaited (and reported) in downloadedFiles
  return { url: res.url(), body };
}

/** Bytes the browser received, per file, read from the responses themselves. */
async function downloadedFiles(responses) {
  const files = {};
  for (const res of responses) {
    const path = new URL(res.url).pathname.replace(/^\//, "") || "index.html";
    const body = await Promise.race([
      res.body,
      new Promise((_, no) => setTimeout(() => no(new Error(`the body of ${path} never arrived`)), 10000)),
    ]);
    if (files[path] && files[path].raw !== body.length) {
      throw new Error(`${path} was served twice with different sizes`);
    }
    files[path] = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }).length,
    };
  }
  return files;
}

const HASHING_KEYS = ["bytes.worker", "worker.start", "worker.pbkdf2", "worker.pbkdf2.wall", "webcrypto.pbkdf2", "worker.argon2id", "worker.argon2id.wall"];
/** The measurements that need the UI, each with the figures it yields. */
const UI_PHASES = [
  { name: "guide", keys: ["nav.guide"], run: guidePhase },
  { name: "keys", keys: ["key.p50", "key.p95", "key.frame.p95"], run: keysPhase },
  { name: "generate", keys: ["gen.wall", "gen.longtask", "gen.heartbeat", "gen.raf"], run: generatePhase },
];
const PAGE_KEYS = ["nav.mounted", "bytes.page", ...UI_PHASES.flatMap((p) => p.keys)];

async function pageRun(browser, run) {
  const server = await serveDist({ root: DIST });
  const { context, page, responses, check } = await newCleanPage(browser, server);
  // Figures of this run, kept back until the page is known to have stayed clean.
  const values = new Map();
  const rec = (key, value) => values.set(key, value);
  try {
    await context.addInitScript(navigationProbe, AUTHORIZE_URL);
    await page.goto(server.url);
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    const mounted = await page.evaluate(() => window.__benchNav.mounted);
    if (mounted === undefined) throw new Error("the mount probe saw no [data-app-mounted]");
    rec("nav.mounted", mounted);

    for (const phase of UI_PHASES) {
      // A phase that failed once is not retried (and waited for) in later runs.
      if (phase.keys.some((k) => failures.has(k))) continue;
      try {
        await phase.run(page, rec, run);
      } catch (err) {
        fail(phase.keys, err);
        // Nothing else can be measured on a page that never shows the guide.
        if (phase.name === "guide") for (const later of UI_PHASES) fail(later.keys, err);
      }
    }
    await page.waitForTimeout(200); // late failures (a panic after mount) surface
    check();
    const files = await downloadedFiles(responses);
    for (const [key, value] of values) record(key, value);
    return files;
  } catch (err) {
    fail(PAGE_KEYS, err);
    return null;
  } finally {
    await context.close();
    await server.close();
  }
}

/** Navigation start -> the Authorize URL is in the DOM. */
async function guidePhase(page, rec) {
  try {
    await page.waitForFunction(() => window.__benchNav.guide !== undefined, null, { timeout: TIMEOUT_GUIDE_MS });
  } catch {
    throw new Error(
      `the guide never showed ${AUTHORIZE_URL} within ${TIMEOUT_GUIDE_MS / 1000} s of navigation ` +
        `(is the UI that renders the guide in this build?)`,
    );
  }
  rec("nav.guide", await page.evaluate(() => window.__benchNav.guide));
}

/** Keystroke -> the guide shows the new Domain value. */
async function keysPhase(page, rec, run) {
  const domain = page.getByLabel("Domain", { exact: true });
  try {
    await domain.waitFor({ timeout: 5000 });
  } catch {
    throw new Error('no input labelled "Domain" (exact) on the page');
  }
  const original = await domain.inputValue();
  if (!original) throw new Error("the Domain input starts empty; expected a default domain");
  await domain.click();
  await page.keyboard.press("Home");
  await page.evaluate(() => {
    const kb = { samples: [] };
    window.__benchKeys = kb;
    addEventListener("keydown", () => (kb.keydown = performance.now()), { capture: true });
    new MutationObserver(() => {
      const t = performance.now();
      const p = kb.pending;
      if (!p || p.updated !== undefined) return;
      if (document.body.textContent.includes(p.expect)) {
        p.updated = t;
        requestAnimationFrame(() => (p.frame = performance.now()));
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const times = [];
  const frames = [];
  let typed = "";
  for (const key of KEYSTROKES) {
    typed += key;
    const expect = typed + original;
    const stale = await page.evaluate((expect) => {
      window.__benchKeys.keydown = undefined;
      window.__benchKeys.pending = { expect };
      return document.body.textContent.includes(expect);
    }, expect);
    if (stale) throw new Error(`the page already shows "${expect}" before the key is typed`);
    await page.keyboard.type(key);
    try {
      await page.waitForFunction(() => window.__benchKeys.pending.frame !== undefined, null, { timeout: TIMEOUT_KEY_MS });
    } catch {
      const value = await domain.inputValue();
      throw new Error(
        `after typing "${key}" the guide did not show the Domain value "${expect}" within ${TIMEOUT_KEY_MS} ms ` +
          `(the input holds "${value}")`,
      );
    }
    const { keydown, pending } = await page.evaluate(() => window.__benchKeys);
    if (keydown === undefined) throw new Error("no keydown event was seen for a typed key");
    times.push(pending.updated - keydown);
    frames.push(pending.frame - keydown);
  }
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  rec("key.p50", p50);
  rec("key.p95", p95);
  rec("key.frame.p95", percentile(frames, 95));
  (notes.keystrokes ??= []).push(times);
  log(`run ${run}: ${times.length} keystrokes, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
}

/** The longest main-thread task while the app computes a digest. */
async function generatePhase(page, rec) {
  const generate = page.getByRole("button", { name: "Generate" });
  try {
    await generate.waitFor({ timeout: 5000 });
  } catch {
    throw new Error('no "Generate" button on the page');
  }
  await page.evaluate(() => {
    const g = { longtasks: [], heartbeatGap: 0, rafGap: 0 };
    window.__benchGen = g;
    const statusText = () =>
      [...document.querySelectorAll('[role="status"], output')].map((e) => e.textContent).join(" ");
    const ready = () => /digest ready/i.test(statusText());
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (g.clicked !== undefined && e.startTime >= g.clicked) g.longtasks.push(e.duration);
    }).observe({ type: "longtask" });
    // Heartbeats: a setTimeout(0) chain and a requestAnimationFrame chain; their largest
    // gaps show main-thread stalls below the 50 ms long-task threshold too.
    let lastBeat = performance.now();
    const beat = () => {
      const t = performance.now();
      if (g.clicked !== undefined && g.done === undefined) g.heartbeatGap = Math.max(g.heartbeatGap, t - lastBeat);
      lastBeat = t;
      if (g.done === undefined) setTimeout(beat, 0);
    };
    setTimeout(beat, 0);
    let lastFrame = performance.now();
    const frame = () => {
      const t = performance.now();
      if (g.clicked !== undefined && g.done === undefined) g.rafGap = Math.max(g.rafGap, t - lastFrame);
      lastFrame = t;
      if (g.done === undefined) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    addEventListener(
      "click",
      () => {
        g.clicked = performance.now();
        g.sawNotReady = !ready();
      },
      { capture: true, once: true },
    );
    new MutationObserver(() => {
      const t = performance.now();
      if (g.clicked === undefined || g.done !== undefined) return;
      if (!ready()) g.sawNotReady = true;
      else if (g.sawNotReady) g.done = t;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await generate.click();
  try {
    await page.waitForFunction(() => window.__benchGen.done !== undefined, null, { timeout: TIMEOUT_DIGEST_MS });
  } catch {
    const status = await page.evaluate(() =>
      [...document.querySelectorAll('[role="status"], output')].map((e) => e.textContent).join(" | "),
    );
    throw new Error(
      `after clicking Generate, no status line said "digest ready" within ${TIMEOUT_DIGEST_MS / 1000} s (status: "${status}")`,
    );
  }
  // The accessible role, as a reader's tools see it, must agree with the in-page probe.
  await page.getByRole("status").filter({ hasText: /digest ready/i }).waitFor({ timeout: 1000 });
  await page.waitForTimeout(100); // long-task entries are delivered asynchronously
  const g = await page.evaluate(() => window.__benchGen);
  rec("gen.longtask", g.longtasks.length ? Math.max(...g.longtasks) : 0);
  rec("gen.heartbeat", g.heartbeatGap);
  rec("gen.raf", g.rafGap);
  rec("gen.wall", g.done - g.clicked);
}

// ---------------------------------------------------------------------------------------
// The hashing run: the app's worker spawned by the bench in the app's own page (through
// the harness, with its request rules), and WebCrypto in the same page.

async function hashingRun(browser, run) {
  const server = await serveDist({ root: DIST });
  const app = await openApp({ browser, server });
  const workerResponses = [];
  app.context.on("response", (res) => res.status() < 400 && workerResponses.push(withBody(res)));
  try {
    const result = await app.page.evaluate(
      async ({ plaintext, iterations, repeat }) => {
        const within = (promise, ms, what) =>
          Promise.race([promise, new Promise((_, no) => setTimeout(() => no(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
        const started = performance.now();
        const worker = new Worker(new URL("worker_loader.js", document.baseURI), { type: "module" });
        let onReply = null;
        const ready = new Promise((ok, no) => {
          worker.onerror = (e) => no(new Error(`worker error: ${e.message}`));
          worker.onmessage = (e) => (e.data === "ready" ? ok() : no(new Error(`unexpected first message ${JSON.stringify(e.data)}`)));
        });
        await within(ready, 30000, "worker start");
        const start = performance.now() - started;
        worker.onmessage = (e) => onReply?.(e.data);
        let nextId = 1;
        const hash = (algorithm) => {
          const id = nextId++;
          const t = performance.now();
          const reply = new Promise((ok, no) => {
            onReply = (d) => {
              const wall = performance.now() - t;
              if (d.id !== id) no(new Error(`reply for job ${d.id}, expected ${id}`));
              else if (!d.ok) no(new Error(`worker: ${d.error}`));
              else ok({ ms: d.ms, wall, digest: d.digest });
            };
          });
          worker.postMessage({ id, op: "hash", algorithm, plaintext });
          return within(reply, 120000, `worker ${algorithm}`);
        };
        const webcrypto = async () => {
          const t = performance.now();
          const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(plaintext), "PBKDF2", false, ["deriveBits"]);
          const salt = crypto.getRandomValues(new Uint8Array(16));
          const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-512", salt, iterations }, key, 512);
          if (bits.byteLength !== 64) throw new Error(`WebCrypto returned ${bits.byteLength} bytes`);
          return performance.now() - t;
        };
        // Warm-ups: a fresh worker's first hash is slower (compilation tiers, allocation).
        await hash("pbkdf2-sha512");
        await webcrypto();
        // Then REPEAT rounds, worker and WebCrypto alternating so that other load on the
        // machine hits both alike; the run's figure is the median of its rounds.
        const mid = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
        const rounds = { pbkdf2: [], pbkdf2Wall: [], subtle: [], argon2id: [], argon2idWall: [] };
        const digests = {};
        for (let i = 0; i < repeat; i++) {
          const p = await hash("pbkdf2-sha512");
          rounds.pbkdf2.push(p.ms);
          rounds.pbkdf2Wall.push(p.wall);
          digests.pbkdf2 = p.digest;
          rounds.subtle.push(await webcrypto());
          const a = await hash("argon2id");
          rounds.argon2id.push(a.ms);
          rounds.argon2idWall.push(a.wall);
          digests.argon2id = a.digest;
        }
        worker.terminate();
        const pbkdf2 = { ms: mid(rounds.pbkdf2), wall: mid(rounds.pbkdf2Wall), digest: digests.pbkdf2 };
        const subtle = mid(rounds.subtle);
        const argon2id = { ms: mid(rounds.argon2id), wall: mid(rounds.argon2idWall), digest: digests.argon2id };
        return { start, pbkdf2, subtle, argon2id, rounds };
      },
      { plaintext: PLAINTEXT, iterations: PBKDF2_ITERATIONS, repeat: HASH_REPEAT },
    );
    // The digests must carry Authelia's defaults, or the timing is of something else.
    if (!result.pbkdf2.digest.startsWith(`$pbkdf2-sha512$${PBKDF2_ITERATIONS}$`)) {
      throw new Error(`the worker's PBKDF2 digest is not at ${PBKDF2_ITERATIONS} iterations: ${result.pbkdf2.digest.slice(0, 30)}…`);
    }
    if (!result.argon2id.digest.startsWith("$argon2id$v=19$m=65536,t=3,p=4$")) {
      throw new Error(`the worker's Argon2id digest is not m=65536,t=3,p=4: ${result.argon2id.digest.slice(0, 40)}…`);
    }
    log(
      `run ${run}: worker PBKDF2 ${result.pbkdf2.ms.toFixed(0)} ms, WebCrypto ${result.subtle.toFixed(0)} ms, ` +
        `Argon2id ${result.argon2id.ms.toFixed(0)} ms`,
    );
    const files = await downloadedFiles(
      workerResponses.filter((res) => WORKER_FILES.has(new URL(res.url).pathname.split("/").pop())),
    );
    await app.close(); // asserts that the page reported no problem
    return { result, files };
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------
// Native: the same Rust code, through the crate's own benchmark (its output is parsed;
// the crate is not touched). Each invocation prints a median of five hashes.

function nativeRun(run) {
  const out = execFileSync("cargo", ["bench", "--locked", "-q", "-p", "guide-secrets", "--bench", "hash"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? join(ROOT, "target", "bench") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const line = (name, params) => {
    const found = out.split("\n").find((l) => l.startsWith(name));
    if (!found) throw new Error(`cargo bench printed no ${name} line:\n${out}`);
    if (!params.test(found)) throw new Error(`cargo bench's ${name} is not at Authelia's defaults: ${found}`);
    const ms = found.match(/median of \d+ = ([\d.]+) ms$/);
    if (!ms) throw new Error(`cannot read a time from: ${found}`);
    return Number(ms[1]);
  };
  const pbkdf2 = line("PBKDF2-SHA512", new RegExp(`hash: Sha512, iterations: ${PBKDF2_ITERATIONS} `));
  const argon2id = line("Argon2id", /memory_kib: 65536, iterations: 3, parallelism: 4,/);
  record("native.pbkdf2", pbkdf2);
  record("native.argon2id", argon2id);
  log(`run ${run}: native PBKDF2 ${pbkdf2} ms, Argon2id ${argon2id} ms`);
}

// ---------------------------------------------------------------------------------------

function machine(browserVersion) {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const cpu = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? "unknown CPU";
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

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  const info = machine(browser.version());
  console.error(`==> ${RUNS} runs against ${DIST}`);
  const pageFiles = [];
  const workerFiles = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const files = await pageRun(browser, run);
      if (files) pageFiles.push(files);
      try {
        const { result, files } = await hashingRun(browser, run);
        // Recorded only once the whole run succeeded, so every figure has one value per run.
        record("worker.start", result.start);
        record("worker.pbkdf2", result.pbkdf2.ms);
        record("worker.pbkdf2.wall", result.pbkdf2.wall);
        record("webcrypto.pbkdf2", result.subtle);
        record("worker.argon2id", result.argon2id.ms);
        record("worker.argon2id.wall", result.argon2id.wall);
        (notes.hashRounds ??= []).push(result.rounds);
        workerFiles.push(files);
      } catch (err) {
        fail(HASHING_KEYS, err);
      }
      // Native in the same run, right after the browser's hashes: when other work on the
      // machine slows a run down, it slows all three, and the per-run ratios stay fair.
      if (!failures.has("native.pbkdf2")) {
        try {
          nativeRun(run);
        } catch (err) {
          fail(["native.pbkdf2", "native.argon2id"], err);
        }
      }
    }
  } finally {
    await browser.close();
  }

  const bytes = { page: checkFiles(pageFiles, "page"), worker: checkFiles(workerFiles, "worker") };
  const report = buildReport(info, bytes);
  writeFileSync(join(OUT, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  const md = markdown(report);
  writeFileSync(join(OUT, "latest.md"), md);
  console.log(md);
  if (report.missing.length) {
    console.error(`\nbench: FAILED: ${report.missing.length} figure(s) could not be taken:`);
    for (const { figure, reason } of report.missing) console.error(`  - ${figure}: ${reason}`);
    process.exit(1);
  }
}

/** The files of one part, identical in every run (or the figure fails). */
function checkFiles(perRun, part) {
  const key = `bytes.${part}`;
  if (failures.has(key)) return null;
  try {
    if (perRun.length !== RUNS) throw new Error(`${perRun.length} of ${RUNS} runs recorded files`);
    // Compared by name, whatever the order the files arrived in.
    const canon = (f) => JSON.stringify(Object.keys(f).sort().map((k) => [k, f[k]]));
    const first = canon(perRun[0]);
    const odd = perRun.find((f) => canon(f) !== first);
    if (odd) throw new Error(`the downloaded files differed between runs: ${first} vs ${canon(odd)}`);
    const files = perRun[0];
    const names = Object.keys(files);
    const pageKinds = [/^index\.html$/, /\.js$/, /\.wasm$/, /\.css$/];
    if (part === "page") {
      for (const kind of pageKinds) if (!names.some((n) => kind.test(n))) throw new Error(`the page downloaded no file matching ${kind}`);
      for (const n of names) if (WORKER_FILES.has(n)) delete files[n]; // counted as the worker's
    } else {
      for (const n of WORKER_FILES) if (!files[n]) throw new Error(`the worker did not download ${n}`);
    }
    return files;
  } catch (err) {
    fail([key], err);
    return null;
  }
}

const FIGURES = [
  // key, label, unit, bar (value => pass?), bar text
  ["nav.mounted", "Navigation start → app mounted", "ms"],
  ["nav.guide", "Navigation start → guide's Authorize URL in the DOM", "ms", (v) => v < 500, "< 500 ms"],
  ["key.p50", "Keystroke → guide updated, p50 of 54 keys", "ms"],
  ["key.p95", "Keystroke → guide updated, p95 of 54 keys", "ms", (v) => v < 16, "< 16 ms"],
  ["key.frame.p95", "Keystroke → next animation frame after the update, p95", "ms"],
  ["worker.start", "Worker start (new Worker → \"ready\")", "ms"],
  ["worker.pbkdf2", "PBKDF2-SHA512 310000 it., app's worker (its `ms`)", "ms"],
  ["worker.pbkdf2.wall", "  the same, wall time around postMessage", "ms"],
  ["webcrypto.pbkdf2", "PBKDF2-SHA512 310000 it., WebCrypto", "ms"],
  ["native.pbkdf2", "PBKDF2-SHA512 310000 it., native (cargo bench)", "ms"],
  ["worker.argon2id", "Argon2id m=65536 t=3 p=4, app's worker (its `ms`)", "ms"],
  ["worker.argon2id.wall", "  the same, wall time around postMessage", "ms"],
  ["native.argon2id", "Argon2id m=65536 t=3 p=4, native (cargo bench)", "ms"],
  ["gen.wall", "Generate click → status \"digest ready\"", "ms"],
  ["gen.longtask", "Longest main-thread long task during Generate (only tasks > 50 ms are reported; 0 = none)", "ms"],
  ["gen.heartbeat", "Largest setTimeout(0) heartbeat gap during Generate", "ms"],
  ["gen.raf", "Largest animation-frame gap during Generate", "ms"],
];

function buildReport(info, bytes) {
  const figures = {};
  const missing = [];
  for (const [key, label, unit, bar, barText] of FIGURES) {
    const xs = samples.get(key);
    if (failures.has(key) || !xs || xs.length !== RUNS) {
      missing.push({ figure: label, reason: failures.get(key) ?? `${xs?.length ?? 0} of ${RUNS} runs measured` });
      continue;
    }
    const m = median(xs);
    figures[key] = { label, unit, median: m, min: Math.min(...xs), max: Math.max(...xs), runs: xs, bar: barText ?? null, meetsBar: bar ? bar(m) : null };
  }
  // Per-run ratios (the two figures were taken seconds apart), then their median.
  const ratio = (a, b, label, barText, bar) => {
    if (!figures[a] || !figures[b]) return null;
    const xs = figures[a].runs.map((v, i) => v / figures[b].runs[i]);
    const v = median(xs);
    return { label, median: v, min: Math.min(...xs), max: Math.max(...xs), runs: xs, bar: barText ?? null, meetsBar: bar ? bar(v) : null };
  };
  const ratios = [
    ratio("worker.pbkdf2", "webcrypto.pbkdf2", "PBKDF2: worker / WebCrypto", "≤ 1.3×", (v) => v <= 1.3),
    ratio("worker.pbkdf2", "native.pbkdf2", "PBKDF2: worker / native"),
    ratio("worker.argon2id", "native.argon2id", "Argon2id: worker / native"),
  ].filter(Boolean);
  for (const [part, files] of Object.entries(bytes)) {
    if (!files) {
      missing.push({ figure: `bytes downloaded (${part})`, reason: failures.get(`bytes.${part}`) ?? "not measured" });
    }
  }
  const total = (files) =>
    files && Object.values(files).reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const pageTotal = total(bytes.page);
  return {
    machine: info,
    runs: RUNS,
    dist: DIST,
    bytes: {
      page: bytes.page && { files: bytes.page, total: pageTotal, bar: "gzip ≤ 200 kB", meetsBar: pageTotal.gzip <= 200 * KB },
      worker: bytes.worker && { files: bytes.worker, total: total(bytes.worker) },
    },
    figures,
    ratios,
    keystrokeSamplesMs: notes.keystrokes ?? [],
    hashRoundsMs: notes.hashRounds ?? [],
    missing,
    methods: METHODS,
  };
}

const METHODS = [
  "Bytes: the bodies Chromium received from the loopback server (uncompressed, as served), compressed here with node's zlib (gzip level 9, brotli quality 11); page = every file the app's page loads, worker = worker_loader.js, worker.js, worker_bg.wasm (requested when a worker starts); identical in every run. 1 kB = 1000 bytes.",
  "Navigation: performance.now() (origin = navigation start) in a MutationObserver installed by an init script before any page script, at the first mutation after which the body's text contains the Authorize URL; fresh browser context each run, no request interception, no HTTP cache (no-store).",
  "Keystroke: 54 keys typed one at a time (Playwright keyboard.type) at the start of the Domain input; in-page from a capturing keydown listener's performance.now() to the first MutationObserver callback after which the page shows the new Domain value; p50/p95 per run (nearest rank), then median and min–max of those across runs; 'next frame' is the requestAnimationFrame callback after that update.",
  "Worker: the bench spawns the app's worker in the app's page (new Worker(worker_loader.js, module)), waits for \"ready\", hashes once to warm up, then times 3 rounds of PBKDF2-SHA512, WebCrypto and Argon2id, alternating; a run's figure is the median of its rounds; worker figure = the reply's `ms` (measured inside the worker), wall = postMessage → reply on the page. Digests are checked to carry Authelia's default parameters.",
  "WebCrypto: crypto.subtle importKey + deriveBits (PBKDF2, SHA-512, 310000 iterations, 16-byte random salt, 512 bits) in the same page, after a warm-up call, alternating with the worker's hashes.",
  "Native: `cargo bench -p guide-secrets --bench hash` (release profile, the crate's own benchmark; each invocation prints a median of 5 hashes), run once per run right after that run's browser hashes; its output is parsed. Ratios are taken per run, then their median (min–max).",
  "Generate: setTimeout(0) and requestAnimationFrame heartbeats plus a PerformanceObserver for 'longtask' installed before clicking Generate, read until a MutationObserver sees the status line say \"digest ready\" (also checked through getByRole(\"status\")).",
];

const fmt = (v, unit) => (unit === "ms" ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : String(v));
const kB = (b) => (b < KB ? `${b} B` : `${(b / KB).toFixed(1)} kB`);

function markdown(r) {
  const m = r.machine;
  const lines = [];
  lines.push(`### Guide Playground benchmark, ${m.date}`);
  lines.push("");
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores; Chromium ${m.chromium} (headless); Node ${m.node}; ` +
      `app commit ${m.commit}${m.uncommittedAppChanges ? " plus uncommitted changes in the working tree" : ""}; ` +
      `load average at start ${m.loadAverageAtStart.toFixed(2)}. ${r.runs} runs; median (min–max).`,
  );
  if (r.missing.length) {
    lines.push("");
    lines.push(`**INCOMPLETE: ${r.missing.length} figure(s) could not be taken (listed below the tables).**`);
  }
  const mark = (ok) => (ok === null ? "" : ok ? "✓" : "✗ misses");
  for (const [part, label] of [["page", "Page (index.html, JS, WASM, CSS)"], ["worker", "Worker (worker_loader.js, worker.js, worker_bg.wasm)"]]) {
    const b = r.bytes[part];
    if (!b) continue;
    lines.push("");
    lines.push(`| ${label} | raw | gzip | brotli |`);
    lines.push("|---|---:|---:|---:|");
    for (const [name, f] of Object.entries(b.files).sort()) lines.push(`| ${name} | ${kB(f.raw)} | ${kB(f.gzip)} | ${kB(f.brotli)} |`);
    lines.push(`| **total** | **${kB(b.total.raw)}** | **${kB(b.total.gzip)}** | **${kB(b.total.brotli)}** |`);
    if (b.bar) lines.push("", `Bar: page ${b.bar}: ${mark(b.meetsBar)} (${kB(b.total.gzip)}).`);
  }
  lines.push("");
  lines.push("| Figure | Median | Min–max | Bar |");
  lines.push("|---|---:|---:|---|");
  for (const [key] of FIGURES) {
    const f = r.figures[key];
    if (!f) continue;
    lines.push(`| ${f.label} | ${fmt(f.median, f.unit)} ms | ${fmt(f.min, f.unit)}–${fmt(f.max, f.unit)} ms | ${f.bar ? `${f.bar} ${mark(f.meetsBar)}` : ""} |`);
  }
  for (const q of r.ratios) {
    lines.push(`| ${q.label} (per-run ratio) | ${q.median.toFixed(2)}× | ${q.min.toFixed(2)}–${q.max.toFixed(2)}× | ${q.bar ? `${q.bar} ${mark(q.meetsBar)}` : ""} |`);
  }
  lines.push("");
  lines.push("How each figure is taken:");
  lines.push("");
  for (const m of r.methods) lines.push(`- ${m}`);
  if (r.missing.length) {
    lines.push("");
    lines.push("Not measured (the benchmark failed):");
    lines.push("");
    for (const { figure, reason } of r.missing) lines.push(`- ${figure}: ${reason}`);
  }
  lines.push("");
  return lines.join("\n");
}

main().catch((err) => {
  console.error(`bench: FAILED: ${err.stack ?? err}`);
  process.exit(1);
});
