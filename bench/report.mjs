// The report: every figure with its median, min–max and bar, the ratios the issues set
// targets on, the bytes of each part, and how each figure is taken.
import { median } from "./results.mjs";

const KB = 1000;

/** key, label, unit ("ms", "ratio", "kB", "yes", "count"), bar text, bar test */
export const FIGURES = [
  ["paint.fcp", "First contentful paint (shows the guide's text)", "ms", "≤ 100 ms", (v) => v <= 100],
  ["paint.lcp", "Largest contentful paint", "ms", "≤ 200 ms", (v) => v <= 200],
  ["paint.noScriptFcp", "  for reference: the same page's first paint with scripting off", "ms"],
  ["paint.floorFcp", "  for reference: a blank one-sentence page's first paint here", "ms"],
  ["paint.cls", "Cumulative layout shift through the takeover", "score", "< 0.02", (v) => v < 0.02],
  ["paint.domGuide", "Guide text in the DOM at DOMContentLoaded (1 = yes, every run)", "yes", "= 1", (v) => v === 1],
  ["paint.bytesBeforeFirstPaint", "Bytes needed before the first paint (gzip)", "kB"],
  ["nav.follows", "Navigation → the guide follows typing (the page's first module)", "ms"],
  ["nav.takeover", "Navigation → the app has taken over, the reader reaching for the page at once", "ms"],
  ["nav.workerReady", "Navigation → hashing worker ready (loaded and warmed)", "ms"],
  ["slow.fcp", "Slow 4G: guide painted (first contentful paint)", "ms", "≤ 500 ms", (v) => v <= 500],
  ["slow.noScriptFcp", "  for reference: the same page's first paint with scripting off, slow 4G", "ms"],
  ["slow.lcp", "Slow 4G: largest contentful paint", "ms"],
  ["slow.follows", "Slow 4G: the first keystroke shows in the guide (typed as soon as the page's first module listens)", "ms", "≤ 1200 ms", (v) => v <= 1200],
  ["slow.takeover", "Slow 4G: the app has taken over, the reader reaching for the page at once", "ms"],
  ["slow.parser.providerAtOnce", "Slow 4G, fresh visit: Provider opened, Generate pressed at once → block on show", "ms", "≤ 2000 ms", (v) => v <= 2000],
  ["slow.parser.provider", "  the same, Generate pressed 3 s after opening", "ms", "≤ 2000 ms", (v) => v <= 2000],
  ["slow.parser.checkAtOnce", "Slow 4G, fresh visit: Check my configuration opened, a paste, Check pressed at once → summary", "ms", "≤ 2000 ms", (v) => v <= 2000],
  ["slow.parser.check", "  the same, Check pressed 3 s after opening", "ms", "≤ 2000 ms", (v) => v <= 2000],
  ["slow.parser.openAtOnce", "Slow 4G, fresh visit: Open another guide opened, a paste, Open pressed at once → guide on show", "ms", "≤ 2000 ms", (v) => v <= 2000],
  ["slow.parser.open", "  the same, Open pressed 3 s after opening", "ms", "≤ 2000 ms", (v) => v <= 2000],
  ["key.p50", "Keystroke → guide updated, p50 of 54 keys", "ms"],
  ["key.p95", "Keystroke → guide updated, p95 of 54 keys", "ms", "< 16 ms", (v) => v < 16],
  ["worker.pbkdf2", "PBKDF2-SHA512 310000 it., app's worker (SIMD on)", "ms"],
  ["nosimd.pbkdf2", "  the same, worker built without SIMD", "ms"],
  ["webcrypto.pbkdf2", "PBKDF2-SHA512 310000 it., WebCrypto in the same page", "ms"],
  ["native.pbkdf2", "PBKDF2-SHA512 310000 it., native (same kernel, cargo bench)", "ms"],
  ["worker.argon2id", "Argon2id m=65536 t=3 p=4, app's worker (SIMD on)", "ms"],
  ["nosimd.argon2id", "  the same, worker built without SIMD", "ms"],
  ["native.argon2id", "Argon2id m=65536 t=3 p=4, native (same kernel)", "ms"],
  ["oracle.argon2id", "Argon2id m=65536 t=3 p=4, native RustCrypto crate (AVX2)", "ms"],
  ["worker.scrypt", "scrypt ln=16 r=8 p=1, app's worker (SIMD on)", "ms"],
  ["nosimd.scrypt", "  the same, worker built without SIMD", "ms"],
  ["native.scrypt", "scrypt ln=16 r=8 p=1, native (the same RustCrypto crate)", "ms"],
  ["worker.cold", "First digest after load (PBKDF2-SHA512)", "ms"],
  ["worker.typing", "Secret typed key by key (20 keys, 50 ms apart): last key → its digest", "ms"],
  ["gen.wall", "Generate click → status \"digest ready\"", "ms"],
  ["gen.longtask", "Longest main-thread long task during Generate (> 50 ms only; 0 = none)", "ms"],
  ["gen.heartbeat", "Largest setTimeout(0) heartbeat gap during Generate", "ms"],
  ["config.rsa2048", "Provider: Generate (RSA 2048 and hmac_secret) → block on show, parser worker warm", "ms"],
  ["webcrypto.rsa2048", "  for reference: WebCrypto's generateKey, RSA 2048, in the page itself", "ms"],
  ["config.rsaWithP256", "Provider: Generate (RSA 2048 and ECDSA P-256) → block on show", "ms"],
  ["webcrypto.p256", "  for reference: WebCrypto's generateKey, ECDSA P-256, in the page itself", "ms"],
  ["config.check2mb", "Check my configuration: a 1.99 MB paste (the page's client block, then copies of its client under other ids) → summary on show", "ms"],
  ["config.check2mbLongtask", "  the longest main-thread long task from the click to the summary (> 50 ms only; 0 = none)", "ms"],
  ["config.explain2mb", "Why did my login fail?: a 1.99 MB log (a token endpoint's auth method line, repeated) with that configuration → answer on show", "ms"],
  ["config.explain2mbLongtask", "  the longest main-thread long task from the click to the answer (> 50 ms only; 0 = none)", "ms"],
  ["config.paste2mb", "  the reader's Ctrl+V of that paste into the box, the browser's own editing (from the test's side)", "ms"],
  ["build.siteGuides", "The guide site: guides in the bench site (copies of the project's guides)", "count", "≥ 150", (v) => v >= 150],
  ["build.sitePrerender", "Prerendering the site, beyond the WebAssembly build (post-build hook)", "ms", "≤ 5000 ms", (v) => v <= 5000],
  ["build.guidePageMedian", "Bytes a guide page adds to the shared files (its HTML, gzip), median of all", "kB", "≤ 12 kB", (v) => v <= 12 * KB],
  ["build.guidePageMax", "  the same, the largest guide page", "kB", "≤ 40 kB", (v) => v <= 40 * KB],
  ["build.sharedGzip", "The page's own download (its first module's JS + WASM, and its style element), gzip", "kB", "≤ 140 kB", (v) => v <= 140 * KB],
  ["build.appGzip", "The app, loaded when the reader reaches for the page (JS + WASM), gzip", "kB", "≤ 200 kB", (v) => v <= 200 * KB],
  ["site.secondFcp", "Second guide opened from the index, shared files cached: first contentful paint", "ms"],
  ["site.secondNoScriptFcp", "  for reference: the same page reached the same way with scripting off", "ms"],
  ["site.secondFollows", "  that page's first module follows typing (keystrokes take effect)", "ms", "≤ 150 ms", (v) => v <= 150],
  ["site.secondTakeover", "  the app has taken over that page, the reader reaching for it at once", "ms"],
  ["site.secondSwFcp", "  for reference: its first contentful paint with the app's service worker in control", "ms"],
  ["site.secondSwTakeover", "  for reference: its takeover with the app's service worker in control", "ms"],
  ["site.filterP50", "Index of the bench site: filter keystroke → list updated, p50 of 20 keys", "ms"],
  ["site.filterP95", "Index of the bench site: filter keystroke → list updated, p95 of 20 keys", "ms", "< 16 ms", (v) => v < 16],
];

/** numerator, denominator, label, bar text, bar test (per-run ratios, then their median) */
const RATIOS = [
  ["worker.pbkdf2", "webcrypto.pbkdf2", "PBKDF2: worker / WebCrypto", "≤ 1.15×", (v) => v <= 1.15],
  ["worker.pbkdf2", "native.pbkdf2", "PBKDF2: worker / native"],
  ["worker.argon2id", "native.argon2id", "Argon2id: worker / native (same kernel)", "≤ 1.3×", (v) => v <= 1.3],
  ["worker.argon2id", "oracle.argon2id", "Argon2id: worker / native RustCrypto crate"],
  ["native.argon2id", "oracle.argon2id", "Argon2id native: own kernel / RustCrypto crate"],
  ["worker.scrypt", "native.scrypt", "scrypt: worker / native (the same crate)"],
  ["worker.scrypt", "nosimd.scrypt", "scrypt: SIMD / no SIMD"],
  ["worker.argon2id", "nosimd.argon2id", "Argon2id: SIMD build / no SIMD build"],
  ["worker.cold", "worker.pbkdf2", "First digest / a later one", "≤ 1.2×", (v) => v <= 1.2],
  ["config.rsa2048", "webcrypto.rsa2048", "Provider RSA 2048: Generate in the worker / WebCrypto in the page"],
  ["site.secondFcp", "site.secondNoScriptFcp", "Second guide from the index: FCP / FCP with scripting off", "≤ 1.1×", (v) => v <= 1.1],
  ["slow.fcp", "slow.noScriptFcp", "Slow 4G: FCP / FCP with scripting off"],
];

export const METHODS = [
  "Bytes: each file the browser asked for on the Matomo guide's page (matomo/ of the built site), read from the build and compressed here with node's zlib (gzip level 9, brotli quality 11). page = matomo/index.html (its style inlined), JS, WASM and icon; worker = the hashing worker (hasher_loader.js, hasher.js, hasher_bg.wasm), which every page loads; parser = the guide parser, loaded only when a reader opens another guide or makes the provider's keys; checker = the configuration checker, loaded only when a reader opens Check my configuration or Why did my login fail?. 1 kB = 1000 bytes.",
  "Bytes before the first paint: the document plus every resource the browser marks render-blocking (Resource Timing's renderBlockingStatus), gzip.",
  "Paints: the browser's own paint and largest-contentful-paint entries; layout shift = the sum of layout-shift entries without recent input, read two frames after the hashing worker is ready (so the whole takeover is in); all in a fresh context per run, on loopback, without request interception or HTTP cache. For reference, each run also loads the page with scripting off, and a page holding one sentence, served the same way: the first paints of the markup alone and of almost nothing.",
  "The page's first module and the app: every context's reader reaches for the page (a pointerdown on it) as soon as the first module listens, so the first module loads the app at once, as for a reader who clicks in (tests/browser/harness.mjs, reachForThePage). Follows typing: performance.now() when a MutationObserver sees <html> gain data-follows-typing; takeover: the same for the app's root gaining data-app-mounted; worker ready: the page's own performance mark gp:hashing-worker-ready. The app (app.js, app_bg.wasm) is its own part of the bytes; a reader who never reaches for the page never downloads it.",
  "Slow 4G's first keystroke: an init script's MutationObserver, the moment <html> gains data-follows-typing (after the reader's press, which starts the app's download), sets the Domain field's text to home.arpa and dispatches an input event; the figure is performance.now() (since navigation) when the guide's first Domain occurrence shows it, checked at once and then at each animation frame, the app still on its way.",
  "Slow 4G: Lighthouse's profile through the DevTools protocol (150 ms latency, 1.6 Mbps down, 750 kbps up, CPU 4× slower), files served gzipped; fresh context per run. Scripting off: the same page in a context without JavaScript, right after each run. The parser worker's answers: for each of Provider, Check my configuration and Open another guide, a fresh visit of its own; once the app has taken over and its hashing worker is ready, the section's summary is clicked (which starts the section's worker), its paste filled, and its button pressed at once, or in a second fresh visit 3 s later (bench/slow-network.mjs's READER_MS, the reader's time to copy a configuration or pick a guide); the figure is the press to the answer on show, on the page's clock.",
  "Keystrokes: 54 keys typed one at a time at the start of the Domain input; from a capturing keydown listener to the MutationObserver callback that sees the guide's Authorize URL with the new value.",
  "Digests: through the app's own page and worker client; each is the time the worker itself took, as the status line says it (\"Digest ready in N ms\"), for a secret never hashed before, after the algorithm is picked; three rounds per run, interleaved with WebCrypto's deriveBits (PBKDF2, SHA-512, 310000 iterations, 16-byte salt) in the same page; a run's figure is the median of its rounds. SIMD off = the same app built with RUSTFLAGS=-C target-feature=-simd128.",
  "First digest: the first digest after the hashing worker says it is ready (it warms its kernels first). Typing: 20 keys 50 ms apart into the secret field; from the last keydown to the status line saying the digest is ready (only ever said for the secret on the page).",
  "Native: `cargo bench -p guide-secrets --bench hash` (release; medians of five hashes), right after each run's browser digests: the same code as the worker (its kernels, RustCrypto's scrypt), and RustCrypto's argon2 crate, which the owned Argon2 kernel would be replaced by, as a fixed reference. Ratios are taken per run, then their median (min–max).",
  "Generate: a setTimeout(0) heartbeat and a PerformanceObserver for long tasks, from the click on Generate until the status line says the digest is ready.",
  "The guide site: bench/site-guides.mjs writes a Hugo section of 150 guides, each a copy of one of the project's own guides (guides/*.md, tests/fixtures/guides/**, the notebook folder with its picture among them) with its title and aliases made unique, and scripts/bench builds it with GUIDES=that folder (trunk build --release, after the app's own build). Prerendering = the ms the post-build hook reports for the site build (src/build/, every stage from reading the folder to the last file written, on the build's own clock; its compile already done). A guide page's bytes = its <slug>/index.html, gzip level 9; the page's own download = the build's guide-playground-*.js, guide-playground-*_bg.wasm, gzip level 9 each, and the page's style element (inlined in every page), gzip level 9. One build, so one sample of each.",
  "Second guide: the site served with a static host's caching headers (hashed JS and WASM `public, max-age=31536000, immutable`; HTML and the rest `no-cache` with an ETag), service workers blocked, in a fresh context per run: the index opened and left to settle (the app mounted, the network idle), then the second entry of its list clicked. FCP = that page's first-contentful-paint entry; follows typing and takeover = performance.now() (since that page's navigation) when a MutationObserver sees <html> gain data-follows-typing, and the app's root data-app-mounted (the reader reaching for the page at once). The hashed files must come from the cache (a request for one fails the run). The reference: the same, in a context with scripting off, FCP polled from outside the page. Service workers allowed (for reference): the same with scripting, the index's service worker controlling the index before the click, so the guide page and its files pass through its (network-first) fetch handler, as on an https site after the first page.",
  "Filter: 20 keys typed one at a time into the index's filter (f o r g, four Backspaces, 1 4, two Backspaces, k i, two Backspaces, w, Backspace, 3 4), each of which changes the count the index shows; from a capturing keydown listener to the MutationObserver callback that sees #gp-filter-count say the new count (set after the list's entries are shown or hidden). Fresh context per run, after the index has settled.",
];

export function buildReport(info, results, bytes) {
  const figures = {};
  const missing = [];
  for (const [key, label, unit, bar, test] of FIGURES) {
    const xs = results.samples.get(key);
    // Figures read from the one build are taken once; slow 4G has runs of its own.
    const expected = key.startsWith("build.") ? 1 : key.startsWith("slow.") ? results.slowRuns : results.runs;
    if (results.failures.has(key) || !xs || xs.length !== expected) {
      missing.push({ figure: label, reason: results.failures.get(key) ?? `${xs?.length ?? 0} of ${expected} runs measured` });
      continue;
    }
    const m = median(xs);
    figures[key] = { label, unit, median: m, min: Math.min(...xs), max: Math.max(...xs), runs: xs, bar: bar ?? null, meetsBar: test ? test(m) : null };
  }
  const ratios = [];
  for (const [a, b, label, bar, test] of RATIOS) {
    if (!figures[a] || !figures[b]) continue;
    const xs = figures[a].runs.map((v, i) => v / figures[b].runs[i]);
    const v = median(xs);
    ratios.push({ label, median: v, min: Math.min(...xs), max: Math.max(...xs), runs: xs, bar: bar ?? null, meetsBar: test ? test(v) : null });
  }
  return { machine: info, runs: results.runs, slowRuns: results.slowRuns, bytes, figures, ratios, missing, notes: results.notes, methods: METHODS };
}

const fmt = (v, unit) => {
  if (unit === "score") return v.toFixed(4);
  if (unit === "yes" || unit === "count") return String(v);
  if (unit === "kB") return `${(v / KB).toFixed(1)} kB`;
  return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
};
const kB = (b) => (b < KB ? `${b} B` : `${(b / KB).toFixed(1)} kB`);
const mark = (ok) => (ok === null ? "" : ok ? "✓" : "✗ misses");

export function markdown(r) {
  const m = r.machine;
  const lines = [`### Guide Playground benchmark, ${m.date}`, ""];
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores; Chromium ${m.chromium} (headless); Node ${m.node}; ` +
      `app commit ${m.commit}${m.uncommittedAppChanges ? " plus uncommitted changes" : ""}; ` +
      `load average at start ${m.loadAverageAtStart.toFixed(2)}. ${r.runs} runs (slow 4G: ${r.slowRuns}); median (min–max).`,
  );
  if (r.missing.length) lines.push("", `**INCOMPLETE: ${r.missing.length} figure(s) could not be taken (listed at the end).**`);
  for (const [part, label, bar] of [
    // No bar on the whole: the site's budget is on the shared JS, WASM and CSS (≤ 200 kB,
    // "The page's own shared download" below) and on each guide page's own HTML (≤ 12 kB).
    ["page", "Page (matomo/index.html with its style, JS, WASM, icon)", null],
    ["worker", "Hashing worker", ["gzip ≤ 120 kB", 120]],
    ["parser", "Guide parser (loaded only to open another guide or make the provider's keys)", null],
    ["checker", "Configuration checker (loaded only to check a configuration or explain an error)", null],
  ]) {
    const b = r.bytes[part];
    if (!b) continue;
    lines.push("", `| ${label} | raw | gzip | brotli |`, "|---|---:|---:|---:|");
    for (const [name, f] of Object.entries(b.files).sort()) lines.push(`| ${name} | ${kB(f.raw)} | ${kB(f.gzip)} | ${kB(f.brotli)} |`);
    lines.push(`| **total** | **${kB(b.total.raw)}** | **${kB(b.total.gzip)}** | **${kB(b.total.brotli)}** |`);
    if (bar) lines.push("", `Bar: ${bar[0]}: ${mark(b.total.gzip <= bar[1] * KB)} (${kB(b.total.gzip)}).`);
  }
  lines.push("", "| Figure | Median | Min–max | Bar |", "|---|---:|---:|---|");
  for (const [key] of FIGURES) {
    const f = r.figures[key];
    if (f) lines.push(`| ${f.label} | ${fmt(f.median, f.unit)} | ${fmt(f.min, f.unit)}–${fmt(f.max, f.unit)} | ${f.bar ? `${f.bar} ${mark(f.meetsBar)}` : ""} |`);
  }
  for (const q of r.ratios) {
    lines.push(`| ${q.label} (per-run ratio) | ${q.median.toFixed(2)}× | ${q.min.toFixed(2)}–${q.max.toFixed(2)}× | ${q.bar ? `${q.bar} ${mark(q.meetsBar)}` : ""} |`);
  }
  lines.push("", "How each figure is taken:", "", ...r.methods.map((x) => `- ${x}`));
  if (r.missing.length) lines.push("", "Not measured (the benchmark failed):", "", ...r.missing.map(({ figure, reason }) => `- ${figure}: ${reason}`));
  lines.push("");
  return lines.join("\n");
}
