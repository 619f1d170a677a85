"use client";
import { useEffect, useState } from "react";

interface ToastAction {
  label: string;
  run: () => void;
}
interface Message {
  id: number;
  text: string;
  action?: ToastAction;
}
type Listener = (message: Omit<Message, "id">) => void;
const listeners = new Set<Listener>();
const pending: Omit<Message, "id">[] = [];

/**
 * Shows a short message in the corner: errors that have no field or card of their own, and changes made
 * on the user's behalf (with an action such as Undo, which stays up longer so it can be reached).
 */
export function toast(text: string, action?: ToastAction) {
  // A page's first effects can run before the toaster's: hold the message until it is there.
  if (listeners.size === 0) pending.push({ text, action });
  for (const listener of listeners) listener({ text, action });
}

export function Toaster() {
  const [messages, setMessages] = useState<Message[]>([]);
  useEffect(() => {
    const listener: Listener = (message) => {
      const id = Date.now() + Math.random();
      setMessages((m) => [...m, { id, ...message }]);
      setTimeout(() => setMessages((m) => m.filter((x) => x.id !== id)), message.action ? 12_000 : 6000);
    };
    listeners.add(listener);
    for (const message of pending.splice(0)) listener(message);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  const close = (id: number) => setMessages((m) => m.filter((x) => x.id !== id));
  return (
    <div aria-live="polite" className="pointer-events-none fixed bottom-20 right-4 z-50 flex flex-col gap-2 lg:bottom-4">
      {messages.map((m) => (
        <div
          key={m.id}
          data-testid="toast"
          className="pointer-events-auto flex max-w-sm items-start gap-3 rounded-card border border-line bg-surface px-4 py-3 text-sm shadow-lg"
        >
          <span className="min-w-0 flex-1">{m.text}</span>
          {m.action ? (
            <button
              type="button"
              className="shrink-0 rounded-control px-2 py-0.5 text-sm font-semibold text-ink underline underline-offset-4 hover:bg-raised"
              onClick={() => {
                m.action!.run();
                close(m.id);
              }}
            >
              {m.action.label}
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
