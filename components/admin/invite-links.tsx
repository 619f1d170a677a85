"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createSignupInviteAction, revokeSignupInviteAction } from "@/lib/actions/admin-actions";
import { buttonClass } from "../ui/button";
import { ShownOnce } from "../ui/shown-once";
import { NameForm } from "../ui/name-form";

interface InviteRow {
  id: string;
  note: string;
  createdAt: string;
  state: string;
  open: boolean;
}

export function InviteLinks({ invites }: { invites: InviteRow[] }) {
  const router = useRouter();
  const [fresh, setFresh] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      <NameForm
        formLabel="Create an invite link"
        fieldLabel="Who is it for?"
        placeholder="Who is it for? e.g. Dana, design"
        maxLength={80}
        submitLabel="Create invite link"
        onCreate={async (note) => {
          const result = await createSignupInviteAction(note);
          if (!result.ok) return result.error;
          setFresh(`${window.location.origin}${result.path}`);
          router.refresh();
          return null;
        }}
      />
      {fresh ? (
        <ShownOnce message="Send this link to the person it is for: it will not be shown again." label="New invite link" testId="new-invite" value={fresh} />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      {invites.length === 0 ? (
        <p className="text-sm text-muted">No invite links yet.</p>
      ) : (
        <ul className="divide-y divide-line rounded-card border border-line">
          {invites.map((invite) => (
            <li key={invite.id} data-testid="invite" className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2.5">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{invite.note || "Invite link"}</p>
                <p className="text-2xs text-muted">
                  Created {new Date(invite.createdAt).toLocaleDateString()} · {invite.state}
                </p>
              </div>
              {invite.open ? (
                <button
                  type="button"
                  disabled={pending}
                  className={buttonClass("danger", "px-2.5 py-1 text-xs")}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await revokeSignupInviteAction(invite.id);
                      setError(result.ok ? null : result.error);
                      router.refresh();
                    })
                  }
                >
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
