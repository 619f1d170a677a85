import "server-only";
import sharp from "sharp";

/**
 * sharp, tuned for a server that handles many small images at once: libvips' operation cache is kept small
 * and each image is processed on one thread, which keeps memory flat under bursts (the worker already runs
 * jobs in parallel, so nothing is gained from threads inside one image).
 */
sharp.cache({ memory: 32, files: 0, items: 64 });
sharp.concurrency(1);

export default sharp;
