"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setUserDisabledAction } from "@/lib/actions/admin-actions";
import type { UserSummary } from "@/lib/auth/admin";
import { buttonClass } from "../ui/button";

const usd = (n: number) => `$${n.toFixed(2)}`;

export function UserTable({ users, selfId }: { users: UserSummary[]; selfId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-2xs uppercase tracking-wide text-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">Account</th>
              <th className="py-2 pr-3 font-medium max-sm:hidden">Joined</th>
              <th className="py-2 pr-3 text-right font-medium">Runs</th>
              <th className="py-2 pr-3 text-right font-medium">Spend</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {users.map((user) => (
              <tr key={user.id} data-testid="admin-user" data-email={user.email} data-disabled={user.disabled}>
                <td className="py-2 pr-3">
                  <span className="font-medium">{user.name}</span>
                  {user.role === "admin" ? <span className="ml-2 rounded-full bg-raised px-2 py-0.5 text-2xs">admin</span> : null}
                  {user.disabled ? <span className="ml-2 rounded-full bg-danger/10 px-2 py-0.5 text-2xs text-danger">disabled</span> : null}
                  <span className="block break-all text-xs text-muted">{user.email}</span>
                </td>
                <td className="py-2 pr-3 text-muted max-sm:hidden">{new Date(user.createdAt).toLocaleDateString()}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{user.generations}</td>
                <td className="py-2 pr-3 text-right tabular-nums" data-testid="spend">
                  {usd(user.spentUsd)}
                </td>
                <td className="py-2 text-right">
                  {user.id === selfId ? null : (
                    <button
                      type="button"
                      disabled={pending}
                      className={buttonClass(user.disabled ? "secondary" : "danger", "px-2.5 py-1 text-xs")}
                      onClick={() =>
                        startTransition(async () => {
                          const result = await setUserDisabledAction(user.id, !user.disabled);
                          setError(result.ok ? null : result.error);
                          router.refresh();
                        })
                      }
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
