"use client";
import { Button } from "@/components/ui/button";

export default function StudioError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md rounded-card border border-line bg-surface p-8 text-center">
      <h1 className="text-lg font-semibold">This page could not load</h1>
      <p className="mt-2 text-sm text-muted">Nothing you made is lost. Try again; if it keeps happening, tell us the code below.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-muted">{error.digest}</p> : null}
      <Button variant="primary" className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
