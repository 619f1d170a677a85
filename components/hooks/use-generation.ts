"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isFinal, type GenerationView } from "@/lib/generations/view";

export const generationKeys = {
  all: ["generations"] as const,
  one: (id: string) => ["generations", id] as const,
};

type Polled = GenerationView & { fingerprint?: string };

/** How long one status request may wait for news on the server. */
const LONG_POLL_MS = 15_000;

async function fetchGeneration(id: string, known: string | undefined, signal: AbortSignal): Promise<Polled> {
  const query = known ? `?wait=${LONG_POLL_MS}&known=${encodeURIComponent(known)}` : "";
  const response = await fetch(`/api/generations/${id}${query}`, { cache: "no-store", signal });
  if (response.status === 401) throw new Error("Your session has ended. Sign in again.");
  if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
  return (await response.json()) as Polled;
}

/**
 * One generation, followed through our own status route until it reaches a final state. Each request is a
 * long poll that answers when the job changes, and the next one starts right after, so a finished image
 * shows at once while a waiting job costs one open request.
 */
export function useGeneration(id: string, initialData?: GenerationView) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: generationKeys.one(id),
    queryFn: ({ signal }) => fetchGeneration(id, queryClient.getQueryData<Polled>(generationKeys.one(id))?.fingerprint, signal),
    initialData,
    // Server-rendered data of a running job is already stale; a finished one never changes.
    staleTime: (query) => (query.state.data && isFinal(query.state.data.status) ? Infinity : 0),
    refetchInterval: (query) => (query.state.data && isFinal(query.state.data.status) ? false : 50),
    refetchIntervalInBackground: true,
    retryDelay: 1000,
  });
}
