"use client";
import { useState, useTransition } from "react";
import { createTokenAction, revokeTokenAction } from "@/lib/actions/token-actions";
import type { AccessTokenView } from "@/lib/api/access-tokens";
import { buttonClass } from "../ui/button";
import { ShownOnce } from "../ui/shown-once";
import { NameForm } from "../ui/name-form";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function AccessTokens({ initial }: { initial: AccessTokenView[] }) {
  const [tokens, setTokens] = useState(initial);
  const [fresh, setFresh] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <div className="space-y-4">
      <NameForm
        formLabel="Create a token"
        fieldLabel="Token name"
        placeholder="What is it for? e.g. CI pipeline"
        maxLength={60}
        submitLabel="Create token"
        onCreate={async (name) => {
          const result = await createTokenAction(name);
          if (!result.ok) return result.error;
          setFresh(result.token);
          setTokens((t) => [result.view, ...t]);
          return null;
        }}
      />
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      {fresh ? <ShownOnce message="Copy this token now: it will not be shown again." label="New token" testId="new-token" value={fresh} /> : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-muted">No tokens yet.</p>
      ) : (
        <ul className="divide-y divide-line rounded-card border border-line" data-testid="token-list">
          {tokens.map((token) => (
            <li key={token.id} className="flex items-center gap-3 px-3 py-2.5" data-testid="token" data-revoked={Boolean(token.revokedAt)}>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium">
                  {token.name} <span className="font-mono text-2xs text-muted">{token.prefix}…</span>{" "}
                  <span className="text-2xs text-muted" data-testid="token-workspace">
                    in {token.workspaceName}
                  </span>
                </p>
                <p className="text-2xs text-muted">
                  Created {when(token.createdAt)} · last used {when(token.lastUsedAt)}
                  {token.revokedAt ? ` · revoked ${when(token.revokedAt)}` : ""}
                </p>
              </div>
              {token.revokedAt ? (
                <span className="text-2xs text-muted">Revoked</span>
              ) : (
                <button
                  type="button"
                  disabled={pending}
                  className={buttonClass("danger", "px-2.5 py-1 text-xs")}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await revokeTokenAction(token.id);
                      if (!result.ok) return setError(result.error);
                      setTokens((all) => all.map((t) => (t.id === token.id ? { ...t, revokedAt: new Date().toISOString() } : t)));
                    })
                  }
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
