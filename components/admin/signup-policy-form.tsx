"use client";
import { useState, useTransition } from "react";
import { setSignupPolicyAction } from "@/lib/actions/admin-actions";
import { buttonClass } from "../ui/button";
import { inputClass } from "../ui/input";

const CHOICES = [
  { kind: "invite", label: "By invite link only", hint: "Nobody signs up without a link from you." },
  { kind: "domains", label: "Addresses at these domains", hint: "Plus anyone with an invite link." },
  { kind: "open", label: "Anyone who can reach the studio", hint: "Only for a studio on a private network." },
] as const;

export function SignupPolicyForm({ kind, domains, fixed }: { kind: string; domains: string; fixed: boolean }) {
  const [choice, setChoice] = useState(kind);
  const [list, setList] = useState(domains);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      aria-label="Sign-up policy"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setSignupPolicyAction(choice, list);
          setMessage(result.ok ? { ok: true, text: "Saved." } : { ok: false, text: result.error });
        });
      }}
    >
      {fixed ? <p className="text-sm text-warning">Set by the SIGNUP environment variable; change it there.</p> : null}
      <fieldset disabled={fixed} className="space-y-2">
        <legend className="sr-only">Sign-up policy</legend>
        {CHOICES.map((c) => (
          <label key={c.kind} className="flex items-start gap-2 text-sm">
            <input type="radio" name="policy" value={c.kind} checked={choice === c.kind} onChange={() => setChoice(c.kind)} className="mt-1 accent-accent" />
            <span>
              <span className="font-medium">{c.label}</span> <span className="text-muted">— {c.hint}</span>
            </span>
          </label>
        ))}
        {choice === "domains" ? (
          <label className="block pl-6 text-sm font-medium">
            Domains
            <input value={list} onChange={(e) => setList(e.target.value)} placeholder="example.com, example.org" className={inputClass} />
          </label>
        ) : null}
      </fieldset>
      {!fixed ? (
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass("primary")}>
            Save policy
          </button>
          {message ? (
            <span role="status" className={`text-sm ${message.ok ? "text-success" : "text-danger"}`}>
              {message.text}
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
