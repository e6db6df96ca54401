import * as path from "path";
import { courtBundles, householdByRoom } from "../core/campaign/court";
import { JobResult } from "../core/job";
import { Localized, localized } from "../core/text";
import { courtBundleZip } from "../export/court-bundle";
import { RoundFile } from "./files";

/** The court bundles of a run, as files of the round in DIR; or the one-line refusal of a room nobody knows. */
export async function courtBundleFiles(
  job: JobResult,
  dir: string,
  rooms: readonly string[],
): Promise<{ files: RoundFile[]; count: number } | { error: Localized }> {
  const households = job.verdicts.map((v) => v.household);
  const picked: string[] = [];
  for (const room of rooms) {
    const h = householdByRoom(households, room);
    if (h === null) {
      const example = households[0]?.label ?? "1-1-101";
      return {
        error: localized(
          `--bundle-for ${room}：台账中找不到这个房号（或几栋楼都有这个房号）；请用“催缴分类”中的房号，如 ${example}。` +
            "未写入任何文件",
          `--bundle-for ${room}: no household in the arrears sheet has this unit (or several buildings share ` +
            `it); use the unit as 催缴分类 shows it, e.g. ${example}. Nothing was written`,
        ),
      };
    }
    picked.push(h.key);
  }
  const bundles = courtBundles({
    verdicts: job.verdicts,
    facts: job.facts,
    settings: job.settings,
    asOf: job.asOf,
    date: job.round.date,
    lang: job.lang,
    picked,
  });
  const files: RoundFile[] = [];
  for (const b of bundles) files.push({ target: path.join(dir, b.file), bytes: await courtBundleZip(b) });
  return { files, count: bundles.length };
}
