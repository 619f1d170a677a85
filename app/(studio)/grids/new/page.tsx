import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { refusal } from "@/lib/workspaces/roles";
import { GridForm } from "@/components/grids/grid-form";

export const metadata: Metadata = { title: "New grid" };

export default async function NewGridPage() {
  const actor = await requireActor();
  const denied = refusal(actor, "generate");
  return (
    <div className="max-w-3xl">
      <Link href="/grids" className="mb-4 inline-block text-sm text-muted hover:text-ink">
        ← Grids
      </Link>
      <h1 className="mb-1 text-xl font-semibold">New grid</h1>
      <p className="mb-6 text-sm text-muted">Write the template with {"{{variables}}"}, give one row per variant, preview the cost, then run.</p>
      {denied ? <p className="text-sm text-danger">{denied}</p> : <GridForm />}
    </div>
  );
}
