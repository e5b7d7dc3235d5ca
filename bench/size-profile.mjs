// The page's WebAssembly, broken down by crate and by function: where its bytes go.
//
// Reads the linker's output (target/wasm32-unknown-unknown/release/<bin>.wasm, before
// wasm-bindgen and wasm-opt), which still carries its name section: each function's body
// size, attributed to the crate its mangled name starts with (for an impl, the crate of
// the type it is for). The shipped file is smaller (wasm-opt shrinks and merges
// functions), so the figures say where the bytes go, not what the download is: the
// download is bytes.mjs's.
//
//   node bench/size-profile.mjs [file.wasm] [--top N]
//
// No tool to install: WebAssembly's binary format is read here (sections, LEB128), which
// is what twiggy's "top" and "dominators by crate" would need from it.

import { readFileSync } from "node:fs";

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at];
  }
}

/** Each section's id, name (for custom sections) and byte range. */
function sections(bytes) {
  const found = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    let name = "";
    if (id === 0) {
      const [length, from] = leb(bytes, start);
      name = new TextDecoder().decode(bytes.subarray(from, from + length));
    }
    found.push({ id, name, start, end: start + size });
    at = start + size;
  }
  return found;
}

/** How many functions the module imports: they come first in the function index space. */
function importedFunctions(bytes, section) {
  let [count, at] = leb(bytes, section.start);
  let functions = 0;
  const skipName = () => {
    const [length, from] = leb(bytes, at);
    at = from + length;
  };
  for (; count > 0; count--) {
    skipName();
    skipName();
    const kind = bytes[at++];
    if (kind === 0) {
      functions++;
      [, at] = leb(bytes, at);
    } else if (kind === 1) {
      at += 1;
      const [flags, next] = leb(bytes, at);
      [, at] = leb(bytes, next);
      if (flags & 1) [, at] = leb(bytes, at);
    } else if (kind === 2) {
      const [flags, next] = leb(bytes, at);
      [, at] = leb(bytes, next);
      if (flags & 1) [, at] = leb(bytes, at);
    } else if (kind === 3) {
      at += 2;
    } else {
      at += 1;
      [, at] = leb(bytes, at);
    }
  }
  return functions;
}

/** Each defined function's body size, in index order. */
function bodySizes(bytes, section) {
  let [count, at] = leb(bytes, section.start);
  const sizes = [];
  for (; count > 0; count--) {
    const [size, from] = leb(bytes, at);
    sizes.push(size);
    at = from + size;
  }
  return sizes;
}

/** The name section's function names, by function index. */
function functionNames(bytes, section) {
  const names = new Map();
  let [, at] = leb(bytes, section.start);
  at += 4; // "name"
  while (at < section.end) {
    const kind = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, start);
      for (; count > 0; count--) {
        const [index, q] = leb(bytes, p);
        const [length, r] = leb(bytes, q);
        names.set(index, new TextDecoder().decode(bytes.subarray(r, r + length)));
        p = r + length;
      }
    }
    at = start + size;
  }
  return names;
}

/** The crate a mangled (legacy `_ZN`) name belongs to: its first path segment, or for an
 * impl (`<T as Trait>`), the crate of T. */
export function crateOf(name) {
  const legacy = /^_ZN(\d+)(.*)$/.exec(name);
  if (!legacy) {
    // v0 mangling (the standard library's precompiled code): the first crate root,
    // `C` + optional `s<disambiguator>_` + length + name.
    const v0 = name.startsWith("_R") ? /C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name) : null;
    if (v0) return v0[2].slice(0, Number(v0[1]));
    return name.split(/[:.]/)[0] || "(unnamed)";
  }
  const first = legacy[2].slice(0, Number(legacy[1]));
  return first.startsWith("$LT$") || first.startsWith("_$LT$") ? implCrate(first) : first;
}

/** The crate of an impl's first path segment (`_$LT$T$u20$as$u20$tachys..view..Render$GT$`):
 * the type's, or the trait's when the type is generic (`T`, `&T`, `[T]`). */
function implCrate(segment) {
  const impl = /^_?\$LT\$(.*?)(?:\$u20\$as\$u20\$(.*))?\$GT\$$/.exec(segment);
  if (!impl) return "(impl)";
  const type = impl[1].replace(/^(\$RF\$|mut\$u20\$|\$u5b\$)+/, "");
  const generic = /^[A-Z]([^a-z]|$)/.test(type);
  const from = generic && impl[2] ? impl[2] : type;
  return from.split("..")[0].split("$")[0] || "(impl)";
}

/** A mangled name made readable enough to recognise: its path, without the hash. */
export function readable(name) {
  const legacy = /^_ZN(.*)17h[0-9a-f]{16}E$/.exec(name);
  if (!legacy) return name;
  const parts = [];
  let rest = legacy[1];
  while (rest.length > 0) {
    const m = /^(\d+)/.exec(rest);
    if (!m) break;
    const length = Number(m[1]);
    parts.push(rest.slice(m[1].length, m[1].length + length));
    rest = rest.slice(m[1].length + length);
  }
  return parts
    .join("::")
    .replace(/\$LT\$/g, "<")
    .replace(/\$GT\$/g, ">")
    .replace(/\$u20\$/g, " ")
    .replace(/\$RF\$/g, "&")
    .replace(/\$C\$/g, ",")
    .replace(/\.\./g, "::");
}

/** The profile of `file`: per crate and per function, bytes of function bodies. */
export function profile(file) {
  const bytes = readFileSync(file);
  const all = sections(bytes);
  const imports = all.find((s) => s.id === 2);
  const code = all.find((s) => s.id === 10);
  const names = all.find((s) => s.id === 0 && s.name === "name");
  if (!code || !names) throw new Error(`${file}: no code or no name section (a stripped or optimised file?)`);
  const offset = imports ? importedFunctions(bytes, imports) : 0;
  const sizes = bodySizes(bytes, code);
  const named = functionNames(bytes, names);
  const functions = sizes.map((size, i) => ({ size, name: named.get(i + offset) ?? `func[${i + offset}]` }));
  const crates = new Map();
  for (const f of functions) crates.set(crateOf(f.name), (crates.get(crateOf(f.name)) ?? 0) + f.size);
  return {
    total: bytes.length,
    code: code.end - code.start,
    crates: [...crates].sort((a, b) => b[1] - a[1]),
    functions: functions.sort((a, b) => b.size - a.size),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 30;
  const file = args.find((a) => a.endsWith(".wasm")) ?? "target/wasm32-unknown-unknown/release/guide-playground.wasm";
  const p = profile(file);
  console.log(`${file}: ${p.total} bytes, code ${p.code} bytes (before wasm-bindgen and wasm-opt)`);
  console.log("\nBy crate (function bodies):");
  for (const [crate, size] of p.crates.slice(0, top)) console.log(`${String(size).padStart(9)}  ${(100 * size / p.code).toFixed(1).padStart(5)}%  ${crate}`);
  console.log(`\nLargest ${top} functions:`);
  for (const f of p.functions.slice(0, top)) console.log(`${String(f.size).padStart(9)}  ${readable(f.name).slice(0, 150)}`);
}
