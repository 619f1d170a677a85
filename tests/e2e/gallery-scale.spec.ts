/**
 * The gallery with 10,000 images: seeded straight into a fresh data folder (bench/seed-gallery.ts), then
 * opened in a studio of its own. Scrolling loads page after page while the DOM keeps only the rows near
 * the viewport, and a search counts exactly the seeded prompts with that word.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { SIMULATOR_URL } from "./env";
import { kill, startStudio, type Studio } from "./studio-process";

const EMAIL = "scale@example.com";
const PASSWORD = "scale test password";
let studio: Studio;
let sneakerCount = 0;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "nano-scale-"));
  const output = execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "bench/seed-gallery.ts"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      SEED_COUNT: "10000",
      SEED_EMAIL: EMAIL,
      SEED_PASSWORD: PASSWORD,
    },
    encoding: "utf8",
  });
  expect(output).toContain("seeded: 10000");
  sneakerCount = Number(output.match(/word sneaker: (\d+)/)![1]);
  studio = await startStudio(3304, { DATA_DIR: dataDir, SIMULATOR_URL });
});
test.afterAll(() => studio && kill(studio));

test("scrolls through 10,000 images with a bounded DOM, and searches them", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${studio.url}/`);

  await page.goto(`${studio.url}/gallery`);
  await expect(page.getByTestId("gallery-total")).toHaveText("10,000 images, newest first");
  const tiles = page.getByTestId("gallery-item");
  const domTiles = () => tiles.count();
  expect(await domTiles()).toBeLessThan(80);

  // Scroll far: pages keep arriving (the grid's height grows), the DOM stays a window of rows.
  let loadedHeight = await page.getByTestId("gallery-grid").evaluate((el) => el.scrollHeight);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 6000);
    await page.waitForTimeout(150);
  }
  await expect.poll(() => page.getByTestId("gallery-grid").evaluate((el) => el.scrollHeight)).toBeGreaterThan(loadedHeight * 2);
  loadedHeight = await page.getByTestId("gallery-grid").evaluate((el) => el.scrollHeight);
  expect(await domTiles()).toBeLessThan(80);
  // The rows in the DOM are the ones on screen (plus a few either side).
  const onScreen = await tiles.evaluateAll(
    (els) =>
      els.filter((e) => {
        const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      }).length,
  );
  expect(onScreen).toBeGreaterThan(4);
  const rowIndex = Number(await page.locator('[role="row"]').first().getAttribute("aria-rowindex"));
  expect(rowIndex).toBeGreaterThan(20);

  // A word search, filtered in the database: the count is the seeder's, the view bookmarkable.
  await page.getByRole("searchbox", { name: "Search prompts" }).fill("sneaker");
  await page.getByRole("searchbox", { name: "Search prompts" }).press("Enter");
  await expect(page).toHaveURL(/\?q=sneaker/);
  await expect(page.getByTestId("gallery-total")).toHaveText(`${sneakerCount.toLocaleString("en-US")} images match`);
  const prompts = await page.getByTestId("tile-prompt").allTextContents();
  expect(prompts.length).toBeGreaterThan(0);
  for (const prompt of prompts) expect(prompt).toContain("sneaker");
});
