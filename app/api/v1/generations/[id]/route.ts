/** One generation for scripts: its state, recipe and image URLs; `?wait=20000` waits until it finishes. */
export { GET } from "@/app/api/generations/[id]/route";
