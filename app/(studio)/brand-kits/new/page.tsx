import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { refusal } from "@/lib/workspaces/roles";
import { KitForm } from "@/components/brand-kits/kit-form";

export const metadata: Metadata = { title: "New brand kit" };

export default async function NewKitPage() {
  const actor = await requireActor();
  const denied = refusal(actor, "edit");
  return (
    <div className="max-w-2xl">
      <Link href="/brand-kits" className="mb-4 inline-block text-sm text-muted hover:text-ink">
        ← Brand kits
      </Link>
      <h1 className="mb-1 text-xl font-semibold">New brand kit</h1>
      <p className="mb-6 text-sm text-muted">Add the logo first: its colours are suggested for the palette.</p>
      {denied ? <p className="text-sm text-danger">{denied}</p> : <KitForm />}
    </div>
  );
}
