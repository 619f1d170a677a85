"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Studio" },
  { href: "/gallery", label: "Gallery" },
  { href: "/boards", label: "Boards" },
  { href: "/grids", label: "Grids" },
  { href: "/brand-kits", label: "Brand kits" },
  { href: "/review", label: "Review" },
  { href: "/workspaces", label: "Team" },
  { href: "/settings", label: "Settings" },
];

/** The main links: a row in the desktop header, a column in the phone menu. */
export function NavLinks({ admin = false, vertical = false }: { admin?: boolean; vertical?: boolean }) {
  const path = usePathname();
  const links = admin ? [...LINKS, { href: "/admin", label: "Admin" }] : LINKS;
  return (
    <nav aria-label="Main" className={vertical ? "flex flex-col gap-0.5" : "hidden gap-1 xl:flex"}>
      {links.map((link) => {
        const active = link.href === "/" ? path === "/" : path.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`shrink-0 whitespace-nowrap rounded-control text-sm font-medium transition ${vertical ? "px-3 py-2.5" : "px-1.5 py-1.5 2xl:px-3"} ${active ? "bg-raised text-ink" : "text-muted hover:text-ink"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
