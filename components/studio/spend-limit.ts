"use client";
/**
 * The user's "ask before spending more than" limit: a run estimated above it asks once before it is sent.
 * Kept in this browser (like the draft); $1 until the user picks another under Advanced.
 */
import { useSyncExternalStore } from "react";

const KEY = "nano-studio:ask-above-usd";
export const DEFAULT_ASK_ABOVE_USD = 1;
const listeners = new Set<() => void>();

function read(): number {
  const value = Number(window.localStorage.getItem(KEY));
  return window.localStorage.getItem(KEY) !== null && Number.isFinite(value) && value >= 0 ? value : DEFAULT_ASK_ABOVE_USD;
}

export function setSpendLimit(usd: number) {
  try {
    window.localStorage.setItem(KEY, String(usd));
  } catch {
    // Storage disabled: the limit holds for this page only.
  }
  for (const listener of listeners) listener();
}

export function useSpendLimit(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => DEFAULT_ASK_ABOVE_USD,
  );
}
