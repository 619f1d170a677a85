/**
 * Teams (issue 12): every action and route in a team workspace, tried by each role — owner, editor, reviewer,
 * viewer, someone outside it, and a member who was removed — and the review flow with its records: approvals
 * with the file's SHA-256, versions, comments' edit window, the audit log, the spend page, and exports and
 * share links that hold only approved images. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { newUser, seedImage, session, startStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

type User = Awaited<ReturnType<typeof newUser>>;
let simulator: Simulator;
let owner: User, editor: User, reviewer: User, viewer: User, outsider: User, removed: User;
let workspaceId: string;

/** Signs the mocked session in as `user`, working in the team workspace (a non-member falls back to their own). */
function as(user: User) {
  session.userId = user.id;
  session.workspaceId = workspaceId;
}

const origin = { host: "studio.test", origin: "http://studio.test" };
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://studio.test${path}`, { headers: { ...origin, ...headers } });
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://studio.test${path}`, { method: "POST", headers: { ...origin, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** Rows of a table, in one workspace when given. */
async function count(table: "generations" | "boards" | "comments" | "share_links" | "reviews" | "workspace_invites", inWorkspace?: string): Promise<number> {
  const { getDb } = await import("@/lib/db");
  const { sql } = await import("drizzle-orm");
  const where = inWorkspace ? sql` where workspace_id = ${inWorkspace}` : sql``;
  const { rows } = (await (await getDb()).execute(sql`select count(*)::int as n from ${sql.raw(table)}${where}`)) as unknown as { rows: { n: number }[] };
  return Number(rows[0]!.n);
}

async function stateOf(generationId: string): Promise<string> {
  const { getDb } = await import("@/lib/db");
  const { generations } = await import("@/lib/db/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await (await getDb()).select({ state: generations.reviewState, favorite: generations.favorite }).from(generations).where(eq(generations.id, generationId));
  return `${row!.state}${row!.favorite ? "+fav" : ""}`;
}

beforeAll(async () => {
  simulator = await startStack({ latencyMs: 100 });
  const { startWorker } = await import("@/lib/jobs/worker");
  startWorker();
  const people = await Promise.all(["Olive", "Eddie", "Rita", "Vic", "Nina", "Rex"].map((n) => newUser(n)));
  [owner, editor, reviewer, viewer, outsider, removed] = people as [User, User, User, User, User, User];
  const { createWorkspace, setMemberRole } = await import("@/lib/workspaces");
  const { createWorkspaceInvite, acceptWorkspaceInvite } = await import("@/lib/workspaces/invites");
  const made = await createWorkspace(owner.id, "Acme launch");
  if (!made.ok) throw new Error(made.error);
  workspaceId = made.workspace.id;
  for (const [user, role] of [
    [editor, "editor"],
    [reviewer, "reviewer"],
    [viewer, "viewer"],
    [removed, "editor"],
  ] as const) {
    const invite = await createWorkspaceInvite(owner.id, workspaceId, role);
    if (!invite.ok) throw new Error(invite.error);
    expect(await acceptWorkspaceInvite(user.id, invite.path.split("/").pop()!)).toMatchObject({ ok: true, role });
  }
  expect(await setMemberRole(owner.id, workspaceId, removed.id, null)).toEqual({ ok: true });
});
afterAll(async () => {
  session.workspaceId = undefined;
  const { stopWorker } = await import("@/lib/jobs/worker");
  await stopWorker();
  await simulator.close();
});

describe("role matrix", () => {
  const everyone = () => ({ owner, editor, reviewer, viewer, outsider, removed });
  type Who = keyof ReturnType<typeof everyone>;

  /**
   * Runs `attempt` as every kind of person; the ones in `allowed` must succeed, everyone else must be refused
   * with nothing of the team workspace changed (`snapshot`, of the team workspace, before and after). With
   * `creates`, success is the snapshot changing: someone outside the workspace who makes a board makes it in
   * their own workspace, which is not this one.
   */
  async function matrix(allowed: Who[], attempt: (who: Who) => Promise<boolean>, snapshot: () => Promise<unknown>, { creates = false } = {}) {
    const outcome: Record<string, boolean> = {};
    for (const [who, user] of Object.entries(everyone()) as [Who, User][]) {
      as(user);
      const before = await snapshot();
      const ok = await attempt(who);
      const after = await snapshot();
      outcome[who] = creates ? ok && JSON.stringify(after) !== JSON.stringify(before) : ok;
      if (!outcome[who]) expect(after, `${who} was refused but something changed`).toEqual(before);
    }
    const expected = Object.fromEntries(Object.keys(everyone()).map((w) => [w, allowed.includes(w as Who)]));
    expect(outcome).toEqual(expected);
  }

  it("generating (form action, JSON API with cookie and with token) is for owners and editors; others get 403 and nothing is queued", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const recipe = { model: "nano-banana-2-lite", prompt: "matrix can [sim:latency=1000]" };
    await matrix(["owner", "editor"], async (who) => {
      const result = await generateAction(recipe);
      if (result.ok) return true;
      // Inside the workspace a refusal names the role; outside, the person simply works in their own.
      if (who === "reviewer" || who === "viewer") expect(result.error).toMatch(new RegExp(`You are a ${who} in this workspace`));
      return false;
    }, () => count("generations", workspaceId), { creates: true });
    // The outsider's and removed member's runs went to their personal workspaces, which they own: that is not
    // this workspace. Check where every generation went.
    const { getDb } = await import("@/lib/db");
    const { sql } = await import("drizzle-orm");
    const { rows } = (await (await getDb()).execute(
      sql`select user_id, workspace_id from generations where prompt like 'matrix can%'`,
    )) as unknown as { rows: { user_id: string; workspace_id: string }[] };
    const inTeam = rows.filter((r) => r.workspace_id === workspaceId).map((r) => r.user_id);
    expect(inTeam.sort()).toEqual([owner.id, editor.id].sort());

    const { POST } = await import("@/app/api/v1/generations/route");
    as(viewer);
    const forged = await POST(postJson("/api/v1/generations", { ...recipe, count: 2 }), {});
    expect(forged.status).toBe(403);
    expect((await forged.json()).error).toMatch(/viewer/);
    const { createAccessToken } = await import("@/lib/api/access-tokens");
    const token = await createAccessToken({ userId: viewer.id, workspaceId, role: "viewer" }, "viewer script");
    if (!token.ok) throw new Error(token.error);
    session.userId = null;
    const withToken = await POST(postJson("/api/v1/generations", recipe, { authorization: `Bearer ${token.token}` }), {});
    expect(withToken.status).toBe(403);
    const { GET: workspace } = await import("@/app/api/v1/workspace/route");
    expect(await (await workspace(get("/api/v1/workspace", { authorization: `Bearer ${token.token}` }), {})).json()).toMatchObject({
      id: workspaceId,
      name: "Acme launch",
      role: "viewer",
    });
  });

  it("a token carries its user's role now: raised, it may generate; removed from the workspace, it stops", async () => {
    const { createAccessToken } = await import("@/lib/api/access-tokens");
    const { setMemberRole } = await import("@/lib/workspaces");
    const { createWorkspaceInvite, acceptWorkspaceInvite } = await import("@/lib/workspaces/invites");
    const temp = await newUser("Tess");
    const invite = await createWorkspaceInvite(owner.id, workspaceId, "viewer");
    if (!invite.ok) throw new Error(invite.error);
    await acceptWorkspaceInvite(temp.id, invite.path.split("/").pop()!);
    const made = await createAccessToken({ userId: temp.id, workspaceId, role: "viewer" }, "ci");
    if (!made.ok) throw new Error(made.error);
    const { POST } = await import("@/app/api/v1/generations/route");
    const send = () => POST(postJson("/api/v1/generations", { model: "nano-banana-2-lite", prompt: "token role [sim:latency=1000]" }, { authorization: `Bearer ${made.token}` }), {});
    session.userId = null;
    expect((await send()).status).toBe(403);
    expect(await setMemberRole(owner.id, workspaceId, temp.id, "editor")).toEqual({ ok: true });
    expect((await send()).status).toBe(201);
    expect(await setMemberRole(owner.id, workspaceId, temp.id, null)).toEqual({ ok: true });
    const after = await send();
    expect(after.status).toBe(401);
    expect((await after.json()).error).toMatch(/no longer in its workspace/);
  });

  it("favourites, boards, share links and sending for review are for owners and editors", async () => {
    const { generation } = await seedImage(editor.id, { prompt: "matrix bottle", workspaceId });
    const actions = {
      ...(await import("@/lib/actions/favorite-actions")),
      ...(await import("@/lib/actions/board-actions")),
      ...(await import("@/lib/actions/share-actions")),
      ...(await import("@/lib/actions/review-actions")),
    };
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const reset = async () => (await getDb()).update(generations).set({ favorite: false, reviewState: "draft" }).where(eq(generations.id, generation.id));

    await matrix(["owner", "editor"], async () => {
      const ok = (await actions.setFavoriteAction(generation.id, true)).ok;
      if (ok) await reset();
      return ok;
    }, () => stateOf(generation.id));

    await matrix(["owner", "editor"], async () => (await actions.createBoardAction("Matrix board")).ok, () => count("boards", workspaceId), { creates: true });

    const board = await (async () => {
      as(owner);
      const made = await actions.createBoardAction("Matrix shelf");
      if (!made.ok) throw new Error(made.error);
      return made.board;
    })();
    const { boardGenerationIds } = await import("@/lib/library/boards");
    await matrix(["owner", "editor"], async () => {
      const result = await actions.setOnBoardAction(board.id, [generation.id], true);
      if (result.ok) {
        as(owner);
        await actions.setOnBoardAction(board.id, [generation.id], false);
      }
      return result.ok;
    }, () => boardGenerationIds(board.id));

    await matrix(["owner", "editor"], async () => {
      const result = await actions.shareAction({ kind: "image", id: generation.id }, true);
      if (result.ok) await actions.shareAction({ kind: "image", id: generation.id }, false);
      return result.ok;
    }, () => count("share_links"));

    await matrix(["owner", "editor"], async () => {
      const ok = (await actions.sendForReviewAction([generation.id])).ok;
      if (ok) await reset();
      return ok;
    }, () => stateOf(generation.id));
  });

  it("approving and requesting changes are for owners and reviewers; commenting for everyone but viewers", async () => {
    const { generation } = await seedImage(editor.id, { prompt: "matrix label", workspaceId });
    const { decideAction, addCommentAction } = await import("@/lib/actions/review-actions");
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const toReview = async () => (await getDb()).update(generations).set({ reviewState: "in_review" }).where(eq(generations.id, generation.id));
    await toReview();
    await matrix(["owner", "reviewer"], async () => {
      const ok = (await decideAction(generation.id, "approved")).ok;
      if (ok) await toReview();
      return ok;
    }, async () => [await stateOf(generation.id), await count("reviews")]);
    await matrix(["owner", "editor", "reviewer"], async () => (await addCommentAction(generation.id, "Looks right")).ok, () => count("comments"));
  });

  it("uploading a reference is for owners and editors (403 otherwise); an upload is seen only inside its workspace", async () => {
    const sharp = (await import("sharp")).default;
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#fa0" } }).png().toBuffer();
    const { POST } = await import("@/app/api/uploads/route");
    const { GET } = await import("@/app/api/uploads/[id]/route");
    const send = () => {
      const form = new FormData();
      form.set("file", new File([new Uint8Array(png)], "logo.png", { type: "image/png" }));
      return POST(new Request("http://studio.test/api/uploads", { method: "POST", headers: origin, body: form }), undefined);
    };
    const uploaded: string[] = [];
    await matrix(
      ["owner", "editor"],
      async (who) => {
        const response = await send();
        if (response.status === 201) {
          uploaded.push(((await response.json()) as { id: string }).id);
          return true;
        }
        expect(response.status, who).toBe(403);
        return false;
      },
      async () => {
        const { getDb } = await import("@/lib/db");
        const { sql } = await import("drizzle-orm");
        const { rows } = (await (await getDb()).execute(sql`select count(*)::int as n from uploads where workspace_id = ${workspaceId}`)) as unknown as {
          rows: { n: number }[];
        };
        return Number(rows[0]!.n);
      },
      { creates: true },
    );
    // The outsider's and removed member's uploads went to their own workspaces; the team's are for its members.
    const teamUpload = uploaded[0]!;
    for (const [user, status] of [
      [viewer, 200],
      [outsider, 404],
      [removed, 404],
    ] as const) {
      as(user);
      expect((await GET(get(`/api/uploads/${teamUpload}`), ctx(teamUpload))).status, user.name).toBe(status);
    }
  });

  it("reading: members see the workspace's images, files and board zips; an outsider and a removed member get 404", async () => {
    const { generation, image } = await seedImage(editor.id, { prompt: "matrix poster", workspaceId });
    const { GET: one } = await import("@/app/api/generations/[id]/route");
    const { GET: file } = await import("@/app/api/images/[id]/route");
    const { GET: list } = await import("@/app/api/v1/generations/route");
    const { GET: exportZip } = await import("@/app/api/boards/[id]/export/route");
    as(owner);
    const { createBoardAction, setOnBoardAction } = await import("@/lib/actions/board-actions");
    const board = await createBoardAction("Readable");
    if (!board.ok) throw new Error(board.error);
    await setOnBoardAction(board.board.id, [generation.id], true);
    await matrix(["owner", "editor", "reviewer", "viewer"], async () => {
      const statuses = [
        (await one(get(`/api/generations/${generation.id}`), ctx(generation.id))).status,
        (await file(get(`/api/images/${image.id}`), ctx(image.id))).status,
        (await exportZip(get(`/api/boards/${board.board.id}/export`), ctx(board.board.id))).status,
      ];
      const listed = (await (await list(get("/api/v1/generations?q=poster"), {})).json()) as { generations: { id: string }[] };
      const sees = listed.generations.some((g) => g.id === generation.id);
      expect(new Set(statuses).size, statuses.join()).toBe(1);
      expect(statuses[0] === 200).toBe(sees);
      if (!sees) expect(statuses[0]).toBe(404);
      return sees;
    }, async () => null);
  });

  it("budget, invites, audit log and spend are for owners only (403 on the API)", async () => {
    const { setBudgetAction, createInviteAction } = await import("@/lib/actions/workspace-actions");
    const { PUT } = await import("@/app/api/v1/workspace/budget/route");
    const { GET: auditCsv } = await import("@/app/api/workspace/audit/route");
    const { GET: spendCsv } = await import("@/app/api/workspace/spend/route");
    const { budgetOf } = await import("@/lib/workspaces/budget");
    await matrix(["owner"], async () => (await setBudgetAction(workspaceId, 500)).ok, async () => (await budgetOf(workspaceId)).monthlyUsd);
    await matrix(["owner"], async () => (await createInviteAction(workspaceId, "viewer")).ok, () => count("workspace_invites"));
    for (const [user, status] of [
      [owner, 200],
      [editor, 403],
      [reviewer, 403],
      [viewer, 403],
    ] as const) {
      as(user);
      const put = await PUT(new Request("http://studio.test/api/v1/workspace/budget", { method: "PUT", headers: { ...origin, "content-type": "application/json" }, body: JSON.stringify({ monthlyUsd: 400 }) }), {});
      expect(put.status, user.name).toBe(status);
      expect((await auditCsv(get("/api/workspace/audit"), {})).status, user.name).toBe(status);
      expect((await spendCsv(get("/api/workspace/spend"), {})).status, user.name).toBe(status);
    }
    // Outside the workspace, the same routes answer about the caller's own personal workspace, never this one.
    as(outsider);
    const theirs = await (await auditCsv(get("/api/workspace/audit"), {})).text();
    expect(theirs).not.toContain("Acme launch");
    expect(theirs).not.toContain(owner.email);
    as(owner);
    await setBudgetAction(workspaceId, null);
  });
});

describe("review and approval", () => {
  it("sent, asked to change with a comment, varied, re-sent, approved: versions, SHA-256 of the file, the inbox, the audit log", async () => {
    const { sendForReviewAction, decideAction, addCommentAction, editCommentAction } = await import("@/lib/actions/review-actions");
    const { rerunAction } = await import("@/lib/actions/rerun-action");
    const { reviewInbox, versionsOf, reviewHistory } = await import("@/lib/review");
    const { listComments } = await import("@/lib/review/comments");
    const { getGeneration } = await import("@/lib/generations");
    const first = await seedImage(editor.id, { prompt: "review mug", workspaceId });
    const team = (user: User, role: "owner" | "editor" | "reviewer" | "viewer") => ({ userId: user.id, workspaceId, role });

    as(editor);
    expect(await sendForReviewAction([first.generation.id])).toEqual({ ok: true, sent: 1 });
    expect(await sendForReviewAction([first.generation.id])).toMatchObject({ ok: false, error: expect.stringMatching(/already in review/) });
    expect((await reviewInbox(team(reviewer, "reviewer"))).toReview.map((i) => i.id)).toContain(first.generation.id);

    as(reviewer);
    expect(await decideAction(first.generation.id, "changes_requested")).toMatchObject({ ok: false, error: expect.stringMatching(/needs a comment/) });
    expect(await decideAction(first.generation.id, "changes_requested", "Make the <b>logo</b> bigger")).toEqual({ ok: true });
    const comments = await listComments(team(editor, "editor"), first.generation.id);
    expect(comments.map((c) => c.body)).toEqual(["Make the <b>logo</b> bigger"]);
    expect((await reviewInbox(team(editor, "editor"))).toChange.map((i) => i.id)).toContain(first.generation.id);

    as(editor);
    const varied = await rerunAction(first.generation.id, "vary");
    if (!varied.ok) throw new Error(varied.error);
    const { fetchGenerationView } = await import("@/lib/generations");
    await expect.poll(async () => (await fetchGenerationView({ workspaceId }, varied.generation.id))?.status, { timeout: 20_000, interval: 200 }).toBe("completed");
    const second = (await getGeneration({ workspaceId }, varied.generation.id))!;
    expect(second.creativeId).toBe(first.generation.id);
    expect((await versionsOf({ workspaceId }, second)).map((v) => [v.number, v.id])).toEqual([
      [1, first.generation.id],
      [2, second.id],
    ]);
    // The original keeps its state; the new version goes through review on its own.
    expect(await sendForReviewAction([second.id])).toEqual({ ok: true, sent: 1 });
    expect((await reviewInbox(team(editor, "editor"))).toChange.map((i) => i.id)).not.toContain(first.generation.id);

    as(reviewer);
    expect(await decideAction(second.id, "approved")).toEqual({ ok: true });
    expect(await decideAction(second.id, "approved")).toMatchObject({ ok: false, error: "This image is already approved." });
    const history = await reviewHistory({ workspaceId }, second.id);
    const approval = history.find((e) => e.kind === "approved")!;
    expect(approval.by).toBe("Rita");
    const { getStorage } = await import("@/lib/storage");
    const { getImage } = await import("@/lib/generations");
    const { imagesOf } = await import("@/lib/generations");
    const [stored] = await imagesOf([second.id]);
    const bytes = await getStorage().get((await getImage({ workspaceId }, stored!.id))!.storageKey);
    expect(approval.sha256).toBe(createHash("sha256").update(bytes!).digest("hex"));
    expect(await stateOf(second.id)).toBe("approved");
    expect(await stateOf(first.generation.id)).toBe("changes_requested");

    // Comments: the author may edit for five minutes, nobody else ever.
    as(editor);
    const mine = await addCommentAction(second.id, "Thanks!");
    if (!mine.ok) throw new Error(mine.error);
    expect(await editCommentAction(mine.comment.id, "Thanks, shipping it")).toEqual({ ok: true });
    as(reviewer);
    expect(await editCommentAction(mine.comment.id, "hijacked")).toMatchObject({ ok: false, error: "Only its author can edit a comment." });
    const { getDb } = await import("@/lib/db");
    const { comments: commentsTable } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(commentsTable).set({ createdAt: new Date(Date.now() - 6 * 60_000) }).where(eq(commentsTable.id, mine.comment.id));
    as(editor);
    expect(await editCommentAction(mine.comment.id, "too late")).toMatchObject({ ok: false, error: expect.stringMatching(/five minutes/) });
    expect((await listComments(team(editor, "editor"), second.id)).map((c) => [c.body, Boolean(c.editedAt)])).toEqual([["Thanks, shipping it", true]]);

    const { listAudit } = await import("@/lib/audit");
    const log = await listAudit(team(owner, "owner"), {});
    if (!log.ok) throw new Error(log.error);
    const about = (id: string) => log.rows.filter((r) => r.subject === `image ${id}`).map((r) => `${r.action}:${r.actorName}`);
    expect(about(first.generation.id).reverse()).toEqual(["sent_for_review:Eddie", "changes_requested:Rita"]);
    expect(about(second.id).reverse()).toEqual(["generated:Eddie", "sent_for_review:Eddie", "approved:Rita"]);
    expect(log.rows.filter((r) => r.action === "member_removed").map((r) => r.subject)).toContain(removed.email);
    const byRita = await listAudit(team(owner, "owner"), { actor: reviewer.id });
    expect(byRita.ok && byRita.rows.every((r) => r.actorName === "Rita")).toBe(true);
  });

  it("a board exported or shared 'approved only' holds exactly the approved images, with approver and SHA-256 in the manifest", async () => {
    const { sendForReviewAction, decideAction } = await import("@/lib/actions/review-actions");
    const { createBoardAction, setOnBoardAction } = await import("@/lib/actions/board-actions");
    const { shareAction } = await import("@/lib/actions/share-actions");
    const a = await seedImage(editor.id, { prompt: "export approved", workspaceId });
    const b = await seedImage(editor.id, { prompt: "export rejected", workspaceId });
    const c = await seedImage(editor.id, { prompt: "export draft", workspaceId });
    as(editor);
    const board = await createBoardAction("Hand-off");
    if (!board.ok) throw new Error(board.error);
    await setOnBoardAction(board.board.id, [a.generation.id, b.generation.id, c.generation.id], true);
    await sendForReviewAction([a.generation.id, b.generation.id]);
    as(reviewer);
    await decideAction(a.generation.id, "approved");
    await decideAction(b.generation.id, "changes_requested", "Wrong colour");

    as(owner);
    const { GET } = await import("@/app/api/boards/[id]/export/route");
    const zip = unzipSync(new Uint8Array(await (await GET(get(`/api/boards/${board.board.id}/export?approved=1`), ctx(board.board.id))).arrayBuffer()));
    const manifest = new TextDecoder().decode(zip["manifest.csv"]).trim().split("\r\n");
    const header = manifest[0]!.split(",");
    const rows = manifest.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [header[i], v])));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seed: String(a.generation.seed), review_state: "approved", approved_by: "Rita", approved_by_email: reviewer.email, approved_sha256: createHash("sha256").update(a.bytes).digest("hex") });
    const everything = unzipSync(new Uint8Array(await (await GET(get(`/api/boards/${board.board.id}/export`), ctx(board.board.id))).arrayBuffer()));
    expect(new TextDecoder().decode(everything["manifest.csv"]).trim().split("\r\n")).toHaveLength(4);

    as(editor);
    const shared = await shareAction({ kind: "board", id: board.board.id }, true, true);
    if (!shared.ok) throw new Error(shared.error);
    const { sharedContent, sharedImage } = await import("@/lib/library/sharing");
    const token = shared.path!.split("/").pop()!;
    const content = await sharedContent(token);
    expect(content?.kind === "board" && content.generations.map((g) => g.id)).toEqual([a.generation.id]);
    expect(await sharedImage(token, c.image.id)).toBeNull();
    expect((await sharedImage(token, a.image.id))?.id).toBe(a.image.id);

    const { listAudit } = await import("@/lib/audit");
    const log = await listAudit({ userId: owner.id, workspaceId, role: "owner" }, { action: "exported" });
    expect(log.ok && log.rows[0]?.detail).toEqual({ approvedOnly: false, files: 3 });
    expect(log.ok && log.rows[1]?.detail).toEqual({ approvedOnly: true, files: 1 });
  });

  it("the spend page counts what was sent this month by day, member and model; reservations apart", async () => {
    const { spendOf } = await import("@/lib/workspaces/spend");
    const { GET } = await import("@/app/api/workspace/spend/route");
    as(owner);
    const { getDb } = await import("@/lib/db");
    const { sql } = await import("drizzle-orm");
    const sent = async () =>
      (
        (await (await getDb()).execute(
          sql`select coalesce(sum(estimated_cost_usd), 0)::float8 as usd, count(*)::int as n from generations where workspace_id = ${workspaceId} and submitted_at is not null and (status <> 'failed' or may_have_been_charged)`,
        )) as unknown as { rows: { usd: number; n: number }[] }
      ).rows;
    // Earlier runs may still be going out: measure when the sent total holds still across the read.
    let rows = await sent();
    let result = await spendOf({ userId: owner.id, workspaceId, role: "owner" });
    for (let i = 0; i < 20 && JSON.stringify(await sent()) !== JSON.stringify(rows); i++) {
      rows = await sent();
      result = await spendOf({ userId: owner.id, workspaceId, role: "owner" });
    }
    if (!result.ok) throw new Error(result.error);
    const { spend } = result;
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    const sum = (lines: { usd: number }[]) => Math.round(lines.reduce((s, l) => s + l.usd, 0) * 10_000) / 10_000;
    expect(sum(spend.byDay)).toBeCloseTo(Number(rows[0]!.usd), 6);
    expect(sum(spend.byMember)).toBeCloseTo(Number(rows[0]!.usd), 6);
    expect(sum(spend.byModel)).toBeCloseTo(Number(rows[0]!.usd), 6);
    expect(spend.byDay).toHaveLength(new Date().getUTCDate());
    expect(spend.byMember.map((m) => m.label)).toContain("Eddie");
    const csv = (await (await GET(get("/api/workspace/spend"), {})).text()).trim().split("\r\n");
    expect(csv).toHaveLength(Number(rows[0]!.n) + 1);
    // Segmind's balance readings ride along for reconciliation: the simulator charges each job its price.
    const header = csv[0]!.split(",");
    const change = header.indexOf("segmind_observed_change_usd");
    expect(change).toBeGreaterThan(0);
    // Concurrent jobs blur the sign of one job's change (spend.ts says so): that it is computed is what is held.
    expect(csv.slice(1).some((line) => /^-?\d+(\.\d+)?$/.test(line.split(",")[change] ?? ""))).toBe(true);
  });
});

describe("board (campaign) budgets", () => {
  it("a board's own cap holds under concurrency: ten runs at once against a cap that fits three make exactly three, all on the board", async () => {
    const { createBoardAction, setBoardBudgetAction } = await import("@/lib/actions/board-actions");
    const { generateAction } = await import("@/lib/actions/generate-action");
    const { estimatedPriceUsd } = await import("@/lib/segmind/catalog");
    const { boardGenerationIds } = await import("@/lib/library/boards");
    const price = estimatedPriceUsd("nano-banana-2-lite", "1K");
    as(editor);
    const board = await createBoardAction("Summer campaign");
    if (!board.ok) throw new Error(board.error);
    expect(await setBoardBudgetAction(board.board.id, price * 3)).toMatchObject({ ok: false, error: expect.stringMatching(/owners/) });
    as(owner);
    expect(await setBoardBudgetAction(board.board.id, price * 3)).toEqual({ ok: true });

    as(editor);
    const recipe = (i: number) => ({ model: "nano-banana-2-lite", prompt: `campaign race ${i} [sim:latency=1000]` });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => generateAction(recipe(i), `campaign-race-${i}-${Date.now()}`, 1, board.board.id)));
    const made = results.filter((r) => r.ok);
    expect(made).toHaveLength(3);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/the board “Summer campaign”'s monthly budget of/) });
    // Runs made for the board are on it at once (finished ones show; all three are linked).
    const { getDb } = await import("@/lib/db");
    const { boardItems } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const linked = await (await getDb()).select().from(boardItems).where(eq(boardItems.boardId, board.board.id));
    expect(linked.map((l) => l.generationId).sort()).toEqual(made.map((r) => (r.ok ? r.generations[0]!.id : "")).sort());
    await expect.poll(async () => (await boardGenerationIds(board.board.id)).length, { timeout: 20_000, interval: 250 }).toBe(3);

    // Without the board the workspace has no cap, so the same run goes; a board of another workspace is unknown.
    expect((await generateAction(recipe(99))).ok).toBe(true);
    as(outsider);
    const theirs = await generateAction(recipe(100), undefined, 1, board.board.id);
    expect(theirs).toMatchObject({ ok: false, error: "board: this board does not exist." });

    // The refusal reached nobody: the simulator saw exactly the runs that were made.
    const { POST } = await import("@/app/api/v1/generations/route");
    as(editor);
    const viaApi = await POST(postJson("/api/v1/generations", { ...recipe(101), board: board.board.id }), {});
    expect(viaApi.status).toBe(402);
    expect((await viaApi.json()).budget).toMatchObject({ monthlyUsd: price * 3, boardId: board.board.id, requestedUsd: price });

    const { spendOf } = await import("@/lib/workspaces/spend");
    await expect
      .poll(async () => {
        const spend = await spendOf({ userId: owner.id, workspaceId, role: "owner" });
        return spend.ok ? spend.spend.byBoard.find((b) => b.label === "Summer campaign")?.images : null;
      }, { timeout: 20_000, interval: 250 })
      .toBe(3);
  });
});
