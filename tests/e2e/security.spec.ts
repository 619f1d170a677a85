import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { SEGMIND_KEY } from "./env";
import { expect, test } from "./fixtures";
import { generate, signUp, uniqueEmail } from "./helpers";

test.describe.configure({ mode: "serial" });

test("a build made with the Segmind key in its environment carries it in no client asset", () => {
  // Its own build, so the key is certainly in the environment the bundler sees: scanning a build made
  // without it (a cached one, say) could never fail.
  test.setTimeout(300_000);
  const distDir = ".next-keyscan";
  rmSync(distDir, { recursive: true, force: true });
  const built = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
    env: { ...process.env, NEXT_DIST_DIR: distDir, SEGMIND_API_KEY: SEGMIND_KEY, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  expect(built.status, built.stderr + built.stdout).toBe(0);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.resolve(distDir, "static"));
  expect(files.length).toBeGreaterThan(10);
  const leaking = files.filter((file) => readFileSync(file).includes(SEGMIND_KEY));
  expect(leaking).toEqual([]);
  rmSync(distDir, { recursive: true, force: true });
});

test("pages carry a strict CSP that the app itself never trips, and safe headers", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");

  await signUp(page, "Csp");
  const cookie = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  // The studio hydrates and works under the policy: the form reacts to input.
  await page.getByRole("textbox", { name: "Prompt" }).fill("hello");
  await expect(page.getByTestId("prompt-count")).toContainText("5 /");
  await page.goto("/gallery");
  expect(violations).toEqual([]);
});

test("sign-in slows down after repeated wrong passwords and says how long to wait", async ({ page, browser }) => {
  const email = uniqueEmail("guess");
  const context = await browser.newContext();
  await signUp(await context.newPage(), "Guessed", email);
  await context.close();

  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong guess ${i}`);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Sign in" }).click()]);
    await expect(page.getByTestId("form-error")).toHaveText(/Wrong email or password/);
    // React resets the form after each attempt: wait for it before typing the next guess.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  // Now even the right password waits, and the form says for how long.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(/Too many sign-in attempts\. Try again in (1[0-5]|[1-9]) s\./);
  await expect(page).toHaveURL(/sign-in/);
  // The email stays typed.
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("uploads are judged by their bytes and capped in size and pixels", async ({ page }) => {
  await signUp(page, "Uploader");
  // As the studio's own pages send it: from its origin.
  const origin = new URL(page.url()).origin;
  const post = (name: string, mimeType: string, buffer: Buffer) =>
    page.request.post("/api/uploads", { headers: { origin }, multipart: { file: { name, mimeType, buffer } } });

  const jpegNamedPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#123" } })
    .jpeg()
    .toBuffer();
  const renamed = await post("photo.png", "image/png", jpegNamedPng);
  expect(renamed.status()).toBe(201);

  const script = await post("evil.png", "image/png", Buffer.from("<script>alert(1)</script>"));
  expect(script.status()).toBe(400);
  expect((await script.json()).error).toMatch(/not a JPEG, PNG, WebP or GIF/);

  const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "#fff" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const bombed = await post("bomb.png", "image/png", bomb);
  expect(bombed.status()).toBe(400);
  expect((await bombed.json()).error).toMatch(/too many pixels/);

  const huge = await post("huge.jpg", "image/jpeg", Buffer.concat([jpegNamedPng, Buffer.alloc(11 * 1024 * 1024)]));
  expect([400, 413]).toContain(huge.status());
  expect((await huge.json()).error).toMatch(/larger than 10 MB/);

  const notMultipart = await page.request.post("/api/uploads", { headers: { origin }, data: { file: "x" } });
  expect(notMultipart.status()).toBe(415);
});

test("user B gets 404 for every id of user A: generation, image, thumbnail, download, upload, recipe, reference", async ({ page, browser }) => {
  await signUp(page, "Owner");
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#0c6" } })
    .png()
    .toBuffer();
  const uploaded = await page.request.post("/api/uploads", {
    headers: { origin: new URL(page.url()).origin },
    multipart: { file: { name: "mine.png", mimeType: "image/png", buffer: png } },
  });
  const uploadId = (await uploaded.json()).id as string;
  const card = await generate(page, { model: "Nano Banana 2 Lite", prompt: "owner's secret campaign" });
  await expect(card).toHaveAttribute("data-status", "completed");
  const generationId = (await card.getAttribute("data-generation-id"))!;
  const imageId = (await card.getByTestId("job-image").getAttribute("src"))!.split("/").pop()!;

  const context = await browser.newContext();
  const intruder = await context.newPage();
  await signUp(intruder, "Intruder");
  for (const url of [
    `/api/generations/${generationId}`,
    `/api/images/${imageId}`,
    `/api/images/${imageId}/thumb`,
    `/api/images/${imageId}?download=1`,
    `/api/uploads/${uploadId}`,
    `/api/images/${uploadId}`,
    `/api/uploads/${imageId}`,
    `/api/generations/../images/${imageId}`,
  ]) {
    expect((await intruder.request.get(url)).status(), url).toBe(404);
  }
  const detail = await intruder.goto(`/gallery/${generationId}`);
  expect(detail?.status()).toBe(404);
  await expect(intruder.getByTestId("not-found")).toBeVisible();
  // Recalling someone else's recipe or reference fills nothing in.
  await intruder.goto(`/?from=${generationId}&ref=${uploadId}`);
  await expect(intruder.getByRole("textbox", { name: "Prompt" })).toHaveValue("");
  await expect(intruder.getByTestId("reference-preview")).toHaveCount(0);
  const html = await (await intruder.request.get(`/?from=${generationId}`)).text();
  expect(html).not.toContain("owner&#x27;s secret campaign");
  expect(html).not.toContain("owner's secret campaign");
  await context.close();
});
