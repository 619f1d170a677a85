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
  await page.getByText("Placements pack", { exact: true }).click();
  const planner = page.getByTestId("pack-planner");
  // Placements mode: the plan picks ratios and tiers, so the single-image controls step aside.
  await expect(page.getByRole("radiogroup", { name: "Images per run" })).toHaveCount(0);
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

  // Drag the link ad's picture (a 16:9 frame cut to 1.91:1 leaves room up and down): the crop box moves the
  // other way, a new file comes, and the simulator hears nothing.
  const requests = async () => ((await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: unknown[] }).requests.length;
  const before = await requests();
  const cropOf = async (id: string) =>
    ((await (await page.request.get(`/api/v1/packs/${packId}`)).json()) as { assets: { placementId: string; cropBox: { top: number } }[] }).assets.find(
      (a) => a.placementId === id,
    )!.cropBox;
  const link = page.locator('[data-placement="meta-link"]');
  const oldSrc = await link.locator("img").getAttribute("src");
  const box = (await link.getByTestId("asset-preview").boundingBox())!;
  const start = await cropOf("meta-link");
  // Toward whichever side the crop has room on: dragging the picture down shows more of its top.
  const down = start.top > 0;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + (down ? 40 : -40), { steps: 5 });
  await page.mouse.up();
  await expect(link.locator("img")).not.toHaveAttribute("src", oldSrc!);
  const moved = await cropOf("meta-link");
  expect(down ? moved.top < start.top : moved.top > start.top).toBe(true);
  // The arrow keys nudge it too.
  const nudgedFrom = await link.locator("img").getAttribute("src");
  await link.getByTestId("asset-preview").focus();
  await page.keyboard.press(down ? "ArrowDown" : "ArrowUp");
  await expect(link.locator("img")).not.toHaveAttribute("src", nudgedFrom!);
  expect(await requests()).toBe(before);

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

test("a draft pack: Lite drafts, a crop set on the draft, Finalise with Nano Banana 2, approved as one, shared by link, one gallery entry", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signUp(page, "Dana");
  const prompt = `Acme sparkling water, studio light ${Date.now()}`;
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await page.getByText("Placements pack", { exact: true }).click();
  const planner = page.getByTestId("pack-planner");
  await planner.getByRole("checkbox", { name: /Image ad square/ }).check();
  await planner.getByRole("checkbox", { name: /^Link/ }).check();
  await planner.getByRole("radio", { name: /Draft with Nano Banana 2 Lite/ }).check();
  await expect(planner.getByTestId("pack-draft")).toContainText("Then finalise the drafts you keep");
  await expect(planner.getByTestId("generate-pack")).toHaveText("Draft pack · $0.080");
  await planner.getByTestId("generate-pack").click();
  await expect(page).toHaveURL(/\/packs\/[0-9a-f-]{36}$/);
  const packId = page.url().split("/").pop()!;
  await expect(page.locator('[data-testid="pack-asset"][data-status="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId("pack-summary")).toContainText("1K draft");

  // Set the link ad's crop on the draft with an arrow key (toward the side with room), then finalise.
  type Read = { assets: { placementId: string; cropBox: { left: number; top: number; width: number; height: number } }[] };
  const cropOf = async () =>
    ((await (await page.request.get(`/api/v1/packs/${packId}`)).json()) as Read).assets.find((a) => a.placementId === "meta-link")!.cropBox;
  const link = page.locator('[data-placement="meta-link"]');
  const draftSrc = await link.locator("img").getAttribute("src");
  await link.getByTestId("asset-preview").focus();
  await page.keyboard.press((await cropOf()).top > 0 ? "ArrowUp" : "ArrowDown");
  await expect(link.locator("img")).not.toHaveAttribute("src", draftSrc!);
  const chosenCrop = await cropOf();
  const finalise = page.getByTestId("finalise");
  await expect(finalise).toContainText("16:9 · draft 1K → final 1K");
  await expect(finalise.getByTestId("finalise-button")).toHaveText("Finalise 2 · $0.20");
  await finalise.getByTestId("finalise-button").click();
  await expect(page.getByTestId("finalise")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('[data-testid="pack-asset"][data-status="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId("pack-summary")).not.toContainText("draft");
  const finals = (await (await page.request.get(`/api/v1/packs/${packId}`)).json()) as { generations: { model: string; inUse: boolean; resolution: string }[] };
  expect(
    finals.generations
      .filter((g) => g.inUse)
      .map((g) => `${g.model} ${g.resolution}`)
      .sort(),
  ).toEqual(["nano-banana-2 1K", "nano-banana-2 2K"]);
  // The crop set on the draft holds on the final (same pixels at 1K).
  expect(await cropOf()).toEqual(chosenCrop);
  expect(await naturalSize(page, link.locator("img"))).toEqual({ width: 1200, height: 628 });

  // Review as one: send, approve; the approval names the files it pinned.
  const review = page.getByTestId("pack-review");
  await review.getByTestId("pack-send-review").click();
  await expect(review.getByTestId("pack-approve")).toBeVisible();
  // It waits in the Review inbox, as one pack.
  await page.goto("/review");
  await expect(page.getByTestId("inbox-packs-review").getByTestId("pack")).toHaveCount(1);
  await page.getByTestId("inbox-packs-review").getByTestId("pack").click();
  await expect(page).toHaveURL(new RegExp(`/packs/${packId}$`));
  await review.getByTestId("pack-approve").click();
  await expect(review.getByTestId("pack-approval")).toContainText("the exact bytes of 2 files");

  // Shared by link: a signed-out visitor sees both files, cannot change them, and can take the zip.
  await page.getByTestId("share").getByRole("button", { name: "Create link" }).click();
  const url = await page.getByTestId("share").locator("input").inputValue();
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(url);
  await expect(guest.getByTestId("shared-title")).toHaveText("Placement pack");
  await expect(guest.locator('[data-testid="pack-asset"][data-status="ready"]')).toHaveCount(2);
  await expect(guest.getByTestId("asset-fit")).toHaveCount(0);
  const zip = unzipSync(new Uint8Array(await (await guest.request.get(`${url}/download`)).body()));
  expect(Object.keys(zip).sort()).toEqual(["manifest.csv", "meta/meta-link_1200x628.jpg", "x/x-square_1200x1200.jpg"]);
  await visitor.close();

  // The gallery shows the pack as one entry (its drafts and finals a click away).
  await page.goto(`/gallery?q=${encodeURIComponent("sparkling water")}`);
  await expect(page.getByTestId("gallery-item")).toHaveCount(1);
  await expect(page.getByTestId("tile-pack")).toHaveText("Pack · 2 sizes");
  await page.getByTestId("tile-pack-expand").click();
  await expect(page.getByTestId("gallery-item")).toHaveCount(4);
});
