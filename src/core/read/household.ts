import { Field } from "./fields";
import { Localized } from "../text";
import { IsoDate, MonthIndex } from "./values";

export type { Layout } from "./layouts";

/** A cell that could not be read as its column says; the household is still taken with that value unknown. */
export interface CellProblem {
  readonly sheet: string;
  readonly row: number;
  /** Column letter, as Excel shows it. */
  readonly column: string;
  readonly field: Field | "month";
  readonly value: string;
  readonly reason: Localized;
}

/** A row of the table that did not become (part of) a household, and why. */
export interface SkippedRow {
  readonly sheet: string;
  readonly row: number;
  readonly reason: Localized;
}

/** What the months of a monthly or bill sheet say about paying habits. */
export interface PaymentHistory {
  /** Months (within the history window before the as-of date) paid late, or not paid. */
  readonly lateOrMissed: number;
  /** How many months of that window the sheet covers. */
  readonly monthsKnown: number;
  readonly lateMonths: readonly MonthIndex[];
  readonly missedMonths: readonly MonthIndex[];
}

/** Billed and paid over the months the sheet covers: the basis of the collection rate. */
export interface Collection {
  readonly billed: number;
  readonly paid: number;
}

/** One household (户): a room and its owner, with what the sheet says they owe. */
export interface Household {
  /** Normalised building|unit|room: the identity used to merge rows and to match the collection record. */
  readonly key: string;
  readonly sheet: string;
  /** Excel row numbers the household was read from (several for a bill sheet). */
  readonly rows: readonly number[];
  readonly building: string;
  readonly unit: string;
  readonly room: string;
  /** The account number (户号, 用户编号, Account) of a ledger keyed by account rather than by room. */
  readonly account?: string;
  /** How the room is shown to people: "1-2-301", or "3栋2单元301" when the room number alone is ambiguous. */
  readonly label: string;
  readonly owner: string;
  /** The owner is a company or institution (…公司, …大厦, Ltd): a letter greets it as such, not as a person. */
  readonly ownerIsCompany?: boolean;
  readonly phone: string;
  readonly address: string;
  readonly collector: string;
  /** Consent to publish the owner's name on the bulletin board (PIPL art. 25), as recorded in the sheet. */
  readonly consent: boolean;
  readonly notes: string;
  readonly area: number | null;
  readonly monthlyFee: number | null;
  /** Months overdue; null when the sheet gives no way to know. */
  readonly monthsOverdue: number | null;
  readonly monthsEstimated: boolean;
  /** Amount overdue in yuan; null when unknown. */
  readonly amountOverdue: number | null;
  readonly amountEstimated: boolean;
  /** The oldest month still unpaid, the start of the limitation clock. */
  readonly oldestUnpaid: MonthIndex | null;
  readonly oldestUnpaidEstimated: boolean;
  readonly unpaidMonths: readonly MonthIndex[];
  readonly lastPayment: IsoDate | null;
  readonly history: PaymentHistory | null;
  readonly collection: Collection | null;
  /** Vacancy seen in the month cells (空置), as well as in notes. */
  readonly vacantMarked: boolean;
  readonly problems: readonly CellProblem[];
}
