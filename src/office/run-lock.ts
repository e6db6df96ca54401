import { Lang } from "../core/text";
import { errorCode } from "./cells";

/**
 * A workbook-scoped hidden name held while a run writes: two co-authors running at once take turns instead of
 * writing over each other. Its value changes with every request of the run (a heartbeat), so a run that finds it
 * can tell a live run (the value moves) from a run abandoned part-way (the value stands still for LOCK_STALE_MS,
 * by the finder's own clock — never compared with another machine's), and takes an abandoned one over.
 */
export const LOCK_NAME = "ArrearsDesk_Run";
export const LOCK_STALE_MS = 60_000;
export const LOCK_POLL_MS = 5_000;
export const LOCK_WAIT_MS = 90_000;

/** A colleague's run holds the lock and has not finished. */
export class LockBusy extends Error {}

export interface LockClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export class RunLock {
  private beats = 0;
  private item: Excel.NamedItem | null = null;
  private releasing: Excel.NamedItem | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly session: string,
    private readonly clock: LockClock,
  ) {}

  private value(): string {
    return `="${this.session}:${this.beats}"`;
  }

  /**
   * Takes the lock, and with the same request queues `withFirstRequest` (loads for the run's first look at the
   * workbook): one round trip when nobody else is running.
   */
  async acquire(withFirstRequest: () => void, lang: Lang): Promise<void> {
    const names = this.context.workbook.names;
    let seen: { value: string; since: number } | null = null;
    const started = this.clock.now();
    for (;;) {
      // The loads first: one that fails stops the request before the lock is taken.
      withFirstRequest();
      const item = names.add(LOCK_NAME, this.value(), "Arrears Desk: a run is writing");
      item.visible = false;
      let failure: unknown;
      try {
        await this.context.sync();
        this.item = item;
        this.releasing = null;
        return;
      } catch (error) {
        failure = error;
      }
      // Whatever code Excel gives a taken name, the name is there: another run holds it. If it is not there,
      // the request failed for another reason, which is the run's error.
      const held = names.getItemOrNullObject(LOCK_NAME);
      held.load("isNullObject,formula");
      await this.context.sync();
      const taken = /ItemAlreadyExists|already exists/i.test(errorCode(failure));
      if (held.isNullObject) {
        if (taken) continue;
        throw failure;
      }
      const value = held.formula;
      const now = this.clock.now();
      if (!seen || seen.value !== value) seen = { value, since: now };
      if (value.startsWith(`="${this.session}:`)) {
        // This pane's own: a leftover of its earlier run (take it over), or added by the request that failed.
        held.delete();
        await this.context.sync();
        if (taken) continue;
        throw failure;
      }
      if (now - seen.since >= LOCK_STALE_MS) {
        // A run abandoned part-way: take it over.
        held.delete();
        await this.context.sync();
        continue;
      }
      if (now - started >= LOCK_WAIT_MS)
        throw new LockBusy(
          lang === "zh-CN"
            ? "另一位同事正在此工作簿上运行催缴助手，尚未完成。请稍后再运行一次"
            : "A colleague is running Arrears Desk on this workbook and has not finished. Run again in a minute",
        );
      await this.clock.sleep(LOCK_POLL_MS);
    }
  }

  /** Whether this run's lock is still in the workbook (after a request that carried its release failed). */
  async stillHeld(): Promise<boolean> {
    const held = this.context.workbook.names.getItemOrNullObject(LOCK_NAME);
    held.load("isNullObject,formula");
    await this.context.sync();
    const ours = !held.isNullObject && held.formula.startsWith(`="${this.session}:`);
    if (ours) this.unrelease();
    return ours;
  }

  /** Queues the heartbeat: called before every request of the run. */
  beat(): void {
    if (!this.item) return;
    this.beats++;
    this.item.formula = this.value();
  }

  /** Queues the release (it goes with the run's last request): no more heartbeats after it. */
  release(): void {
    if (!this.item) return;
    this.item.delete();
    this.releasing = this.item;
    this.item = null;
  }

  /** The request that carried the release failed: the lock is still held, and beats again. */
  unrelease(): void {
    if (!this.releasing) return;
    this.item = this.releasing;
    this.releasing = null;
  }
}
