"use server";
/** The queue panel: cancel a job not yet sent, dismiss one that is. */
import { cancelJob, dismissJob } from "../generations/queue";
import { authedAction, type Result } from "./safe-action";

export const cancelJobAction = authedAction(async (userId, id: string): Promise<Result> => cancelJob(userId, String(id)));

export const dismissJobAction = authedAction(async (userId, id: string): Promise<Result> => dismissJob(userId, String(id)));
