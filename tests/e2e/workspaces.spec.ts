/**
 * Team workspaces in the browser (the first part of issue 12): an owner makes one and invites by link; the
 * link says what it offers before anyone joins, works once, and roles change from the members list.
 */
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
