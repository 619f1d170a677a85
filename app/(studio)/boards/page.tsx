import type { Metadata } from "next";
import { BoardList } from "@/components/gallery/board-list";
import { requireActor } from "@/lib/auth";
import { listBoards } from "@/lib/library/boards";
import { activeShareLink, sharePath } from "@/lib/library/sharing";
import { boardBudgetOf } from "@/lib/workspaces/budget";

export const metadata: Metadata = { title: "Boards" };

export default async function BoardsPage() {
  const actor = await requireActor();
  const boards = await listBoards(actor);
  const [shares, budgets] = await Promise.all([
    Promise.all(boards.map((b) => activeShareLink(actor, { kind: "board", id: b.id }))),
    Promise.all(boards.map((b) => boardBudgetOf(b.id))),
  ]);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Boards</h1>
      <p className="mb-5 text-sm text-muted">Collections of the workspace's images. An image can be on several boards; deleting a board keeps its images.</p>
      <BoardList
        boards={boards.map((b, i) => ({
          ...b,
          sharePath: shares[i] ? sharePath(shares[i].token) : null,
          shareApprovedOnly: shares[i]?.approvedOnly ?? false,
          budget: { monthlyUsd: budgets[i]!.monthlyUsd, spentUsd: budgets[i]!.spentUsd, reservedUsd: budgets[i]!.reservedUsd },
        }))}
      />
    </>
  );
}
