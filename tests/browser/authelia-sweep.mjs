// Opens every one of Authelia's client guides in the built app, as a reader would (each
// guide's folder through the folder picker), and counts what issue 11 asks of each:
// no raw shortcode, no console error or failed request, the reader's domain in its code,
// the reader's secret wherever the example secret stood, and the digest of the reader's
// secret in the Authelia block; and what issue 31 asks: highlighted code whose Copy gives
// exactly its text, and no axe-core violation in light or dark colours.
//
// Not part of scripts/test: Authelia's guides are not in this repository. Run it against
// a checkout of authelia/authelia:
//
//   node tests/browser/authelia-sweep.mjs <authelia>/docs/content/integration/openid-connect/clients
//
// It prints one line per guide that falls short, then the counts.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { openApp } from "./harness.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const RULES = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node tests/browser/authelia-sweep.mjs <clients directory>");
  process.exit(2);
}
const guides = readdirSync(dir)
  .filter((name) => statSync(join(dir, name)).isDirectory())
  .sort();

const DOMAIN = "reader-domain.test";
const app = await openApp({ allowProblems: true, permissions: ["clipboard-read", "clipboard-write"] });
const { page } = app;
// Typed, not linked: a link's values apply only to the guide it was made for, while a
// typed value is the reader's for every guide opened after.
await page.getByLabel("Domain", { exact: true }).fill(DOMAIN);
await page.getByText("Open another guide").click();

const counts = {
  guides: guides.length, opened: 0, noRaw: 0, clean: 0, domain: 0, withSecret: 0, exampleGone: 0, digest: 0,
  highlighted: 0, copyExact: 0, axeLight: 0, axeDark: 0,
};

/** axe's violations on the page now, one line each. */
async function violations() {
  await page.evaluate(AXE);
  const result = await page.evaluate((rules) => globalThis.axe.run(document, rules), RULES);
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}
for (const name of guides) {
  const before = app.problems.length;
  const source = page.locator("main p.source");
  await page.getByLabel("Guide folder").setInputFiles(join(dir, name));
  try {
    await source.filter({ hasText: `${name}/index.md` }).waitFor({ timeout: 5000 });
  } catch {
    console.log(`${name}: did not open: ${await page.locator("p.open-error").innerText()}`);
    continue;
  }
  counts.opened += 1;
  const facts = await page.evaluate(() => {
    const main = document.querySelector("main");
    const code = [...main.querySelectorAll("pre, code")].map((p) => p.textContent).join("\n");
    return { text: main.innerText, code };
  });
  const short = [];
  const markdown = readFileSync(join(dir, name, "index.md"), "utf8");
  // Hugo shows a commented shortcode ({{</* … */>}}) as its literal text, on purpose.
  const literal = /\{\{[<%]\/\*/.test(markdown);
  if (/\{\{[<%]/.test(facts.text) && !literal) short.push("raw shortcode");
  else counts.noRaw += 1;
  if (literal) short.push("(note: shows a commented shortcode literally, as Hugo does)");
  if (facts.code.includes(DOMAIN)) counts.domain += 1;
  else short.push("domain not in code");

  // The secret panel exists only for guides whose client has a secret.
  const generate = page.getByRole("button", { name: "Generate" });
  if ((await generate.count()) > 0) {
    counts.withSecret += 1;
    await generate.click();
    await page.locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    const after = await page.evaluate(() => {
      const main = document.querySelector("main");
      const secret = document.querySelector("#gp-client-secret").value;
      const digests = [...main.querySelectorAll('figure.code-block [data-var="digest"]')].map((d) => d.textContent);
      return { text: main.innerText, secret, digests };
    });
    if (/insecure_secret/.test(after.text)) short.push("example secret still shown");
    else counts.exampleGone += 1;
    if (after.digests.length > 0 && after.digests.every((d) => d.startsWith("$pbkdf2-sha512$"))) counts.digest += 1;
    else if (!/^\s*client_secret:/m.test(markdown)) short.push("(note: the guide's Authelia block has no client_secret)");
    else short.push("no digest of the reader's secret in a code block");
    if (!after.text.includes(after.secret)) short.push("the reader's secret is nowhere");
  }
  // Highlighted code: its first coloured block's Copy gives exactly what it shows.
  const coloured = page.locator("main figure.code-block").filter({ has: page.locator("pre [class^='t-']") });
  if ((await coloured.count()) > 0) {
    counts.highlighted += 1;
    const block = coloured.first();
    await block.locator(".code-actions button").first().click();
    await block.locator(".copy-state").filter({ hasText: "Copied" }).waitFor({ timeout: 5000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (copied === (await block.locator("pre").innerText())) counts.copyExact += 1;
    else short.push("Copy differs from the highlighted block's text");
  } else if (/^```(ya?ml|shell|bash|sh|json|ini|toml|php)\b/m.test(markdown)) {
    short.push("no highlighted block");
  }
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    const found = await violations();
    if (found.length === 0) counts[colorScheme === "light" ? "axeLight" : "axeDark"] += 1;
    else short.push(`axe (${colorScheme}): ${found.join("; ")}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (app.problems.length === before) counts.clean += 1;
  else short.push(...app.problems.slice(before));
  if (short.length) console.log(`${name}: ${short.join("; ")}`);
}
console.log(JSON.stringify(counts, null, 2));
await app.close();
