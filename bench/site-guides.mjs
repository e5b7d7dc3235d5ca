// Writes the folder of guides the site figures are measured on: a Hugo section of COUNT
// guides made from the project's own guides (guides/*.md and tests/fixtures/guides/**),
// nothing else. Each guide is a copy of one of them, in turn, at `<name>-<n>/index.md`
// (n = 1…COUNT over the whole site, so no two share a slug), its title made unique
// ("Grafana 17") and each alias given the same suffix (aliases of two guides must not
// collide). A guide that is a folder (tests/fixtures/guides/notebook/, with its picture)
// is copied whole, so some pages have images.
//
//   node bench/site-guides.mjs [--out DIR] [--count N]    (default target/bench-guides, 150)
//
// Run by scripts/bench before it builds the bench site from the folder.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** The project's guides the copies are made from, in this order. */
const SOURCE_FOLDERS = [join(ROOT, "guides"), join(ROOT, "tests", "fixtures", "guides")];
export const SITE_TITLE = "Bench guides";
export const DEFAULT_COUNT = 150;

/** Every guide of a folder: `<name>.md` files and `<name>/index.md` folders (with their
 * other files), by name. */
function guidesIn(folder) {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (!existsSync(join(path, "index.md"))) return [];
        const files = readdirSync(path).filter((f) => f !== "index.md" && statSync(join(path, f)).isFile());
        return [{ name, text: readFileSync(join(path, "index.md"), "utf8"), files: files.map((f) => join(path, f)) }];
      }
      if (!name.endsWith(".md") || name.startsWith("_") || name.toLowerCase() === "readme.md") return [];
      return [{ name: basename(name, ".md"), text: readFileSync(path, "utf8"), files: [] }];
    });
}

/** A YAML scalar with `suffix` added inside its quotes, if it has any. */
function suffixed(scalar, suffix) {
  const quoted = scalar.match(/^(["'])(.*)\1$/);
  return quoted ? `${quoted[1]}${quoted[2]}${suffix}${quoted[1]}` : `${scalar}${suffix}`;
}

/** The guide's text with its title and aliases made unique by `n`. Only the plain forms the
 * project's guides use are read (`title: "…"`, `aliases:` then `  - '…'` lines); any other
 * form of either fails, so a copy can never keep a colliding one by accident. */
export function uniqueCopy(text, n, file) {
  const match = text.match(/^---\n([\s\S]*?)\n---\n/);
  if (!match) throw new Error(`${file}: no front matter`);
  let titles = 0;
  let inAliases = false;
  const lines = match[1].split("\n").map((line) => {
    if (inAliases) {
      const item = line.match(/^(\s+-\s+)(.+?)\s*$/);
      if (item) {
        const alias = item[2].replace(/^(["'])(.*)\1$/, "$2").replace(/\/*$/, "");
        return `${item[1]}'${alias}-${n}/'`;
      }
      inAliases = false;
    }
    const title = line.match(/^title:\s*(.+?)\s*$/);
    if (title) {
      titles++;
      return `title: ${suffixed(title[1], ` ${n}`)}`;
    }
    if (/^aliases:/.test(line)) {
      if (!/^aliases:\s*$/.test(line)) throw new Error(`${file}: aliases are not a plain list`);
      inAliases = true;
    }
    return line;
  });
  if (titles !== 1) throw new Error(`${file}: ${titles} top-level titles, expected one`);
  return `---\n${lines.join("\n")}\n---\n${text.slice(match[0].length)}`;
}

/** Writes the section to `out` (emptied first); returns the guides' slugs. */
export function writeBenchGuides(out, count = DEFAULT_COUNT) {
  const sources = SOURCE_FOLDERS.flatMap((folder) => guidesIn(folder).map((g) => ({ ...g, from: relative(ROOT, folder) })));
  if (!sources.length) throw new Error("no guides to copy");
  if (!sources.some((s) => s.files.length)) throw new Error("no guide folder with an image among the sources");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "_index.md"),
    `---\ntitle: "${SITE_TITLE}"\ndescription: "${count} copies of the project's own guides, for scripts/bench."\n---\n`,
  );
  const slugs = [];
  for (let n = 1; n <= count; n++) {
    const source = sources[(n - 1) % sources.length];
    const slug = `${source.name}-${n}`;
    const folder = join(out, slug);
    mkdirSync(folder);
    writeFileSync(join(folder, "index.md"), uniqueCopy(source.text, n, `${source.from}/${source.name}`));
    for (const file of source.files) copyFileSync(file, join(folder, basename(file)));
    slugs.push(slug);
  }
  return slugs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
  const out = resolve(value("--out", join(ROOT, "target", "bench-guides")));
  const count = Number(value("--count", DEFAULT_COUNT));
  if (!Number.isInteger(count) || count < 1) {
    console.error("site-guides: --count needs a positive integer");
    process.exit(2);
  }
  const slugs = writeBenchGuides(out, count);
  console.log(`site-guides: ${slugs.length} guides written to ${relative(ROOT, out) || "."}`);
}
