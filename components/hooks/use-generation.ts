"use client";
import { useQuery } from "@tanstack/react-query";
import { isFinal, type GenerationView } from "@/lib/generations/view";

export const generationKeys = {
  all: ["generations"] as const,
  one: (id: string) => ["generations", id] as const,
};

const POLL_MS = 1000;

async function fetchGeneration(id: string): Promise<GenerationView> {
  const response = await fetch(`/api/generations/${id}`, { cache: "no-store" });
  if (response.status === 401) throw new Error("Your session has ended. Sign in again.");
  if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
  return (await response.json()) as GenerationView;
}

/** One generation, polled through our own status route until it reaches a final state. */
export function useGeneration(id: string, initialData?: GenerationView) {
  return useQuery({
    queryKey: generationKeys.one(id),
    queryFn: () => fetchGeneration(id),
    initialData,
    // Server-rendered data of a running job is already stale; a finished one never changes.
    staleTime: (query) => (query.state.data && isFinal(query.state.data.status) ? Infinity : 0),
    refetchInterval: (query) => (query.state.data && isFinal(query.state.data.status) ? false : POLL_MS),
    refetchIntervalInBackground: true,
  });
}
