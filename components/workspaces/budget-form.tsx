"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { creditsKey } from "../hooks/use-credits";
import { useState, useTransition } from "react";
import { setBudgetAction } from "@/lib/actions/workspace-actions";
import { setBoardBudgetAction } from "@/lib/actions/board-actions";
import { formatUsd } from "@/lib/format";
import type { Budget } from "@/lib/workspaces/budget";
import { buttonClass } from "../ui/button";

/**
 * This month's spend against a cap — a workspace's, or a board's over the runs made for it (`scope="board"`,
 * `workspaceId` then the board's id); owners set the cap (empty: none).
 */
export function BudgetForm({
  workspaceId,
  budget,
  canManage,
  scope = "workspace",
}: {
  workspaceId: string;
  budget: Budget;
  canManage: boolean;
  scope?: "workspace" | "board";
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(budget.monthlyUsd === null ? "" : String(budget.monthlyUsd));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const left = budget.monthlyUsd === null ? null : Math.max(0, budget.monthlyUsd - budget.spentUsd - budget.reservedUsd);
  return (
    <div className="space-y-2" data-testid="budget">
      <p className={scope === "board" ? "text-xs text-muted" : "text-sm"}>
        {scope === "board" ? "Made for this board this month: " : "This month: "}
        <span className="font-medium">{formatUsd(budget.spentUsd)}</span> spent
        {budget.reservedUsd > 0 ? `, ${formatUsd(budget.reservedUsd)} waiting to be sent` : ""}
        {left !== null ? (
          <>
            {" "}
            · <span data-testid="budget-remaining">{formatUsd(left)}</span> left of {formatUsd(budget.monthlyUsd!)}
          </>
        ) : (
          " · no monthly cap"
        )}
      </p>
      {canManage ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const monthlyUsd = value.trim() === "" ? null : Number(value);
            startTransition(async () => {
              const result = scope === "board" ? await setBoardBudgetAction(workspaceId, monthlyUsd) : await setBudgetAction(workspaceId, monthlyUsd);
              setError(result.ok ? null : result.error);
              // The studio checks runs against it: its figure is asked again.
              if (result.ok) void queryClient.invalidateQueries({ queryKey: creditsKey });
              router.refresh();
            });
          }}
        >
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-muted">{scope === "board" ? "Board budget $" : "Monthly budget $"}</span>
            <input
              type="number"
              inputMode="decimal"
              min={0}
              step={0.01}
              value={value}
              placeholder="no cap"
              onChange={(e) => setValue(e.target.value)}
              className="w-28 rounded-control border border-line bg-canvas px-2 py-1.5 font-mono text-sm"
            />
          </label>
          <button type="submit" disabled={pending} className={buttonClass("secondary", "px-3 py-1.5")}>
            Save budget
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
