// The page as `scripts/serve` serves it (trunk serve) is as clean as the release build's:
// its live-reload script runs under the strict Content-Security-Policy, and a change on
// disk reloads the page. scripts/test runs this with Trunk on PATH.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { APP_READY, eventually, needs, openApp, spawnTrunk, ROOT } from "./harness.mjs";


function hasTrunk() {
  try {
    execFileSync("trunk", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Whether `port` (0: any) can be listened on at loopback; resolves with the port, or null. */
function tryPort(port) {
  return new Promise((ok) => {
    const server = createServer();
    server.on("error", () => ok(null));
    server.listen(port, "127.0.0.1", () => {
      const { port: got } = server.address();
      server.close(() => ok(got));
    });
  });
}

/**
 * A free port on loopback for `trunk serve`, which is told its port and binds it only
 * after its first build. The other test file running beside this one opens its servers on
 * ports the system hands out (port 0, from the ephemeral range), and a port freed here
 * could be handed to one of them before Trunk binds it; the page it served would then pass
 * for Trunk's. So the port is one below the ephemeral range (Linux's, from /proc), which
 * the system never hands out; elsewhere any free port.
 */
async function freePort() {
  const range = (() => {
    try {
      return readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    } catch {
      return null;
    }
  })();
  const low = range?.[0];
  if (Number.isInteger(low) && low > 11024) {
    for (let tries = 0; tries < 50; tries++) {
      const port = await tryPort(low - 10000 + Math.floor(Math.random() * 10000));
      if (port !== null) return port;
    }
  }
  const port = await tryPort(0);
  assert.ok(port !== null, "no free port on loopback");
  return port;
}

/** Starts `trunk serve` on `port` and resolves once it answers with the page. */
async function trunkServe(port) {
  // --release reuses the build scripts/test just made; the serving and live-reload path
  // is the same as scripts/serve's. A separate dist keeps dist/ for the other tests.
  // Holding the harness's Trunk lock for as long as it serves: its rebuild after the
  // change below writes where any other Trunk run does.
  const child = spawnTrunk(["serve", "--release", "--offline", "--locked", "--port", String(port), "--dist", "target/dist-serve"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw Object.assign(new Error(`trunk serve exited:\n${output}`), { fatal: true });
        const page = await (await fetch(url)).text();
        assert.ok(page.includes("gp-guide-data"), "not the built page yet");
      },
      { timeout: 600000, interval: 500 },
    );
  } catch (err) {
    process.kill(-child.pid);
    throw new Error(`${err.message}\n--- trunk serve said:\n${output.slice(-4000)}`);
  }
  const server = {
    origin: `http://127.0.0.1:${port}`,
    url,
    requests: [],
    close: async () => {
      process.kill(-child.pid);
      await new Promise((ok) => child.once("exit", ok));
    },
  };
  return { server, output: () => output };
}

test("the page trunk serve serves runs its live reload under the strict policy, and reloads on a change", { timeout: 900000 }, async (t) => {
  if (!needs(t, hasTrunk(), "trunk is not on PATH (scripts/test puts it there)")) return;
  const { server, output } = await trunkServe(await freePort());
  const app = await openApp({ server });
  try {
    const { page } = app;
    const sockets = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    const scripts = await page.locator("script[src]").evaluateAll((ss) => ss.map((s) => s.getAttribute("src")));
    assert.ok(scripts.includes("/trunk-live-reload.js"), `the live-reload script is not a file of the page's: ${scripts}`);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.doesNotMatch(csp, /'unsafe-inline'/);

    // A change on disk rebuilds and reloads the page. The page's own file is written
    // again with the same bytes: a real write, and nothing to undo if the test stops.
    await page.evaluate(() => (window.__beforeTheChange = true));
    await app.quiet(); // a reload must not abort the workers' loading
    await page.reload(); // connects the live-reload socket with the listener in place
    await page.locator(APP_READY).waitFor();
    await eventually(() => assert.ok(sockets.some((u) => u.endsWith("/.well-known/trunk/ws")), `no live-reload socket: ${sockets}`));
    await page.evaluate(() => (window.__beforeTheChange = true));
    await app.quiet(); // the reload to come must not abort a load
    writeFileSync(`${ROOT}/index.html`, readFileSync(`${ROOT}/index.html`));
    await eventually(async () => assert.equal(await page.evaluate(() => window.__beforeTheChange ?? false), false), {
      timeout: 120000,
      interval: 500,
    });
    await page.locator(APP_READY).waitFor({ timeout: 60000 });
    await page.waitForLoadState("networkidle");
  } catch (err) {
    throw new Error(`${err.message}\n--- trunk serve said:\n${output().slice(-3000)}`);
  } finally {
    try {
      await app.close(); // fails on a console error: a blocked script is one
    } finally {
      await server.close();
    }
  }
});
