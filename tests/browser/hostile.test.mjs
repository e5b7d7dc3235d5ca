// The hostile corpus (tests/fixtures/hostile/, one guide per limit the engine keeps) opened
// in the built app the way a reader would: chosen in "Open another guide" with the file
// picker, or pasted. For every guide the page answers within 2 s, as the page's own clock
// measures it from the input's `change` (or the button's click) to the answer in the DOM:
// the guide is shown (with the engine's warning when it had to flatten or cap something),
// or it is refused, the current guide stays and the page says why, naming the limit. Nothing
// is thrown, logged as an error or requested in vain (the harness fails on any of that),
// both workers survive it (the next guide opens, and Generate still brings a digest), and a
// guide that tries to carry the client secret or its digest into an address gets neither
// into any attribute of the page or any request. Guides whose output would be millions of
// nodes never block the page's thread for 200 ms.
//
// The native side of the same corpus is crates/guide-engine/tests/testsuite/hostile.rs (parsed on a small
// stack) and the `parse` bench (timed); this file proves the page around the engine holds.
// Each answer's time is printed, taken twice: in the page (the input's `change`, or the
// click on "Open pasted guide", to the DOM holding the answer), which the 2 s bound is
// asserted on (a miss is measured once more, and fails only if both tries miss: the
// harness's withinBudget), and by the test (from setting the input until it saw the answer), which
// on a loaded 2-core machine also counts Playwright's round trips and is only bounded
// loosely (ANSWER_OUTER_MS).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { secretField, useSharedBrowser, withinBudget } from "./harness.mjs";

const CORPUS = fileURLToPath(new URL("../fixtures/hostile/", import.meta.url));

/** How long a reader may wait for the page to answer a guide they opened, or a check it
 * refuses, measured in the page. */
const ANSWER_MS = 2000;

/** How long the test waits for an answer at most, on its own clock: a loose outer bound
 * that only ends a hang, since a loaded machine can delay the test's view of the page by
 * seconds while the page itself answered in time. */
const ANSWER_OUTER_MS = 20_000;

/** `MAX_GUIDE_BYTES` (crates/guide-engine/src/lib.rs) and `MAX_EXPANDED_BYTES` (crates/guide-engine/src/front_matter.rs). */
const MAX_GUIDE_BYTES = 2_000_000;
const MAX_EXPANDED_BYTES = 64 * 1024;
/** `MAX_YAML_NESTING` (crates/guide-engine/src/yaml_depth.rs). */
const MAX_YAML_NESTING = 128;

const NESTED = "Parts of this guide are nested more than 12 levels deep; they are shown joined to the level above, with all their text.";
const TOO_MANY = "This guide uses more than 64 different variables; the ones past the first 64 show their default text and cannot be changed.";
/** The engine's bounds on what a guide becomes (crates/guide-engine/src/budget.rs). */
const TOO_MANY_NODES = "This guide would make more than 6000 pieces of content; what lies past that point is left out or shown as plain text.";
const TOO_MANY_CELLS = "This guide's tables would hold more than 10000 cells; the tables past that point are shown as their text.";
const SNIPPETS = "The notes this guide asks the playground to add would pass 16384 bytes; the names past that point are left out.";
const DEFAULTS = "Some of this guide's example values hold invisible characters or characters a shell or YAML reads specially; those fields start empty, for you to fill in.";

/**
 * What the page does with each file of the corpus. `shown`: the guide replaces the current
 * one, with this title and these notes (and this many fields for values, when
 * that is the point); `refused`: the current guide stays and p.open-error
 * says this (`name` is how the page names the guide: the file's name, or "pasted text").
 * `secret`: the guide has a client secret, so Generate is on its own page.
 */
const EXPECTED = {
  "nested-emphasis-heading.md": { shown: { title: "Untitled guide", notes: [NESTED] } },
  "nested-quotes.md": { shown: { title: "Untitled guide", notes: [NESTED] } },
  "nested-lists.md": { shown: { title: "Untitled guide", notes: [NESTED] } },
  "nested-callouts.md": { shown: { title: "Untitled guide", notes: [NESTED] } },
  "unterminated-openers.md": { shown: { title: "Untitled guide", notes: [] } },
  "lexer-worst-angle.md": { shown: { title: "Untitled guide", notes: [TOO_MANY_NODES] } },
  "lexer-worst-quoted.md": { shown: { title: "Untitled guide", notes: [] } },
  "lexer-worst-escaped.md": { shown: { title: "Untitled guide", notes: [TOO_MANY_NODES] } },
  "lexer-worst-comment.md": { shown: { title: "Untitled guide", notes: [] } },
  "kerned-run.md": { shown: { title: "Kerned Run", notes: [TOO_MANY_NODES] } },
  "many-variables.md": { shown: { title: "Untitled guide", notes: [TOO_MANY, TOO_MANY_NODES], fields: 64 } },
  "secret-in-url.md": { shown: { title: "Secret in addresses", notes: [] }, secret: true },
  "wide-tables.md": { shown: { title: "Untitled guide", notes: [TOO_MANY_CELLS, TOO_MANY_NODES] } },
  "oidc-common-bomb.md": {
    // 388 is derived, not copied: the shortcodes that pass the node limit (402) less those
    // the snippet limit shows (14), each found on the fixture's own prefixes by
    // hostile::the_oidc_common_bombs_notices_are_its_shortcodes_between_the_snippet_and_node_limits
    // in crates/guide-engine/tests/testsuite/hostile.rs, which fails unless this sentence
    // holds the count it derives.
    shown: {
      title: "Untitled guide",
      notes: ["388 shortcode(s) in this guide are shown as labelled notices: the playground does not know them, or a limit said here left them out.", SNIPPETS, TOO_MANY_NODES],
    },
  },
  "oidc-common-config-bomb.md": { shown: { title: "Untitled guide", notes: [SNIPPETS] } },
  "credential-line.md": { shown: { title: "Untitled guide", notes: [TOO_MANY_NODES] }, secret: true },
  "highlight-bomb.md": { shown: { title: "Untitled guide", notes: [] } },
  "format-characters.md": { shown: { title: "Values that are not what they look like", notes: [DEFAULTS] } },
  "lookalike-secret.md": { shown: { title: "A secret by another name", notes: [] } },
  "plaintext-in-configuration.md": { shown: { title: "Plaintext where the digest belongs", notes: [] }, secret: true },
  "alias-bomb.md": {
    refused: (name) =>
      `${name} could not be opened: the front matter is refused: with its YAML aliases expanded it would be larger than ${MAX_EXPANDED_BYTES} bytes, the most a guide's front matter may hold`,
  },
  "deep-front-matter.md": {
    refused: (name) =>
      `${name} could not be opened: line 3: the front matter is refused: its [ and { nest more than ${MAX_YAML_NESTING} levels deep, the most a guide's front matter may nest`,
  },
  "oversize.md": {
    refused: (name) =>
      name === "pasted text"
        ? `The pasted text is ${MAX_GUIDE_BYTES + 1} bytes; a guide may be at most ${MAX_GUIDE_BYTES} bytes`
        : `${name} is ${MAX_GUIDE_BYTES + 1} bytes; a guide may be at most ${MAX_GUIDE_BYTES} bytes`,
  },
};

/** Guides opened by pasting too: small, large, and refused on either side of the worker. */
const PASTED = ["secret-in-url.md", "nested-callouts.md", "unterminated-openers.md", "alias-bomb.md", "deep-front-matter.md", "oversize.md", "wide-tables.md", "oidc-common-config-bomb.md"];

const open = useSharedBrowser();
const { shared } = open;

const OWN_GUIDE = "Matomo with Authelia";
const heading = (page) => page.locator("main#gp-guide h1");
const openError = (page) => page.locator("p.open-error");

/** Figures printed at the end, one line per answer. */
const timings = [];

/**
 * Opens `file` of the corpus through the real controls (`via` "file": the file picker;
 * "paste": the paste box and its button) and waits (at most ANSWER_OUTER_MS) for the
 * page's answer: the guide named `name` on show, or p.open-error naming it. Asserts that
 * the page answered within ANSWER_MS on its own clock; records that time and the test's.
 */
async function openHostile(page, file, via) {
  const name = via === "file" ? file : "pasted text";
  const trigger = via === "file" ? { button: null, event: "change" } : { button: "Open pasted guide", event: "click" };
  let text;
  if (via === "paste") {
    text = await readFile(CORPUS + file, "utf8");
    // A paste, as one input event: typing a megabyte would time Playwright, not the page.
    await page.locator("#gp-guide-paste").evaluate((el, t) => {
      el.value = t;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, text);
  }
  // Armed in the page before the input is set: the time from the trigger to the first DOM
  // change after which the answer is there (a new guide on show, or a new reason).
  await page.evaluate(
    ({ button, event, name }) => {
      const source = () => document.querySelector("main#gp-guide p.source")?.textContent ?? "";
      const error = () => document.querySelector("p.open-error")?.textContent ?? "";
      const before = { source: source(), error: error() };
      const timing = (window.__hostileAnswer = { start: undefined, end: undefined, answer: undefined });
      const target = button ? [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === button) : document.querySelector("#gp-guide-file");
      target.addEventListener(event, () => (timing.start ??= performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (timing.start === undefined) return;
        const shown = source() !== before.source && source() === `Guide: ${name}`;
        const refused = error() !== before.error && error().includes(name);
        if (shown || refused) {
          timing.end = performance.now();
          timing.answer = shown ? "shown" : "refused";
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { ...trigger, name },
  );
  const started = performance.now();
  if (via === "file") await page.locator("#gp-guide-file").setInputFiles(CORPUS + file);
  else await page.getByRole("button", { name: "Open pasted guide" }).click();
  try {
    await page.waitForFunction(() => window.__hostileAnswer.end !== undefined, null, { timeout: ANSWER_OUTER_MS, polling: "raf" });
  } catch (err) {
    const state = await page.evaluate(() => ({
      heading: document.querySelector("main#gp-guide h1")?.textContent,
      source: document.querySelector("main#gp-guide p.source")?.textContent,
      error: document.querySelector("p.open-error")?.textContent,
    }));
    throw new Error(`${file} (${via}): no answer within ${ANSWER_OUTER_MS} ms; the page shows ${JSON.stringify(state)}\n${err.message}`);
  }
  const seen = performance.now() - started;
  const { start, end, answer } = await page.evaluate(() => window.__hostileAnswer);
  const inPage = end - start;
  const bytes = via === "file" ? (await readFile(CORPUS + file)).length : Buffer.byteLength(text);
  timings.push({ file, via, bytes, answer, inPage, seen });
  return { name, answer, inPage, seen };
}

/**
 * `openHostile`, asserting that the page answered within ANSWER_MS on its own clock; a
 * miss is measured once more (see the harness's `withinBudget`), from the same state: the
 * page's own guide on show and no reason left on show from the first try.
 */
async function openHostileInTime(page, file, via) {
  const { name, answer } = await withinBudget(
    `${file} (${via}): the page's answer`,
    async (attempt) => {
      if (attempt > 1) await freshStart(page);
      return openHostile(page, file, via);
    },
    ({ inPage, seen }) => assert.ok(inPage <= ANSWER_MS, `${file} (${via}): the page answered after ${inPage.toFixed(0)} ms (the test saw it after ${seen.toFixed(0)} ms)`),
  );
  return { name, answer };
}

/** The page's own guide on show and no reason on show: an ordinary pasted guide opened (which
 * clears the reason a refused guide left) and left. */
async function freshStart(page) {
  await backToOwnGuide(page);
  await page.getByLabel("Paste a guide").fill("---\ntitle: Between Tries\n---\n\nAn ordinary guide.\n");
  await page.getByRole("button", { name: "Open pasted guide" }).click();
  await heading(page).filter({ hasText: "Between Tries with Authelia" }).waitFor({ timeout: ANSWER_OUTER_MS });
  await backToOwnGuide(page);
  assert.equal((await openError(page).innerText()).trim(), "", "a reason stayed on show");
}

/** Asserts what the page shows after `file` was opened as `name`. */
async function assertAnswer(page, file, name, answer) {
  const expected = EXPECTED[file];
  if (expected.refused) {
    assert.equal(answer, "refused", `${file}: the page opened a guide it should refuse`);
    assert.equal(await openError(page).innerText(), expected.refused(name), `${file}: the reason`);
    assert.equal(await heading(page).innerText(), OWN_GUIDE, `${file}: the guide on show changed`);
  } else {
    assert.equal(answer, "shown", `${file}: refused: ${await openError(page).innerText()}`);
    assert.equal(await heading(page).innerText(), `${expected.shown.title} with Authelia`, `${file}: the heading`);
    assert.deepEqual(await page.locator("main#gp-guide .guide-notes p.notice").allInnerTexts(), expected.shown.notes, `${file}: the notes above the guide`);
    assert.equal((await openError(page).innerText()).trim(), "", `${file}: an error stayed on show`);
    if (expected.shown.fields !== undefined) {
      assert.equal(await page.locator(".variables-panel input").count(), expected.shown.fields, `${file}: the fields for values`);
    }
  }
}

/**
 * Presses Generate and waits for the new secret's digest (the status says "Digest ready"
 * and the digest differs from the one before). Returns the secret, the digest and the ms.
 */
async function generateDigest(page) {
  const digest = page.locator("code.digest-value");
  const before = await digest.innerText();
  const started = performance.now();
  await page.getByRole("button", { name: "Generate" }).click();
  await page.waitForFunction(
    (before) => {
      const status = document.querySelector("p.status")?.textContent ?? "";
      const now = document.querySelector("code.digest-value")?.textContent ?? "";
      return /^Digest ready in \d+ ms/.test(status) && now !== "" && now !== before;
    },
    before,
    { timeout: 30000 },
  );
  const ms = performance.now() - started;
  return { secret: await secretField(page).inputValue(), digest: await digest.innerText(), ms };
}

/** Back to the page's own guide, if another is on show. */
async function backToOwnGuide(page) {
  const back = page.getByRole("button", { name: "Back to the Matomo guide" });
  if ((await back.count()) === 0) return;
  await back.click();
  await heading(page).filter({ hasText: OWN_GUIDE }).waitFor();
}

test("the corpus is the one this file describes: every hostile guide has its expectation", async () => {
  const files = (await readdir(CORPUS)).filter((f) => f.endsWith(".md") && f !== "README.md").sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
  for (const file of PASTED) assert.ok(file in EXPECTED, file);
});

test("every hostile guide, chosen with the file picker, is shown or refused within 2 s and digests still come after it", async (t) => {
  const app = await open();
  const { page } = app;
  try {
    await page.getByText("Open another guide").click();
    for (const file of Object.keys(EXPECTED)) {
      await t.test(file, async () => {
        await backToOwnGuide(page); // also after a failed step before
        const { name, answer } = await openHostileInTime(page, file, "file");
        await assertAnswer(page, file, name, answer);
        assert.deepEqual(app.problems, [], `${file}: the page reported problems`);
        const here = EXPECTED[file].secret === true;
        assert.equal(await page.getByRole("button", { name: "Generate" }).count(), here || answer === "refused" ? 1 : 0, `${file}: a Generate button where none belongs, or none where one does`);
        if (!here) await backToOwnGuide(page);
        const { ms } = await generateDigest(page);
        timings.at(-1).digest = ms;
        assert.deepEqual(app.problems, [], `${file}: the page reported problems after Generate`);
        await backToOwnGuide(page);
      });
    }
    // The parser survived the whole corpus: an ordinary guide still opens.
    await page.getByLabel("Paste a guide").fill("---\ntitle: After The Corpus\n---\n\nStill here.\n");
    await page.getByRole("button", { name: "Open pasted guide" }).click();
    await heading(page).filter({ hasText: "After The Corpus with Authelia" }).waitFor({ timeout: ANSWER_OUTER_MS });
  } finally {
    await app.close(); // fails on any console error, uncaught exception or failed request
  }
});

test("hostile guides pasted into the paste box answer within 2 s like files, and the oversize paste names the byte limit", async (t) => {
  const app = await open();
  const { page } = app;
  try {
    await page.getByText("Open another guide").click();
    for (const file of PASTED) {
      await t.test(file, async () => {
        await backToOwnGuide(page);
        const { name, answer } = await openHostileInTime(page, file, "paste");
        await assertAnswer(page, file, name, answer);
        assert.deepEqual(app.problems, [], `${file}: the page reported problems`);
        await backToOwnGuide(page);
      });
    }
    const { ms } = await generateDigest(page);
    timings.push({ file: "(after the pastes)", via: "Generate", digest: ms });
  } finally {
    await app.close();
  }
});

test("a guide that puts the secret or its digest in links, images and figures gets neither into any attribute or request", async () => {
  const served = shared.server.requests.length; // what the server sees from here on
  const app = await open();
  const { page, context } = app;
  const urls = []; // every request the browser makes from here on, the workers' included
  context.on("request", (req) => urls.push(req.url()));
  try {
    await page.getByText("Open another guide").click();
    const { name, answer } = await openHostileInTime(page, "secret-in-url.md", "file");
    await assertAnswer(page, "secret-in-url.md", name, answer);
    const generated = await generateDigest(page);
    const secret = generated.secret;
    const digest = generated.digest.replace(/^'(.*)'$/, "$1"); // written for YAML, quoted
    assert.match(secret, /^[A-Za-z0-9\-._~]{72}$/);
    assert.match(digest, /^\$pbkdf2-sha512\$310000\$/);
    // The digest as it could appear in an address: whole, percent-encoded, and its key alone.
    const key = digest.split("$").at(-1);
    const needles = [
      ["secret", secret],
      ["digest", digest],
      ["digest, percent-encoded", encodeURIComponent(digest)],
      ["digest's key", key],
      ["digest's key, percent-encoded", encodeURIComponent(key)],
    ];
    // The guide's nine addresses that would carry either are refused, their text kept.
    const refusals = await page.locator("main#gp-guide .refused-link").filter({ hasText: "would carry a secret" }).count();
    assert.equal(refusals, 9, "the refused addresses");
    // The secret is on show in the guide (the Client Secret line), so the check below is
    // not vacuous: it is in the page, as text.
    assert.ok((await page.locator("main#gp-guide").innerText()).includes(secret), "the guide does not show the secret");

    const inAttributes = await page.evaluate((needles) => {
      const found = [];
      for (const el of document.querySelectorAll("*")) {
        for (const attr of el.attributes) {
          for (const [what, needle] of needles) {
            if (attr.value.includes(needle)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}> holds the ${what}`);
          }
        }
      }
      const elsewhere = { "location": location.href, "title": document.title, "a resource the page loaded": performance.getEntriesByType("resource").map((e) => e.name).join(" ") };
      for (const [place, value] of Object.entries(elsewhere)) {
        for (const [what, needle] of needles) if (value.includes(needle)) found.push(`${place} holds the ${what}`);
      }
      return found;
    }, needles);
    assert.deepEqual(inAttributes, [], "the secret or its digest is in an attribute");
    // The addresses that stay links hold neither.
    assert.deepEqual(
      await page.locator("main#gp-guide a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
      ["https://evil.example/a", "https://evil.example/insecure_secret", "https://safe.example/"],
    );

    const requested = [...urls, ...shared.server.requests.slice(served)];
    assert.ok(requested.length > 0, "no request was recorded");
    for (const url of requested) {
      for (const [what, needle] of needles) assert.ok(!url.includes(needle), `a request holds the ${what}: ${url}`);
    }
    assert.deepEqual(app.foreign, [], "requests left the app's origin");
  } finally {
    await app.close();
  }
});

test("a digest check that would take hours is refused within 2 s, naming the limit, and Generate still works", async () => {
  const app = await open();
  const { page } = app;
  try {
    const digest = `$6$rounds=20000000$abcdefgh$${".".repeat(86)}`;
    const details = page.locator("details.digest-check");
    await details.locator("summary").click();
    // The trigger: SHA-crypt at today's most rounds with a 100 000-character
    // secret, then a secret just under the secret cap, whose cost still counts its length.
    for (const [secret, limit] of [
      ["s".repeat(100_000), /more than the 1024/],
      ["s".repeat(1024), /100000000/],
    ]) {
      await page.getByLabel("Digest", { exact: true }).fill(digest);
      await page.getByLabel("Secret to check").fill(secret);
      // Timed in the page, from the click on Check to the refusal in the DOM.
      await withinBudget(
        `SHA-crypt, ${secret.length} chars: the check's refusal`,
        async () => {
          await page.evaluate((limit) => {
            const timing = (window.__checkAnswer = { start: undefined, end: undefined });
            const check = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Check");
            check.addEventListener("click", () => (timing.start ??= performance.now()), { capture: true, once: true });
            const refused = new RegExp(limit);
            const observer = new MutationObserver(() => {
              if (timing.start === undefined || !refused.test(document.querySelector("p.check-result")?.textContent ?? "")) return;
              timing.end = performance.now();
              observer.disconnect();
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          }, limit.source);
          const started = performance.now();
          await page.getByRole("button", { name: "Check", exact: true }).click();
          await page.waitForFunction(() => window.__checkAnswer.end !== undefined, null, { timeout: ANSWER_OUTER_MS, polling: "raf" });
          const seen = performance.now() - started;
          const { start, end } = await page.evaluate(() => window.__checkAnswer);
          const inPage = end - start;
          timings.push({ file: `SHA-crypt, ${secret.length} chars`, via: "check", answer: "refused", inPage, seen });
          return { inPage, seen };
        },
        ({ inPage, seen }) => assert.ok(inPage <= ANSWER_MS, `the check was refused after ${inPage.toFixed(0)} ms (the test saw it after ${seen.toFixed(0)} ms)`),
      );
      assert.match(await page.locator("p.check-result").innerText(), limit);
    }
    await generateDigest(page);
  } finally {
    await app.close();
  }
});

test("each answer's time is printed, as the page and as the test measured it", () => {
  // What each answer took, for the record (the assertions are the 2 s bounds above, on
  // the page's clock).
  const ms = (x) => (x === undefined ? "—" : `${x.toFixed(0)} ms`).padStart(7);
  for (const t of timings) {
    const answer = t.answer === undefined ? "" : `${t.answer.padEnd(7)} in page ${ms(t.inPage)}, seen by the test ${ms(t.seen)}`;
    const digest = t.digest === undefined ? "" : `; next digest ${ms(t.digest)}`;
    const bytes = t.bytes === undefined ? "" : `${t.bytes} B`;
    console.log(`${t.file.padEnd(26)} ${t.via.padEnd(8)} ${bytes.padStart(9)}  ${answer}${digest}`);
  }
});

/** The longest the page's thread may be busy at once while it takes a document. */
const MAX_BLOCKED_MS = 200;

/** Opens a corpus file through the file picker; resolves with the longest gap between
 * heartbeats (a zero-delay timer) from choosing the file until its guide is on show. */
async function openWithHeartbeat(page, file, title) {
  await page.evaluate(() => {
    const beat = (window.__beat = { last: performance.now(), gap: 0, on: true });
    const tick = () => {
      const now = performance.now();
      beat.gap = Math.max(beat.gap, now - beat.last);
      beat.last = now;
      if (beat.on) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
  await page.locator("#gp-guide-file").setInputFiles(CORPUS + file);
  // A loose bound that only ends a hang: what is asserted is the gap the page measured.
  await page.locator("main#gp-guide h1").filter({ hasText: `${title} with Authelia` }).waitFor({ timeout: 20000 });
  // Two frames more: the document's first render is in them.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return page.evaluate(() => {
    window.__beat.on = false;
    return window.__beat.gap;
  });
}

test("guides that would become millions of nodes never block the page's thread for long", async () => {
  const app = await open();
  const { page } = app;
  try {
    const gaps = {};
    for (const file of ["wide-tables.md", "oidc-common-bomb.md", "oidc-common-config-bomb.md", "credential-line.md", "highlight-bomb.md"]) {
      gaps[file] = await withinBudget(
        `${file}: the longest block of the page's thread`,
        async () => {
          const gap = Math.round(await openWithHeartbeat(page, file, "Untitled guide"));
          await page.getByRole("button", { name: "Back to the Matomo guide" }).click();
          await page.locator("main#gp-guide h1").filter({ hasText: "Matomo with Authelia" }).waitFor();
          return gap;
        },
        (gap) => assert.ok(gap < MAX_BLOCKED_MS, `${file}: the page's thread was blocked for ${gap} ms`),
      );
    }
    console.log(`longest block of the page's thread per guide (ms): ${JSON.stringify(gaps)}`);
  } finally {
    await app.close();
  }
});
