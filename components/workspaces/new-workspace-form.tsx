"use client";
import { useRouter } from "next/navigation";
import { createWorkspaceAction } from "@/lib/actions/workspace-actions";
import { NameForm } from "../ui/name-form";

export function NewWorkspaceForm() {
  const router = useRouter();
  return (
    <NameForm
      formLabel="New team workspace"
      fieldLabel="Workspace name"
      placeholder="New team workspace, e.g. Lemon Co"
      maxLength={80}
      submitLabel="Create workspace"
      className="max-w-xl"
      onCreate={async (name) => {
        const made = await createWorkspaceAction(name);
        if (!made.ok) return made.error;
        router.refresh();
        return null;
      }}
    />
  );
}
