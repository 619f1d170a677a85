"use client";
import { useEffect, useState } from "react";

type Listener = (message: string) => void;
const listeners = new Set<Listener>();

/** Shows a short message in the corner; for errors that have no field or card of their own. */
export function toast(message: string) {
  for (const listener of listeners) listener(message);
}

export function Toaster() {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  useEffect(() => {
    const listener: Listener = (text) => {
      const id = Date.now() + Math.random();
      setMessages((m) => [...m, { id, text }]);
      setTimeout(() => setMessages((m) => m.filter((x) => x.id !== id)), 6000);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return (
    <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex flex-col gap-2">
      {messages.map((m) => (
        <div key={m.id} data-testid="toast" className="pointer-events-auto max-w-sm rounded-card border border-line bg-surface px-4 py-3 text-sm shadow-lg">
          {m.text}
        </div>
      ))}
    </div>
  );
}
