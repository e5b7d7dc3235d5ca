// The site build (`trunk build`, its hook running src/bin/prerender.rs) against guides that
// cost it time: front matter nested 80 000 `[` deep, which held the hook 67 s before the
// nesting was measured ahead of the YAML reader, now fails at once naming the guide, its
// line and the limit; and a guide that takes longer to read than the build's budget per
// guide ends the build naming the guide and the budget (GP_GUIDE_BUDGET_MS shortens the
// budget so a test can see it spent).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trunkBuild, ROOT } from "./harness.mjs";


/** `MAX_YAML_NESTING` (crates/guide-engine/src/yaml_depth.rs). */
const MAX_YAML_NESTING = 128;

/** A release build of the site from `folder` into a scratch folder, with `env` added;
 * what it said, its exit status, how long it took and what it left behind. */
function build(folder, env = {}) {
  const out = mkdtempSync(join(tmpdir(), "gp-limits-site-"));
  const dist = join(out, "dist");
  const started = Date.now();
  const { status, said } = trunkBuild(folder, dist, env);
  const ms = Date.now() - started;
  const written = existsSync(dist) ? readdirSync(dist, { recursive: true }) : [];
  rmSync(out, { recursive: true, force: true });
  return { status, said, ms, written };
}

before(() => {
  // scripts/test puts Trunk on PATH; without it this is a failure, never a skip.
  execFileSync("trunk", ["--version"]);
});

test("front matter nested 80 000 [ deep fails the build at once, naming the guide, its line and the limit", () => {
  const { status, said, ms, written } = build("tests/fixtures/site-deep-yaml");
  console.log(`the build with 80 000 nested [ in a guide's front matter failed after ${ms} ms`);
  assert.notEqual(status, 0, said);
  assert.ok(
    said.includes(`prerender: deep.md:3: line 3: the front matter is refused: its [ and { nest more than ${MAX_YAML_NESTING} levels deep`),
    said,
  );
  assert.ok(!said.includes("fine.md"), `the guide that builds was named:\n${said}`);
  assert.match(said, /prerender: the site was not built: 1 problem\(s\)/);
  assert.deepEqual(written, [], "a site was left behind");
});

test("a guide that takes longer than the build's budget per guide ends the build, naming the guide and the budget", () => {
  // The hostile corpus's 1.9 MB code line takes far longer than 1 ms to read.
  const folder = mkdtempSync(join(tmpdir(), "gp-slow-guides-"));
  try {
    mkdirSync(join(folder, "slow"));
    copyFileSync(join(ROOT, "tests", "fixtures", "hostile", "credential-line.md"), join(folder, "slow", "index.md"));
    const { status, said, written } = build(folder, { GP_GUIDE_BUDGET_MS: "1" });
    assert.notEqual(status, 0, said);
    assert.ok(
      said.includes("prerender: slow/index.md: reading the guide took longer than 1 ms, the build's budget per guide; the site was not built"),
      said,
    );
    assert.deepEqual(written, [], "a site was left behind");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
