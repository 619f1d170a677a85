"use client";
/**
 * What reading the image back found: each copy field as read (misspelled words marked), the text area, a brand
 * kit's banned words and palette (the image's main colours as swatches), and —
 * when the text is wrong — Fix the text, which makes a new version with the image attached and the wrong words
 * named. Follows the generation: a pending check fills in when the reading is done.
 */
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { fixTextAction } from "@/lib/actions/fix-text-action";
import type { CheckStatus, Finding } from "@/lib/checks/findings";
import { languageName } from "@/lib/copy";
import type { GenerationView } from "@/lib/generations/view";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";

const STATUS_WORDS: Record<CheckStatus, string> = {
  pending: "Checking…",
  passed: "Checks passed",
  failed: "Checks failed",
  unavailable: "Text not checked",
};

export const CHECK_TONE: Record<CheckStatus, string> = {
  pending: "border-line text-muted",
  passed: "border-success/40 bg-success/10 text-success",
  failed: "border-danger/40 bg-danger/10 text-danger",
  unavailable: "border-line text-muted",
};

export function ChecksBadge({ status, className = "" }: { status: CheckStatus; className?: string }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-2xs font-medium ${CHECK_TONE[status]} ${className}`}
      data-testid="checks-status"
    >
      {STATUS_WORDS[status]}
    </span>
  );
}

export function ChecksPanel({ job }: { job: GenerationView }) {
  const router = useRouter();
  const canGenerate = useCan("generate");
  const [pending, startTransition] = useTransition();
  const checks = job.checks;
  if (!checks) return null;
  const fixable = checks.status === "failed" && checks.findings.some((f) => !f.ok && f.expected);
  return (
    <section className="space-y-2 rounded-card border border-line p-3" aria-label="Checks" data-testid="checks">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{job.brandKit ? `Copy and brand · ${job.brandKit.name} v${job.brandKit.version}` : "Copy"}</h2>
        <ChecksBadge status={checks.status} />
      </div>
      {checks.message ? (
        <p className="text-xs text-muted">{checks.message}</p>
      ) : checks.status !== "pending" ? (
        <p className="text-2xs text-muted" data-testid="checks-language">
          Read with the {languageName(checks.language)} OCR data.
        </p>
      ) : null}
      <ul className="space-y-1.5 text-xs">
        {checks.findings.map((finding, i) => (
          <FindingRow key={`${finding.kind}-${finding.field ?? i}`} finding={finding} />
        ))}
      </ul>
      {fixable && canGenerate ? (
        <button
          type="button"
          disabled={pending}
          className={buttonClass("primary", "w-full")}
          data-testid="fix-text"
          onClick={() =>
            startTransition(async () => {
              const result = await fixTextAction(job.id);
              if (!result.ok) return void toast(result.error);
              router.push(`/gallery/${result.generation.id}`);
            })
          }
        >
          Fix the text
        </button>
      ) : null}
    </section>
  );
}

function FindingRow({ finding }: { finding: Finding }) {
  const wrong = new Set((finding.misspelled ?? []).map((m) => m.found).filter(Boolean));
  return (
    <li className="flex gap-2" data-testid="finding" data-kind={finding.kind} data-ok={finding.ok}>
      <span aria-hidden className={finding.ok ? "text-success" : "text-danger"}>
        {finding.ok ? "✓" : "✗"}
      </span>
      <span className="min-w-0">
        {finding.message}
        {finding.kind === "palette" && finding.found ? (
          <span className="mt-1 flex gap-1" aria-label={`Main colours: ${finding.found}`}>
            {finding.found.split(" ").map((hex) => (
              <span key={hex} title={hex} className="h-4 w-4 rounded-full border border-line" style={{ background: hex }} />
            ))}
          </span>
        ) : finding.found && !finding.ok ? (
          <span className="mt-0.5 block font-mono text-2xs" data-testid="read-text">
            Read:{" "}
            {finding.found.split(" ").map((word, i) => (
              <span key={i} className={wrong.has(word.toLowerCase()) ? "rounded bg-danger/20 px-0.5 text-danger underline decoration-wavy" : ""}>
                {word}{" "}
              </span>
            ))}
          </span>
        ) : null}
      </span>
    </li>
  );
}
