import { expect, type Page } from "@playwright/test";

export { SIMULATOR_URL } from "./env";

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

export const PASSWORD = "correct horse battery";

/** Creates an account the way a person does: sign up, then sign in (sign-up never signs in by itself). */
export async function signUp(page: Page, name: string, email = uniqueEmail(name.toLowerCase()), base = "", invite?: string) {
  await page.goto(`${base}/sign-up${invite ? `?invite=${invite}` : ""}`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("registered-notice")).toBeVisible();
  await signIn(page, email);
  return email;
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("form", { name: "Generate an image" })).toBeVisible();
}

/** Fills the studio form the way a person does and presses Generate; returns the new job card. */
export async function generate(
  page: Page,
  options: { model?: "Nano Banana 2" | "Nano Banana 2 Lite"; prompt: string; ratio?: string; transport?: "Queue (v2)" | "Direct (v1)"; seed?: number },
) {
  if (options.model) await page.getByRole("form", { name: "Generate an image" }).getByText(options.model, { exact: true }).click();
  await page.getByRole("textbox", { name: "Prompt" }).fill(options.prompt);
  if (options.ratio) await page.getByLabel(`Aspect ratio ${options.ratio}`, { exact: true }).check({ force: true });
  if (options.transport) {
    const advanced = page.locator("details", { hasText: "Advanced" });
    if (!(await advanced.evaluate((d) => (d as HTMLDetailsElement).open))) await advanced.locator("summary").click();
    await advanced.getByText(options.transport, { exact: true }).click();
  }
  if (options.seed !== undefined) await page.getByRole("spinbutton", { name: "Seed" }).fill(String(options.seed));
  const before = await page.getByTestId("job-card").count();
  await page.getByRole("button", { name: /Generate/ }).click();
  await expect(page.getByTestId("job-card")).toHaveCount(before + 1);
  return page.getByTestId("job-card").first();
}

/** Waits until an <img> has decoded and returns its natural size. */
export async function naturalSize(page: Page, locator: ReturnType<Page["locator"]>) {
  await expect.poll(() => locator.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  return locator.evaluate((img) => ({ width: (img as HTMLImageElement).naturalWidth, height: (img as HTMLImageElement).naturalHeight }));
}
