"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

export const creditsKey = ["credits"] as const;

/** The Segmind account's balance and the workspace's budget; refreshed every 30 s and whenever a run ends or starts. */
export function useCredits() {
  return useQuery({
    queryKey: creditsKey,
    queryFn: () => fetchJson<{ remainingUsd: number | null; budget: { monthlyUsd: number | null; spentUsd: number; reservedUsd: number } }>("/api/credits"),
    refetchInterval: 30_000,
  });
}
