"use client";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useMemo } from "react";
import { setFavoriteAction } from "@/lib/actions/favorite-actions";
import { filtersToQuery, type GalleryFilters, type GalleryItem, type GalleryPage } from "@/lib/generations/gallery-query";
import { toast } from "../ui/toaster";
import { fetchJson } from "./fetch-json";

export const galleryKeys = {
  all: ["gallery"] as const,
  view: (filters: GalleryFilters) => ["gallery", filtersToQuery(filters)] as const,
};

function fetchPage(filters: GalleryFilters, cursor: string | null): Promise<GalleryPage> {
  const query = new URLSearchParams(filtersToQuery(filters).slice(1));
  if (cursor) query.set("cursor", cursor);
  return fetchJson<GalleryPage>(`/api/gallery?${query}`);
}

/** The gallery's pages for one filtered view, fetched by keyset as the user scrolls, and a favorite toggle that shows at once. */
export function useGalleryPages(filters: GalleryFilters, firstPage: GalleryPage) {
  const queryKey = galleryKeys.view(filters);
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    staleTime: 30_000,
    // Nothing is kept after leaving: each visit starts from the server's fresh first page, so images made or
    // favorited elsewhere in the meantime show as they are now.
    gcTime: 0,
  });

  // The same array until a page arrives or an item changes: the grid lays rows out from it.
  const items = useMemo(() => query.data.pages.flatMap((p) => p.items), [query.data]);

  const toggleFavorite = async (item: GalleryItem) => {
    const favorite = !item.favorite;
    const update = (value: boolean) =>
      queryClient.setQueryData<InfiniteData<GalleryPage>>(
        queryKey,
        (old) =>
          old && {
            ...old,
            pages: old.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === item.id ? { ...i, favorite: value } : i)) })),
          },
      );
    update(favorite);
    const result = await setFavoriteAction(item.id, favorite);
    if (!result.ok) {
      update(!favorite);
      toast(result.error);
    }
  };

  return {
    items,
    fetchNextPage: query.fetchNextPage,
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    error: query.error,
    toggleFavorite,
  };
}
