import { expect, test } from "./fixtures";
import sharp from "sharp";
import { SEGMIND_KEY } from "./env";
import { SIMULATOR_URL, generate, naturalSize, signUp } from "./helpers";

test.describe.configure({ mode: "serial" });

test("signed out, pages redirect to sign-in and API routes answer 401", async ({ page, request, browser }) => {
  // Not a fresh install (that one opens on sign-up): someone has an account, whatever ran before.
  const other = await browser.newContext();
  await signUp(await other.newPage(), "Someone");
  await other.close();
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fgallery/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await request.get("/api/generations/00000000-0000-4000-8000-000000000000")).status()).toBe(401);
  expect((await request.post("/api/uploads")).status()).toBe(401);
  expect((await request.get("/api/images/00000000-0000-4000-8000-000000000000")).status()).toBe(401);
  const health = await (await request.get("/api/health")).json();
  // The e2e studio runs with a key, as against the real Segmind (pointed at the simulator).
  expect(health).toMatchObject({ ok: true, database: { ok: true }, storage: { ok: true }, provider: { kind: "segmind", ok: true } });
  expect(JSON.stringify(health)).not.toContain(SEGMIND_KEY);
});

test("a wrong password gets a clear error and keeps the email", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveValue("nobody@example.com");
});

test.describe("a new user's first session", () => {
  let generationId = "";
  let imageUrl = "";

  test("generates with Lite over v2 and sees progress, then the image at 16:9", async ({ page }) => {
    await signUp(page, "Maya");
    await expect(page.getByTestId("estimate")).toContainText("$0.080");
    await page.getByText("Nano Banana 2 Lite", { exact: true }).click();
    await expect(page.getByTestId("estimate")).toContainText("$0.040");
    // Lite makes 1K only: the other resolutions are not offered.
    await expect(page.getByRole("radio", { name: "2K" })).toHaveCount(0);
    const card = await generate(page, { prompt: "A kraft coffee bag on a wooden counter", ratio: "16:9" });
    await expect(card.getByTestId("job-elapsed")).toBeVisible();
    await expect(card).toHaveAttribute("data-status", "completed");
    expect(await naturalSize(page, card.getByTestId("job-image"))).toEqual({ width: 1376, height: 768 });
    // The seed field now shows the seed that was used.
    const seed = (await card.getByTestId("job-seed").textContent())!.replace("seed ", "");
    await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue(seed);
    // The model's text answer is on the detail page, not on the card.
    await expect(card.getByTestId("job-text")).toHaveCount(0);
    await card.getByRole("link", { name: "Open", exact: true }).click();
    await expect(page.getByTestId("detail-text")).toContainText("16:9");
  });

  test("generates with Nano Banana 2 over v1 and over v2", async ({ page }) => {
    await page.goto("/sign-in");
    await signUp(page, "Theo");
    const v1 = await generate(page, { model: "Nano Banana 2", prompt: "Gold leaf sign on a window, direct call", ratio: "9:16", transport: "Direct (v1)" });
    await expect(v1).toHaveAttribute("data-status", "completed");
    expect(await naturalSize(page, v1.getByTestId("job-image"))).toEqual({ width: 768, height: 1376 });

    const v2 = await generate(page, {
      model: "Nano Banana 2",
      prompt: "Gold leaf sign on a window, queued",
      ratio: "1:1",
      transport: "Queue (v2)",
      seed: 4242,
    });
    await expect(v2).toHaveAttribute("data-status", "completed");
    expect(await naturalSize(page, v2.getByTestId("job-image"))).toEqual({ width: 1024, height: 1024 });
    await expect(v2.getByTestId("job-seed")).toHaveText("seed 4242");

    // Job cards survive a refresh.
    await page.reload();
    await expect(page.getByTestId("job-card")).toHaveCount(2);

    await page.getByRole("link", { name: "Gallery" }).click();
    await expect(page.getByTestId("gallery-item")).toHaveCount(2);
    const newest = page.getByTestId("gallery-item").first();
    await expect(newest.getByTestId("gallery-seed")).toHaveText("4242");
    generationId = (await newest.getAttribute("data-generation-id"))!;

    await page.goto(`/gallery/${generationId}`);
    await expect(page.getByTestId("recipe-seed")).toHaveText("4242");
    await expect(page.getByTestId("recipe-transport")).toHaveText("Queue (v2)");
    imageUrl = (await page.getByTestId("detail-image").getAttribute("src"))!;
    const original = await page.request.get(imageUrl);

    await page.getByRole("button", { name: "Reproduce" }).click();
    await expect(page).not.toHaveURL(new RegExp(generationId));
    await expect(page.getByTestId("detail-image")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("recipe-seed")).toHaveText("4242");
    const reproducedUrl = (await page.getByTestId("detail-image").getAttribute("src"))!;
    expect(reproducedUrl).not.toBe(imageUrl);
    const reproduced = await page.request.get(reproducedUrl);
    expect(Buffer.from(await reproduced.body()).equals(Buffer.from(await original.body()))).toBe(true);

    await page.getByRole("button", { name: "Vary" }).click();
    await expect(page.getByTestId("detail-image")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("recipe-seed")).not.toHaveText("4242");

    // Recalling all settings fills every setting back into the studio.
    await page.goto(`/gallery/${generationId}`);
    await page.getByRole("link", { name: "All settings" }).click();
    await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue("Gold leaf sign on a window, queued");
    await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("4242");
    await expect(page.getByLabel("Aspect ratio 1:1", { exact: true })).toBeChecked();

    // The original downloads under a telling name.
    await page.goto(`/gallery/${generationId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    expect(download.suggestedFilename()).toMatch(/^nano-studio-.*\.jpg$/);
  });

  test("another user cannot open that generation or its files by URL", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signUp(page, "Eve");
    await page.goto(`/gallery/${generationId}`);
    await expect(page.getByTestId("not-found")).toBeVisible();
    const imageId = imageUrl.split("/").pop()!;
    for (const url of [`/api/generations/${generationId}`, `/api/images/${imageId}`, `/api/images/${imageId}/thumb`, `/api/images/${imageId}?download=1`]) {
      expect((await page.request.get(url)).status(), url).toBe(404);
    }
    await page.goto("/gallery");
    await expect(page.getByTestId("gallery-item")).toHaveCount(0);
    await context.close();
  });
});

test("a blocked prompt and an empty account each get a clear message", async ({ page }) => {
  await signUp(page, "Ines");
  const blocked = await generate(page, { prompt: "[sim:blocked] [sim:latency=200] something the filter refuses" });
  await expect(blocked).toHaveAttribute("data-status", "failed");
  await expect(blocked.getByTestId("job-error")).toContainText("blocked by the content safety filter");

  const broke = await generate(page, { prompt: "[sim:status=406] a poster" });
  await expect(broke).toHaveAttribute("data-status", "failed");
  await expect(broke.getByTestId("job-error")).toContainText("out of credits");
  // The prompt is still there to try again.
  await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue("[sim:status=406] a poster");
});

test("an invalid seed is refused in the form and nothing is sent", async ({ page }) => {
  await signUp(page, "Ola");
  await page.getByRole("textbox", { name: "Prompt" }).fill("A seed too large");
  await page.getByRole("spinbutton", { name: "Seed" }).fill("99999999999");
  await page.getByRole("button", { name: /Generate/ }).click();
  await expect(page.getByTestId("form-error")).toContainText("seed");
  await expect(page.getByTestId("job-card")).toHaveCount(0);
});

test("a reference image is uploaded, previewed and reaches the simulator", async ({ page }) => {
  await signUp(page, "Ravi");
  const red = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#d11" } })
    .png()
    .toBuffer();
  await page.getByTestId("reference-input").setInputFiles({ name: "swatch.png", mimeType: "image/png", buffer: red });
  await expect(page.getByTestId("reference-preview")).toHaveCount(1);
  await page.getByTestId("reference-input").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
  await expect(page.getByTestId("reference-error")).toContainText("not a JPEG, PNG, WebP or GIF");
  await expect(page.getByTestId("reference-preview")).toHaveCount(1);

  const prompt = `Product shot matching the swatch ${Date.now()}`;
  const card = await generate(page, { prompt, ratio: "auto" });
  await expect(card).toHaveAttribute("data-status", "completed");
  // "auto" follows the 3:2 reference.
  expect(await naturalSize(page, card.getByTestId("job-image"))).toEqual({ width: 1264, height: 848 });

  const log = (await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as {
    requests: { method: string; path: string; prompt?: string; imageUrls?: string[] }[];
  };
  const submit = log.requests.find((r) => r.method === "POST" && r.prompt === prompt);
  expect(submit?.imageUrls).toHaveLength(1);
  const hosted = await page.request.get(submit!.imageUrls![0]!);
  const meta = await sharp(Buffer.from(await hosted.body())).metadata();
  expect([meta.width, meta.height]).toEqual([600, 400]);
});

test("the header shows what is left on the Segmind account, and it drops after a run", async ({ page }) => {
  await signUp(page, "Payer");
  const credits = page.getByTestId("credits");
  await expect(credits).toHaveText(/^\$\d+\.\d{2,3} left$/);
  const amount = async () => Number((await credits.textContent())!.match(/[\d.]+/)![0]);
  const before = await amount();
  const card = await generate(page, { model: "Nano Banana 2 Lite", prompt: "a run that spends" });
  await expect(card).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect.poll(amount, { timeout: 20_000 }).toBeLessThan(before);
});
