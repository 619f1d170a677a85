import "server-only";
/**
 * The audit log of a workspace: who generated, approved, asked for changes, exported, shared, and who changed
 * members, roles and the budget — written in the same transaction as the change where there is one, so the
 * log never claims what did not happen. Read by the workspace's owners only, with filters, or as CSV.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../db";
import { auditEvents, users } from "../db/schema";
import { toCsv } from "../csv";
import { isUuid } from "../ids";
import { refusal } from "../workspaces/roles";
import type { Actor } from "../workspaces/actor";
import { AUDIT_ACTIONS, isAuditAction, type AuditAction } from "./actions";

export async function recordAudit(
  db: Pick<Db, "insert">,
  event: { workspaceId: string; actorId: string | null; action: AuditAction; subject?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditEvents).values({
    workspaceId: event.workspaceId,
    actorId: event.actorId,
    action: event.action,
    subject: event.subject ?? "",
    detail: event.detail ?? {},
    createdAt: sql`clock_timestamp()`,
  });
}

/** Where a change without its own transaction writes: straight to the database. */
export async function audit(event: Parameters<typeof recordAudit>[1]): Promise<void> {
  await recordAudit(await getDb(), event);
}

export interface AuditFilters {
  action?: AuditAction;
  /** A member's user id. */
  actor?: string;
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string;
  to?: string;
}

/** The filters from a URL; anything malformed is dropped rather than refused (it only narrows a list). */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);
  const action = params.get("action");
  const actor = params.get("actor");
  return {
    action: isAuditAction(action) ? action : undefined,
    actor: actor && isUuid(actor) ? actor : undefined,
    from: day(params.get("from")),
    to: day(params.get("to")),
  };
}

export interface AuditRow {
  id: string;
  at: string;
  action: AuditAction;
  actionLabel: string;
  actorName: string;
  actorEmail: string;
  subject: string;
  detail: Record<string, unknown>;
}

export const AUDIT_PAGE = 200;

/** The newest events first (up to `limit`), for the workspace's owners; anyone else gets the refusal. */
export async function listAudit(
  actor: Actor,
  filters: AuditFilters,
  limit = AUDIT_PAGE,
): Promise<{ ok: true; rows: AuditRow[] } | { ok: false; error: string }> {
  const denied = refusal(actor, "manage");
  if (denied) return { ok: false, error: denied };
  const where: SQL[] = [eq(auditEvents.workspaceId, actor.workspaceId)];
  if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.actor) where.push(eq(auditEvents.actorId, filters.actor));
  if (filters.from) where.push(gte(auditEvents.createdAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) where.push(lt(auditEvents.createdAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)));
  const db = await getDb();
  const rows = await db
    .select({ event: auditEvents, name: users.name, email: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
  return {
    ok: true,
    rows: rows.map(({ event, name, email }) => ({
      id: event.id,
      at: event.createdAt.toISOString(),
      action: event.action as AuditAction,
      actionLabel: AUDIT_ACTIONS[event.action as AuditAction] ?? event.action,
      actorName: name ?? (event.actorId ? "" : "—"),
      actorEmail: email ?? "",
      subject: event.subject,
      detail: event.detail,
    })),
  };
}

/** The same events as CSV (every matching one, up to 100,000), for a spreadsheet. */
export async function auditCsv(actor: Actor, filters: AuditFilters): Promise<{ ok: true; csv: string } | { ok: false; error: string }> {
  const listed = await listAudit(actor, filters, 100_000);
  if (!listed.ok) return listed;
  const header = { time: "", action: "", member: "", email: "", subject: "", detail: "" };
  const rows = listed.rows.map((r) => ({
    time: r.at,
    action: r.actionLabel,
    member: r.actorName,
    email: r.actorEmail,
    subject: r.subject,
    detail: Object.keys(r.detail).length ? JSON.stringify(r.detail) : "",
  }));
  return { ok: true, csv: rows.length ? toCsv(rows) : `${Object.keys(header).join(",")}\r\n` };
}
