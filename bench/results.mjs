// What a benchmark run collects: one sample per run for each figure, or the reason a
// figure could not be taken. Nothing is printed that was not measured in this run.

export class Results {
  constructor(runs) {
    this.runs = runs;
    this.samples = new Map(); // figure key -> number[]
    this.failures = new Map(); // figure key -> reason
    this.notes = {};
  }

  record(key, value) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`internal: ${key} got a non-number ${value}`);
    }
    if (!this.samples.has(key)) this.samples.set(key, []);
    this.samples.get(key).push(value);
  }

  /** Records every figure of `values` (a Map) at once: a run counts whole or not at all. */
  recordAll(values) {
    for (const [key, value] of values) this.record(key, value);
  }

  fail(keys, err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    for (const key of keys) if (!this.failures.has(key)) this.failures.set(key, reason);
    log(`FAILED ${keys.join(", ")}: ${reason}`);
  }

  failed(key) {
    return this.failures.has(key);
  }

  note(key, value) {
    (this.notes[key] ??= []).push(value);
  }
}

export const log = (message) => console.error(`    ${message}`);

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Nearest-rank percentile. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};
