"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { isFinal, isSettled, type GenerationView } from "@/lib/generations/view";
import { setFavoriteAction } from "@/lib/actions/favorite-actions";
import { toast } from "../ui/toaster";
import { fetchJson } from "./fetch-json";
import { creditsKey } from "./use-credits";

export const generationKeys = {
  all: ["generations"] as const,
  one: (id: string) => ["generations", id] as const,
};

type Polled = GenerationView & { fingerprint?: string };

/** How long one status request may wait for news on the server. */
const LONG_POLL_MS = 15_000;

// The running jobs shown on this page. One watcher follows them all with a single long poll, so a batch of
// eight does not hold eight of the browser's six connections per host (and starve everything else).
const watched = new Map<string, number>();
const listeners = new Set<() => void>();
const NONE: string[] = [];
let watchedIds: string[] = NONE;

function publish() {
  watchedIds = [...watched.keys()].sort();
  for (const listener of listeners) listener();
}

function watch(id: string): () => void {
  watched.set(id, (watched.get(id) ?? 0) + 1);
  publish();
  return () => {
    const left = (watched.get(id) ?? 1) - 1;
    if (left > 0) watched.set(id, left);
    else watched.delete(id);
    publish();
  };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * One generation from the query cache. While it runs, the page's watcher keeps it fresh; a job the page
 * has no data for yet is read once directly.
 */
export function useGeneration(id: string, initialData?: GenerationView) {
  const query = useQuery({
    queryKey: generationKeys.one(id),
    queryFn: ({ signal }) => fetchJson<Polled>(`/api/generations/${id}`, { signal }),
    initialData,
    staleTime: Infinity,
    retryDelay: 1000,
  });
  const running = !query.data || !isSettled(query.data);
  useEffect(() => (running ? watch(id) : undefined), [id, running]);
  return query;
}

/**
 * Follows every running job on the page through `GET /api/generations?ids=…`: each request is a long poll
 * that answers when any of them changes, and the next starts right after, so a finished image shows at
 * once while waiting jobs cost one open request in all.
 */
export function GenerationWatcher() {
  const ids = useSyncExternalStore(
    subscribe,
    () => watchedIds,
    () => NONE,
  );
  const queryClient = useQueryClient();
  useQuery({
    queryKey: ["generations-watch", ids.join(",")],
    enabled: ids.length > 0,
    queryFn: async ({ signal }) => {
      const known = ids.map((id) => queryClient.getQueryData<Polled>(generationKeys.one(id))?.fingerprint ?? "");
      const query = new URLSearchParams({
        ids: ids.join(","),
        known: known.join(","),
        wait: String(LONG_POLL_MS),
      });
      const { generations } = await fetchJson<{ generations: Polled[] }>(`/api/generations?${query}`, { signal });
      for (const view of generations) queryClient.setQueryData(generationKeys.one(view.id), view);
      // A run that ended has spent (or released) money: the balance in the header is asked again.
      if (generations.some((view) => isFinal(view.status))) void queryClient.invalidateQueries({ queryKey: creditsKey });
      return generations.length;
    },
    refetchInterval: 50,
    refetchIntervalInBackground: true,
    retryDelay: 1000,
    gcTime: 0,
  });
  return null;
}

/** Stars or unstars a generation at once in every view of it, and puts it back if the server says no. */
export function useToggleFavorite() {
  const queryClient = useQueryClient();
  return async (job: GenerationView) => {
    const set = (favorite: boolean) => queryClient.setQueryData<GenerationView>(generationKeys.one(job.id), (old) => old && { ...old, favorite });
    set(!job.favorite);
    const result = await setFavoriteAction(job.id, !job.favorite);
    if (!result.ok) {
      set(job.favorite);
      toast(result.error);
    }
  };
}
