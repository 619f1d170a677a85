"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

export const creditsKey = ["credits"] as const;

/** The Segmind account's balance; refreshed every 30 s and whenever a run ends (see GenerationWatcher). */
export function useCredits() {
  return useQuery({
    queryKey: creditsKey,
    queryFn: () => fetchJson<{ remainingUsd: number | null }>("/api/credits"),
    refetchInterval: 30_000,
  });
}
