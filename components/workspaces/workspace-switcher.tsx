"use client";
/**
 * The header's workspace switcher: everything — studio, gallery, boards, review, spend — works in the chosen
 * workspace from the next request. A page about one thing of the old workspace goes back to its list.
 */
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchWorkspaceAction } from "@/lib/actions/workspace-actions";
import type { WorkspaceRole } from "@/lib/workspaces/roles";
import { toast } from "@/components/ui/toaster";

export interface SwitcherWorkspace {
  id: string;
  name: string;
  role: WorkspaceRole;
}

/** Pages about one item of a workspace: after a switch, their list instead (the item is not in the new one). */
const ITEM_PAGES: [RegExp, string][] = [
  [/^\/gallery\/.+/, "/gallery"],
  [/^\/compare/, "/gallery"],
];

export function WorkspaceSwitcher({ workspaces, activeId, className = "" }: { workspaces: SwitcherWorkspace[]; activeId: string; className?: string }) {
  const router = useRouter();
  const path = usePathname();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  return (
    <label className={`flex shrink-0 items-center gap-1.5 ${className}`}>
      <span className="sr-only">Workspace</span>
      <select
        data-testid="workspace-switcher"
        value={activeId}
        disabled={pending}
        onChange={(event) => {
          const id = event.target.value;
          startTransition(async () => {
            const result = await switchWorkspaceAction(id);
            if (!result.ok) {
              toast(result.error);
              return;
            }
            // Cached answers (queue, runs, credits, gallery pages) belonged to the other workspace.
            queryClient.clear();
            const list = ITEM_PAGES.find(([pattern]) => pattern.test(path))?.[1];
            if (list) router.push(list);
            router.refresh();
          });
        }}
        className="max-w-[13rem] truncate xl:max-w-[10rem] 2xl:max-w-[13rem] rounded-control border border-line bg-surface py-1.5 pl-2.5 pr-7 text-sm font-medium text-ink focus:border-accent focus:outline-none"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
            {w.role === "owner" ? "" : ` · ${w.role}`}
          </option>
        ))}
      </select>
    </label>
  );
}
