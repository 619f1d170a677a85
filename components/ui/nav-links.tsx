"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Studio" },
  { href: "/gallery", label: "Gallery" },
  { href: "/boards", label: "Boards" },
  { href: "/settings", label: "Settings" },
];

export function NavLinks({ admin = false }: { admin?: boolean }) {
  const path = usePathname();
  const links = admin ? [...LINKS, { href: "/admin", label: "Admin" }] : LINKS;
  return (
    // On a phone the links scroll within the header rather than widening the page.
    <nav aria-label="Main" className="-mx-1 flex min-w-[5rem] flex-1 gap-1 overflow-x-auto px-1 [scrollbar-width:none] sm:flex-none">
      {links.map((link) => {
        const active = link.href === "/" ? path === "/" : path.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`shrink-0 whitespace-nowrap rounded-control px-3 py-1.5 text-sm font-medium transition ${active ? "bg-raised text-ink" : "text-muted hover:text-ink"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
