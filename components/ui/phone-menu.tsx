"use client";
import { usePathname } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { useDismiss } from "../hooks/use-dismiss";

/**
 * The header on a phone or a tablet: everything but the logo and the queue folds into one menu, so nothing is reached
 * by scrolling sideways. It closes on navigation, Esc and a tap outside.
 */
export function PhoneMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const path = usePathname();
  const root = useRef<HTMLDivElement>(null);
  const [shownFor, setShownFor] = useState(path);
  if (shownFor !== path) {
    setShownFor(path);
    setOpen(false);
  }
  useDismiss(root, open, close);
  return (
    <div ref={root} className="xl:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="phone-menu"
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 w-9 items-center justify-center rounded-control text-ink hover:bg-raised"
        aria-label="Menu"
      >
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
      </button>
      {open ? (
        <div id="phone-menu" className="absolute inset-x-0 top-14 z-40 border-b border-line bg-canvas px-4 pb-4 pt-2 shadow-lg" data-testid="phone-menu">
          {children}
        </div>
      ) : null}
    </div>
  );
}
