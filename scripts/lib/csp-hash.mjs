// Trunk post-build hook: puts the SHA-256 of every inline <script> of the staged
// index.html into its Content-Security-Policy, in place of the INLINE-SCRIPT-HASHES marker.
// Why: Trunk starts the app with an inline module script, and the policy must allow
// exactly that script and no other inline code ('unsafe-inline' would allow any).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MARKER = "'inline-script-hashes'";
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const file = join(staging, "index.html");
const html = readFileSync(file, "utf8");
if (!html.includes(MARKER)) {
  console.error(`csp-hash: ${file} has no ${MARKER} marker in its Content-Security-Policy`);
  process.exit(1);
}
const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  const digest = createHash("sha256").update(match[1], "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}
writeFileSync(file, html.replace(MARKER, hashes.join(" ")));
console.log(`csp-hash: ${hashes.length} inline script(s) allowed by hash`);
