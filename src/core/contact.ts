import { Household } from "./read/household";
import { JobResult } from "./job";
import { newRecordSheet } from "./campaign/notices";
import { RESULT_LABELS, ContactResult, RecordAppend } from "./campaign/record";
import { CHANNEL_LABELS, Channel, NoticeStage, STAGE_NAMES } from "./campaign/stages";
import { Localized, localized } from "./text";
import { IsoDate } from "./read/values";
import { JobOutputs } from "./workbook";

/** A call, visit or payment a collector logs by hand from the task pane. */
export interface ContactLog {
  readonly date: IsoDate;
  readonly household: Household;
  readonly channel: Channel;
  readonly result: ContactResult;
  /** The ladder step this contact was about, when it was one. */
  readonly stage: NoticeStage | null;
  readonly collector: string;
  readonly promisedDate: IsoDate | null;
  readonly amount: number | null;
  readonly proof: string;
  readonly note: string;
}

/** What is wrong with a log before it is written, in words; empty when it can be written. */
export function contactProblems(log: ContactLog): Localized[] {
  const problems: Localized[] = [];
  if (log.result === "promised" && log.promisedDate === null)
    problems.push(localized("承诺缴费需填写承诺日期", "A promise needs the promised date"));
  if (log.promisedDate !== null && log.promisedDate < log.date)
    problems.push(localized("承诺日期早于记录日期", "The promised date is before the date of the contact"));
  if ((log.result === "paid" || log.result === "partPaid") && (log.amount === null || log.amount <= 0))
    problems.push(localized("缴费需填写金额", "A payment needs the amount"));
  if (log.amount !== null && (!Number.isFinite(log.amount) || log.amount < 0))
    problems.push(localized("金额应为正数", "The amount must be a positive number"));
  return problems;
}

/**
 * The one record row for a log, in the record the job read (its sheet, its own columns): appended below the last
 * row, never rewriting one. The job must come from a fresh read, so that rows a co-author added are counted.
 */
export function contactOutputs(job: JobResult, log: ContactLog): JobOutputs {
  const lang = job.lang;
  const h = log.household;
  const round = job.round.record;
  const append: RecordAppend = {
    ...round,
    rows: [
      [
        new Date(`${log.date}T00:00:00Z`),
        h.label,
        h.owner,
        log.stage === null ? null : STAGE_NAMES[log.stage][lang],
        CHANNEL_LABELS[log.channel][lang],
        log.collector || h.collector,
        RESULT_LABELS[log.result][lang],
        log.promisedDate === null ? null : new Date(`${log.promisedDate}T00:00:00Z`),
        log.amount,
        log.proof,
        log.note,
      ],
    ],
    alreadyLogged: 0,
  };
  return { sheets: [], lang, newRecord: append.exists ? null : newRecordSheet(append), append };
}
