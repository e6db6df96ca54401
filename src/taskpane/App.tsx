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
import { Lang } from "../core/text";
import { PaneHost } from "./host";
import { StepId, usePaneState } from "./state";
import { StringKey } from "./strings";
import { ReadStep } from "./steps/ReadStep";
import { DownloadWorkbook } from "./steps/DownloadWorkbook";
import { ClassifyStep } from "./steps/ClassifyStep";
import { BoardsStep } from "./steps/BoardsStep";
import { NoticesStep } from "./steps/NoticesStep";
import { RecordStep } from "./steps/RecordStep";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "8px", minWidth: "300px" },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px" },
  tabs: { flexWrap: "wrap" },
  body: { display: "flex", flexDirection: "column", gap: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function App(props: {
  host: PaneHost;
  lang: Lang;
  onLanguage?: () => void;
  /** Office's theme (dark in dark Office); light by default. */
  theme?: Theme;
}) {
  const { host, lang } = props;
  const styles = useStyles();
  const { state, busyLabel, progress, error, notice, cancel } = usePaneState(host, lang);
  const { t, outcome, written } = state;
  const [step, setStep] = React.useState<StepId>("read");
  return (
    <FluentProvider theme={props.theme ?? webLightTheme} lang={lang}>
      <main className={styles.root} aria-busy={busyLabel !== null}>
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
        {busyLabel !== null && (
          <div role="status" aria-live="polite">
            <Text size={200}>{busyLabel}</Text>
            <ProgressBar value={progress} thickness="large" />
            <Button size="small" onClick={cancel}>
              {t("cancel")}
            </Button>
          </div>
        )}
        {error !== null && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <strong>{t("errorLabel")}</strong>
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
        <section className={styles.body} aria-label={t(`step${cap(step)}` as StringKey)}>
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
