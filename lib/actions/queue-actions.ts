"use server";
/** The queue panel: cancel a job (or the rest of a run) not yet sent, dismiss one that is. */
import { cancelBatch, cancelJob, dismissJob } from "../generations/queue";
import { authedAction, type Result } from "./safe-action";

export const cancelJobAction = authedAction(async (userId, id: string): Promise<Result> => cancelJob(userId, String(id)));

export const dismissJobAction = authedAction(async (userId, id: string): Promise<Result> => dismissJob(userId, String(id)));

export const cancelBatchAction = authedAction(async (userId, batchId: string): Promise<Result<{ cancelled: number }>> => cancelBatch(userId, String(batchId)));
