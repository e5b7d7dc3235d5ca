// "Check my configuration" against pastes that cost time: a configuration nested 100 000
// `[` deep (the YAML reader's time grows with the square of the depth: a minute for this
// one), one of 5 MB (the page copied and posted it before the worker refused it; then the
// browser's own insertion of the paste held the thread 0.9-1.2 s). Each answer is timed,
// and the page's thread watched, in the page itself. (A client digest whose check takes
// seconds, which the provider's Generate must not wait behind, is configuration.test.mjs's:
// it asserts an order, not a time.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { installProbe, openApp, settled, stopProbe, withinBudget } from "./harness.mjs";

const FIXTURES = new URL("../fixtures/configuration/", import.meta.url);
const fixture = (name) => readFileSync(new URL(name, FIXTURES), "utf8");

/** `MAX_YAML_NESTING` (crates/guide-engine/src/yaml_depth.rs) and `MAX_CONFIGURATION_BYTES`
 * (crates/authelia-check/src/configuration.rs). */
const MAX_YAML_NESTING = 128;
const MAX_CONFIGURATION_BYTES = 2_000_000;

/** The longest the page's thread may be held at once while a paste is checked. */
const STALL_MS = 200;

/** How long a reader may wait for a refusal, measured in the page. */
const ANSWER_MS = 2000;

/** Opens "Check my configuration" and puts `text` in its box as one input event (as the
 * hostile corpus's guide pastes do: the browser's own handling of a huge paste is not the
 * page's code), then lets the page render it, so only the check is timed. */
async function prepare(page, text) {
  const details = page.locator("details.config-check");
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await page.locator("#gp-config-paste").evaluate(async (area, t) => {
    area.value = t;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }, text);
}

/**
 * Presses Check and waits for the answer, timing from the press to the answer and
 * watching the page's thread the while: a 10 ms heartbeat's longest gap and every long
 * task. Returns the figures, the status and the findings.
 */
async function pressCheck(page) {
  return page.evaluate(async () => {
    const status = document.getElementById("gp-config-status");
    const probe = { maxGap: 0, longTasks: [] };
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
    });
    observer.observe({ type: "longtask" });
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      probe.maxGap = Math.max(probe.maxGap, now - last);
      last = now;
    }, 10);
    status.textContent = "";
    const answered = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (status.textContent && status.textContent !== "Working…") {
          watch.disconnect();
          resolve(performance.now());
        }
      });
      watch.observe(status, { childList: true, characterData: true, subtree: true });
    });
    const start = performance.now();
    document.getElementById("gp-config-check").click();
    const end = await answered;
    // One more beat, so a stall that ends with the answer is counted.
    await new Promise((resolve) => setTimeout(resolve, 30));
    clearInterval(timer);
    observer.disconnect();
    return {
      ms: Math.round(end - start),
      maxGap: Math.round(probe.maxGap),
      longTasks: probe.longTasks,
      status: status.textContent,
      // Each finding's line button, rule and whole text.
      findings: [...document.querySelectorAll("#gp-config-findings li")].map((li) => ({
        place: li.querySelector("button")?.textContent,
        rule: li.querySelector("samp")?.textContent,
        text: li.textContent,
      })),
    };
  });
}

/** Asserts the answer came within ANSWER_MS and no task held the thread STALL_MS. */
function quickAndSmooth(figures) {
  assert.ok(figures.ms <= ANSWER_MS, `answered after ${figures.ms} ms`);
  assert.ok(figures.maxGap <= STALL_MS, `the page's thread stalled ${figures.maxGap} ms (long tasks: ${figures.longTasks})`);
  assert.ok(figures.longTasks.every((ms) => ms <= STALL_MS), `long tasks: ${figures.longTasks}`);
}

test("a configuration nested 100 000 [ deep is refused at its line within 2 s, the page's thread never held 200 ms", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const text = fixture("deep-nesting.yml");
    const figures = await withinBudget("deep nesting: the answer and the page's thread", async () => {
      await prepare(page, text);
      return pressCheck(page);
    }, quickAndSmooth);
    console.log(`deep nesting (${text.length} bytes): answered in ${figures.ms} ms; longest gap ${figures.maxGap} ms; long tasks ${JSON.stringify(figures.longTasks)}`);
    assert.equal(figures.status, "Checked nothing (not YAML): 1 finding.");
    assert.equal(figures.findings.length, 1);
    const [finding] = figures.findings;
    assert.equal(finding.place, `Line 4, column ${14 + MAX_YAML_NESTING}`);
    assert.equal(finding.rule, "too-deep");
    assert.match(finding.text, new RegExp(`more than ${MAX_YAML_NESTING} levels deep`));
    app.expectNoProblems();
  } finally {
    await app.close();
  }
});

/**
 * Pastes `text` into the configuration box as a reader does, through the clipboard and
 * Ctrl+V (setting `value` from a script would pass by what a paste goes through), watching
 * the page's thread from the key press to `until` on show in the status (a 10 ms
 * heartbeat's longest gap and every long task): the browser's own insertion of a paste
 * runs on that thread too. Putting the text in the clipboard is the test's own work and is
 * not watched.
 */
async function pasteWatched(page, text, until) {
  const details = page.locator("details.config-check");
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await page.locator("#gp-config-paste").evaluate(async (area, t) => {
    area.value = "";
    document.getElementById("gp-config-status").textContent = "";
    await navigator.clipboard.writeText(t);
    area.focus();
  }, text);
  await installProbe(page);
  await page.keyboard.press("Control+V");
  await page.locator("#gp-config-status").filter({ hasText: until }).waitFor({ timeout: 60000 });
  // After the page has drawn what it shows, so a stall that ends with the refusal counts.
  await settled(page);
  const figures = await stopProbe(page);
  return page.evaluate((f) => ({
    ...f,
    status: document.getElementById("gp-config-status").textContent,
    kept: document.getElementById("gp-config-paste").value.length,
  }), figures);
}

test("a 5 MB configuration paste is refused before the browser inserts it, naming the limit, the page's thread never held 200 ms", async () => {
  const app = await openApp({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = app;
  try {
    // The page's own kind of file, repeated past 5 MB.
    const unit = fixture("correct-whole.yml");
    const text = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const figures = await withinBudget("5 MB paste: from Ctrl+V to the refusal, the page's thread", () => pasteWatched(page, text, /^Not pasted/), (f) => {
      assert.ok(f.maxGap <= STALL_MS, `the page's thread stalled ${f.maxGap} ms (long tasks: ${f.longTasks})`);
      assert.ok(f.longTasks.every((ms) => ms <= STALL_MS), `long tasks: ${f.longTasks}`);
    });
    console.log(`5 MB paste (${text.length} characters): longest gap ${figures.maxGap} ms; long tasks ${JSON.stringify(figures.longTasks)}`);
    assert.equal(figures.status, `Not pasted: it is ${text.length} characters, over the ${MAX_CONFIGURATION_BYTES} this box takes.`);
    assert.equal(figures.kept, 0, "the paste reached the box");
    // Text that reaches the box another way (typed, or set by a script) still meets the
    // byte limit when Check is pressed, before it is copied or posted: the box keeps one
    // character past it, and the page names the limit.
    assert.equal(await page.locator("#gp-config-paste").getAttribute("maxlength"), String(MAX_CONFIGURATION_BYTES + 1));
    await prepare(page, "x".repeat(MAX_CONFIGURATION_BYTES + 1));
    const checked = await pressCheck(page);
    assert.equal(
      checked.status,
      `The paste is ${MAX_CONFIGURATION_BYTES + 1} bytes or more; a configuration may be at most ${MAX_CONFIGURATION_BYTES} bytes here. Paste only the identity_providers part of the configuration.`,
    );
    assert.deepEqual(checked.findings, []);
    app.expectNoProblems();
  } finally {
    await app.close();
  }
});
