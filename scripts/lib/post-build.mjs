// Trunk's post-build hook, the only one (hooks of one stage run at the same time, and
// each step below rewrites the staged index.html, so they run here, in order):
//
// 1. Prerender: the bundled guide, rendered by the app's own components at its default
//    values, goes into the page (src/bin/prerender.rs), so it is readable before any
//    WebAssembly runs and without scripting.
// 2. Under `trunk serve`, Trunk's live-reload script moves from inline to a file of the
//    page's own: the server fills its address in per request, so no hash computed here
//    could match it, and the policy would block it.
// 3. The Content-Security-Policy gets the SHA-256 of every inline script the page runs
//    (Trunk's start-up script and the page's head script) in place of its marker:
//    'unsafe-inline' would allow any script. Data blocks (the guide's data) are not
//    scripts, so they get no hash.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GUIDE = join(ROOT, "guides", "matomo.md");
const CSP_MARKER = "'inline-script-hashes'";
/** What Trunk's live-reload script holds until its server fills it in. */
const RELOAD_ADDRESS = "'{{__TRUNK_ADDRESS__}}'";
const RELOAD_BASE = "{{__TRUNK_WS_BASE__}}";
const RELOAD_FILE = "trunk-live-reload.js";

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const page = join(staging, "index.html");

// 1. Prerender (it fails the build, naming the guide's file and line, if it cannot).
try {
  execFileSync("cargo", ["run", "--quiet", "--locked", "--bin", "prerender", "--", GUIDE, page], {
    cwd: ROOT,
    stdio: "inherit",
  });
} catch {
  fail("the bundled guide could not be prerendered (see above)");
}

let html = readFileSync(page, "utf8");

// 2. Live reload, under `trunk serve` only.
const inlineScripts = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
html = html.replace(inlineScripts, (whole, attributes, body) => {
  if (!body.includes(RELOAD_ADDRESS)) return whole;
  const path = new URL(publicUrl, "http://x").pathname;
  const script = body.replace(RELOAD_ADDRESS, "window.location.host").replaceAll(RELOAD_BASE, path);
  writeFileSync(join(staging, RELOAD_FILE), script);
  return `<script src="${path}${RELOAD_FILE}"></script>`;
});

// 3. The policy.
if (!html.includes(CSP_MARKER)) fail(`${page} has no ${CSP_MARKER} marker in its Content-Security-Policy`);
const hashes = [];
for (const [, attributes, body] of html.matchAll(inlineScripts)) {
  const type = attributes.match(/\btype\s*=\s*"([^"]*)"/)?.[1] ?? "";
  if (type !== "" && type !== "module" && type !== "text/javascript") continue;
  hashes.push(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
}
html = html.replace(CSP_MARKER, hashes.join(" "));

// Written whole, then renamed: Trunk never publishes a half-written page.
writeFileSync(`${page}.partial`, html);
renameSync(`${page}.partial`, page);
console.log(`post-build: guide prerendered; ${hashes.length} inline script(s) allowed by hash`);
