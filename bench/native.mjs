// Native Rust, the same code the worker runs, through the crate's own benchmark (its
// output is parsed; the crate is not touched). Each invocation prints medians of five
// hashes, then the RustCrypto crates' time on the same parameters ("oracle" lines): the owned
// Argon2 kernel and the crate it would be replaced by, in one process (issue 21). scrypt is
// the crate's own already, so it has no oracle line.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { log } from "./results.mjs";

export const NATIVE_KEYS = ["native.pbkdf2", "native.argon2id", "native.scrypt", "oracle.argon2id"];

export function nativeRun(root, run) {
  const out = execFileSync("cargo", ["bench", "--locked", "-q", "-p", "guide-secrets", "--bench", "hash"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? join(root, "target", "bench") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const time = (prefix, params) => {
    const line = out.split("\n").find((l) => l.startsWith(prefix));
    if (!line) throw new Error(`cargo bench printed no "${prefix}" line:\n${out}`);
    if (params && !params.test(line)) throw new Error(`cargo bench's ${prefix} is not at Authelia's defaults: ${line}`);
    const ms = line.match(/median of \d+ = ([\d.]+) ms$/);
    if (!ms) throw new Error(`cannot read a time from: ${line}`);
    return Number(ms[1]);
  };
  const values = new Map([
    ["native.pbkdf2", time("PBKDF2-SHA512 ", /hash: Sha512, iterations: 310000 /)],
    ["native.argon2id", time("Argon2id ", /memory_kib: 65536, iterations: 3, parallelism: 4,/)],
    ["native.scrypt", time("scrypt ", /ln: 16, block_size: 8, parallelism: 1,/)],
    ["oracle.argon2id", time("oracle crate for Argon2id")],
  ]);
  log(`run ${run}: native PBKDF2 ${values.get("native.pbkdf2")} ms, Argon2id ${values.get("native.argon2id")} ms (crate ${values.get("oracle.argon2id")} ms), scrypt ${values.get("native.scrypt")} ms`);
  return values;
}
