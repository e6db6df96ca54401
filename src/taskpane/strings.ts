import { Lang } from "../core/text";

/** The pane's own words; the domain's words (kinds, flags, stages, reasons) come from the core, localised there. */
const STRINGS = {
  appTitle: ["物业费催缴助手", "Arrears Desk"],
  excelApiMissing: [
    "此版本的 Excel 太旧，无法运行物业费催缴助手（需要 Excel JavaScript API 1.7：" +
      "Microsoft 365、Excel 网页版、Office 2019 或更新版本）。请在 Excel 网页版中打开此工作簿，" +
      "或使用浏览器页面处理文件。",
    "This version of Excel is too old for Arrears Desk (it needs the Excel JavaScript " +
      "API 1.7: Microsoft 365, Excel on the web, Office 2019 or later). Open the " +
      "workbook in Excel on the web, or use the browser page on the file.",
  ],
  stepRead: ["1 读取", "1 Read"],
  stepClassify: ["2 分类", "2 Classify"],
  stepBoards: ["3 公告栏与看板", "3 Bulletin & dashboard"],
  stepNotices: ["4 催缴通知", "4 Notices"],
  stepRecord: ["5 催缴记录", "5 Record"],
  sheet: ["欠费台账工作表", "Arrears sheet"],
  bestMatch: ["（最匹配）", " (best match)"],
  reread: ["重新读取", "Read again"],
  reading: ["正在读取…", "Reading…"],
  writing: ["正在写入…", "Writing…"],
  cancel: ["取消", "Cancel"],
  cancelled: ["已取消，工作簿未改动", "Cancelled: the workbook was not changed"],
  layout: ["版式", "Layout"],
  layoutHousehold: ["每户一行", "one row per household"],
  layoutMonthly: ["每月一列", "one column per month"],
  layoutBill: ["每张账单一行", "one row per bill"],
  headerRow: ["表头行", "Header row"],
  households: ["户", "households"],
  householdCount: ["户数", "Households"],
  mapping: ["列的识别", "Columns"],
  field: ["字段", "Field"],
  column: ["列", "Column"],
  notUsed: ["（不使用）", "(not used)"],
  auto: ["（自动）", "(automatic)"],
  skipped: ["未作为住户读取的行", "Rows not read as households"],
  problems: ["无法识别的单元格", "Cells that could not be read"],
  nothingSkipped: ["每一行都已读取", "Every row was read"],
  goTo: ["定位", "Go to"],
  kind: ["类别", "Kind"],
  flag: ["标记", "Flag"],
  building: ["楼栋", "Building"],
  collector: ["催缴员", "Collector"],
  all: ["全部", "All"],
  room: ["房号", "Room"],
  owner: ["业主", "Owner"],
  months: ["欠费月数", "Months"],
  amount: ["欠费金额", "Amount"],
  reasons: ["依据", "Why"],
  nextSteps: ["下一步", "Next steps"],
  total: ["合计", "Total"],
  showing: ["显示", "Showing"],
  of: ["/", "of"],
  pickHousehold: ["点选一户查看依据和下一步", "Pick a household to see why and what next"],
  masking: ["公示方式", "Names on the bulletin"],
  maskRoomOnly: ["只列房号和金额（默认）", "Rooms and amounts only (default)"],
  maskMasked: ["姓名打码（张**）", "Masked names (Zhang**)"],
  maskConsented: ["已同意公示的列全名", "Full names where consent is recorded"],
  writeSheets: ["写入全部结果工作表", "Write all result sheets"],
  written: ["已写入：", "Written: "],
  downloadWorkbook: ["下载结果工作簿", "Download the result workbook"],
  thanksList: ["感谢名单", "Thank-you list"],
  arrearsList: ["欠费公示", "Arrears list"],
  roundDate: ["本轮日期", "Round date"],
  noticesNow: ["本轮通知", "Notices in this round"],
  heldBack: ["暂缓", "Held back"],
  stage: ["阶段", "Stage"],
  channel: ["方式", "Channel"],
  deadline: ["截止日期", "Deadline"],
  why: ["原因", "Why"],
  nextDate: ["下次", "Next"],
  exportLetters: ["导出通知书 (.docx)", "Letters (.docx)"],
  exportSms: ["导出短信 (.csv)", "SMS list (.csv)"],
  exportMailing: ["导出 EMS 邮寄清单 (.csv)", "EMS mailing list (.csv)"],
  noLetters: ["本轮没有纸质通知", "No letters in this round"],
  exportAgreements: ["导出分期还款协议", "Instalment agreements"],
  agreementRooms: ["另加分期协议的房号（逗号分隔）", "More units for an agreement (comma-separated)"],
  agreementUnknown: ["台账中找不到：{rooms}", "Not in the arrears sheet: {rooms}"],
  emsUpload: ["读入已填邮件号的邮寄清单 (.csv)", "Read back the mailing list with EMS numbers (.csv)"],
  emsNoColumns: [
    "找不到“编号”和“邮件号”两列：请在导出的 EMS 邮寄清单中填写邮件号后再读入",
    'No "Reference" and "EMS number" columns: fill in the exported EMS mailing list, then read it back',
  ],
  emsLogged: [
    "已登记 EMS 邮件号 {count} 个（催缴记录“已发送”，凭证为邮件号）；已登记过 {already} 个；未填 {unfilled} 行；无法使用 {problems} 行",
    "EMS numbers logged: {count} (record rows 'sent', the number as proof); already logged {already}; " +
      "not filled {unfilled}; not usable {problems}",
  ],
  fieldwork: ["上门、电话和问候", "Visits, calls and greetings"],
  exportVisits: ["导出上门催缴登记表 (.docx)", "Visit sheets (.docx)"],
  noVisits: ["本轮没有上门催缴", "No home visits in this round"],
  exportScripts: ["导出催缴话术和收费答疑 (.docx)", "Phone scripts and fee Q&A (.docx)"],
  exportGreetingLetters: ["导出{name} (.docx)", "{name} letters (.docx)"],
  exportGreetingSms: ["导出{name}短信 (.csv)", "{name} SMS (.csv)"],
  warnings: ["提示", "Warnings"],
  logTitle: ["登记一次催缴", "Log a contact"],
  household: ["住户", "Household"],
  chooseHousehold: [
    "选择住户（或在表格中选中其所在行）",
    "Choose a household (or select its row in the sheet)",
  ],
  result: ["结果", "Result"],
  date: ["日期", "Date"],
  promisedDate: ["承诺日期", "Promised date"],
  paidAmount: ["金额", "Amount"],
  proof: ["凭证", "Proof"],
  note: ["备注", "Note"],
  save: ["登记", "Log it"],
  loggedIn: ["已登记到{sheet}：{what}", "Logged in {sheet}: {what}"],
  openFile: ["打开 .xlsx / .csv 文件", "Open an .xlsx / .csv file"],
  browserIntro: [
    "没有 Excel？在浏览器中打开欠费台账，数据只在本机处理，不会上传到任何地方。",
    "No Excel? Open the arrears sheet here: everything stays in this browser, nothing is uploaded.",
  ],
  layoutStatusBill: ["每张账单一行（含状态）", "one row per bill, with a status"],
  everySheet: ["所有欠费表（{count} 个工作表）", "Every arrears sheet ({count})"],
  sheetsRead: ["读取的工作表", "Sheets read"],
  sheetRead: [
    "{sheet}：{layoutLabel} {layout}；{headerRowLabel} {row}；{count} 户",
    "{sheet}: {layoutLabel} {layout}; {headerRowLabel} {row}; {count} households",
  ],
  sheetNote: ["{sheet}：{note}", "{sheet}: {note}"],
  householdsOnSheets: ["共 {count} 户（{sheets} 个工作表）", "{count} households on {sheets} sheets"],
  columnChoice: ["{letter}：{text}", "{letter}: {text}"],
  errorLabel: ["出错了：", "Something went wrong: "],
  listSeparator: ["、", ", "],
  clauseSeparator: ["；", "; "],
  commaSeparator: ["，", ", "],
  quotedValue: ["“{value}”：", '"{value}": '],
  rowOf: ["{sheet} 第 {row} 行", "{sheet} row {row}"],
  monthColumns: ["月份列：{first}–{last}", "Month columns: {first}–{last}"],
  overdueInAll: ["欠费合计", "Overdue in all"],
  asPosted: ["公示示例：", "As posted: "],
  leftOffBulletin: [
    "{disputed} 户纠纷户未公示；{toCheck} 户数据待核对，未列入",
    "{disputed} disputed households left off; {toCheck} to check first, left off",
  ],
  noticesSummary: [
    "本轮通知：{count} 户{stages}；暂缓 {held}",
    "Notices in this round: {count} households{stages}; held back {held}",
  ],
  stagesInBrackets: ["（{list}）", " ({list})"],
  confirmSent: ["确认本轮已发送", "Confirm the round as sent"],
  writeNotices: ["写入催缴通知并登记到催缴记录", "Write the notices and log them in the record"],
  lettersTitle: ["催缴通知 {date}", "Notices {date}"],
  nextOn: ["（下次 {date}）", " (next {date})"],
  householdGone: ["该住户已不在台账中", "The household is no longer in the sheet"],
  noHouseholds: ["没有可显示的住户", "No households to show"],
  language: ["English", "中文"],
  courtBundle: ["诉讼材料（草稿，供律师审核）", "Court bundle (drafts for the company's lawyer)"],
  courtBundleDue: ["律师函未回应", "lawyer's letter unanswered"],
  courtBundleDownload: ["下载诉讼材料", "Download the court bundle"],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof STRINGS;
/** A string of the catalogue in the pane's language, its {placeholders} filled from `values`. */
export type Translate = (key: StringKey, values?: Readonly<Record<string, string | number>>) => string;

export function translator(lang: Lang): Translate {
  const i = lang === "zh-CN" ? 0 : 1;
  return (key, values) => {
    const text: string = STRINGS[key][i];
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : text;
  };
}

/** zh-CN unless Office (or the browser) speaks English. */
export function paneLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? "en-US" : "zh-CN";
}
