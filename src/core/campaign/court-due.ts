import { Verdict } from "../classify/kinds";
import { IsoDate } from "../read/values";
import { Settings } from "../settings/settings";
import { workingDeadline } from "./calendar";
import { periodDays } from "./notices";
import { CampaignFacts, RecordEntry, answered, sentOn, wentOut } from "./record";
import { LAWYERS_LETTER, STAGES } from "./stages";

// Which households get a court bundle (court.ts builds it): kept apart so the pane lists them without loading the
// documents' text.

/** Whether the lawyer's letter went out and its deadline passed with no payment, promise or dispute after it. */
export function lawyerLetterUnanswered(
  facts: CampaignFacts | undefined,
  settings: Settings,
  date: IsoDate,
): RecordEntry | null {
  if (!facts) return null;
  const paid = facts.lastPaid;
  const since = (e: RecordEntry) =>
    paid === null || e.date > paid.date || (e.date === paid.date && e.row > paid.row);
  const letters = facts.entries.filter((e) => e.stage === LAWYERS_LETTER && wentOut(e) && since(e));
  const letter = letters[letters.length - 1];
  if (!letter) return null;
  // The stage table's deadline for the lawyer's letter (the demand period), moved to a working day.
  const period = STAGES[LAWYERS_LETTER].deadline;
  const deadline = workingDeadline(sentOn(letter), period === null ? 0 : periodDays(period, settings)).date;
  if (deadline >= date) return null;
  const answer = facts.entries.some(
    (x) => (x.date > letter.date || (x.date === letter.date && x.row > letter.row)) && answered(x),
  );
  return answer ? null : letter;
}

/** The households in arrears whose lawyer's letter went unanswered past its deadline, on `date`. */
export function dueForCourt(
  verdicts: readonly Verdict[],
  facts: ReadonlyMap<string, CampaignFacts>,
  settings: Settings,
  date: IsoDate,
): Verdict[] {
  return verdicts.filter(
    (v) => v.inArrears && lawyerLetterUnanswered(facts.get(v.household.key), settings, date) !== null,
  );
}

/** The households in arrears a manager may take to court: those due (dueForCourt) first, then the others. */
export function courtChoices(
  verdicts: readonly Verdict[],
  facts: ReadonlyMap<string, CampaignFacts>,
  settings: Settings,
  date: IsoDate,
): { verdict: Verdict; due: boolean }[] {
  const due = new Set(dueForCourt(verdicts, facts, settings, date));
  const owing = verdicts.filter((v) => v.inArrears);
  return [...owing.filter((v) => due.has(v)), ...owing.filter((v) => !due.has(v))].map((verdict) => ({
    verdict,
    due: due.has(verdict),
  }));
}
