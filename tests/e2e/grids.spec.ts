/**
 * Variable grids in Chromium (issue 15): a malformed CSV shows every problem by row and column and runs nothing; a
 * `;` file reads as well as a `,` one; 3 locales × 2 headlines at 2 placements preview as 12 jobs with their cost,
 * run, and fill the matrix; the row forced to fail is retried alone (the simulator hears only its prompts again);
 * the export's manifest matches the CSV's rows and the files.
 */
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import Papa from "papaparse";
import { expect, test } from "./fixtures";
import { SIMULATOR_URL, signUp } from "./helpers";

const CSV = [
  "headline,background,locale",
  '"Cold, crisp",a sunny beach,en',
  "FIZZ,a city park,en",
  "KALT,ein Strand,de-DE",
  "SPRUDEL,ein Park [sim:status=500],de-DE",
  "FRÍO,una playa,es",
  "BURBUJAS,un parque,es",
].join("\n");

test("a grid from a CSV: problems by row and column, a preview with its cost, the matrix, a retry of the failed row alone, the export", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Greta");
  await page.goto("/grids");
  await page.getByRole("link", { name: "New grid" }).click();
  await page.getByLabel(/^Prompt/).fill("A can of lemonade on {{background}}, bright daylight");
  await page.getByLabel("Headline").fill("{{headline}}");
  const file = page.getByTestId("grid-csv-file");

  // A malformed table: an unknown column and a quote never closed on row 4. Both are shown; nothing runs.
  await file.setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from('headline,background,colour\nA,b,red\nC,d,blue\n"E,f,green\n') });
  await page.getByRole("button", { name: "Preview" }).click();
  const problems = page.getByTestId("grid-problem");
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText("1colourUnknown variable: the template has no {{colour}}");
  await expect(problems.nth(1)).toContainText('4—A quoted cell is never closed (a " is missing).');
  await expect(page.getByTestId("grid-run")).toHaveCount(0);

  // A file with ; between its cells reads the same.
  await file.setInputFiles({ name: "semicolons.csv", mimeType: "text/csv", buffer: Buffer.from("headline;background\nKALT;ein Strand\nWARM;ein Wald\n") });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("grid-jobs")).toHaveText("2 jobs");
  await expect(page.getByTestId("grid-preview")).toContainText("Row 3: A can of lemonade on ein Wald");

  // 3 locales × 2 headlines, at 2 placements: 12 files from 12 generations (Stories 9:16 and X 1:1).
  await file.setInputFiles({ name: "lemonade.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${CSV}`) });
  await page.getByText("Placements as columns").click();
  await page
    .getByTestId("grid-placements")
    .getByLabel(/^Meta Stories/)
    .check();
  await page
    .getByTestId("grid-placements")
    .getByLabel(/^X Image ad square/)
    .check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("grid-jobs")).toHaveText("12 jobs");
  await expect(page.getByTestId("grid-preview")).toContainText("about $0.48");
  await page.getByTestId("grid-run").click();
  await expect(page).toHaveURL(/\/grids\/[0-9a-f-]{36}$/);
  const gridUrl = page.url();

  await expect(page.getByTestId("grid-progress")).toHaveText("12 of 12 done, 2 failed", { timeout: 90_000 });
  await expect(page.locator('[data-testid="grid-cell"][data-status="completed"]')).toHaveCount(5);
  const failedRow = page.locator('[data-testid="grid-cell"][data-row="5"]');
  await expect(failedRow).toHaveAttribute("data-status", "failed");
  await expect(page.locator('[data-testid="grid-asset"][data-status="ready"]')).toHaveCount(10);

  // Retry: only the failed row's two images are sent again (asked first: Segmind may have charged for them).
  const posts = async () =>
    ((await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { method: string; prompt?: string }[] }).requests.filter(
      (r) => r.method === "POST" && r.prompt?.includes("A can of lemonade on"),
    );
  const before = await posts();
  await page.getByTestId("grid-retry").click();
  await expect(page.getByTestId("grid-retry-warning")).toContainText("may already have been charged");
  await page.getByTestId("grid-retry").click();
  await expect(page.getByTestId("grid-progress")).toHaveText("12 of 12 done, 2 failed", { timeout: 60_000 });
  await expect.poll(async () => (await posts()).length, { timeout: 30_000 }).toBe(before.length + 2);
  const again = (await posts()).slice(before.length);
  expect(again.every((r) => r.prompt!.includes("ein Park [sim:status=500]"))).toBe(true);

  // The export: a folder per row; its manifest is the CSV's rows beside each file's SHA-256.
  const zip = await page.request.get(`${gridUrl.replace("/grids/", "/api/v1/grids/")}/export?by=row`);
  const files = unzipSync(new Uint8Array(await zip.body()));
  const manifest = Papa.parse<Record<string, string>>(new TextDecoder().decode(files["manifest.csv"]), { header: true, skipEmptyLines: true }).data;
  const source = Papa.parse<Record<string, string>>(CSV, { header: true }).data;
  expect(manifest).toHaveLength(10);
  for (const line of manifest) {
    const row = source[Number(line.row) - 2]!;
    expect([line.headline, line.background, line.locale]).toEqual([row.headline, row.background, row.locale]);
    expect(line.file).toMatch(new RegExp(`^row-00${line.row}/(meta-stories|x-square)\\.jpg$`));
    expect(createHash("sha256").update(files[line.file!]!).digest("hex")).toBe(line.sha256);
  }
  expect(manifest.some((m) => m.row === "5")).toBe(false);
});
