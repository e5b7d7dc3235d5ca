// The client secret: generated in the page, hashed in the worker, verifiable with the
// project's own verify, never stale, written for each file kind. (That hashing never
// blocks the page's thread is workers.test.mjs's, which asserts times.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { blockDigest, configBlock, digestReady, eventually, hashingWorkerReady, secretField, status, useSharedBrowser } from "./harness.mjs";

const open = useSharedBrowser();

const UNRESERVED_72 = /^[A-Za-z0-9\-._~]{72}$/;

/** The innermost list items starting with `label`. */
const option = (page, label) =>
  page.evaluate((label) => {
    return [...document.querySelectorAll("main li")]
      .filter((li) => !li.querySelector("li") && li.textContent.trim().startsWith(label))
      .map((li) => li.textContent.trim());
  }, label);

/** Generates a secret and returns it (read from the field after "Show"). */
async function generate(page) {
  await page.getByRole("button", { name: "Generate" }).click();
  const show = page.getByRole("button", { name: "Show" });
  if (await show.count()) await show.click();
  await eventually(async () => assert.equal(await secretField(page).getAttribute("type"), "text"));
  const secret = await secretField(page).inputValue();
  assert.match(secret, UNRESERVED_72, `generated secret: ${JSON.stringify(secret)}`);
  return secret;
}

/** Uses the page's own "Check a digest" tool. */
async function checkWithPage(page, digest, plaintext) {
  const details = page.locator("details.digest-check");
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await page.getByLabel("Digest", { exact: true }).fill(digest);
  await page.getByLabel("Secret to check").fill(plaintext);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const result = page.locator("p.check-result");
  await result.filter({ hasText: /^(Match|No match|.+)/ }).filter({ hasNotText: "Checking…" }).waitFor({ timeout: 60000 });
  return result.innerText();
}

// ---- 1 -------------------------------------------------------------------------------

test("Generate makes a 72-character secret whose PBKDF2-SHA512 digest fills the guide and verifies", async (t) => {
  const app = await open();
  const { page } = app;
  try {
    const secret = await generate(page);
    const ready = await digestReady(page, "PBKDF2-SHA512");
    t.diagnostic(ready);
    const digest = await blockDigest(page);
    assert.match(digest, /^\$pbkdf2-sha512\$310000\$[A-Za-z0-9./]{22}\$[A-Za-z0-9./]{86}$/);
    assert.ok((await configBlock(page).locator("pre").innerText()).includes(`client_secret: '${digest}'`));
    assert.equal(await page.locator(".digest-value").innerText(), `'${digest}'`);
    // Matomo's settings carry the plaintext.
    assert.deepEqual(await option(page, "Client Secret:"), [`Client Secret: ${secret}`, `Client Secret: ${secret}`]);

    // The project's own verify, through the page's tool.
    assert.match(await checkWithPage(page, digest, secret), /^Match: this secret gives this digest \(checked in \d+ ms\)/);
    assert.match(await checkWithPage(page, digest, secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a")), /^No match/);
    assert.match(await checkWithPage(page, digest, "insecure_secret"), /^No match/);
  } finally {
    await app.close();
  }
});

test("the Authelia configuration block holds the digest, never the plaintext secret", async () => {
  const app = await open();
  const { page } = app;
  try {
    const secret = await generate(page);
    await digestReady(page, "PBKDF2-SHA512");
    const block = await configBlock(page).locator("pre").innerText();
    // The page itself says: "Its client_secret is the digest of your client secret, never the secret itself."
    assert.ok(
      !block.includes(secret),
      `the configuration.yml block (what "Copy"/"Download configuration.yml" give) contains the plaintext secret:\n${block
        .split("\n")
        .filter((l) => l.includes(secret))
        .join("\n")}`,
    );
  } finally {
    await app.close();
  }
});

// ---- 3 -------------------------------------------------------------------------------

const FAST_VECTORS = {
  "pbkdf2-sha512": "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg",
  argon2id: "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$wVTuP01dnI2N8G1Wb1FpJKa9Q1WEX0H/Q+fG6xCZJBU",
  scrypt: "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE",
  bcrypt: "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u",
  sha512crypt: "$6$rounds=1000$abcdefghijklmnop$r8j.kMCdMcdwW7EZMTgARMDnc4SHMFMy1s9K/T2awieppsjgSt6M.x5WkqfMF0pau2dyWdqyEwit6aSkrYTkr1",
};

test("the fast vectors are the fixture's, made by independent implementations", () => {
  const fixture = readFileSync(new URL("../fixtures/reference/digest-vectors.md", import.meta.url), "utf8");
  for (const [name, digest] of Object.entries(FAST_VECTORS)) {
    assert.ok(fixture.includes(`\`${digest}\``), `${name} is not a row of digest-vectors.md`);
  }
});

test("the page's checker: reference vectors match, wrong secrets do not, paste mistakes are explained", async () => {
  const app = await open();
  const { page } = app;
  try {
    for (const [name, digest] of Object.entries(FAST_VECTORS)) {
      assert.match(await checkWithPage(page, digest, "insecure_secret"), /^Match/, `${name} does not match its secret`);
      assert.match(await checkWithPage(page, digest, "insecure_secreT"), /^No match/, `${name} matches a wrong secret`);
    }
    assert.match(await checkWithPage(page, `Digest: ${FAST_VECTORS["pbkdf2-sha512"]}`, "insecure_secret"), /Digest:/);
    assert.match(await checkWithPage(page, FAST_VECTORS.scrypt.replaceAll("$", "$$$$"), "insecure_secret"), /\$\$/);
    assert.match(await checkWithPage(page, "$md5$x", "insecure_secret"), /does not know the algorithm/);
  } finally {
    await app.close();
  }
});

// ---- 3b: independent anchors -------------------------------------------------------
//
// The vectors above are the fast rows of tests/fixtures/reference/digest-vectors.md, all
// of one plaintext and one salt. These add other passwords, salts and lengths, with the
// answers of implementations that share no code with Authelia, RustCrypto or this project.

/** Standard base64 without padding, as the PHC strings of Argon2 write salt and key. */
const phcBase64 = (bytes) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");

/** Authelia's (passlib's) adapted base64 for PBKDF2: `.` for `+`, no padding. */
const adaptedBase64 = (bytes) => phcBase64(bytes).replaceAll("+", ".");
const fromAdaptedBase64 = (text) => Buffer.from(text.replaceAll(".", "+"), "base64");

/**
 * Argon2 with the reference implementation's own answers (P-H-C/phc-winner-argon2, at
 * f57e61e19229e23c4445b85494dbf7c07de721cb): password "password", salt "somesalt".
 * `[what, digest, key bytes]`; a key under Argon2's 32 bytes matches with the page's
 * warning that it may have been cut short.
 */
const ARGON2_INDEPENDENT = [
  // src/test.c, hashtest(version, 2, 16, 1, "password", "somesalt", …, Argon2_id).
  ["Argon2id, one lane (the reference's src/test.c)", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", 32],
  // src/test.c, hashtest(version, 2, 16, 1, "password", "somesalt", …, Argon2_i).
  ["Argon2i, one lane (the reference's src/test.c)", "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", 32],
  // README.md's example of the reference CLI: `argon2 somesalt -t 2 -m 16 -p 4 -l 24`.
  ["Argon2i, four lanes (the reference's README)", "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", 24],
  // Four lanes of each variant: golang.org/x/crypto argon2/argon2_test.go (at
  // 82adefa711cb8d9a1f12c7ea91b491007d21819f), testVectors "generated with the CLI of
  // phc-winner-argon2": time 4, memory 4096 KiB, threads 4, a 24-byte key in hex.
  ...[
    ["argon2i", "a11f7b7f3f93f02ad4bddb59ab62d121e278369288a0d0e7"],
    ["argon2d", "935598181aa8dc2b720914aa6435ac8d3e3a4210c5b0fb2d"],
    ["argon2id", "145db9733a9f4ee43edf33c509be96b934d505a4efb33c5a"],
  ].map(([variant, hex]) => [
    `${variant}, four lanes (Go's x/crypto test vectors)`,
    `$${variant}$v=19$m=4096,t=4,p=4$${phcBase64("somesalt")}$${phcBase64(Buffer.from(hex, "hex"))}`,
    24,
  ]),
];

/** SHA-crypt's `$6$` without a rounds field (so 5000 rounds), from Ulrich Drepper's
 * specification (SHA-crypt.txt, its SHA-512 tests; also glibc's crypt tests). */
const DREPPER_SHA512 = ["$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1", "Hello world!"];

/** PBKDF2 as Node's own crypto (OpenSSL) computes it, written as Authelia writes it. */
const PBKDF2_NODE = [
  { label: "PBKDF2-SHA1", id: "pbkdf2", hash: "sha1", bytes: 20 },
  { label: "PBKDF2-SHA256", id: "pbkdf2-sha256", hash: "sha256", bytes: 32 },
];

test("the page's checker agrees with independent implementations: Argon2id/i/d with four lanes, PBKDF2-SHA1/256 and Drepper's $6$", async () => {
  const app = await open();
  const { page } = app;
  try {
    for (const [what, digest, bytes] of ARGON2_INDEPENDENT) {
      const said = await checkWithPage(page, digest, "password");
      if (bytes === 32) assert.match(said, /^Match: this secret gives this digest/, `${what}: ${said}`);
      else {
        const variant = { argon2id: "Argon2id", argon2i: "Argon2i", argon2d: "Argon2d" }[digest.split("$")[1]];
        assert.ok(said.startsWith(`Match — but this digest's key is ${bytes} bytes; ${variant} writes 32: it may have been cut short`), `${what}: ${said}`);
      }
      assert.match(await checkWithPage(page, digest, "passwore"), /^No match/, `${what} matches a wrong secret`);
    }
    for (const { label, id, hash, bytes } of PBKDF2_NODE) {
      const salt = randomBytes(16);
      const iterations = 10_000;
      const secret = `node-${hash}-${salt.toString("hex")}`;
      const digest = `$${id}$${iterations}$${adaptedBase64(salt)}$${adaptedBase64(pbkdf2Sync(secret, salt, iterations, bytes, hash))}`;
      assert.match(await checkWithPage(page, digest, secret), /^Match: this secret gives this digest/, `${label} from Node: ${digest}`);
      assert.match(await checkWithPage(page, digest, `${secret}!`), /^No match/, `${label} from Node matches a wrong secret`);
    }
    const [digest, key] = DREPPER_SHA512;
    assert.match(await checkWithPage(page, digest, key), /^Match: this secret gives this digest/, "Drepper's $6$ vector");
    assert.match(await checkWithPage(page, digest, "Hello world?"), /^No match/, "Drepper's $6$ vector matches a wrong secret");
  } finally {
    await app.close();
  }
});

test("PBKDF2-SHA1 and PBKDF2-SHA256 digests the page writes are the ones Node's crypto computes", async () => {
  const app = await open();
  const { page } = app;
  try {
    for (const { label, id, hash, bytes } of PBKDF2_NODE) {
      const secret = `written-by-the-page-${hash}-0123456789`;
      await secretField(page).fill(secret);
      await page.getByLabel("Digest algorithm").selectOption({ label });
      await digestReady(page, label);
      const digest = await blockDigest(page);
      const [, written, rounds, salt, key] = digest.split("$");
      assert.equal(written, id, digest);
      const iterations = Number(rounds);
      // Authelia's defaults for these hashes (PBKDF2VariantDefaultIterations).
      assert.equal(iterations, { sha1: 1_600_000, sha256: 700_000 }[hash], digest);
      assert.equal(fromAdaptedBase64(salt).length, 16, digest);
      const expected = pbkdf2Sync(secret, fromAdaptedBase64(salt), iterations, bytes, hash);
      assert.equal(key, adaptedBase64(expected), `${label}: the page's key is not Node's for ${digest}`);
    }
  } finally {
    await app.close();
  }
});

// ---- 4 -------------------------------------------------------------------------------

test("a quick change of secret and algorithm ends with the digest of the last pair, never a stale one", async () => {
  const app = await open();
  const { page } = app;
  try {
    // Record every text the configuration block's digest shows, with the secret and the
    // algorithm on the page at that moment: a digest is stale if it belongs to neither.
    await page.evaluate(() => {
      const span = document.querySelector('figure.code-block[data-title="configuration.yml"] [data-var="digest"]');
      const moment = () => ({
        digest: span.textContent,
        secret: document.querySelector("#gp-client-secret").value,
        algorithm: document.querySelector("#gp-digest-algorithm").value,
      });
      window.__digests = [moment()];
      new MutationObserver(() => window.__digests.push(moment())).observe(span, { subtree: true, childList: true, characterData: true });
    });
    const first = "first-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    const last = "last-secret-ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210";
    const field = secretField(page);
    const algorithm = page.getByLabel("Digest algorithm");
    await field.fill(first);
    await algorithm.selectOption({ label: "Argon2id" });
    await field.fill("middle-secret-0000");
    await field.fill(last);
    await algorithm.selectOption({ label: "scrypt" });
    await digestReady(page, "scrypt");
    const digest = await blockDigest(page);
    assert.match(digest, /^\$scrypt\$ln=16,r=8,p=1\$/);
    // One more pair after it: the worker answers in order, so once this answer is shown
    // every reply to an older pair has arrived, and a stale one would have been shown.
    await algorithm.selectOption({ label: "SHA-512 crypt" });
    await digestReady(page, "SHA-512 crypt");
    const after = await blockDigest(page);
    assert.match(await checkWithPage(page, digest, last), /^Match/, "the digest shown is not the last secret's");
    assert.match(await checkWithPage(page, digest, first), /^No match/);

    // Every digest shown was the one for the pair on the page when it appeared. (How many
    // older pairs got theirs in time depends on the machine's speed; none may be stale.)
    const shown = (await page.evaluate(() => window.__digests)).filter((m) => m.digest.startsWith("$"));
    const prefixes = { "pbkdf2-sha512": "$pbkdf2-sha512$", argon2id: "$argon2id$", scrypt: "$scrypt$", sha512crypt: "$6$" };
    const seen = new Set();
    for (const moment of shown.slice(1)) {
      if (seen.has(moment.digest)) continue;
      seen.add(moment.digest);
      assert.ok(moment.digest.startsWith(prefixes[moment.algorithm]), `a digest of another algorithm was shown: ${JSON.stringify(moment)}`);
      assert.match(await checkWithPage(page, moment.digest, moment.secret), /^Match/, `a stale digest was shown: ${JSON.stringify(moment)}`);
    }
    assert.deepEqual([...seen].slice(-2), [digest, after]);
    assert.match(await page.locator(".digest-value").innerText(), /^'\$6\$/);
  } finally {
    await app.close();
  }
});

// ---- 5 -------------------------------------------------------------------------------

test("a PBKDF2 hash of a secret the reader has since changed stops part-way, without a spare worker", async () => {
  const app = await open();
  const { page } = app;
  try {
    await hashingWorkerReady(page);
    const field = secretField(page);
    const last = "fresh-secret-ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210";
    // The reader changes the secret while the stale hash runs. The page does it itself,
    // in the task after its status first says "Hashing": by then it has posted the job,
    // which it does in a microtask after that render. Waiting for the status here and
    // then filling over the DevTools protocol took longer than the whole hash (146 ms
    // on CI's busy machine), so the hash had ended and there was nothing to stop.
    await page.evaluate(
      ([input, status, fresh]) => {
        new MutationObserver((_, observer) => {
          if (!status.textContent.startsWith("Hashing")) return;
          observer.disconnect();
          setTimeout(() => {
            input.value = fresh;
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }, 0);
        }).observe(status, { subtree: true, childList: true, characterData: true });
      },
      [await field.elementHandle(), await status(page).elementHandle(), last],
    );
    await field.fill("stale-secret-0123456789abcdefghijklmnopqrstuvwxyz");
    await eventually(async () => assert.equal(await field.inputValue(), last));
    await digestReady(page, "PBKDF2-SHA512");
    // The worker answered the stale job "stopped" (the page marks the first such answer):
    // it did not run its 310 000 iterations to the end.
    const stopped = await page.evaluate(() => performance.getEntriesByName("gp:hash-stopped").length);
    assert.equal(stopped, 1, "the stale PBKDF2 hash was not stopped");
    // PBKDF2 stops in place, so no spare worker was started for it.
    assert.equal(page.workers().length, 1, `workers: ${page.workers().map((w) => w.url())}`);
    assert.match(await checkWithPage(page, await blockDigest(page), last), /^Match/);

    // Argon2id cannot stop part-way: once asked for, a warm spare stands by.
    await page.getByLabel("Digest algorithm").selectOption({ label: "Argon2id" });
    await digestReady(page, "Argon2id");
    await eventually(() => assert.equal(page.workers().length, 2), { timeout: 15000 });
  } finally {
    await app.close();
  }
});

test("'Write the digest for' escapes the digest for Docker Compose and .env files", async () => {
  const app = await open();
  const { page } = app;
  try {
    await secretField(page).fill("compose-secret-0123456789");
    await page.getByLabel("Digest algorithm").selectOption({ label: "SHA-512 crypt" });
    await digestReady(page, "SHA-512 crypt");
    const digest = await blockDigest(page);
    assert.match(digest, /^\$6\$rounds=50000\$/);
    const writtenFor = page.getByLabel("Write the digest for");
    const out = page.locator(".digest-value");
    assert.equal(await out.innerText(), `'${digest}'`);

    await writtenFor.selectOption({ label: "Docker Compose file" });
    await eventually(async () => assert.equal(await blockDigest(page), digest.replaceAll("$", "$$$$")));
    assert.ok((await blockDigest(page)).startsWith("$$6$$rounds=50000$$"));
    assert.equal(await out.innerText(), `'${digest.replaceAll("$", "$$$$")}'`);

    await writtenFor.selectOption({ label: ".env file" });
    await eventually(async () => assert.equal(await out.innerText(), `'${digest}'`));
    assert.equal(await blockDigest(page), digest);

    await writtenFor.selectOption({ label: "YAML (configuration.yml)" });
    await eventually(async () => assert.equal(await out.innerText(), `'${digest}'`));
    assert.match(await checkWithPage(page, digest, "compose-secret-0123456789"), /^Match/);
  } finally {
    await app.close();
  }
});

test("the checker says what Authelia would do, and warns where a reader would be fooled", async () => {
  const app = await open();
  const { page } = app;
  try {
    // Authelia's plaintext form matches, but is no digest.
    assert.match(
      await checkWithPage(page, "hunter2hunter2", "hunter2hunter2"),
      /^Match — but this is Authelia's plaintext form: store a digest/,
    );
    assert.equal(await page.locator("p.check-result.good").count(), 0, "a plaintext match is shown as good");
    // A key cut to one byte: one wrong secret in 256 would match; the warning says why.
    assert.match(
      await checkWithPage(page, "$pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA$5w", "insecure_secret"),
      /this digest's key is 1 byte; PBKDF2-SHA512 writes 64: it may have been cut short/,
    );
    // A bcrypt salt whose last character has its unused bits set: Authelia reads it.
    assert.match(
      await checkWithPage(page, "$2b$04$abcdefghijklmnopqrstuvetD7pPjMsPVYFWFIUUorW53cGfvCW.u", "insecure_secret"),
      /^Match: this secret gives this digest/,
    );
    // scrypt's two PBKDF2 passes count: refused at once, naming the limit.
    assert.match(
      await checkWithPage(page, "$scrypt$ln=1,r=1,p=8388605$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE", "insecure_secret"),
      /SHA-256 compressions in its two PBKDF2 passes/,
    );
  } finally {
    await app.close();
  }
});
