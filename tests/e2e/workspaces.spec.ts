/**
 * Team workspaces in the browser (the first part of issue 12): an owner makes one and invites by link; the
 * link says what it offers before anyone joins, works once, and roles change from the members list.
 */
import type { Browser, Locator, Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "./fixtures";
import { SIMULATOR_URL, signUp } from "./helpers";

test("an owner makes a team workspace, invites an editor by link, changes their role; the link works once; a member can leave", async ({ page, browser }) => {
  await signUp(page, "Olivia");
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.getByRole("textbox", { name: "Workspace name" }).fill("Lemon Co");
  await page.getByRole("button", { name: "Create workspace" }).click();
  const card = page.getByTestId("workspace").filter({ hasText: "Lemon Co" });
  await expect(card).toContainText("you are owner");

  await card.getByRole("combobox", { name: /Invite link for/ }).selectOption("editor");
  await card.getByRole("button", { name: "Create link" }).click();
  const link = await card.getByTestId("invite-url").inputValue();
  expect(link).toMatch(/\/join\/[\w-]{32}$/);

  // The link says what it offers before anything happens.
  const joiner = await (await browser.newContext()).newPage();
  await signUp(joiner, "Eddie");
  await joiner.goto(link);
  await expect(joiner.getByTestId("join-workspace")).toHaveText("Lemon Co");
  await expect(joiner.getByTestId("join-role")).toHaveText("editor");
  await joiner.getByRole("button", { name: "Join the workspace" }).click();
  await expect(joiner).toHaveURL(/\/workspaces$/);
  await expect(joiner.getByTestId("workspace").filter({ hasText: "Lemon Co" })).toContainText("you are editor");
  // An editor sees the members but cannot change them or invite.
  await expect(joiner.getByTestId("workspace").getByRole("combobox")).toHaveCount(0);

  // Single use: someone else opening the same link is told so.
  const late = await (await browser.newContext()).newPage();
  await signUp(late, "Late");
  await late.goto(link);
  await expect(late.getByTestId("join-refused")).toContainText("already used");
  await expect(late.getByRole("button", { name: "Join the workspace" })).toHaveCount(0);

  // The owner sees the new member and makes them a viewer; it counts at their next request.
  await page.reload();
  await expect(card.getByTestId("member")).toHaveCount(2);
  await expect(card.getByTestId("invite").first()).toHaveAttribute("data-state", "used");
  await card.getByRole("combobox", { name: /Role of Eddie/ }).selectOption("viewer");
  await expect(card.getByTestId("member").filter({ hasText: "Eddie" })).toHaveAttribute("data-role", "viewer");
  await joiner.reload();
  await expect(joiner.getByTestId("workspace")).toContainText("you are viewer");

  // The last owner cannot step down.
  await card.getByRole("combobox", { name: /Role of Olivia/ }).selectOption("editor");
  await expect(card.getByRole("alert")).toContainText("at least one owner");
  await page.reload();
  await expect(card.getByTestId("member").filter({ hasText: "Olivia" })).toHaveAttribute("data-role", "owner");

  // A member leaves by themselves.
  joiner.once("dialog", (dialog) => void dialog.accept());
  await joiner.getByTestId("workspace").getByRole("button", { name: "Leave" }).click();
  await expect(joiner.getByTestId("workspace")).toHaveCount(0);
  await page.reload();
  await expect(card.getByTestId("member")).toHaveCount(1);
});

test("an owner sets a monthly budget of $0.20; a batch of four $0.08 images is refused with the amounts, and nothing reaches Segmind", async ({ page }) => {
  await signUp(page, "Bea");
  await page.goto("/workspaces");
  const personal = page.getByTestId("personal-workspace");
  await personal.getByLabel("Monthly budget $").fill("0.20");
  await personal.getByRole("button", { name: "Save budget" }).click();
  await expect(personal.getByTestId("budget-remaining")).toHaveText("$0.20");

  await page.getByRole("link", { name: "Studio", exact: true }).click();
  await expect(page.getByTestId("budget-left")).toHaveText("$0.20 of the monthly budget left");
  const prompt = `four cans over budget ${Date.now()}`;
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await page.getByRole("group", { name: "Images per run" }).getByText("4", { exact: true }).click();
  await page.getByRole("button", { name: /^Generate 4 · \$0\.32/ }).click();
  await expect(page.getByTestId("form-error")).toContainText("monthly budget of $0.20 has $0.20 left");
  await expect(page.getByTestId("job-card")).toHaveCount(0);
  const log = (await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { prompt?: string }[] };
  expect(log.requests.filter((r) => r.prompt === prompt)).toEqual([]);
  // Two fit.
  await page.getByRole("group", { name: "Images per run" }).getByText("2", { exact: true }).click();
  await page.getByRole("button", { name: /^Generate 2/ }).click();
  await expect(page.getByTestId("job-card")).toHaveCount(2);
  await expect(page.getByTestId("budget-left")).toHaveText("$0.040 of the monthly budget left");
});

/** Chooses a workspace in the header switcher and waits until the page shows it. */
async function switchTo(page: Page, label: string) {
  const switcher = page.getByTestId("workspace-switcher");
  await switcher.selectOption({ label });
  await expect(switcher.locator("option:checked")).toHaveText(label);
}

async function inviteLink(card: Locator, role: "editor" | "reviewer" | "viewer"): Promise<string> {
  const field = card.getByTestId("invite-url");
  const previous = (await field.count()) ? await field.inputValue() : "";
  await card.getByRole("combobox", { name: /Invite link for/ }).selectOption(role);
  await card.getByRole("button", { name: "Create link" }).click();
  await expect(field).toHaveValue(/\/join\/[\w-]{32}$/);
  await expect(field).not.toHaveValue(previous);
  return field.inputValue();
}

async function join(browser: Browser, name: string, link: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signUp(page, name);
  await page.goto(link);
  await page.getByRole("button", { name: "Join the workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  return page;
}

test("a team from invite to approved hand-off: editor makes, reviewer decides, owner exports approved only, viewer only looks; a budget stops a run", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // The owner makes the workspace and three invite links.
  await signUp(page, "Olive");
  await page.goto("/workspaces");
  await page.getByRole("textbox", { name: "Workspace name" }).fill("Acme launch");
  await page.getByRole("button", { name: "Create workspace" }).click();
  const card = page.getByTestId("workspace").filter({ hasText: "Acme launch" });
  const links = { editor: await inviteLink(card, "editor"), reviewer: await inviteLink(card, "reviewer"), viewer: await inviteLink(card, "viewer") };
  const editor = await join(browser, "Eddie", links.editor);
  const reviewer = await join(browser, "Rita", links.reviewer);
  const viewer = await join(browser, "Vic", links.viewer);

  // The editor generates a run of two in the team workspace and sends both for review from the gallery.
  await switchTo(editor, "Acme launch · editor");
  await editor.getByRole("link", { name: "Studio", exact: true }).click();
  await editor.getByRole("textbox", { name: "Prompt" }).fill("Acme lemonade can on a picnic table");
  await editor.getByRole("group", { name: "Images per run" }).getByText("2", { exact: true }).click();
  await editor.getByRole("button", { name: /^Generate 2/ }).click();
  await expect(editor.getByTestId("job-card")).toHaveCount(2);
  await expect(editor.locator('[data-testid="job-card"][data-status="completed"]')).toHaveCount(2, { timeout: 60_000 });
  await editor.goto("/gallery");
  await expect(editor.getByTestId("gallery-item")).toHaveCount(2);
  for (const tile of await editor.getByTestId("gallery-item").all()) {
    await tile.hover();
    await tile.getByRole("checkbox").check();
  }
  await editor.getByTestId("selection-bar").getByRole("button", { name: "Send for review" }).click();
  await expect(editor.getByTestId("toast").filter({ hasText: "2 sent for review." })).toBeVisible();

  // The reviewer finds both in the inbox: changes on one, with a comment; the other approved.
  await switchTo(reviewer, "Acme launch · reviewer");
  await reviewer.goto("/review");
  await expect(reviewer.getByTestId("inbox-review").getByTestId("inbox-item")).toHaveCount(2);
  await reviewer.getByTestId("inbox-item").first().click();
  const firstUrl = reviewer.url();
  await reviewer.getByLabel(/^Comment/).fill("Make the logo bigger <b>please</b>");
  await reviewer.getByRole("button", { name: "Request changes" }).click();
  await expect(reviewer.getByTestId("review-panel").getByTestId("review-state")).toHaveText("Changes requested");
  await expect(reviewer.getByTestId("comment")).toContainText("Make the logo bigger <b>please</b>");
  await reviewer.goto("/review");
  await expect(reviewer.getByTestId("inbox-item")).toHaveCount(1);
  await reviewer.getByTestId("inbox-item").click();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId("approval")).toContainText("Approved by Rita");

  // The editor varies the first and sends the new version; the reviewer approves it.
  await editor.goto("/review");
  const toChange = editor.getByTestId("inbox-changes").getByTestId("inbox-item");
  await expect(toChange).toHaveCount(1);
  await toChange.click();
  expect(editor.url()).toBe(firstUrl);
  await expect(editor.getByTestId("comment")).toContainText("Make the logo bigger");
  await editor.getByRole("button", { name: /^Vary · / }).click();
  await expect(editor).not.toHaveURL(firstUrl);
  await expect(editor.getByTestId("versions")).toContainText("Version 2 of 2", { timeout: 60_000 });
  await editor.getByRole("button", { name: "Send for review" }).click();
  await expect(editor.getByTestId("review-panel").getByTestId("review-state")).toHaveText("In review");
  await reviewer.goto("/review");
  await expect(reviewer.getByTestId("inbox-item")).toHaveCount(1);
  await expect(reviewer.getByTestId("inbox-item")).toContainText("version 2");
  await reviewer.getByTestId("inbox-item").click();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId("approval")).toContainText("Approved by Rita");

  // The owner puts all three on a board and exports the approved ones only: exactly two, each with its approver.
  await switchTo(page, "Acme launch");
  await page.goto("/gallery");
  await expect(page.getByTestId("gallery-item")).toHaveCount(3);
  for (const tile of await page.getByTestId("gallery-item").all()) {
    await tile.hover();
    await tile.getByRole("checkbox").check();
  }
  await page.getByTestId("selection-bar").getByRole("textbox", { name: "New board name" }).fill("Launch");
  await page.getByTestId("selection-bar").getByRole("button", { name: "Create & add" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Added 3 to Launch." })).toBeVisible();
  await page.goto("/boards");
  const exportApproved = page.getByTestId("export-approved");
  await expect(exportApproved).toHaveText("Export approved · 2");
  const zip = unzipSync(new Uint8Array(await (await page.request.get((await exportApproved.getAttribute("href"))!)).body()));
  const [header, ...rows] = strFromU8(zip["manifest.csv"]!).trim().split("\r\n");
  const column = (name: string) => header!.split(",").indexOf(name);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    const cells = row.split(",");
    expect(cells[column("review_state")]).toBe("approved");
    expect(cells[column("approved_by")]).toBe("Rita");
    expect(cells[column("approved_sha256")]).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(Object.keys(zip).filter((f) => f.startsWith("images/"))).toHaveLength(2);

  // The viewer sees the images but has no studio; a generation forged with their cookie or their token is refused.
  await switchTo(viewer, "Acme launch · viewer");
  await viewer.goto("/gallery");
  await expect(viewer.getByTestId("gallery-item")).toHaveCount(3);
  await viewer.goto("/");
  await expect(viewer.getByTestId("no-studio")).toContainText("You are a viewer in Acme launch");
  await expect(viewer.getByRole("button", { name: /Generate/ })).toHaveCount(0);
  const recipe = { model: "nano-banana-2", prompt: `forged by a viewer ${Date.now()}` };
  const forged = await viewer.request.post("/api/v1/generations", { data: recipe, headers: { origin: new URL(viewer.url()).origin } });
  expect(forged.status()).toBe(403);
  await viewer.goto("/settings");
  await viewer.getByRole("textbox", { name: "Token name" }).fill("Viewer script");
  await viewer.getByRole("button", { name: "Create token" }).click();
  const token = await viewer.getByTestId("new-token").inputValue();
  const script = await viewer.context().request.post("/api/v1/generations", { data: recipe, headers: { authorization: `Bearer ${token}` } });
  expect(script.status()).toBe(403);
  expect((await script.json()).error).toMatch(/viewer/);
  const seen = (await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { prompt?: string }[] };
  expect(seen.requests.filter((r) => r.prompt === recipe.prompt)).toEqual([]);

  // The owner caps the workspace at $0.20: four Nano Banana 2 images at 1K ($0.08 each) are refused, none sent.
  await page.goto("/workspaces");
  await card.getByLabel("Monthly budget $").fill("0.20");
  await card.getByRole("button", { name: "Save budget" }).click();
  await page.getByRole("link", { name: "Studio", exact: true }).click();
  const prompt = `acme over budget ${Date.now()}`;
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await page.getByRole("group", { name: "Images per run" }).getByText("4", { exact: true }).click();
  await page.getByRole("button", { name: /^Generate 4 · \$0\.32/ }).click();
  await expect(page.getByTestId("form-error")).toContainText("monthly budget of $0.20");
  const after = (await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { prompt?: string }[] };
  expect(after.requests.filter((r) => r.prompt === prompt)).toEqual([]);

  // The audit log and the spend page show what happened.
  await page.goto("/audit");
  const log = page.getByTestId("audit-log");
  for (const [action, count] of [
    ["member_joined", 3],
    ["generated", 2],
    ["sent_for_review", 3],
    ["changes_requested", 1],
    ["approved", 2],
    ["exported", 1],
    ["budget_changed", 1],
  ] as const) {
    await expect(log.locator(`[data-action="${action}"]`), action).toHaveCount(count);
  }
  await page.getByRole("combobox", { name: "Action" }).selectOption("approved");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  await expect(page.getByTestId("audit-row").first()).toContainText("Rita");
  const csv = await (await page.request.get("/api/workspace/audit?action=approved")).text();
  expect(csv.trim().split("\r\n")).toHaveLength(3);
  await page.goto("/spend");
  await expect(page.getByTestId("spend-members")).toContainText("Eddie");
  await expect(page.getByTestId("spend-members").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("spend-models")).toContainText("Nano Banana 2 · 1K");
});
