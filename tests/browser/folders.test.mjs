// Guide folders: Authelia's guides are folders (index.md beside its screenshots). Opened
// as a folder, as several files or dropped on the page, the guide shows its images from
// the reader's own files as blob: URLs, and the page asks no server for them. A guide
// opened on its own shows a labelled placeholder instead, and a link to the guide's own
// site never reloads the playground.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually, useSharedBrowser } from "./harness.mjs";

const NOTEBOOK = fileURLToPath(new URL("../fixtures/guides/notebook", import.meta.url));
const TITLE = "Notebook (a guide folder with its picture) with Authelia";

const open = useSharedBrowser();

/** Waits for the notebook guide, then returns its images as the page shows them. */
async function shownImages(page) {
  await page.locator("h1").filter({ hasText: TITLE }).waitFor();
  const images = page.locator("main img.guide-image");
  await eventually(async () => assert.equal(await images.count(), 2, "the figure and the inline image"));
  return eventually(async () => {
    const shown = await images.evaluateAll((all) => all.map((img) => ({ src: img.src, alt: img.alt, complete: img.complete, width: img.naturalWidth })));
    for (const img of shown) assert.ok(img.complete && img.width === 16, `not decoded: ${JSON.stringify(img)}`);
    return shown;
  });
}

/** Checks the images came from the reader's files, never from the server. */
function fromTheReadersFiles(shown, server) {
  for (const img of shown) assert.match(img.src, /^blob:/);
  assert.deepEqual(shown.map((i) => i.alt), ["The notebook's sign-in settings", "the sign-in button"]);
  const asked = server.requests.filter((path) => /notebook\.png|index\.md/.test(path));
  assert.deepEqual(asked, [], "the page asked the server for the guide's files");
}

test("a guide folder chosen with the folder picker shows its own image, fetched from nowhere", async () => {
  const app = await open();
  try {
    await app.page.getByText("Open another guide").click();
    await app.page.getByLabel("Guide folder").setInputFiles(NOTEBOOK);
    fromTheReadersFiles(await shownImages(app.page), app.server);
    assert.equal(await app.page.locator("main p.source").innerText(), "Guide: notebook/index.md");
  } finally {
    await app.close();
  }
});

test("a guide and its image chosen together as several files show the same", async () => {
  const app = await open();
  try {
    await app.page.getByText("Open another guide").click();
    await app.page.getByLabel("Guide file").setInputFiles([join(NOTEBOOK, "notebook.png"), join(NOTEBOOK, "index.md")]);
    fromTheReadersFiles(await shownImages(app.page), app.server);
  } finally {
    await app.close();
  }
});

test("a folder dropped on the page is walked and opened with its image", async () => {
  const app = await open();
  try {
    // A real drag from the operating system, as Chromium receives one: its files are
    // given by path, and the folder arrives as a directory entry to walk.
    const cdp = await app.context.newCDPSession(app.page);
    const data = { items: [], files: [NOTEBOOK], dragOperationsMask: 1 };
    for (const type of ["dragEnter", "dragOver", "drop"]) {
      await cdp.send("Input.dispatchDragEvent", { type, x: 400, y: 400, data });
    }
    fromTheReadersFiles(await shownImages(app.page), app.server);
  } finally {
    await app.close();
  }
});

test("the guide alone shows a labelled placeholder and makes no request for its image", async () => {
  const app = await open();
  try {
    await app.page.getByText("Open another guide").click();
    await app.page.getByLabel("Guide file").setInputFiles(join(NOTEBOOK, "index.md"));
    await app.page.locator("h1").filter({ hasText: TITLE }).waitFor();
    const placeholders = app.page.locator("main .image-placeholder[role=img]");
    assert.equal(await placeholders.count(), 2);
    assert.equal(await placeholders.first().getAttribute("aria-label"), "Image not shown: The notebook's sign-in settings");
    assert.match(await placeholders.first().innerText(), /notebook\.png, a file beside the guide: open the guide's folder to see it/);
    assert.equal(await app.page.locator("main img").count(), 0);
    assert.deepEqual(app.server.requests.filter((p) => p.includes("notebook.png")), []);

    // Its link to a page of Authelia's own site goes there, absolute, in a new tab.
    const link = app.page.getByRole("link", { name: "client configuration" });
    assert.match(await link.getAttribute("href"), /^https:\/\/www\.authelia\.com\/configuration\/identity-providers\/openid-connect\/clients\/?$/);
    assert.equal(await link.getAttribute("target"), "_blank");
  } finally {
    await app.close();
  }
});

test("opening another guide releases the folder's images", async () => {
  // Reading a released blob: URL fails, and the browser reports that failure.
  const app = await open({ allowProblems: true });
  try {
    await app.page.getByText("Open another guide").click();
    await app.page.getByLabel("Guide folder").setInputFiles(NOTEBOOK);
    const [first] = await shownImages(app.page);
    // Loaded as an image: the policy lets images, and nothing else, read blob: URLs.
    const readable = (url) =>
      app.page.evaluate(
        (url) =>
          new Promise((done) => {
            const img = new Image();
            img.onload = () => done(true);
            img.onerror = () => done(false);
            img.src = url;
          }),
        url,
      );
    assert.equal(await readable(first.src), true);
    await app.page.getByRole("button", { name: /^Back to the Matomo guide$/ }).click();
    await app.page.locator("h1").filter({ hasText: "Matomo with Authelia" }).waitFor();
    assert.equal(await readable(first.src), false, "the image's blob: URL outlived its guide");
    const expected = (p) => p.includes(first.src) || p === "console error: Failed to load resource: net::ERR_FILE_NOT_FOUND";
    assert.deepEqual(app.problems.filter((p) => !expected(p)), []);
  } finally {
    await app.close();
  }
});

test("the policy allows blob: images and nothing wider", async () => {
  const app = await open();
  try {
    const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /(^|; )img-src 'self' blob:(;|$)/);
  } finally {
    await app.close();
  }
});

test("a drop that is not a guide says why and keeps the open guide", async () => {
  const app = await open();
  try {
    await app.page.getByText("Open another guide").click();
    await app.page.getByLabel("Guide file").setInputFiles(join(NOTEBOOK, "notebook.png"));
    await app.page.locator("p.open-error").filter({ hasText: "none of these files is a guide" }).waitFor();
    assert.equal(await app.page.locator("h1").innerText(), "Matomo with Authelia");
  } finally {
    await app.close();
  }
});
