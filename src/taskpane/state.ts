import * as React from "react";
import { JobOptions, JobOutcome, runJob } from "../core/job";
import { Field as FieldName } from "../core/read/fields";
import { WorkbookGrid } from "../core/read/grid";
import { MaskMode } from "../core/settings/settings";
import { Lang } from "../core/text";
import { JobOutputs, jobOutputs } from "../core/workbook";
import { PaneHost } from "./host";
import { Translate, translator } from "./strings";

/**
 * The pane's state in one place: the run's options, the job's outcome, the task runner (progress, cancel,
 * errors) and the actions that read and write the workbook. App renders it; each step reads it through its
 * `state` prop and imports neither App nor another step.
 */

export type StepId = "read" | "classify" | "boards" | "notices" | "record";

/** What the steps share: the run's options, its outcome, and the actions that read and write. */
export interface PaneState {
  readonly t: Translate;
  readonly lang: Lang;
  readonly host: PaneHost;
  readonly today: string;
  readonly options: PaneOptions;
  readonly outcome: JobOutcome | null;
  readonly busy: boolean;
  setOptions(change: Partial<PaneOptions>): void;
  /** Reads the workbook again and runs the job (nothing is written). */
  reread(): Promise<void>;
  /**
   * Reads again, runs, and writes every output sheet; with `logRound`, also the round's rows in the record (the
   * notices are then on record as sent, so only the notices step does that).
   */
  writeAll(logRound: boolean): Promise<string[] | null>;
  /**
   * Writes outputs to the workbook and says what the edge had to tell besides (e.g. a sheet written beside a
   * same-named sheet of the team's, as "公告栏 (2)"). Call it inside a task.
   */
  write(outputs: JobOutputs): Promise<void>;
  /** Runs a task with the progress bar and the error message, cancellable between its steps. */
  task<T>(label: string, work: (signal: CancelSignal) => Promise<T>): Promise<T | null>;
  selectedRow: { sheet: string; row: number } | null;
  /** Something was written in this session (the browser page then offers the workbook to download). */
  readonly written: boolean;
  readonly grid: WorkbookGrid | null;
}

export interface PaneOptions {
  readonly sheet: string | undefined;
  readonly columns: Partial<Record<FieldName, string>>;
  readonly maskMode: MaskMode | undefined;
  readonly roundDate: string;
}

export interface CancelSignal {
  readonly cancelled: boolean;
  /** Throws when the user has cancelled: call it between steps, before anything is written. */
  check(): void;
}

class Cancelled extends Error {}

/** What App shows around the steps: the running task, its progress, and the last error or notice. */
export interface PaneView {
  readonly state: PaneState;
  readonly busyLabel: string | null;
  readonly progress: number | undefined;
  readonly error: string | null;
  readonly notice: string | null;
  /** Asks the running task to stop before it writes anything. */
  cancel(): void;
}

export function usePaneState(host: PaneHost, lang: Lang): PaneView {
  const t = React.useMemo(() => translator(lang), [lang]);
  // Read once, when the pane opens: a round started before midnight keeps its date.
  const today = React.useMemo(() => host.clock(), [host]);
  const [options, setOptionsState] = React.useState<PaneOptions>({
    sheet: undefined,
    columns: {},
    maskMode: undefined,
    roundDate: today,
  });
  const [grid, setGrid] = React.useState<WorkbookGrid | null>(null);
  const [outcome, setOutcome] = React.useState<JobOutcome | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<number | undefined>(undefined);
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [written, setWritten] = React.useState(false);
  const [selectedRow, setSelectedRow] = React.useState<{ sheet: string; row: number } | null>(null);
  const cancel = React.useRef<{ cancelled: boolean } | null>(null);

  const jobOptions = React.useCallback(
    (o: PaneOptions): JobOptions => ({
      today,
      lang,
      sheet: o.sheet,
      columns: o.columns,
      maskMode: o.maskMode,
      roundDate: o.roundDate,
    }),
    [today, lang],
  );

  const task = React.useCallback(
    async <T>(label: string, work: (signal: CancelSignal) => Promise<T>): Promise<T | null> => {
      const token = { cancelled: false };
      cancel.current = token;
      setBusy(label);
      setProgress(undefined);
      setError(null);
      setNotice(null);
      const signal: CancelSignal = {
        get cancelled() {
          return token.cancelled;
        },
        check() {
          if (token.cancelled) throw new Cancelled();
        },
      };
      try {
        return await work(signal);
      } catch (e) {
        if (e instanceof Cancelled) setNotice(t("cancelled"));
        else setError(e instanceof Error ? e.message : String(e));
        return null;
      } finally {
        cancel.current = null;
        setBusy(null);
        setProgress(undefined);
      }
    },
    [t],
  );

  const onProgress = React.useCallback((done: number, total: number) => {
    setProgress(total > 0 ? done / total : undefined);
  }, []);

  const readAndRun = React.useCallback(
    async (o: PaneOptions, signal: CancelSignal) => {
      const fresh = await host.workbook.readGrid(onProgress);
      signal.check();
      const result = runJob(fresh, jobOptions(o));
      setGrid(fresh);
      setOutcome(result);
      return result;
    },
    [host, jobOptions, onProgress],
  );

  const reread = React.useCallback(async () => {
    await task(t("reading"), (signal) => readAndRun(options, signal));
  }, [task, t, readAndRun, options]);

  const setOptions = React.useCallback(
    (change: Partial<PaneOptions>) => {
      const next = { ...options, ...change };
      setOptionsState(next);
      // A change of sheet, column or choice reruns the pure job on the grid already read: no round trip to Excel.
      if (grid) setOutcome(runJob(grid, jobOptions(next)));
    },
    [options, grid, jobOptions],
  );

  const write = React.useCallback(
    async (outputs: JobOutputs) => {
      await host.workbook.writeOutputs(outputs, onProgress);
      setWritten(true);
      const notes = host.workbook.writeNotes?.() ?? [];
      if (notes.length > 0) setNotice(notes.map((n) => n[lang]).join(" "));
    },
    [host, onProgress, lang],
  );

  const writeAll = React.useCallback(
    (logRound: boolean) =>
      task(t("writing"), async (signal) => {
        // Read again first: a co-author may have changed the sheet since the last read.
        const result = await readAndRun(options, signal);
        if (!result.ok) return null;
        signal.check();
        const all = jobOutputs(result.result);
        const outputs = logRound ? all : { ...all, newRecord: null, append: { ...all.append, rows: [] } };
        await write(outputs);
        // The record now holds this round: read again so a second click adds nothing twice.
        await readAndRun(options, signal).catch(() => null);
        const names = outputs.sheets.map((s) => s.name);
        if (outputs.append.rows.length > 0) names.push(outputs.append.sheetName);
        return names;
      }),
    [task, t, readAndRun, options, write],
  );

  React.useEffect(() => {
    void reread();
    // Read once when the pane opens; later reads are asked for.
  }, []);

  React.useEffect(() => {
    if (!host.onSelectRow) return;
    let unsubscribe: (() => void) | null = null;
    let live = true;
    void host
      .onSelectRow((sheet, row) => setSelectedRow({ sheet, row }))
      .then((u) => {
        if (live) unsubscribe = u;
        else u();
      });
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [host]);

  const state: PaneState = {
    t,
    lang,
    host,
    today,
    options,
    outcome,
    busy: busy !== null,
    setOptions,
    reread,
    writeAll,
    task,
    selectedRow,
    written,
    write,
    grid,
  };

  return {
    state,
    busyLabel: busy,
    progress,
    error,
    notice,
    cancel: () => {
      if (cancel.current) cancel.current.cancelled = true;
    },
  };
}
