import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  Text,
  makeStyles,
  Theme,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { Field as FieldName } from "../core/fields";
import { WorkbookGrid } from "../core/grid";
import { JobOptions, JobOutcome, runJob } from "../core/job";
import { MaskMode } from "../core/settings";
import { Lang } from "../core/text";
import { jobOutputs } from "../core/workbook";
import { PaneHost, todayIso } from "./host";
import { Translate, translator } from "./strings";
import { ReadStep } from "./steps/ReadStep";
import { DownloadWorkbook } from "./steps/DownloadWorkbook";
import { ClassifyStep } from "./steps/ClassifyStep";
import { BoardsStep } from "./steps/BoardsStep";
import { NoticesStep } from "./steps/NoticesStep";
import { RecordStep } from "./steps/RecordStep";

export type StepId = "read" | "classify" | "boards" | "notices" | "record";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "8px", minWidth: "300px" },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px" },
  tabs: { flexWrap: "wrap" },
  body: { display: "flex", flexDirection: "column", gap: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

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
  /** Runs a task with the progress bar and the error message, cancellable between its steps. */
  task<T>(label: string, work: (signal: CancelSignal) => Promise<T>): Promise<T | null>;
  selectedRow: { sheet: string; row: number } | null;
  /** Something was written in this session (the browser page then offers the workbook to download). */
  readonly written: boolean;
  markWritten(): void;
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

export function App(props: {
  host: PaneHost;
  lang: Lang;
  today?: string;
  onLanguage?: () => void;
  /** Office's theme (dark in dark Office); light by default. */
  theme?: Theme;
}) {
  const { host, lang } = props;
  const styles = useStyles();
  const t = React.useMemo(() => translator(lang), [lang]);
  const today = props.today ?? todayIso();
  const [step, setStep] = React.useState<StepId>("read");
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
    async <T,>(label: string, work: (signal: CancelSignal) => Promise<T>): Promise<T | null> => {
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

  const writeAll = React.useCallback(
    (logRound: boolean) =>
      task(t("writing"), async (signal) => {
        // Read again first: a co-author may have changed the sheet since the last read.
        const result = await readAndRun(options, signal);
        if (!result.ok) return null;
        signal.check();
        const all = jobOutputs(result.result);
        const outputs = logRound ? all : { ...all, newRecord: null, append: { ...all.append, rows: [] } };
        await host.workbook.writeOutputs(outputs, onProgress);
        setWritten(true);
        // The record now holds this round: read again so a second click adds nothing twice.
        await readAndRun(options, signal).catch(() => null);
        const names = outputs.sheets.map((s) => s.name);
        if (outputs.append.rows.length > 0) names.push(outputs.append.sheetName);
        return names;
      }),
    [task, t, readAndRun, options, host, onProgress],
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
    markWritten: () => setWritten(true),
    grid,
  };

  return (
    <FluentProvider theme={props.theme ?? webLightTheme} lang={lang}>
      <main className={styles.root} aria-busy={busy !== null}>
        <div className={styles.header}>
          <Text as="h1" weight="semibold" size={400}>
            {t("appTitle")}
          </Text>
          {props.onLanguage && (
            <Button appearance="subtle" size="small" onClick={props.onLanguage}>
              {t("language")}
            </Button>
          )}
        </div>
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={step}
          onTabSelect={(_, d) => setStep(d.value as StepId)}
          aria-label={t("appTitle")}
        >
          <Tab value="read">{t("stepRead")}</Tab>
          <Tab value="classify">{t("stepClassify")}</Tab>
          <Tab value="boards">{t("stepBoards")}</Tab>
          <Tab value="notices">{t("stepNotices")}</Tab>
          <Tab value="record">{t("stepRecord")}</Tab>
        </TabList>
        {busy !== null && (
          <div role="status" aria-live="polite">
            <Text size={200}>{busy}</Text>
            <ProgressBar value={progress} thickness="large" />
            <Button
              size="small"
              onClick={() => {
                if (cancel.current) cancel.current.cancelled = true;
              }}
            >
              {t("cancel")}
            </Button>
          </div>
        )}
        {error !== null && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <strong>{t("error")}：</strong>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
        {notice !== null && (
          <MessageBar intent="info">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {outcome !== null && !outcome.ok && (
          <MessageBar intent="warning" role="alert">
            <MessageBarBody>{outcome.error[lang]}</MessageBarBody>
          </MessageBar>
        )}
        {written && host.saveWorkbook && <DownloadWorkbook state={state} />}
        <section className={styles.body} aria-label={t(`step${cap(step)}` as Parameters<Translate>[0])}>
          {step === "read" && <ReadStep state={state} />}
          {step === "classify" && <ClassifyStep state={state} />}
          {step === "boards" && <BoardsStep state={state} />}
          {step === "notices" && <NoticesStep state={state} />}
          {step === "record" && <RecordStep state={state} />}
        </section>
      </main>
    </FluentProvider>
  );
}

function cap(step: StepId): string {
  return step[0].toUpperCase() + step.slice(1);
}
