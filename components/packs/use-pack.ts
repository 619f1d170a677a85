"use client";
import { useQuery } from "@tanstack/react-query";
import type { PackView } from "@/lib/packs";

/**
 * The pack a page follows, shared by its panels (one cache entry, ["pack", id]): long-polled through our own
 * route until every file is done, then still. A shared page (`follow: false`) shows what it was given.
 */
export function usePack(initial: PackView, { follow = true }: { follow?: boolean } = {}): PackView {
  const { data } = useQuery({
    queryKey: ["pack", initial.id],
    initialData: initial,
    enabled: follow,
    queryFn: async () => {
      const response = await fetch(`/api/v1/packs/${initial.id}?wait=15000`);
      if (!response.ok) throw new Error(`The pack could not be read (${response.status}).`);
      return (await response.json()) as PackView;
    },
    refetchInterval: (query) => (query.state.data?.done ? false : 1),
  });
  return data;
}
