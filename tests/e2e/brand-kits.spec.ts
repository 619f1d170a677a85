/**
 * Brand kits in Chromium (issue 14): a kit made from a logo upload gets its palette suggested from the logo;
 * chosen in the studio it attaches the logo (marked as the kit's), writes its style and palette into the prompt
 * and its legal line into the copy, warns of a banned word before sending, and the image is flagged for it —
 * on palette, legal line read back. An edit makes version 2, and the image keeps version 1.
 */
import sharp from "sharp";
import { colourDistance } from "@/lib/checks/colour";
import { expect, test } from "./fixtures";
import { signUp } from "./helpers";

test("a kit from a logo: palette suggested; a run with it carries the logo, style and legal line, and a banned word is flagged", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, "Bram");
  await page.goto("/brand-kits");
  await page.getByRole("link", { name: "New brand kit" }).click();
  await page.getByLabel("Name").fill("Lemon Fizz");

  const logo = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="100" r="80" fill="#F5D90A"/><rect x="30" y="195" width="180" height="30" fill="#1B2A4A"/></svg>`,
    ),
  )
    .png()
    .toBuffer();
  await page.getByRole("button", { name: "+ Logo" }).click();
  await page.getByTestId("kit-image-input").setInputFiles({ name: "lemon-logo.png", mimeType: "image/png", buffer: logo });
  await expect(page.getByTestId("palette-suggested")).toContainText("Suggested from lemon-logo.png");
  // The logo's own two colours, read from its pixels, start the palette.
  const palette = page.getByTestId("palette");
  await expect(palette.locator("li")).toHaveCount(2);
  const hexes = await palette.getByLabel(/^Hex of colour/).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  for (const wanted of ["#F5D90A", "#1B2A4A"]) expect(Math.min(...hexes.map((h) => colourDistance(h, wanted)))).toBeLessThan(3);
  await palette.getByLabel("Name of colour 1").fill("Lemon");
  await palette.getByLabel("Name of colour 2").fill("Navy");
  await page.getByLabel(/^Style/).fill("Bright, sunny and playful.");
  await page.getByLabel(/^Required legal line/).fill("Drink responsibly.");
  await page.getByLabel(/^Banned words/).fill("guaranteed\ncures");
  await page.getByRole("button", { name: "Create kit" }).click();
  await expect(page).toHaveURL(/\/brand-kits\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("kit-versions").locator("li")).toHaveCount(1);
  const kitUrl = page.url();

  await page.goto("/");
  await page.getByRole("textbox", { name: "Prompt" }).fill("A can of lemonade on a picnic table");
  await page.getByTestId("kit-picker").selectOption({ label: "Lemon Fizz · v1" });
  await expect(page.getByTestId("kit-reference")).toContainText("Kit · logo");
  await expect(page.getByTestId("reference-count")).toHaveText("1 / 14");
  await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue(/Brand kit “Lemon Fizz” — style: Bright, sunny and playful\.\nPalette: Lemon #/);
  const copy = page.getByTestId("copy-fields");
  await expect(copy.getByLabel("Legal line")).toHaveValue("Drink responsibly.");
  await copy.getByLabel("Headline").fill("Guaranteed fresh taste");
  await expect(copy.getByTestId("banned-warning")).toContainText("“guaranteed” is banned by Lemon Fizz");

  await page.getByRole("button", { name: /^Generate/ }).click();
  const card = page.getByTestId("job-card").first();
  await expect(card.getByTestId("checks-status")).toHaveText("Checks failed", { timeout: 60_000 });
  await card.getByRole("link", { name: "Open" }).click();
  const checks = page.getByTestId("checks");
  await expect(checks.getByRole("heading")).toHaveText("Copy and brand · Lemon Fizz v1");
  await expect(checks.locator('[data-kind="banned-word"][data-ok="false"]')).toHaveText(/“guaranteed” is banned by Lemon Fizz\./);
  await expect(checks.locator('[data-kind="palette"]')).toHaveAttribute("data-ok", "true");
  await expect(checks.locator('[data-kind="text"][data-ok="true"]', { hasText: "Legal line" })).toHaveCount(1);
  await expect(page.getByTestId("recipe")).toContainText("Lemon Fizz · v1");
  const imageUrl = page.url();

  // An edit is version 2; the image made with version 1 keeps it.
  await page.goto(kitUrl);
  await page.getByLabel(/^Banned words/).fill("guaranteed\ncures\nmiracle");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByTestId("kit-versions").locator("li")).toHaveCount(2);
  await page.goto(imageUrl);
  await expect(page.getByTestId("checks").getByRole("heading")).toHaveText("Copy and brand · Lemon Fizz v1");
});
