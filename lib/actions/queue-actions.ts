"use server";
/** The queue panel: cancel a job (or the rest of a run) not yet sent, dismiss one that is. */
import { cancelBatch, cancelJob, dismissJob } from "../generations/queue";
import { authedAction, type Result } from "./safe-action";

export const cancelJobAction = authedAction(async (actor, id: string): Promise<Result> => cancelJob(actor, String(id)));

export const dismissJobAction = authedAction(async (actor, id: string): Promise<Result> => dismissJob(actor, String(id)));

export const cancelBatchAction = authedAction(async (actor, batchId: string): Promise<Result<{ cancelled: number }>> => cancelBatch(actor, String(batchId)));
