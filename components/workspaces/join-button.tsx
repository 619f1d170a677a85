"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInviteAction } from "@/lib/actions/workspace-actions";
import { buttonClass } from "../ui/button";

export function JoinButton({ token }: { token: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-5 space-y-2">
      <button
        type="button"
        disabled={pending}
        className={buttonClass("primary", "w-full py-2.5")}
        onClick={() =>
          startTransition(async () => {
            const joined = await acceptInviteAction(token);
            if (!joined.ok) return setError(joined.error);
            // The header's switcher and everything else now work in the workspace just joined.
            queryClient.clear();
            router.push("/workspaces");
            router.refresh();
          })
        }
      >
        {pending ? "Joining…" : "Join the workspace"}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
