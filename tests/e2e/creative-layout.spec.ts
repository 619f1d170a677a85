/**
 * The studio as a marketer uses it (issue 11): the composer in reach at common screen sizes, no sideways
 * scrolling on a phone, images at their true shape with a lightbox, money checked before it is spent, run
 * cards that act, honest progress, and nothing in the draft changed without saying so.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PORT, SEGMIND_KEY } from "./env";
import { PASSWORD, SIMULATOR_URL, generate, signUp, uniqueEmail } from "./helpers";

const ORIGIN = `http://localhost:${PORT}`;

/** Starts runs through the JSON API with the page's session, as a script would; returns their ids. */
async function startRuns(page: Page, runs: { prompt: string; aspect_ratio?: string; count?: number }[]) {
  const ids: string[] = [];
  for (const run of runs) {
    const response = await page.request.post("/api/v1/generations", {
      headers: { origin: ORIGIN },
      data: { model: "nano-banana-2-lite", aspect_ratio: "1:1", ...run },
    });
    expect(response.status(), await response.text()).toBe(201);
    ids.push(...((await response.json()) as { generations: { id: string }[] }).generations.map((g) => g.id));
  }
  return ids;
}

async function waitFinished(page: Page, ids: string[]) {
  await expect
    .poll(
      async () => {
        const views = await Promise.all(
          ids.map(async (id) => ((await (await page.request.get(`/api/generations/${id}`)).json()) as { status: string }).status),
        );
        return views.every((s) => s === "completed" || s === "failed");
      },
      { timeout: 90_000 },
    )
    .toBe(true);
}

async function insideViewport(page: Page, locator: Locator) {
  const box = (await locator.boundingBox())!;
  const viewport = page.viewportSize()!;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

async function documentWidth(page: Page) {
  return page.evaluate(() => ({ doc: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

async function tileAspects(tiles: Locator) {
  return tiles.evaluateAll((nodes) =>
    nodes.map((node) => {
      const rect = node.getBoundingClientRect();
      const img = node.querySelector("img")!;
      return { id: node.getAttribute("data-generation-id"), ratio: rect.width / rect.height, src: img.getAttribute("src") };
    }),
  );
}

test.describe.configure({ mode: "serial" });

test("Generate stays in view with 20 runs in history, at 1280×720 and 1920×1080, light and dark", async ({ page }) => {
  await signUp(page, "Dana");
  const ids = await startRuns(
    page,
    Array.from({ length: 20 }, (_, i) => ({ prompt: `history run ${i}`, aspect_ratio: ["9:16", "16:9", "1:1", "4:5"][i % 4]! })),
  );
  await waitFinished(page, ids);
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/");
      await expect(page.getByTestId("job-card")).toHaveCount(20);
      const generate = page.getByRole("button", { name: /^Generate/ });
      await expect(generate).toBeVisible();
      expect(await insideViewport(page, generate), `Generate at ${width}×${height} ${scheme}`).toBe(true);
      // Its price is on it, and the prompt is in view beside it.
      await expect(generate).toContainText("$0.080");
      expect(await insideViewport(page, page.getByRole("textbox", { name: "Prompt" }))).toBe(true);
      // Scrolled down the runs, it is still there.
      await page.mouse.wheel(0, 3000);
      await page.waitForTimeout(200);
      expect(await insideViewport(page, generate), `Generate after scrolling at ${width}×${height} ${scheme}`).toBe(true);
    }
  }
  // History is paged, not cut: the 21st run of the account is one click away.
  await startRuns(page, [
    { prompt: "history run 20" },
    { prompt: "history run 21" },
    { prompt: "history run 22" },
    { prompt: "history run 23" },
    { prompt: "history run 24" },
  ]);
  await page.goto("/");
  await expect(page.getByTestId("job-card")).toHaveCount(24);
  await page.getByRole("button", { name: "Show older runs" }).click();
  await expect(page.getByTestId("job-card")).toHaveCount(25);
  await expect(page.getByRole("button", { name: "Show older runs" })).toHaveCount(0);
});

test("on a phone no page scrolls sideways and every header control is in the menu", async ({ browser }) => {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport, hasTouch: true });
    const page = await context.newPage();
    await signUp(page, "Pia");
    for (const path of ["/", "/gallery", "/boards", "/settings"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      const { doc, viewport: width } = await documentWidth(page);
      expect(doc, `${path} at ${viewport.width}px`).toBeLessThanOrEqual(width);
    }
    await page.goto("/");
    // The composer's action bar is at the bottom of the screen, within a thumb's reach.
    expect(await insideViewport(page, page.getByRole("button", { name: /^Generate/ }))).toBe(true);
    await expect(page.getByRole("button", { name: /^Queue/ })).toBeVisible();
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByTestId("phone-menu");
    for (const name of ["Studio", "Gallery", "Boards", "Settings"]) await expect(menu.getByRole("link", { name })).toBeVisible();
    await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(menu.getByRole("button", { name: /Light \/ dark/ })).toBeVisible();
    await expect(menu.getByTestId("credits")).toBeVisible();
    await menu.getByRole("link", { name: "Gallery" }).click();
    await expect(page).toHaveURL(/\/gallery$/);
    await expect(page.getByTestId("phone-menu")).toHaveCount(0);
    await context.close();
  }
});

test("gallery, board and shared page show 9:16 and 16:9 at their true shape; the lightbox walks the filtered set", async ({ page, browser }) => {
  await signUp(page, "Tomas");
  const ids = await startRuns(page, [
    { prompt: "tall story", aspect_ratio: "9:16" },
    { prompt: "wide banner", aspect_ratio: "16:9" },
    { prompt: "tall poster", aspect_ratio: "9:16" },
    { prompt: "square post", aspect_ratio: "1:1" },
  ]);
  await waitFinished(page, ids);
  const expected: Record<string, number> = { [ids[0]!]: 768 / 1376, [ids[1]!]: 1376 / 768, [ids[2]!]: 768 / 1376, [ids[3]!]: 1 };
  const checkShapes = async (tiles: Locator, label: string) => {
    await expect(tiles.first()).toBeVisible();
    for (const tile of await tileAspects(tiles)) {
      const want = expected[tile.id ?? ""] ?? expected[ids.find((id) => tile.src?.includes(id)) ?? ""];
      if (want === undefined) continue;
      expect(Math.abs(tile.ratio / want - 1), `${label}: tile ${tile.id} is ${tile.ratio.toFixed(3)}, image ${want.toFixed(3)}`).toBeLessThan(0.02);
    }
    const ratios = (await tileAspects(tiles)).map((t) => t.ratio);
    expect(ratios.some((r) => r < 1)).toBe(true); // a 9:16 tile is taller than wide
    expect(ratios.some((r) => r > 1)).toBe(true); // a 16:9 tile is wider than tall
  };

  await page.goto("/gallery");
  await checkShapes(page.getByTestId("gallery-item"), "gallery");

  // The lightbox walks the filtered view: only the two 9:16 images, by keyboard.
  await page.goto("/gallery?ar=9%3A16");
  await expect(page.getByTestId("gallery-item")).toHaveCount(2);
  await page.getByTestId("gallery-item").first().getByRole("link").click();
  const lightbox = page.getByTestId("lightbox");
  await expect(lightbox).toBeVisible();
  await expect(page.getByTestId("lightbox-position")).toHaveText("1 of 2");
  await expect(page.getByTestId("lightbox-prompt")).toHaveText("tall poster");
  await expect(lightbox.getByTestId("recipe-aspect-ratio")).toHaveText("9:16");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("lightbox-position")).toHaveText("2 of 2");
  await expect(page.getByTestId("lightbox-prompt")).toHaveText("tall story");
  await page.keyboard.press("ArrowRight"); // the end of the filtered set: it stays
  await expect(page.getByTestId("lightbox-position")).toHaveText("2 of 2");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("lightbox-position")).toHaveText("1 of 2");
  await page.keyboard.press("Escape");
  await expect(lightbox).toHaveCount(0);
  await expect(page).toHaveURL(/ar=9%3A16/);

  // A board of all four, its cover and view at true shape, then shared.
  await page.goto("/gallery");
  for (const tile of await page.getByTestId("gallery-item").all()) {
    await tile.hover();
    await tile.getByRole("checkbox").check();
  }
  const selection = page.getByTestId("selection-bar");
  await selection.getByRole("textbox", { name: "New board name" }).fill("Lemon launch");
  await selection.getByRole("button", { name: "Create & add" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Added 4 to Lemon launch." })).toBeVisible();
  await page.goto("/boards");
  const covers = page.getByTestId("board-cover");
  await expect(covers).toHaveCount(4);
  for (const cover of await covers.all()) {
    const [box, natural] = await Promise.all([
      cover.boundingBox(),
      cover.evaluate((img) => (img as HTMLImageElement).naturalWidth / (img as HTMLImageElement).naturalHeight),
    ]);
    expect(Math.abs(box!.width / box!.height / natural - 1)).toBeLessThan(0.02);
  }
  await page.getByRole("link", { name: "Open Lemon launch" }).click();
  await checkShapes(page.getByTestId("gallery-item"), "board");

  await page.goto("/boards");
  await page.getByTestId("board").getByRole("button", { name: "Create link" }).click();
  const link = await page.getByTestId("board").getByTestId("share-url").inputValue();
  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  await shared.goto(link);
  await checkShapes(shared.getByTestId("shared-item"), "shared board");
  await shared.getByTestId("shared-item").first().click();
  await expect(shared.getByTestId("lightbox")).toBeVisible();
  await expect(shared.getByTestId("lightbox-position")).toHaveText("1 of 4");
  // The whole prompt and the recipe, with a way back; nothing of the owner's.
  await expect(shared.getByTestId("lightbox-prompt")).not.toBeEmpty();
  await expect(shared.getByTestId("recipe-seed")).toBeVisible();
  await expect(shared.getByTestId("recipe-estimated-cost")).toHaveCount(0);
  await shared.keyboard.press("ArrowRight");
  await expect(shared.getByTestId("lightbox-position")).toHaveText("2 of 4");
  await shared.keyboard.press("Escape");
  await expect(shared.getByTestId("lightbox")).toHaveCount(0);
  const download = shared.waitForEvent("download");
  await shared.getByTestId("download-all").click();
  expect((await download).suggestedFilename()).toBe("Lemon-launch.zip");
  await visitor.close();
});

test("with $0.10 left, a batch costing more is stopped before anything reaches Segmind, and the header says so", async ({ page }) => {
  const setCredits = (credits: number) =>
    page.request.post(`${SIMULATOR_URL}/__simulator/credits`, { headers: { "x-api-key": SEGMIND_KEY }, data: { credits } });
  await signUp(page, "Budget");
  expect((await setCredits(0.1)).ok()).toBe(true);
  try {
    // The studio asks Segmind again once its 15 s cache is old.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page
            .getByTestId("credits")
            .textContent({ timeout: 5000 })
            .catch(() => "");
        },
        { timeout: 40_000, intervals: [3000] },
      )
      .toBe("$0.10 left");
    const prompt = `four cans, too many ${Date.now()}`;
    await page.getByText("Nano Banana 2 Lite", { exact: true }).click();
    await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
    await page.getByRole("group", { name: "Images per run" }).getByText("4", { exact: true }).click();
    await expect(page.getByRole("button", { name: /^Generate/ })).toContainText("Generate 4 · $0.16");
    await page.getByRole("button", { name: /^Generate/ }).click();
    await expect(page.getByTestId("form-error")).toContainText("costs about $0.16 and the Segmind account has $0.10 left");
    await expect(page.getByTestId("job-card")).toHaveCount(0);
    const log = (await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { method: string; prompt?: string }[] };
    expect(log.requests.filter((r) => r.prompt === prompt)).toEqual([]);
  } finally {
    await setCredits(100);
  }
});

test("run cards act: favourite, vary with its price, use as reference (count back to 1, with Undo); failures retry or dismiss", async ({ page }) => {
  await signUp(page, "Lena");
  const card = await generate(page, { model: "Nano Banana 2 Lite", prompt: "lemon soda hero", ratio: "4:5" });
  await expect(card).toHaveAttribute("data-status", "completed");
  // The model's text answer is on the detail page, not on the card; no API words on the card.
  await expect(card.getByTestId("job-text")).toHaveCount(0);
  await expect(card).not.toContainText("v2");

  await card.getByRole("button", { name: "Add to favorites" }).click();
  await expect(card.getByRole("button", { name: "Remove from favorites" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("job-card").first().getByRole("button", { name: "Remove from favorites" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByTestId("job-card").first().getByRole("link", { name: "Download" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.jpg$/);

  const seed = await page.getByTestId("job-card").first().getByTestId("job-seed").textContent();
  await page.getByTestId("job-card").first().getByRole("button", { name: "Vary · $0.040" }).click();
  await expect(page.getByTestId("job-card")).toHaveCount(2);
  const varied = page.getByTestId("job-card").first();
  await expect(varied).toHaveAttribute("data-status", "completed");
  await expect(varied.getByTestId("job-seed")).not.toHaveText(seed!);

  // The lightbox from a card, with the recipe beside the image.
  await varied.getByRole("link", { name: "View larger" }).click();
  await expect(page.getByTestId("lightbox")).toBeVisible();
  await expect(page.getByTestId("lightbox-position")).toHaveText("1 of 2");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("lightbox-position")).toHaveText("2 of 2");
  await page.keyboard.press("Escape");

  // Use as reference: attached, the run size back to one image, and a notice that can undo it.
  await page.getByRole("group", { name: "Images per run" }).getByText("6", { exact: true }).click();
  await page.getByTestId("job-card").first().getByRole("button", { name: "Use as reference" }).click();
  await expect(page.getByTestId("reference-preview")).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Images per run" }).getByRole("radio", { name: "1" })).toBeChecked();
  const notice = page.getByTestId("toast").filter({ hasText: "Added as a reference" });
  await expect(notice).toContainText("1 image per run");
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("reference-preview")).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Images per run" }).getByRole("radio", { name: "6" })).toBeChecked();

  // A failure is one line that says why, with Retry (nothing was charged) and Dismiss.
  await page.getByRole("group", { name: "Images per run" }).getByText("1", { exact: true }).click();
  const failed = await generate(page, { prompt: "[sim:fail] a can that will not render" });
  await expect(failed).toHaveAttribute("data-status", "failed");
  await expect(failed.getByTestId("job-error")).toContainText("failed");
  expect((await failed.boundingBox())!.height).toBeLessThan(80);
  const failedId = (await failed.getAttribute("data-generation-id"))!;
  await failed.getByRole("button", { name: /^Retry · / }).click();
  await expect(page.locator(`[data-generation-id="${failedId}"]`)).toHaveCount(0);
  await expect(page.getByTestId("job-card").first()).toHaveAttribute("data-status", "failed"); // [sim:fail] again
  await expect(page.locator('[data-testid="job-card"][data-status="failed"]')).toHaveCount(1); // the first gave way
  await page.getByTestId("job-card").first().getByRole("button", { name: "Dismiss" }).click();
  await expect(page.locator('[data-testid="job-card"][data-status="failed"]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-testid="job-card"][data-status="failed"]')).toHaveCount(0);
  await expect(page.getByTestId("job-card")).toHaveCount(2);
});

test("a retry that may pay twice asks first", async ({ page }) => {
  await signUp(page, "Cautious");
  // The simulator drops the answer to the POST: Segmind may have taken (and charged for) the job.
  const failed = await generate(page, { model: "Nano Banana 2 Lite", prompt: "[sim:status=500] one that may have been charged" });
  await expect(failed).toHaveAttribute("data-status", "failed");
  const log = async () =>
    ((await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { method: string; prompt?: string }[] }).requests.filter(
      (r) => r.method === "POST" && r.prompt?.includes("may have been charged"),
    ).length;
  const posts = await log();
  const charged = await page.request.get(`/api/generations/${await failed.getAttribute("data-generation-id")}`);
  test.skip(!((await charged.json()) as { error: { mayHaveBeenCharged: boolean } }).error.mayHaveBeenCharged, "this failure was not a possibly-charged one");
  await failed.getByRole("button", { name: /^Retry · / }).click();
  await expect(failed.getByTestId("retry-warning")).toContainText("may have charged");
  expect(await log()).toBe(posts);
  await failed.getByRole("button", { name: "Keep" }).click();
  await expect(failed.getByTestId("retry-warning")).toHaveCount(0);
});

test("a run over the ask-first limit asks once; Back sends nothing", async ({ page }) => {
  await signUp(page, "Careful");
  await page.locator("details", { hasText: "Advanced" }).locator("summary").click();
  await page.getByLabel("Ask before sending a run over").fill("0.1");
  await page.getByRole("textbox", { name: "Prompt" }).fill("two pricey cans");
  await page.getByRole("group", { name: "Images per run" }).getByText("2", { exact: true }).click();
  await page.getByRole("button", { name: /^Generate 2 · \$0\.16/ }).click();
  await expect(page.getByTestId("spend-confirm")).toContainText("$0.16");
  await expect(page.getByTestId("job-card")).toHaveCount(0);
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByTestId("spend-confirm")).toHaveCount(0);
  await page.getByRole("button", { name: /^Generate 2/ }).click();
  await page.getByRole("button", { name: /^Send 2 · \$0\.16/ }).click();
  await expect(page.getByTestId("job-card")).toHaveCount(2);
  // The limit is kept in this browser.
  await page.reload();
  await page.locator("details", { hasText: "Advanced" }).locator("summary").click();
  await expect(page.getByLabel("Ask before sending a run over")).toHaveValue("0.1");
});

test("progress counts from submission; the queue groups a run and cancels what was not sent", async ({ page }) => {
  await signUp(page, "Quinn");
  // Eight slow images: four go to Segmind (the per-user limit), four wait in our queue.
  await page.getByText("Nano Banana 2 Lite", { exact: true }).click();
  await page.getByRole("textbox", { name: "Prompt" }).fill("[sim:latency=30000] eight cans");
  await page.getByRole("group", { name: "Images per run" }).getByText("8", { exact: true }).click();
  await page.getByRole("button", { name: /^Generate 8/ }).click();
  const batch = page.getByTestId("batch");
  await expect(batch.getByTestId("job-card")).toHaveCount(8);
  await expect(batch.getByTestId("job-elapsed").filter({ hasText: "Waiting to be sent" })).toHaveCount(4);
  // The sent ones count from when they were sent: seconds, not the wait before.
  const generating = batch.getByTestId("job-elapsed").filter({ hasText: "Generating" });
  await expect(generating).toHaveCount(4);
  await expect(generating.first()).toHaveText(/Generating · \ds of ~13s/);

  await page.getByRole("button", { name: /^Queue/ }).click();
  const run = page.getByTestId("queue-batch");
  await expect(run).toContainText("Run of 8 · 4 not sent");
  await run.getByRole("button", { name: "Cancel all" }).click();
  await expect(page.getByTestId("queue-entry")).toHaveCount(4);
  await expect(page.getByTestId("queue-batch")).not.toContainText("not sent");
  await expect(batch.locator('[data-testid="job-card"][data-status="failed"]')).toHaveCount(4);
  await expect(batch.getByTestId("job-error").first()).toContainText("Nothing was charged");
});

test("the detail page leads with Download, prices what spends, and a variation links to its source", async ({ page }) => {
  await signUp(page, "Ada");
  const card = await generate(page, { model: "Nano Banana 2 Lite", prompt: "detail page can" });
  await expect(card).toHaveAttribute("data-status", "completed");
  const sourceId = (await card.getAttribute("data-generation-id"))!;
  await page.getByRole("textbox", { name: "Prompt" }).fill("my next idea");
  await page.goto(`/gallery/${sourceId}`);
  const actions = page.getByTestId("generation-actions");
  const download = actions.getByTestId("download");
  await expect(download).toContainText("Download JPG");
  // Download is the first thing in the panel, above the prompt and the recipe.
  const [downloadBox, promptBox] = await Promise.all([download.boundingBox(), page.getByTestId("detail-prompt").boundingBox()]);
  expect(downloadBox!.y).toBeLessThan(promptBox!.y);
  expect(await insideViewport(page, download)).toBe(true);
  await expect(actions.getByRole("link", { name: "Edit recipe" })).toBeVisible();
  await actions.getByRole("button", { name: "Vary · $0.040" }).click();
  await expect(page).not.toHaveURL(new RegExp(sourceId));
  await expect(page.getByTestId("detail-source")).toContainText("A variation of");
  await page.getByTestId("detail-source").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/gallery/${sourceId}`));

  // Edit recipe brings it into the studio and says what it applied.
  await page.getByTestId("generation-actions").getByRole("link", { name: "Edit recipe" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Recipe applied" })).toContainText("prompt");
  await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue("detail page can");
  await page.getByTestId("toast").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue("my next idea");
});

test("sign-up shows the password rule before typing, checks it as you type, and clears nothing on error", async ({ page }) => {
  await page.goto("/sign-up");
  const rule = page.getByTestId("password-rule");
  await expect(rule).toHaveText("At least 8 characters.");
  await page.getByLabel("Name").fill("Short");
  const email = uniqueEmail("short");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("abc");
  await expect(rule).toHaveText("At least 8 characters (5 more).");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveValue("abc");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await expect(rule).toHaveAttribute("data-met", "true");
});
