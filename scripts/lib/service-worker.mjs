// The service worker's script for a build (post-build.mjs, step 5): its template
// (assets/service-worker.js) with the build's lists and version put in as one JSON value.
//
// File names come from the reader's folder of guides, so they are data, never text a
// substitution reads: String.replace expands `$'`, `$&` and `$$` in its replacement, and
// an image named with one once wrote a script that did not parse, so the service worker
// never registered and nothing said so.
import vm from "node:vm";

/** Where the template takes the build's data. */
export const MARKER = "/* BUILD */ null";

/**
 * The script: `template` with `data` (`{ shared, guides, version }`) as JSON in place of
 * its one MARKER, joined by split and join, which read nothing in either.
 *
 * Throws, saying why, if the template does not hold the marker exactly once or the
 * script does not parse (as a classic script, which a service worker is).
 */
export function serviceWorkerScript(template, data) {
  const parts = template.split(MARKER);
  if (parts.length !== 2) throw new Error(`its template must hold ${MARKER} once; it holds it ${parts.length - 1} times`);
  const script = parts.join(JSON.stringify(data));
  try {
    new vm.Script(script, { filename: "service-worker.js" });
  } catch (error) {
    throw new Error(`the script written does not parse: ${error.message}`);
  }
  return script;
}
