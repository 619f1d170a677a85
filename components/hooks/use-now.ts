"use client";
import { useEffect, useState } from "react";

/** The current time, ticking twice a second while `active`: for elapsed-time labels. */
export function useNow(active: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
