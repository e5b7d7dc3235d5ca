// The workers are supervised: a crash, a hang or a worker that cannot start gets its job
// a clear reason, the worker is started again, other lanes go on, and Generate still
// produces a digest. Faults are injected by serving a worker a loader that crashes or
// hangs when a request carries a marker; the workers themselves are the real ones. While
// the hashing worker computes PBKDF2-SHA512 and Argon2id digests, the page's thread is
// never blocked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answersHeld, blockDigest, digestReady, eventually, hashingWorkerReady, holdAnswers, installProbe, secretField, settled, status, stopProbe, useSharedBrowser, withinBudget } from "./harness.mjs";

const open = useSharedBrowser();

/**
 * Serves `loader` (hasher_loader.js or parser_loader.js) with a fault in front of the
 * worker's own handler: a request holding "crash-the-worker" throws, one holding
 * "hang-the-worker" spins forever.
 */
async function injectFault(context, loader) {
  await context.route(`**/${loader}`, async (route) => {
    const response = await route.fetch();
    const original = await response.text();
    const fault = `
      self.addEventListener("message", (event) => {
        const text = new TextDecoder().decode(new Uint8Array(event.data));
        if (text.includes("crash-the-worker")) {
          event.stopImmediatePropagation();
          throw new Error("simulated crash");
        }
        if (text.includes("hang-the-worker")) for (;;) {}
      });
    `;
    await route.fulfill({ response, body: fault + original });
  });
}

/** Problems the page reported, other than the simulated crash's own report. */
const unexpected = (problems) => problems.filter((p) => !p.includes("simulated crash"));

test("a worker that crashes is restarted, its job says so, and the next digest comes", async () => {
  const app = await open({ allowProblems: true });
  const { page, context } = app;
  try {
    await injectFault(context, "hasher_loader.js");
    await app.quiet(); // a reload must not abort the first load
    await page.reload();
    await secretField(page).fill("crash-the-worker-0123456789");
    await status(page).filter({ hasText: /^No digest: the hashing worker stopped unexpectedly/ }).waitFor({ timeout: 15000 });
    assert.doesNotMatch(await status(page).innerText(), /could not start/);
    await page.getByRole("button", { name: "Generate" }).click();
    await status(page).filter({ hasText: /^Digest ready in \d+ ms/ }).waitFor({ timeout: 30000 });
    assert.deepEqual(unexpected(app.problems), []);
  } finally {
    await app.close();
  }
});

test("a guide that hangs the parser is stopped at its budget while digests go on", async () => {
  const app = await open({ allowProblems: true });
  const { page, context } = app;
  try {
    await injectFault(context, "parser_loader.js");
    await page.getByText("Open another guide").click();
    // On the page's own clock: when the digest is ready and when the parser's budget
    // ends the stuck guide. The order, not the test's wall clock, says whether the digest
    // waited for the parser. The digest's time must beat the parser's 5 s budget, so a
    // miss is measured once more (the harness's withinBudget).
    await withinBudget(
      "the digest while the parser hangs",
      async (attempt) => {
        if (attempt > 1) {
          // Back to the guide with a secret, from the guide the first try opened.
          await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
          await page.locator("main h1").filter({ hasText: "Matomo with Authelia" }).waitFor();
        }
        await page.getByLabel("Paste a guide").fill("# Stuck\n\nhang-the-worker\n");
        await page.evaluate(() => {
          const ready = () => /^Digest ready in \d+ ms/.test(document.querySelector("p.status")?.textContent ?? "");
          // A digest counts once the status has said something else first (on a second
          // try, the first try's "Digest ready" is still on show).
          const seen = (window.__seen = { waiting: !ready() });
          const observer = new MutationObserver(() => {
            if (!ready()) seen.waiting = true;
            else if (seen.waiting) seen.digest ??= performance.now();
            if (/this took longer than 5 s/.test(document.querySelector("p.open-error")?.textContent ?? "")) seen.stopped ??= performance.now();
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        await page.getByRole("button", { name: "Open pasted guide" }).click();
        // Meanwhile the hashing worker, another lane, answers.
        await page.getByRole("button", { name: "Generate" }).click();
        await page.waitForFunction(() => window.__seen.digest !== undefined, null, { timeout: 30000 });
        const error = page.locator("p.open-error");
        await error.filter({ hasText: "pasted text could not be opened: this took longer than 5 s" }).waitFor({ timeout: 30000 });
        const seen = await page.evaluate(() => window.__seen);
        assert.ok(seen.digest !== undefined && seen.stopped !== undefined, JSON.stringify(seen));
        // The parser was started again: the next guide opens.
        await page.getByLabel("Paste a guide").fill(`---\ntitle: After The Hang ${attempt}\n---\n\nIt opens.\n`);
        await page.getByRole("button", { name: "Open pasted guide" }).click();
        await page.locator("main h1").filter({ hasText: `After The Hang ${attempt} with Authelia` }).waitFor({ timeout: 15000 });
        return { digest: seen.digest, stopped: seen.stopped };
      },
      ({ digest, stopped }) => assert.ok(digest < stopped, `the digest waited for the stuck parser: ready ${Math.round(digest - stopped)} ms after its budget ended it`),
    );
    assert.deepEqual(unexpected(app.problems), []);
  } finally {
    await app.close();
  }
});

test("a worker that cannot start is reported as such, and the page keeps working", async () => {
  const app = await open({ allowProblems: true });
  const { page, context } = app;
  try {
    // The first load's worker ready and its files in before the route: the reload must
    // cut off nothing (Playwright's "networkidle" may have passed before the worker asked
    // for its files, and a cut-off hasher.js is a problem this test does not allow), and
    // the route must reach only the reloaded page's worker.
    await app.quiet();
    await context.route("**/hasher_loader.js", (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.reload();
    await page.getByRole("button", { name: "Generate" }).click();
    await status(page).filter({ hasText: /^No digest: the hashing worker could not start/ }).waitFor({ timeout: 15000 });
    // Everything that needs no digest still works.
    await page.getByLabel("Domain", { exact: true }).fill("example.org");
    await eventually(async () => assert.match(await page.locator("output.authelia-url").innerText(), /example\.org/));
    // Only the refused script was a problem.
    assert.deepEqual(
      app.problems.filter((p) => !p.includes("hasher_loader.js")),
      [],
      "problems other than the refused worker script",
    );
  } finally {
    await app.close();
  }
});

test("answers that arrive after their guide was closed are dropped, and show nothing in the next guide", async () => {
  const app = await open({ prepare: (context) => context.addInitScript(holdAnswers, "hasher_loader") });
  const { page } = app;
  try {
    await hashingWorkerReady(page);
    // A digest of the secret typed, then a check (the worker answers one job at a time).
    const digest = "$pbkdf2-sha512$310000$AAECAwQFBgcICQoLDA0ODw$9ZQrEYhdNLF1FIgDM7nE9r7NtzMoSGaPtyrao0oNAXa8odkuErgHfEJogXyzHFaoA3hKmZvOP2WKxkIY0mSRoQ";
    await page.getByText("Check a digest").click();
    await page.getByLabel("Digest", { exact: true }).fill(digest);
    await page.getByLabel("Secret to check").fill("insecure_secret");
    // The digest's answer waits until this guide is closed, and the check's comes after it.
    await page.evaluate(() => (window.__answers.hold = 1));
    await secretField(page).fill("typed-before-the-switch-0123456789");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await answersHeld(page, 1);
    await page.getByText("Open another guide").click();
    await page.getByLabel("Paste a guide").fill("---\ntitle: Switched\n---\n\n`{{< sitevar name=\"client-secret\" nojs=\"s\" >}}`\n");
    await page.getByRole("button", { name: "Open pasted guide" }).click();
    await page.locator("main h1").filter({ hasText: "Switched with Authelia" }).waitFor();
    const before = await page.evaluate(() => window.__answers.sent);
    assert.equal(await page.evaluate(() => window.__answers.release()), 1, "the answer held was not delivered");
    // The check's answer, after the digest's.
    await eventually(async () => assert.equal(await page.evaluate(() => window.__answers.sent), before + 1), { timeout: 60000 });
    await settled(page);
    // Neither shows: the closed guide's digest is not the new guide's, and the check,
    // emptied as its guide closed, gives no verdict on what it no longer holds.
    assert.match(await status(page).innerText(), /^No secret of yours yet/, "the closed guide's digest was shown");
    assert.equal(await page.getByLabel("Digest", { exact: true }).inputValue(), "");
    assert.equal(await page.locator("p.check-result").innerText(), "", "the closed guide's verdict was shown");
    await page.getByRole("button", { name: "Generate" }).click();
    await status(page).filter({ hasText: /^Digest ready in \d+ ms/ }).waitFor({ timeout: 60000 });
  } finally {
    await app.close(); // fails on any panic reported in the console
  }
});

test("a configuration check answered after its guide was closed shows no findings in the next guide", async () => {
  const app = await open({ prepare: (context) => context.addInitScript(holdAnswers, "checker_loader") });
  const { page } = app;
  try {
    await page.locator("summary", { hasText: "Check my configuration" }).click();
    await page.locator("#gp-config-paste").fill("identity_providers:\n  oidc:\n    clients: []\n");
    await page.evaluate(() => (window.__answers.hold = 1));
    await page.getByRole("button", { name: "Check my configuration" }).click();
    await answersHeld(page, 1);
    await page.getByText("Open another guide").click();
    await page.getByLabel("Paste a guide").fill("---\ntitle: Switched\n---\n\nNo client here.\n");
    await page.getByRole("button", { name: "Open pasted guide" }).click();
    await page.locator("main h1").filter({ hasText: "Switched with Authelia" }).waitFor();
    assert.equal(await page.evaluate(() => window.__answers.release()), 1, "the answer held was not delivered");
    await settled(page);
    assert.equal(await page.locator("#gp-config-status").innerText(), "", "the closed guide's check was shown");
    assert.equal(await page.locator("#gp-config-findings li").count(), 0, "the closed guide's findings were shown");
  } finally {
    await app.close();
  }
});

test("opening a section that needs a parser or the checker starts it before the reader presses anything", async () => {
  const app = await open();
  const { page } = app;
  try {
    const started = (name) => page.workers().filter((w) => new URL(w.url()).pathname.endsWith(`/${name}_loader.js`)).length;
    const counts = () => ({ parser: started("parser"), checker: started("checker") });
    await page.locator("summary", { hasText: "Check a digest" }).waitFor();
    assert.deepEqual(counts(), { parser: 0, checker: 0 }, "a worker started before any section asked for one");
    // The checker, a binary of its own: checks never wait behind keys or a guide, nor
    // for the guide parser's download.
    await page.locator("summary", { hasText: "Check my configuration" }).click();
    await eventually(() => assert.deepEqual(counts(), { parser: 0, checker: 1 }));
    // Closing it and opening the next needing the same worker starts nothing more.
    await page.locator("summary", { hasText: "Check my configuration" }).click();
    await page.locator("summary", { hasText: "Why did my login fail?" }).click();
    // The guides' and keys' parser.
    await page.locator("summary", { hasText: "Open another guide" }).click();
    await eventually(() => assert.deepEqual(counts(), { parser: 1, checker: 1 }));
    await page.locator("summary", { hasText: "Provider" }).click();
    // A started worker is left as it is: still one of each once the page is quiet.
    await app.quiet();
    assert.deepEqual(counts(), { parser: 1, checker: 1 });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test("the page stays responsive while PBKDF2-SHA512 and Argon2id digests are computed", async (t) => {
  const app = await open();
  const { page } = app;
  try {
    // Let start-up work (loading the worker's WebAssembly) finish first.
    await app.quiet();
    for (const [label, start] of [
      ["PBKDF2-SHA512", () => page.getByRole("button", { name: "Generate" }).click()],
      ["Argon2id", () => page.getByLabel("Digest algorithm").selectOption({ label: "Argon2id" })],
    ]) {
      // Timed by the page's own heartbeat; a miss is measured once more (the harness's
      // withinBudget), with a new secret to hash in the same algorithm.
      await withinBudget(
        `${label}: the page's thread while hashing`,
        async (attempt) => {
          const before = await blockDigest(page);
          await installProbe(page);
          await (attempt === 1 ? start() : page.getByRole("button", { name: "Generate" }).click());
          await status(page).filter({ hasText: /Hashing…|Digest ready/ }).waitFor();
          await eventually(async () => assert.notEqual(await blockDigest(page), before, "no new digest yet"), { timeout: 60000 });
          const ready = await digestReady(page, label);
          const figures = await stopProbe(page);
          t.diagnostic(`${label} (try ${attempt}): ${ready}; heartbeat max gap ${figures.maxGap} ms over ${figures.beats} beats; long tasks: ${JSON.stringify(figures.longTasks)}`);
          assert.ok(figures.beats > 5, `the heartbeat barely ran: ${JSON.stringify(figures)}`);
          return figures;
        },
        (figures) => {
          assert.deepEqual(figures.longTasks.filter((d) => d > 50), [], `${label}: main-thread tasks over 50 ms while hashing`);
          // A hash on the main thread would block for hundreds of milliseconds.
          assert.ok(figures.maxGap < 100, `${label}: the main thread was blocked for ${figures.maxGap} ms`);
        },
      );
    }
    const digest = await blockDigest(page);
    assert.match(digest, /^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
  } finally {
    await app.close();
  }
});
