import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 bg-canvas px-4 text-center">
      <h1 className="text-xl font-semibold" data-testid="not-found">
        Not found
      </h1>
      <p className="text-sm text-muted">There is nothing here, or it belongs to someone else.</p>
      <Link href="/" className={buttonClass("primary", "mt-4")}>
        Back to the studio
      </Link>
    </main>
  );
}
