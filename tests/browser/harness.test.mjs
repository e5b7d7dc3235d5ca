// The harness's own guards trip: a check that cannot fail is a defect, and so is a guard
// that never fires. Each test makes the thing a guard is for happen once, on purpose, and
// asserts that the harness recorded it (and, for a foreign request, blocked it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { eventually, framed, framingPage, useSharedBrowser, withinBudget } from "./harness.mjs";

const open = useSharedBrowser();
const { shared } = open;

test("an error logged by the service worker is recorded as a problem, like a page's", async () => {
  const app = await open({ at: "", serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    // The index registers the service worker at once.
    await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null)), { timeout: 30000 });
    const [worker] = context.serviceWorkers();
    assert.ok(worker, "no service worker in the context");
    assert.deepEqual(app.problems, [], "problems before the probe");
    await worker.evaluate(() => console.error("a probe logged by the service worker"));
    await eventually(async () =>
      assert.deepEqual(app.problems, ["service worker console error: a probe logged by the service worker"]),
    );
    await page.waitForLoadState("networkidle");
  } finally {
    await app.close();
  }
});

test("a request from inside an embedded frame to a third origin is recorded and blocked", async () => {
  const dir = framingPage(shared.server, 600);
  const parent = await framed(shared.browser, shared.server, dir, "#guide-playground");
  try {
    await parent.frame().waitForLoadState("networkidle"); // leaving must not abort the workers' loading
    assert.deepEqual(parent.foreign, [], "foreign requests before the probe");
    const address = "http://foreign.invalid/from-the-frame";
    // The frame leaves for a third origin (a navigation: the page's own policy would stop
    // a fetch before it became a request).
    await parent.frame().evaluate((to) => void setTimeout(() => location.assign(to), 0), address);
    await eventually(async () => assert.deepEqual(parent.foreign, [address]));
    assert.ok(parent.problems.includes(`request outside the parent's and the playground's origins: ${address}`), JSON.stringify(parent.problems));
    // Blocked: it failed, and never loaded.
    await eventually(async () => assert.ok(parent.problems.some((p) => p.startsWith(`request failed: ${address}`)), JSON.stringify(parent.problems)));
  } finally {
    await parent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("withinBudget passes a figure within the budget, retries a miss once, and fails two misses with both figures and the load", async () => {
  const check = (ms) => assert.ok(ms < 200, `${ms} ms`);
  let tries = 0;
  assert.equal(await withinBudget("at once", async () => (++tries, 150), check), 150);
  assert.equal(tries, 1, "a figure within the budget was measured again");
  const figures = [250, 120];
  assert.equal(await withinBudget("on the retry", async (attempt) => figures[attempt - 1], check), 120);
  await assert.rejects(
    withinBudget("never", async (attempt) => [250, 260][attempt - 1], check),
    (err) => {
      assert.ok(err instanceof assert.AssertionError);
      assert.match(err.message, /^never: over its budget on both tries\. First: 250 \(250 ms; load average [\d.]+, [\d.]+, [\d.]+\)\. Second: 260 \(260 ms; load average [\d.]+, [\d.]+, [\d.]+\)\.$/);
      return true;
    },
  );
  // A measurement that fails for another reason is not retried.
  let measured = 0;
  await assert.rejects(withinBudget("broken", async () => (measured++, assert.fail("no figure")), check), /no figure/);
  assert.equal(measured, 1);
});
