/**
 * Copy you can trust, in Chromium (issue 14, first part): a headline and call to action typed in the studio are
 * shown in the final prompt, drawn, read back and passed; a typo is flagged with the misspelled word marked;
 * Fix the text makes a new version that passes; the gallery filters the failed ones; Spanish copy is read with
 * the Spanish data.
 */
import { expect, test } from "./fixtures";
import { generate, signUp } from "./helpers";

test("copy checked: passes as written, a typo is flagged and marked, Fix the text makes a version that passes", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Cleo");
  const copy = page.getByTestId("copy-fields");
  await copy.locator("summary").click();
  await copy.getByLabel("Headline").fill("LEMON FIZZ 2 FOR $5");
  await copy.getByLabel("Call to action").fill("Shop now");
  await page.getByRole("textbox", { name: "Prompt" }).fill("A lemonade can on a picnic table");
  await expect(copy.getByTestId("final-prompt")).toContainText('- Headline: "LEMON FIZZ 2 FOR $5"');

  const good = await generate(page, { model: "Nano Banana 2 Lite", prompt: "A lemonade can on a picnic table" });
  await expect(good.getByTestId("checks-status")).toHaveText("Checks passed", { timeout: 60_000 });

  const typo = await generate(page, { prompt: "A lemonade can on a picnic table [sim:typo]" });
  await expect(typo.getByTestId("checks-status")).toHaveText("Checks failed", { timeout: 60_000 });
  await typo.getByRole("link", { name: "Open" }).click();
  const checks = page.getByTestId("checks");
  await expect(checks.getByTestId("checks-status")).toHaveText("Checks failed");
  const headline = checks.locator('[data-testid="finding"][data-kind="text"][data-ok="false"]');
  await expect(headline).toContainText("“lmeon” for “lemon”");
  await expect(headline.getByTestId("read-text").locator(".decoration-wavy")).toHaveText("LMEON");

  await checks.getByTestId("fix-text").click();
  await expect(page.getByTestId("detail-source")).toContainText("Text fixed from", { timeout: 30_000 });
  await expect(page.getByTestId("checks").getByTestId("checks-status")).toHaveText("Checks passed", { timeout: 60_000 });

  // The gallery narrows to the images whose text failed: the typo only.
  await page.goto("/gallery?checks=failed");
  await expect(page.getByTestId("gallery-item")).toHaveCount(1);
  await expect(page.getByTestId("tile-checks")).toHaveText("Checks ✗");
});

test("a pack with copy drawn low: Stories is flagged for text under its buttons, X is not", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Kit");
  await page.getByRole("textbox", { name: "Prompt" }).fill("A lemonade can [sim:textzone=bottom]");
  const copy = page.getByTestId("copy-fields");
  await copy.locator("summary").click();
  await copy.getByLabel("Headline").fill("LEMON FIZZ");
  await copy.getByLabel("Call to action").fill("Shop now");
  await page.getByText("Placements pack", { exact: true }).click();
  const planner = page.getByTestId("pack-planner");
  await planner.getByRole("checkbox", { name: /^Stories/ }).check();
  await planner.getByRole("checkbox", { name: /Image ad square/ }).check();
  await planner.getByTestId("generate-pack").click();
  await expect(page).toHaveURL(/\/packs\/[0-9a-f-]{36}$/);
  const stories = page.locator('[data-placement="meta-stories"]').getByTestId("asset-checks");
  await expect(stories).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await expect(stories.locator('[data-kind="keep-out"]')).toContainText("bottom keep-out zone");
  await expect(page.locator('[data-placement="x-square"]').getByTestId("asset-checks")).toHaveAttribute("data-status", "passed");
});

test("a Spanish headline is read back with the Spanish OCR data", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Sol");
  const copy = page.getByTestId("copy-fields");
  await copy.locator("summary").click();
  await copy.getByLabel("Headline").fill("VERANO: DOS POR 5 EUROS");
  await copy.getByLabel("Language of the copy").selectOption("es");
  const card = await generate(page, { model: "Nano Banana 2 Lite", prompt: "Una lata de limonada", seed: 7919 });
  await expect(card.getByTestId("checks-status")).toHaveText("Checks passed", { timeout: 60_000 });
  await card.getByRole("link", { name: "Open" }).click();
  await expect(page.getByTestId("checks-language")).toHaveText("Read with the Español OCR data.");
  await expect(page.getByTestId("checks").locator('[data-kind="text"][data-ok="true"]')).toContainText("Headline reads as written");
});
