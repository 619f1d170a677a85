/**
 * Workspaces, the ground floor of teams (issue 12): every account has a personal workspace it owns, and the
 * migration moved an existing studio's data — images, uploads, boards, share links, tokens — into them.
 */
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newUser, session, startStack, personal } from "./setup";
import type { Simulator } from "@/lib/segmind/simulator/server";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startStack();
});
afterAll(async () => {
  await simulator.close();
});

/** The migrations folder as it was before `tag` (exclusive): what an older studio ran. */
async function migrationsBefore(tag: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "nano-migrations-"));
  await cp(path.resolve("drizzle"), folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  await writeFile(journalPath, JSON.stringify(journal));
  return folder;
}

/** A database of its own: a new PostgreSQL database beside the test one, or an embedded PGlite folder. */
async function freshDatabase(): Promise<{ options: { databaseUrl?: string; dataDir?: string }; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { options: { dataDir: await mkdtemp(path.join(tmpdir(), "nano-migrate-")) }, drop: async () => undefined };
  const { Client } = await import("pg");
  const name = `nano_migrate_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString() },
    drop: async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

describe("workspaces", () => {
  it("a new account owns a personal workspace, and what it makes belongs there", async () => {
    const user = await newUser("Wendy");
    const { getDb } = await import("@/lib/db");
    const db = await getDb();
    const { rows } = (await db.execute(
      sql`select w.id, w.name, w.personal_of, m.role from workspaces w join workspace_members m on m.workspace_id = w.id where m.user_id = ${user.id}`,
    )) as unknown as { rows: { id: string; name: string; personal_of: string; role: string }[] };
    expect(rows).toEqual([{ id: user.id, name: "Personal", personal_of: user.id, role: "owner" }]);

    const { createBoard } = await import("@/lib/library/boards");
    const board = await createBoard(personal(user), "Spring");
    if (!board.ok) throw new Error(board.error);
    expect(board.board!.workspaceId).toBe(user.id);
  });

  it("the migration moves an existing studio's data into each user's personal workspace", async () => {
    const { openDatabase } = await import("@/lib/db");
    const { options, drop } = await freshDatabase();
    try {
      // A studio as the previous version left it: two users with images, uploads, boards, links and tokens.
      const old = await openDatabase({ ...options, migrationsFolder: await migrationsBefore("0008_workspaces") });
      const made: Record<string, string> = {};
      for (const who of ["ann", "ben"]) {
        const run = async (query: ReturnType<typeof sql>) => ((await old.db.execute(query)) as unknown as { rows: { id: string }[] }).rows[0]!.id;
        const user = await run(sql`insert into users (email, name) values (${`${who}@example.com`}, ${who}) returning id`);
        made[who] = user;
        const generation = await run(
          sql`insert into generations (user_id, model, transport, params, prompt, seed, aspect_ratio, estimated_cost_usd, status)
              values (${user}, 'nano-banana-2', 'v2', ${JSON.stringify({ prompt: `${who}'s can`, seed: 1 })}::jsonb, ${`${who}'s can`}, 1, '1:1', 0.08, 'completed') returning id`,
        );
        const board = await run(sql`insert into boards (user_id, name) values (${user}, 'Launch') returning id`);
        await run(sql`insert into board_items (board_id, generation_id) values (${board}, ${generation}) returning board_id as id`);
        await run(
          sql`insert into uploads (user_id, file_name, storage_key, content_type, width, height, bytes, sha256) values (${user}, 'logo.png', 'k', 'image/png', 1, 1, 1, 'x') returning id`,
        );
        await run(sql`insert into share_links (user_id, token, board_id) values (${user}, ${`token-${who}-${Date.now()}`}, ${board}) returning id`);
        await run(sql`insert into access_tokens (user_id, name, token_hash, prefix) values (${user}, 'CI', ${`hash-${who}-${Date.now()}`}, 'nst_ab') returning id`);
      }
      await old.close();

      const upgraded = await openDatabase(options);
      const rows = async (query: ReturnType<typeof sql>) => ((await upgraded.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
      expect(await rows(sql`select w.id, w.personal_of, m.user_id, m.role from workspaces w join workspace_members m on m.workspace_id = w.id order by w.id`)).toEqual(
        Object.values(made)
          .sort()
          .map((id) => ({ id, personal_of: id, user_id: id, role: "owner" })),
      );
      for (const table of ["generations", "boards", "uploads", "share_links", "access_tokens"]) {
        const owned = await rows(sql`select user_id, workspace_id from ${sql.identifier(table)}`);
        expect(owned, table).toHaveLength(2);
        for (const row of owned) expect(row.workspace_id, table).toBe(row.user_id);
      }
      // Nothing else changed: the board still holds its image.
      expect(await rows(sql`select count(*)::int as n from board_items`)).toEqual([{ n: 2 }]);
      // The column is required from now on.
      await expect(upgraded.db.execute(sql`insert into boards (user_id, name) values (${made.ann!}, 'no workspace')`)).rejects.toThrow();
      await upgraded.close();
    } finally {
      await drop();
    }
  });
});

describe("team workspaces, roles and invite links", () => {
  it("an owner invites by single-use link; the link shows the workspace and role first; revoked and expired links are refused", async () => {
    const ws = await import("@/lib/workspaces");
    const { acceptWorkspaceInvite, createWorkspaceInvite, describeInvite, listWorkspaceInvites, revokeWorkspaceInvite } = await import("@/lib/workspaces/invites");
    const [owner, editor, late, stranger] = await Promise.all(["Olga", "Ed", "Lou", "Sam"].map((n) => newUser(n)));
    expect(await ws.createWorkspace(owner!.id, "  ")).toEqual({ ok: false, error: "Name the workspace." });
    const made = await ws.createWorkspace(owner!.id, "Lemon Co");
    if (!made.ok) throw new Error(made.error);
    const team = made.workspace.id;
    expect((await ws.listWorkspaces(owner!.id)).map((w) => [w.name, w.role, w.personal])).toEqual([
      ["Personal", "owner", true],
      ["Lemon Co", "owner", false],
    ]);

    // Only owners invite, and never into a personal workspace; the role must be a real one.
    expect(await createWorkspaceInvite(stranger!.id, team, "editor")).toMatchObject({ ok: false });
    expect(await createWorkspaceInvite(owner!.id, team, "admin")).toMatchObject({ ok: false, error: expect.stringMatching(/Choose the role/) });
    expect(await createWorkspaceInvite(owner!.id, owner!.id, "editor")).toMatchObject({ ok: false, error: expect.stringMatching(/personal/) });
    const link = await createWorkspaceInvite(owner!.id, team, "editor");
    if (!link.ok) throw new Error(link.error);
    const token = link.path.split("/").pop()!;
    expect(await describeInvite(token)).toEqual({ workspaceName: "Lemon Co", role: "editor", state: "open" });

    // Single use: the first taker joins, as the link's role; the second is refused.
    expect(await acceptWorkspaceInvite(editor!.id, token)).toEqual({ ok: true, workspaceId: team, role: "editor" });
    expect(await acceptWorkspaceInvite(late!.id, token)).toMatchObject({ ok: false, error: expect.stringMatching(/already used/) });
    expect(await ws.roleIn(late!.id, team)).toBeNull();
    expect(await describeInvite(token)).toMatchObject({ state: "used" });

    // Revoked, and expired, links join no one.
    const revoked = await createWorkspaceInvite(owner!.id, team, "viewer");
    if (!revoked.ok) throw new Error(revoked.error);
    expect(await revokeWorkspaceInvite(stranger!.id, revoked.invite.id)).toMatchObject({ ok: false });
    expect(await revokeWorkspaceInvite(owner!.id, revoked.invite.id)).toEqual({ ok: true });
    expect(await acceptWorkspaceInvite(late!.id, revoked.path.split("/").pop()!)).toMatchObject({ ok: false });
    const expired = await createWorkspaceInvite(owner!.id, team, "viewer");
    if (!expired.ok) throw new Error(expired.error);
    const { getDb } = await import("@/lib/db");
    const { workspaceInvites } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(workspaceInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(workspaceInvites.id, expired.invite.id));
    expect(await acceptWorkspaceInvite(late!.id, expired.path.split("/").pop()!)).toMatchObject({ ok: false });
    const listed = await listWorkspaceInvites(owner!.id, team);
    expect(listed.ok && listed.invites.map((i) => i.state).sort()).toEqual(["expired", "revoked", "used"]);
    expect(await listWorkspaceInvites(editor!.id, team)).toMatchObject({ ok: false });
    expect(await acceptWorkspaceInvite(late!.id, "not-a-token")).toMatchObject({ ok: false });
    expect(await describeInvite("x".repeat(32))).toBeNull();
  });

  it("roles: only owners change them, anyone may leave, a workspace always keeps an owner — even when two owners demote each other at once", async () => {
    const ws = await import("@/lib/workspaces");
    const { acceptWorkspaceInvite, createWorkspaceInvite } = await import("@/lib/workspaces/invites");
    const [owner, second, member, outsider] = await Promise.all(["Ora", "Otto", "Mia", "Out"].map((n) => newUser(n)));
    const made = await ws.createWorkspace(owner!.id, "Campaigns");
    if (!made.ok) throw new Error(made.error);
    const team = made.workspace.id;
    const join = async (userId: string, role: "owner" | "editor" | "reviewer" | "viewer") => {
      const link = await createWorkspaceInvite(owner!.id, team, role);
      if (!link.ok) throw new Error(link.error);
      expect(await acceptWorkspaceInvite(userId, link.path.split("/").pop()!)).toMatchObject({ ok: true });
    };
    await join(member!.id, "reviewer");

    // Non-owners, non-members and garbage change nothing.
    expect(await ws.setMemberRole(member!.id, team, member!.id, "owner")).toMatchObject({ ok: false, error: expect.stringMatching(/owners/) });
    expect(await ws.setMemberRole(outsider!.id, team, member!.id, null)).toMatchObject({ ok: false });
    expect(await ws.setMemberRole(owner!.id, team, member!.id, "boss" as "owner")).toMatchObject({ ok: false });
    expect(await ws.setMemberRole(owner!.id, "nope", member!.id, "viewer")).toMatchObject({ ok: false });
    expect(await ws.roleIn(member!.id, team)).toBe("reviewer");
    expect(await ws.listMembers(outsider!.id, team)).toMatchObject({ ok: false });

    // The last owner cannot step down or leave; an owner can change others, and the change counts at once.
    expect(await ws.setMemberRole(owner!.id, team, owner!.id, "editor")).toMatchObject({ ok: false, error: expect.stringMatching(/at least one owner/) });
    expect(await ws.setMemberRole(owner!.id, team, owner!.id, null)).toMatchObject({ ok: false, error: expect.stringMatching(/at least one owner/) });
    expect(await ws.setMemberRole(owner!.id, team, member!.id, "viewer")).toEqual({ ok: true });
    expect(await ws.roleIn(member!.id, team)).toBe("viewer");
    expect(ws.may("viewer", "generate")).toBe(false);
    expect(ws.may("editor", "generate")).toBe(true);
    expect(ws.may("reviewer", "review")).toBe(true);
    expect(ws.may(null, "read")).toBe(false);

    // A member may leave by themselves; a personal workspace keeps its owner.
    expect(await ws.setMemberRole(member!.id, team, member!.id, null)).toEqual({ ok: true });
    expect(await ws.roleIn(member!.id, team)).toBeNull();
    expect(await ws.setMemberRole(owner!.id, owner!.id, owner!.id, null)).toMatchObject({ ok: false });

    // Two owners demoting each other at the same moment: one wins, one owner remains.
    await join(second!.id, "owner");
    const results = await Promise.all([ws.setMemberRole(owner!.id, team, second!.id, "editor"), ws.setMemberRole(second!.id, team, owner!.id, "editor")]);
    const roles = [await ws.roleIn(owner!.id, team), await ws.roleIn(second!.id, team)];
    expect(roles.filter((r) => r === "owner")).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const members = await ws.listMembers(owner!.id, team);
    expect(members.ok && members.members.map((m) => m.userId).sort()).toEqual([owner!.id, second!.id].sort());
  });
});

describe("monthly budgets", () => {
  const recipe = (prompt: string) => ({ model: "nano-banana-2", prompt, output_resolution: "1K", aspect_ratio: "1:1" });

  it("twenty runs sent at once against a cap that fits five make exactly five; a cancel frees its share", async () => {
    const payer = await newUser("Penny");
    const { setMonthlyBudget, budgetOf } = await import("@/lib/workspaces/budget");
    const { enqueueRun } = await import("@/lib/jobs/enqueue");
    // Someone else's workspace is not theirs to cap.
    const other = await newUser("Nosy");
    expect(await setMonthlyBudget(other.id, payer.id, 1)).toMatchObject({ ok: false, error: expect.stringMatching(/owners/) });
    expect(await setMonthlyBudget(payer.id, payer.id, -1)).toMatchObject({ ok: false });
    expect(await setMonthlyBudget(payer.id, payer.id, 0.4)).toMatchObject({ ok: true, budget: { monthlyUsd: 0.4 } });

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => enqueueRun(personal(payer), recipe(`budget race ${i} [sim:latency=20000]`))));
    const made = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(made).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatchObject({
      status: 402,
      error: expect.stringMatching(/monthly budget of \$0\.40 has \$0\.000 left/),
      budget: { monthlyUsd: 0.4, requestedUsd: 0.08 },
    });
    const budget = await budgetOf(payer.id);
    expect(budget.spentUsd + budget.reservedUsd).toBeCloseTo(0.4, 6);

    // A job cancelled before it is sent gives its money back (if the worker has not sent it yet).
    const { cancelJob } = await import("@/lib/generations/queue");
    let freed = false;
    for (const run of made) if (run.ok && (await cancelJob(personal(payer), run.generations[0]!.id)).ok) freed = true;
    if (freed) expect((await enqueueRun(personal(payer), recipe("after a cancel [sim:latency=20000]"))).ok).toBe(true);
    // No cap: anything goes again.
    expect(await setMonthlyBudget(payer.id, payer.id, null)).toMatchObject({ ok: true, budget: { monthlyUsd: null } });
    expect((await enqueueRun(personal(payer), recipe("uncapped [sim:latency=20000]"), { count: 4 })).ok).toBe(true);
    // Nothing refused reached the simulator.
    for (let i = 0; i < 20; i++) {
      const sent = simulator.requests.filter((r) => r.prompt === `budget race ${i} [sim:latency=20000]`).length;
      expect(sent).toBeLessThanOrEqual(1);
    }
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(generations).set({ status: "failed" }).where(eq(generations.userId, payer.id));
  });

  it("the JSON API: the workspace and its budget, PUT by its owner, and a refused run is a 402 with the amounts", async () => {
    const owner = await newUser("Api Owner");
    session.userId = owner.id;
    const headers = { "content-type": "application/json", host: "test", origin: "http://test" };
    const { GET } = await import("@/app/api/v1/workspace/route");
    const { PUT } = await import("@/app/api/v1/workspace/budget/route");
    const { POST } = await import("@/app/api/v1/generations/route");
    const ctx = { params: Promise.resolve({}) };
    const put = (body: string) => PUT(new Request("http://test/api/v1/workspace/budget", { method: "PUT", headers, body }), ctx);

    expect(await (await GET(new Request("http://test/api/v1/workspace"), ctx)).json()).toEqual({
      id: owner.id,
      name: "Personal",
      role: "owner",
      budget: { monthlyUsd: null, spentUsd: 0, reservedUsd: 0 },
    });
    expect((await put("{}")).status).toBe(400);
    expect((await put('{"monthlyUsd": "lots"}')).status).toBe(400);
    const set = await put('{"monthlyUsd": 0.2}');
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ budget: { monthlyUsd: 0.2, spentUsd: 0, reservedUsd: 0 } });

    const refused = await POST(new Request("http://test/api/v1/generations", { method: "POST", headers, body: JSON.stringify({ ...recipe("four cans"), count: 4 }) }), ctx);
    expect(refused.status).toBe(402);
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/\$0\.20/), budget: { monthlyUsd: 0.2, spentUsd: 0, reservedUsd: 0, requestedUsd: 0.32 } });
    expect(simulator.requests.filter((r) => r.prompt === "four cans")).toEqual([]);
    session.userId = null;
  });
});
