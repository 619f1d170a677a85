import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUp } from "./helpers";

/**
 * The iteration workflow end to end, as a designer does it: a batch of four, two favorites, a board,
 * compare, export the board, recall into the studio, and a share link opened by someone signed out.
 */
test.describe.configure({ mode: "serial" });

const PROMPT = "Lemon soda can on a pastel background, studio light";

/** Picks "Images per run" and presses Generate; returns the batch section. */
async function generateBatch(page: Page, prompt: string, count: number, seed?: number) {
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await page.getByRole("group", { name: "Images per run" }).getByText(String(count), { exact: true }).click();
  if (seed !== undefined) await page.getByRole("spinbutton", { name: "Seed" }).fill(String(seed));
  await page.getByRole("button", { name: `Generate ${count}` }).click();
  const batch = page.getByRole("region", { name: `Batch of ${count} images` }).first();
  await expect(batch.getByTestId("job-card")).toHaveCount(count);
  return batch;
}

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== "," && c !== "\r" && c !== "\n")) {
      cell += c;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    }
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

test("batch of 4 → favorite two → board → compare → export → recall → share", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = await signUp(page, "Iris");

  // A batch of four: one recipe, four generations, consecutive seeds from the pinned one.
  const batch = await generateBatch(page, PROMPT, 4, 5000);
  await expect(batch.locator('[data-testid="job-card"][data-status="completed"]')).toHaveCount(4, { timeout: 60_000 });
  await expect(batch.getByTestId("job-seed")).toHaveText(["seed 5000", "seed 5001", "seed 5002", "seed 5003"]);
  await expect(page.getByTestId("queue-count")).toHaveText("0");

  // Favorite two: one with the keyboard (f on the focused tile), one with its star.
  await page.getByRole("link", { name: "Gallery", exact: true }).click();
  const tiles = page.getByTestId("gallery-item");
  await expect(tiles).toHaveCount(4);
  await expect(page.getByTestId("gallery-total")).toHaveText("4 images, newest first");
  await tiles.nth(0).getByRole("link").focus();
  await page.keyboard.press("f");
  await expect(tiles.nth(0).getByRole("button", { name: "Remove from favorites" })).toBeVisible();
  await tiles.nth(1).hover();
  await tiles.nth(1).getByRole("button", { name: "Add to favorites" }).click();
  await expect(tiles.nth(1).getByRole("button", { name: "Remove from favorites" })).toBeVisible();

  // The Favorites filter lives in the address; a reload keeps the view.
  await page.getByRole("checkbox", { name: "Favorites" }).check();
  await expect(page).toHaveURL(/fav=1/);
  await page.reload();
  await expect(tiles).toHaveCount(2);
  const favoriteSeeds = (await page.getByTestId("gallery-seed").allTextContents()).map(Number).sort();
  expect(favoriteSeeds).toEqual([5002, 5003]);

  // Select both, make a board of them.
  for (let i = 0; i < 2; i++) {
    await tiles.nth(i).hover();
    await tiles.nth(i).getByRole("checkbox").check();
  }
  const selection = page.getByRole("region", { name: "Selection" });
  await selection.getByRole("textbox", { name: "New board name" }).fill("Launch picks");
  await selection.getByRole("button", { name: "Create & add" }).click();
  await expect(page.getByTestId("toast")).toContainText("Added 2 to Launch picks");

  // Compare them: the seed differs, the model does not.
  await selection.getByRole("link", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=/);
  await expect(page.getByTestId("compare-image")).toHaveCount(2);
  await expect(page.locator('[data-testid="compare-row"][data-label="Seed"]')).toHaveAttribute("data-differs", "true");
  await expect(page.locator('[data-testid="compare-row"][data-label="Model"]')).toHaveAttribute("data-differs", "false");
  await expect(page.getByTestId("compare-summary")).toContainText("1 setting differs");

  // Export the board: the zip holds both originals and a CSV whose rows are their recipes.
  await page.getByRole("link", { name: "Boards" }).click();
  const board = page.getByTestId("board").filter({ hasText: "Launch picks" });
  await expect(board.getByTestId("board-count")).toHaveText("2 images");
  const downloading = page.waitForEvent("download");
  await board.getByRole("link", { name: "Export zip" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Launch-picks.zip");
  const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
  const manifest = parseCsv(strFromU8(zip["manifest.csv"]!));
  expect(manifest).toHaveLength(2);
  for (const row of manifest) {
    const api = await page.request.get(`/api/generations/${row.generation_id}`);
    const view = await api.json();
    expect(row).toMatchObject({
      prompt: view.params.prompt,
      seed: String(view.params.seed),
      model: view.model,
      aspect_ratio: view.params.aspect_ratio,
      output_resolution: view.params.output_resolution,
      output_format: view.params.output_format,
      thinking_level: view.params.thinking_level,
      safety_tolerance: String(view.params.safety_tolerance),
    });
    expect(zip[row.file!]?.length).toBe(view.images[0].bytes);
  }
  expect(manifest.map((r) => Number(r.seed)).sort()).toEqual([5002, 5003]);

  // Recall only the seed of an image into the studio: the draft's prompt stays.
  await page.getByRole("link", { name: "Studio", exact: true }).click();
  await page.getByRole("textbox", { name: "Prompt" }).fill("A brand new idea for the next shot");
  await page.getByRole("spinbutton", { name: "Seed" }).fill("");
  await page.goto(`/gallery/${manifest[0]!.generation_id}`);
  await page.getByRole("link", { name: "Seed", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue(manifest[0]!.seed!);
  await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue("A brand new idea for the next shot");
  // …and then all of it.
  await page.goto(`/gallery/${manifest[1]!.generation_id}`);
  await page.getByRole("link", { name: "All settings" }).click();
  await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue(PROMPT);
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue(manifest[1]!.seed!);

  // Share the board; someone signed out sees the two images and nothing of Iris.
  await page.goto("/boards");
  await board.getByRole("button", { name: "Create link" }).click();
  const shareUrl = await board.getByTestId("share-url").inputValue();
  expect(shareUrl).toMatch(/\/s\/[\w-]{32}$/);
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  await visitor.goto(shareUrl);
  await expect(visitor.getByTestId("shared-title")).toHaveText("Launch picks");
  await expect(visitor.getByTestId("shared-item")).toHaveCount(2);
  await expect
    .poll(() =>
      visitor
        .getByTestId("shared-item")
        .first()
        .locator("img")
        .evaluate((img) => (img as HTMLImageElement).naturalWidth),
    )
    .toBeGreaterThan(0);
  const html = await visitor.content();
  expect(html).not.toContain(email);
  expect(html).not.toContain("Iris");
  // Stop sharing: the link is dead at once.
  await board.getByRole("button", { name: "Stop sharing" }).click();
  await expect(board.getByRole("button", { name: "Create link" })).toBeVisible();
  expect((await visitor.goto(shareUrl))?.status()).toBe(404);
  await stranger.close();
});
