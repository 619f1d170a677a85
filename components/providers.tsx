"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { GenerationWatcher } from "./hooks/use-generation";
import { Toaster, toast } from "./ui/toaster";

/** One QueryClient for the app; any query or mutation that throws surfaces as a toast rather than silence. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 2 } },
        queryCache: new QueryCache({ onError: (error) => toast(`Could not refresh: ${error.message}`) }),
        mutationCache: new MutationCache({ onError: (error) => toast(error.message || "Something went wrong. Try again.") }),
      }),
  );
  return (
    <QueryClientProvider client={client}>
      {children}
      <GenerationWatcher />
      <Toaster />
    </QueryClientProvider>
  );
}
