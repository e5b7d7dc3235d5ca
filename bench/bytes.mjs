// Bytes each part of the site downloads: the files the browser asked for, measured as
// served (raw) and as a static host would compress them (gzip 9, brotli 11).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

/** The parts of the site, by file name: the app (loaded when the reader reaches for the
 * page), each worker's three files, and the page's rest. */
const PARTS = {
  app: (name) => /^app(_bg\.wasm|\.js)$/.test(name),
  worker: (name) => /^hasher(_bg\.wasm|\.js|_loader\.js)$/.test(name),
  parser: (name) => /^parser(_bg\.wasm|\.js|_loader\.js)$/.test(name),
  checker: (name) => /^checker(_bg\.wasm|\.js|_loader\.js)$/.test(name),
};

/** Which part a file belongs to: `app`, `worker` (hashing), `parser`, `checker`, or `page`. */
export function partOf(name) {
  for (const [part, matches] of Object.entries(PARTS)) if (matches(name)) return part;
  return "page";
}

/** Sizes of one file of `dist`. */
export function sizes(dist, name) {
  const body = readFileSync(join(dist, name));
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}

/** The sum of some files' sizes. */
export const total = (files) =>
  Object.values(files).reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
