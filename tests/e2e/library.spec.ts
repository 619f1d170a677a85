import AxeBuilder from "@axe-core/playwright";
import { extractRecipe } from "../../lib/library/recipe-file";
import type { Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { signUp } from "./helpers";

/**
 * The rest of the iteration workflow as users meet it: the queue panel, the keyboard, downloads with the
 * recipe inside, a shared image, copy as code, access tokens driving the JSON API, and an accessibility
 * check of every page.
 */

async function runBatch(page: Page, prompt: string, count: number) {
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await page.getByRole("group", { name: "Images per run" }).getByText(String(count), { exact: true }).click();
  // Ctrl+Enter from the prompt box generates, like the button.
  await page.getByRole("textbox", { name: "Prompt" }).press("Control+Enter");
  const batch = page.getByRole("region", { name: `Batch of ${count} images` }).first();
  await expect(batch.getByTestId("job-card")).toHaveCount(count);
  return batch;
}

test("the queue panel lists pending jobs, cancels unsent ones and dismisses running ones", async ({ page }) => {
  await signUp(page, "Quinn");
  // Eight long jobs: four run (the per-user limit), four wait in our queue, unsent.
  const batch = await runBatch(page, "Queue panel check [sim:latency=8000]", 8);
  await expect(page.getByTestId("queue-count")).toHaveText("8");
  await page.getByRole("button", { name: /^Queue/ }).click();
  const panel = page.getByRole("region", { name: "Queue" });
  await expect(panel.getByTestId("queue-entry")).toHaveCount(8);
  await expect(panel.getByText(/Waiting to be sent · \d+s/).first()).toBeVisible();

  const waiting = panel
    .getByTestId("queue-entry")
    .filter({ has: page.getByRole("button", { name: "Cancel" }) })
    .first();
  const cancelledId = await waiting.getAttribute("data-generation-id");
  await waiting.getByRole("button", { name: "Cancel" }).click();
  await expect(panel.getByTestId("queue-entry")).toHaveCount(7);
  const cancelledCard = batch.locator(`[data-testid="job-card"][data-generation-id="${cancelledId}"]`);
  await expect(cancelledCard.getByTestId("job-error")).toHaveText(/Cancelled before it was sent to Segmind\. Nothing was charged\./);

  const running = panel
    .getByTestId("queue-entry")
    .filter({ has: page.getByRole("button", { name: "Dismiss" }) })
    .first();
  const dismissedId = await running.getAttribute("data-generation-id");
  await running.getByRole("button", { name: "Dismiss" }).click();
  await expect(panel.getByTestId("queue-entry")).toHaveCount(6);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  // Dismissed is only out of view: the job still finishes, and the panel empties as the rest do.
  await expect(batch.locator(`[data-testid="job-card"][data-generation-id="${dismissedId}"]`)).toHaveAttribute("data-status", "completed", { timeout: 40_000 });
  await expect(page.getByTestId("queue-count")).toHaveText("0", {
    timeout: 40_000,
  });
  await expect(batch.locator('[data-status="completed"]')).toHaveCount(7);
});

test("the keyboard moves through the gallery and the detail view, favorites, and shows the shortcuts", async ({ page }) => {
  await signUp(page, "Kai");
  const batch = await runBatch(page, "Keyboard walk", 3);
  await expect(batch.locator('[data-status="completed"]')).toHaveCount(3, {
    timeout: 40_000,
  });

  // Shortcuts never fire while typing: leave the prompt box first.
  await page.getByRole("textbox", { name: "Prompt" }).press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  await page.getByRole("textbox", { name: "Prompt" }).blur();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Favorite the focused or open image");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.goto("/gallery");
  const tiles = page.getByTestId("gallery-item");
  await expect(tiles).toHaveCount(3);
  const ids = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute("data-generation-id")));
  // One Tab stop for the grid; arrows move within it.
  await tiles.first().getByRole("link").focus();
  await page.keyboard.press("ArrowRight");
  await expect(tiles.nth(1).getByRole("link")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(tiles.nth(1).getByRole("link")).toBeFocused();
  // Enter shows it large; ← → walk the gallery there; Esc returns to the tile.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lightbox-position")).toHaveText("2 of 3");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("lightbox-position")).toHaveText("3 of 3");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("lightbox")).toHaveCount(0);
  await expect(tiles.nth(2).getByRole("link")).toBeFocused();
  await page.goto(`/gallery/${ids[1]}`);

  // In the detail view: → is the older image, ← the newer one, f favorites. A key pressed before the page has
  // hydrated does nothing, so → is pressed until it lands (the oldest image has no older one: pressing it
  // again there changes nothing).
  await expect(async () => {
    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(new RegExp(`/gallery/${ids[2]}`), { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(new RegExp(`/gallery/${ids[1]}`));
  await page.keyboard.press("f");
  await expect(page.getByRole("button", { name: "Remove from favorites" })).toBeVisible();
  await page.goto("/gallery?fav=1");
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first()).toHaveAttribute("data-generation-id", ids[1]!);
});

test("an image downloads with its recipe inside when asked, copies as code, and is shared with no one else's data", async ({ page, browser }) => {
  const email = await signUp(page, "Dana");
  await page.getByRole("textbox", { name: "Prompt" }).fill("Perfume bottle on marble, soft light");
  await page.getByRole("group", { name: "Format" }).getByText("PNG", { exact: true }).click();
  await page.getByRole("spinbutton", { name: "Seed" }).fill("31337");
  await page.getByRole("button", { name: "Generate", exact: false }).click();
  await expect(page.getByTestId("job-card").first()).toHaveAttribute("data-status", "completed", { timeout: 40_000 });
  await page.getByTestId("job-card").first().getByRole("link", { name: "Open", exact: true }).click();

  // Off by default: the original, byte for byte; with the box ticked, the recipe rides inside.
  const plain = await (await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]))[0].path();
  expect(extractRecipe(await readFile(plain))).toBeNull();
  await page.getByRole("checkbox", { name: "Embed the recipe in the file" }).check();
  const [withRecipe] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
  expect(withRecipe.suggestedFilename()).toMatch(/^nano-studio-31337-.*\.png$/);
  expect(extractRecipe(await readFile(await withRecipe.path()))).toMatchObject({
    prompt: "Perfume bottle on marble, soft light",
    seed: 31337,
    output_format: "png",
  });

  // Copy as code: the exact recipe, the key left to the environment.
  await page.getByText("Copy as code").click();
  await expect(page.getByTestId("code")).toContainText('"seed": 31337');
  await expect(page.getByTestId("code")).toContainText("/v2/nano-banana-2");
  await page.getByRole("tab", { name: "Python" }).click();
  await expect(page.getByTestId("code")).toContainText("seed=31337,");

  await page.getByTestId("share").getByRole("button", { name: "Create link" }).click();
  const url = await page.getByTestId("share-url").inputValue();
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  await visitor.goto(url);
  await expect(visitor.getByTestId("shared-prompt")).toHaveText("Perfume bottle on marble, soft light");
  await expect.poll(() => visitor.getByTestId("shared-image").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1024);
  const html = await visitor.content();
  expect(html).not.toContain(email);
  expect(html).not.toContain("Dana");
  // The shared page opens no door to the owner's studio.
  expect((await visitor.request.get("/api/gallery")).status()).toBe(401);
  await stranger.close();
});

test("a personal access token drives the JSON API from a script, until it is revoked", async ({ page, playwright }) => {
  await signUp(page, "Scripter");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Token name" }).fill("Nightly renders");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^nst_/);

  // A script: no cookies, only the token.
  const script = await playwright.request.newContext({
    baseURL: page.url().replace(/\/settings$/, ""),
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const created = await script.post("/api/v1/generations", {
    data: {
      model: "nano-banana-2-lite",
      prompt: "API driven banana",
      count: 2,
    },
  });
  expect(created.status()).toBe(201);
  const { generations } = await created.json();
  expect(generations).toHaveLength(2);
  for (const g of generations) {
    const done = await (
      await script.get(`/api/v1/generations/${g.id}?wait=20000`, {
        timeout: 30_000,
      })
    ).json();
    expect(done.status).toBe("completed");
    const file = await script.get(done.images[0].url);
    expect(file.headers()["content-type"]).toBe("image/jpeg");
  }
  const found = await (await script.get("/api/v1/generations?q=banana")).json();
  expect(found.generations.map((g: { id: string }) => g.id).sort()).toEqual(generations.map((g: { id: string }) => g.id).sort());
  const invalid = await script.post("/api/v1/generations", {
    data: { model: "nano-banana-2-lite", prompt: "x", count: 12 },
  });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error).toMatch(/between 1 and 8/);

  await page.reload();
  await expect(page.getByTestId("token").first()).toContainText(/last used (?!never)/);
  await page.getByTestId("token").first().getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("token").first()).toHaveAttribute("data-revoked", "true");
  const refused = await script.get("/api/v1/generations");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatch(/revoked/);
  await script.dispose();
});

test("studio, gallery, detail and the other pages have no serious accessibility violations", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUp(page, "Ada");
  const batch = await runBatch(page, "Accessible sneaker shot", 2);
  await expect(batch.locator('[data-status="completed"]')).toHaveCount(2, {
    timeout: 40_000,
  });
  const ids = await batch.getByTestId("job-card").evaluateAll((els) => els.map((e) => e.getAttribute("data-generation-id")));
  await page.goto("/boards");
  await page.getByRole("textbox", { name: "Board name" }).fill("Checks");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByTestId("board")).toHaveCount(1);
  await page.getByTestId("board").getByRole("button", { name: "Create link" }).click();
  const shared = await page.getByTestId("share-url").inputValue();

  const check = async (target: Page, path: string, theme: "light" | "dark", open?: () => Promise<void>) => {
    await target.emulateMedia({ colorScheme: theme });
    await target.goto(path);
    await target.waitForLoadState("networkidle");
    await open?.();
    const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map(
        (v) =>
          `${path} (${theme}): ${v.id} — ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      ),
    ).toEqual([]);
  };
  for (const theme of ["light", "dark"] as const) {
    for (const path of [
      "/",
      "/gallery",
      `/gallery/${ids[0]}`,
      `/compare?ids=${ids.join(",")}`,
      "/boards",
      "/grids/new",
      "/brand-kits/new",
      "/workspaces",
      "/settings",
    ])
      await check(page, path, theme);
    // Open: the lightbox over the gallery, and the phone menu.
    await check(page, "/gallery", theme, async () => {
      await page.getByTestId("gallery-item").first().getByRole("link").click();
      await expect(page.getByTestId("lightbox-prompt")).toBeVisible();
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await check(page, "/", theme, () => page.getByRole("button", { name: "Menu" }).click());
    await page.setViewportSize({ width: 1400, height: 950 });
  }
  const visitor = await (await browser.newContext()).newPage();
  await check(visitor, shared, "light");
});

test("boards are renamed, filtered by, emptied and deleted, and their images stay", async ({ page }) => {
  await signUp(page, "Bo");
  const batch = await runBatch(page, "Board life cycle", 2);
  await expect(batch.locator('[data-status="completed"]')).toHaveCount(2, { timeout: 40_000 });
  await page.goto("/boards");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give the board a name." })).toBeVisible();
  await page.getByRole("textbox", { name: "Board name" }).fill("Drafts");
  await page.getByRole("button", { name: "Create board" }).click();
  const board = page.getByTestId("board");
  await expect(board.getByTestId("board-name")).toHaveText("Drafts");
  await board.getByRole("button", { name: "Rename" }).click();
  await board.getByRole("textbox", { name: "Board name" }).fill("Finals");
  await board.getByRole("button", { name: "Save", exact: true }).click();
  await expect(board.getByTestId("board-name")).toHaveText("Finals");

  // Put one image on it from its detail page; the gallery's board filter then shows just that one.
  await page.goto("/gallery");
  const first = page.getByTestId("gallery-item").first();
  const id = await first.getAttribute("data-generation-id");
  await first.getByRole("link").click();
  await page.getByTestId("lightbox").getByRole("link", { name: "Open the detail page" }).click();
  await page.getByTestId("boards").getByRole("checkbox", { name: "Finals" }).check();
  await page.goto("/gallery");
  await page.getByRole("combobox", { name: "Board" }).selectOption({ label: "Finals" });
  await expect(page).toHaveURL(/board=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finals");
  await expect(page.getByTestId("gallery-item")).toHaveCount(1);
  await expect(page.getByTestId("gallery-item")).toHaveAttribute("data-generation-id", id!);

  // Take it off again from the selection bar.
  await page.getByTestId("gallery-item").hover();
  await page.getByTestId("gallery-item").getByRole("checkbox").check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Remove from board" }).click();
  await expect(page.getByText("Nothing matches these filters")).toBeVisible();

  await page.goto("/boards");
  page.once("dialog", (dialog) => dialog.accept());
  await board.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("board")).toHaveCount(0);
  await page.goto("/gallery");
  await expect(page.getByTestId("gallery-item")).toHaveCount(2);
});
