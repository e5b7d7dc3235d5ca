// Digests as the reader gets them: through the app's own page (the Matomo guide's), its own worker client and
// its status line ("Digest ready in N ms", the worker's own time), against WebCrypto in
// the same page. Also the first digest after load, and how soon the digest of the last
// key appears when a secret is typed key by key.
import { GUIDE_PAGE, serveDist } from "../tests/browser/harness.mjs";
import { cleanPage, loadProbe, loaded } from "./page-load.mjs";
import { log, median } from "./results.mjs";

const PBKDF2_ITERATIONS = 310000;
/** Digests of each kind per run after the first; the run keeps their median. */
const ROUNDS = 3;
/** Typed key by key into the secret field, one key every TYPING_INTERVAL_MS. */
const TYPED = "abcdefghijklmnopqrst"; // 20 keys
const TYPING_INTERVAL_MS = 50;
const TIMEOUT_MS = 60000;

/** The figures of a hashing run, under a prefix (`worker` with SIMD, `nosimd` without). */
export const hashingKeys = (prefix) => [
  `${prefix}.pbkdf2`,
  `${prefix}.argon2id`,
  `${prefix}.scrypt`,
  ...(prefix === "worker" ? ["worker.cold", "worker.typing", "webcrypto.pbkdf2"] : []),
];

/** The status line's digest time, once it says ready for `algorithm`. */
async function digestMs(page, algorithm) {
  const status = page.locator("p.status");
  const pattern = new RegExp(`^Digest ready in (\\d+) ms \\(${algorithm}\\)$`);
  await status.filter({ hasText: pattern }).waitFor({ timeout: TIMEOUT_MS });
  return Number((await status.innerText()).match(pattern)[1]);
}

let counter = 0;
/** A secret never hashed before in this process, so every digest is computed anew. */
const freshSecret = () => `bench-secret-${process.pid}-${++counter}-0123456789abcdefghij`;

/** Hashes a fresh secret with `algorithm` (picked first) and returns the worker's time. */
async function timed(page, label, algorithm) {
  const select = page.getByLabel("Digest algorithm");
  if ((await select.inputValue()) !== algorithm) {
    await select.selectOption(algorithm);
    await digestMs(page, label);
  }
  await page.locator("#gp-client-secret").fill(freshSecret());
  return digestMs(page, label);
}

/** WebCrypto's PBKDF2-SHA512 at Authelia's default iterations, in the page. */
const webcrypto = (page) =>
  page.evaluate(async (iterations) => {
    const started = performance.now();
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("insecure_secret"), "PBKDF2", false, ["deriveBits"]);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-512", salt, iterations }, key, 512);
    return performance.now() - started;
  }, PBKDF2_ITERATIONS);

/** Types a secret key by key; returns the time from the last key to its digest shown. */
async function typingLatency(page) {
  const field = page.locator("#gp-client-secret");
  await field.fill("");
  await page.evaluate(() => {
    const t = {};
    window.__benchTyping = t;
    addEventListener("keydown", () => (t.lastKey = performance.now()), { capture: true });
    const status = document.querySelector("p.status");
    new MutationObserver(() => {
      if (/^Digest ready/.test(status.textContent)) t.readyAt = performance.now();
    }).observe(status, { subtree: true, childList: true, characterData: true });
  });
  await field.click();
  await page.keyboard.type(TYPED, { delay: TYPING_INTERVAL_MS });
  await page.waitForFunction(
    (typed) => {
      const t = window.__benchTyping;
      return document.querySelector("#gp-client-secret").value === typed && t.readyAt > t.lastKey;
    },
    TYPED,
    { timeout: TIMEOUT_MS },
  );
  const t = await page.evaluate(() => window.__benchTyping);
  return t.readyAt - t.lastKey;
}

/**
 * One hashing run against `dist`: returns its figures under `prefix`. With `full`, also
 * the first digest after load, the typing latency and WebCrypto.
 */
export async function hashingRun(browser, dist, prefix, full, run) {
  const server = await serveDist({ root: dist });
  const { context, page, check } = await cleanPage(browser, server);
  const values = new Map();
  try {
    await context.addInitScript(loadProbe);
    await page.goto(server.url + GUIDE_PAGE);
    await loaded(page);
    const rounds = { pbkdf2: [], webcrypto: [], argon2id: [], scrypt: [] };
    if (full) values.set("worker.cold", await timed(page, "PBKDF2-SHA512", "pbkdf2-sha512"));
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved, so load elsewhere on the machine hits all of them alike.
      rounds.pbkdf2.push(await timed(page, "PBKDF2-SHA512", "pbkdf2-sha512"));
      if (full) rounds.webcrypto.push(await webcrypto(page));
      rounds.argon2id.push(await timed(page, "Argon2id", "argon2id"));
      rounds.scrypt.push(await timed(page, "scrypt", "scrypt"));
    }
    const digest = await page.locator('figure.code-block[data-title="configuration.yml"] [data-var="digest"]').innerText();
    if (!digest.startsWith("$scrypt$ln=16,r=8,p=1$")) throw new Error(`the last digest is not at Authelia's defaults: ${digest.slice(0, 40)}`);
    values.set(`${prefix}.pbkdf2`, median(rounds.pbkdf2));
    values.set(`${prefix}.argon2id`, median(rounds.argon2id));
    values.set(`${prefix}.scrypt`, median(rounds.scrypt));
    if (full) {
      values.set("webcrypto.pbkdf2", median(rounds.webcrypto));
      await timed(page, "PBKDF2-SHA512", "pbkdf2-sha512");
      values.set("worker.typing", await typingLatency(page));
    }
    check();
    log(
      `run ${run} (${prefix}): PBKDF2 ${values.get(`${prefix}.pbkdf2`)} ms, Argon2id ${values.get(`${prefix}.argon2id`)} ms, ` +
        `scrypt ${values.get(`${prefix}.scrypt`)} ms` +
        (full ? `, first ${values.get("worker.cold")} ms, WebCrypto ${values.get("webcrypto.pbkdf2").toFixed(0)} ms, typing ${values.get("worker.typing").toFixed(0)} ms` : ""),
    );
    return values;
  } finally {
    await context.close();
    await server.close();
  }
}
