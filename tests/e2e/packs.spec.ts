/**
 * Placement packs in Chromium (issue 13): Meta plus two IAB banners from the studio's Placements panel — the
 * plan before running, every asset at its exact pixels under its cap, a crop moved for free, the keep-out
 * overlay on Stories, and a zip whose files match their manifest.
 */
import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "./fixtures";
import { SIMULATOR_URL, naturalSize, signUp } from "./helpers";

test("Meta + two banners: the plan before running, exact assets under their caps, a free re-crop, the keep-out overlay, a matching zip", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Pat");
  await page.getByRole("textbox", { name: "Prompt" }).fill(`Acme lemonade can, summer picnic ${Date.now()}`);
  const planner = page.getByTestId("pack-planner");
  await planner.locator("summary").click();
  await planner.getByRole("button", { name: "Meta", exact: true }).click();
  await planner.getByRole("checkbox", { name: /Medium rectangle/ }).check();
  await planner.getByRole("checkbox", { name: /Leaderboard/ }).check();
  const plan = planner.getByTestId("pack-plan");
  await expect(plan).toContainText("6 generations for 7 placements");
  for (const part of ["1:1 at 2K", "4:5 at 2K", "9:16 at 2K", "16:9 at 1K", "5:4 at 512px", "8:1 at 512px"]) await expect(plan).toContainText(part);
  await expect(planner.getByTestId("generate-pack")).toContainText("Generate pack · $0.56");

  await planner.getByTestId("generate-pack").click();
  await expect(page).toHaveURL(/\/packs\/[0-9a-f-]{36}$/);
  const assets = page.getByTestId("pack-asset");
  await expect(assets).toHaveCount(7);
  await expect(page.locator('[data-testid="pack-asset"][data-status="ready"]')).toHaveCount(7, { timeout: 90_000 });
  const packId = page.url().split("/").pop()!;
  const pack = (await (await page.request.get(`/api/v1/packs/${packId}`)).json()) as {
    assets: { placementId: string; width: number; height: number; bytes: number; maxBytes: number; url: string }[];
  };
  for (const asset of pack.assets) {
    expect(asset.bytes, asset.placementId).toBeLessThanOrEqual(asset.maxBytes);
    const preview = page.locator(`[data-placement="${asset.placementId}"] img`);
    expect(await naturalSize(page, preview), asset.placementId).toEqual({ width: asset.width, height: asset.height });
  }

  // Re-centre the link ad's crop (a 16:9 frame cut to 1.91:1 leaves room up and down) with a click near an
  // edge: a new file, and the simulator hears nothing.
  const before = ((await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: unknown[] }).requests.length;
  const link = page.locator('[data-placement="meta-link"]');
  const oldSrc = await link.locator("img").getAttribute("src");
  const box = (await link.locator("img").boundingBox())!;
  const crop = (await (await page.request.get(`/api/v1/packs/${packId}`)).json()) as { assets: { placementId: string; cropBox: { top: number } }[] };
  // Toward whichever side the crop has room on.
  const roomAbove = crop.assets.find((a) => a.placementId === "meta-link")!.cropBox.top > 0;
  await page.mouse.click(box.x + box.width / 2, roomAbove ? box.y + 2 : box.y + box.height - 2);
  await expect(link.locator("img")).not.toHaveAttribute("src", oldSrc!);
  const after = ((await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: unknown[] }).requests.length;
  expect(after).toBe(before);

  // The keep-out overlay on Stories: 14% at the top, 20% at the bottom.
  const stories = page.locator('[data-placement="meta-stories"]');
  await page.getByTestId("keep-out-toggle").check();
  const zones = stories.getByTestId("keep-out").locator("div");
  await expect(zones).toHaveCount(2);
  const frame = (await stories.locator("img").boundingBox())!;
  const top = (await zones.nth(0).boundingBox())!;
  expect(Math.abs(top.height / frame.height - 0.14)).toBeLessThan(0.01);

  // The zip: every file has the size and SHA-256 its manifest row says.
  const zip = unzipSync(new Uint8Array(await (await page.request.get((await page.getByTestId("pack-export").getAttribute("href"))!)).body()));
  const [header, ...rows] = strFromU8(zip["manifest.csv"]!).trim().split("\r\n");
  const columns = header!.split(",");
  const cell = (row: string, name: string) => row.split(",")[columns.indexOf(name)]!;
  expect(rows).toHaveLength(7);
  for (const row of rows) {
    const bytes = zip[cell(row, "file")]!;
    expect(String(bytes.length)).toBe(cell(row, "bytes"));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(cell(row, "sha256"));
  }

  // A far shape can be padded instead: the file changes, still at its exact pixels.
  const half = page.locator('[data-placement="meta-link"]');
  const beforePad = await half.locator("img").getAttribute("src");
  await half.getByTestId("asset-fit").selectOption({ label: "Pad with white" });
  await expect(half.locator("img")).not.toHaveAttribute("src", beforePad!);
  expect(await naturalSize(page, half.locator("img"))).toEqual({ width: 1200, height: 628 });

  // The workspace's packs list it, all seven ready.
  await page.goto("/packs");
  await expect(page.getByTestId("pack").first()).toContainText("7 of 7 placements ready");
});
