"use client";
import { useQuery } from "@tanstack/react-query";
import type { QueueEntry } from "@/lib/generations/queue";
import { fetchJson } from "./fetch-json";

export const queueKey = ["queue"] as const;

/** The user's unfinished jobs: polled quickly while something runs or `eager`, slowly otherwise. */
export function useQueue(eager: boolean) {
  return useQuery({
    queryKey: queueKey,
    queryFn: () => fetchJson<QueueEntry[]>("/api/queue"),
    refetchInterval: (query) => ((query.state.data?.length ?? 0) > 0 || eager ? 2000 : 15_000),
  });
}
