import { rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "./fixtures";
import { startSimulator } from "../../lib/segmind/simulator/server";
import { PASSWORD, SIMULATOR_URL, generate, signIn, signUp, uniqueEmail } from "./helpers";
import { kill, startStudio } from "./studio-process";

test.describe.configure({ mode: "serial" });

test("a page on another port of the same host cannot create a generation or an upload with the user's cookie; a token still can", async ({ page, baseURL }) => {
  await signUp(page, "Target");
  const studio = new URL(baseURL!);
  const prompt = `cross-origin attack ${Date.now()}`;
  // The attacker's page: same host, another port, so the browser treats it as the same *site* and sends the
  // SameSite=Lax session cookie along with its requests.
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><body><form id="f" method="POST" action="${studio.origin}/api/v1/generations" enctype="text/plain" target="sink">
<input name='{"model":"nano-banana-2-lite","prompt":"${prompt}","count":8,"x":"' value='"}'></form><iframe name="sink"></iframe>
<script>
const body = JSON.stringify({ model: "nano-banana-2-lite", prompt: "${prompt}", count: 8 });
window.done = Promise.all([
  fetch("${studio.origin}/api/v1/generations", { method: "POST", mode: "no-cors", credentials: "include", body }),
  fetch("${studio.origin}/api/generations", { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body }),
  (() => { const f = new FormData(); f.append("file", new Blob([new Uint8Array([137,80,78,71])], { type: "image/png" }), "x.png");
    return fetch("${studio.origin}/api/uploads", { method: "POST", mode: "no-cors", credentials: "include", body: f }); })(),
]).then(() => { document.getElementById("f").submit(); return "sent"; }, (e) => String(e));
</script></body>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "localhost", resolve));
  const attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
  try {
    const evil = await page.context().newPage();
    await evil.goto(attackerUrl);
    expect(await evil.evaluate(() => (window as unknown as { done: Promise<string> }).done)).toBe("sent");
    await evil.waitForTimeout(1500);
    await evil.close();
  } finally {
    attacker.close();
  }
  // Nothing was queued for the user, and nothing reached Segmind.
  const queue = await (await page.request.get("/api/queue")).json();
  expect(JSON.stringify(queue)).not.toContain(prompt);
  const log = (await (await page.request.get(`${SIMULATOR_URL}/__simulator/requests`)).json()) as { requests: { prompt?: string }[] };
  expect(log.requests.filter((r) => r.prompt === prompt)).toHaveLength(0);

  // A script with an access token needs no origin and is unaffected.
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("cross-origin test");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  const scripted = await fetch(`${studio.origin}/api/v1/generations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "nano-banana-2-lite", prompt: `${prompt} by token` }),
  });
  expect(scripted.status).toBe(201);
});

test("signing out ends the session everywhere: a copied cookie stops working", async ({ page, browser }) => {
  await signUp(page, "Copier");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/sign-in/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  expect((await stolen.request.get("/api/queue")).status()).toBe(401);
  await stolen.goto("/gallery");
  await expect(stolen).toHaveURL(/sign-in/);
  await thief.close();
});

test("a server action from a foreign origin is a 403 and an over-large one a 413, not a 500", async ({ request }) => {
  const foreign = await request.post("/", {
    headers: { "next-action": "0".repeat(42), origin: "http://evil.example", "content-type": "text/plain" },
    data: "[]",
  });
  expect(foreign.status()).toBe(403);
  const huge = await request.post("/sign-in", {
    headers: { "next-action": "0".repeat(42), "content-type": "text/plain" },
    data: "x".repeat(1024 * 1024 + 10),
  });
  expect(huge.status()).toBe(413);
});

test("a fresh install: the first account is the admin, sign-up is by invite, the admin invites, sets domains, sees spend and disables", async ({ browser }) => {
  const dataDir = path.resolve(`data/e2e-admin-${Date.now()}`);
  // SIGNUP unset: the policy is the admin's to choose (the default is invite only).
  const simulator = await startSimulator({ latencyMs: 300, rpm: 0 });
  const studio = await startStudio(3305, { DATA_DIR: dataDir, SIMULATOR_URL: simulator.url, SIGNUP: "", DATABASE_URL: "" });
  const adminContext = await browser.newContext({ baseURL: studio.url });
  const visitorContext = await browser.newContext({ baseURL: studio.url });
  try {
    const admin = await adminContext.newPage();
    await admin.goto("/sign-in");
    await expect(admin).toHaveURL(/\/sign-up$/);
    await expect(admin.getByTestId("signup-note")).toContainText("You are the first here");
    await signUp(admin, "Root", uniqueEmail("root"), studio.url);
    await expect(admin.getByRole("link", { name: "Admin" })).toBeVisible();

    // A stranger cannot sign up, and is told how to get in; what they typed stays.
    const visitor = await visitorContext.newPage();
    await visitor.goto("/sign-up");
    await expect(visitor.getByTestId("signup-note")).toContainText("by invitation");
    await visitor.getByLabel("Name").fill("Stranger");
    await visitor.getByLabel("Email").fill(uniqueEmail("stranger"));
    await visitor.getByLabel("Password").fill(PASSWORD);
    await visitor.getByRole("button", { name: "Create account" }).click();
    await expect(visitor.getByTestId("form-error")).toContainText("by invitation");
    await expect(visitor.getByLabel("Password")).toHaveValue(PASSWORD);

    // The admin makes an invite link; it lets exactly one person in.
    await admin.goto("/admin");
    await admin.getByLabel("Who is it for?").fill("Dana, design");
    await admin.getByRole("button", { name: "Create invite link" }).click();
    const link = await admin.getByTestId("new-invite").inputValue();
    expect(link).toMatch(/\/sign-up\?invite=[\w-]{20,}/);
    const danaEmail = uniqueEmail("dana");
    await visitor.goto(link);
    await expect(visitor.getByTestId("signup-note")).toContainText("You were invited");
    await signUp(visitor, "Dana", danaEmail, studio.url, new URL(link).searchParams.get("invite")!);
    await generate(visitor, { model: "Nano Banana 2 Lite", prompt: "Dana's first lemon" });
    await expect(visitor.getByTestId("job-card").first()).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    const reused = await browser.newPage({ baseURL: studio.url });
    await reused.goto(link);
    await expect(reused.getByTestId("signup-note")).toContainText("already used");
    await reused.close();

    await admin.goto("/admin");
    await expect(admin.getByTestId("invite").first()).toContainText(`Used by ${danaEmail}`);
    const danaRow = admin.getByTestId("admin-user").filter({ hasText: danaEmail });
    await expect(danaRow.getByTestId("spend")).not.toHaveText("$0.00");
    await expect(danaRow).toContainText("1");

    // Domains: addresses at example.org may sign up on their own.
    await admin.getByLabel("Addresses at these domains").check();
    await admin.getByLabel("Domains", { exact: true }).fill("example.org");
    await admin.getByRole("button", { name: "Save policy" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    const domainPage = await browser.newPage({ baseURL: studio.url });
    await domainPage.goto("/sign-up");
    await expect(domainPage.getByTestId("signup-note")).toContainText("example.org");
    await signUp(domainPage, "Org", `org-${Date.now()}@example.org`, studio.url);
    await domainPage.close();

    // Disabling Dana ends her session at her next request, and her password no longer signs in.
    await danaRow.getByRole("button", { name: "Disable" }).click();
    await expect(danaRow).toHaveAttribute("data-disabled", "true");
    await visitor.goto("/gallery");
    await expect(visitor).toHaveURL(/sign-in/);
    await visitor.getByLabel("Email").fill(danaEmail);
    await visitor.getByLabel("Password").fill(PASSWORD);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await expect(visitor.getByTestId("form-error")).toContainText("disabled");
  } finally {
    await adminContext.close();
    await visitorContext.close();
    kill(studio);
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a member who is not the admin gets 404 on /admin", async ({ page }) => {
  await signUp(page, "Member");
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
});

test("a password change signs out every other session and keeps this one; the old password no longer works", async ({ page, browser }) => {
  const email = await signUp(page, "Changer");
  const elsewhere = await browser.newContext();
  const laptop = await elsewhere.newPage();
  await laptop.goto("/sign-in");
  await signIn(laptop, email);

  await page.goto("/settings");
  await page.getByLabel("Current password").fill("wrong password");
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("password-changed")).toBeVisible();
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/gallery/);

  await laptop.goto("/gallery");
  await expect(laptop).toHaveURL(/sign-in/);
  await laptop.goto("/sign-in");
  await laptop.getByLabel("Email").fill(email);
  await laptop.getByLabel("Password").fill(PASSWORD);
  await laptop.getByRole("button", { name: "Sign in" }).click();
  await expect(laptop.getByTestId("form-error")).toContainText("Wrong email or password");
  await signIn(laptop, email, "a brand new passphrase");
  await elsewhere.close();
});
