import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Lang, Localized, localized } from "../core/text";

/**
 * How the command line puts a round on disk: every file of the round is written to a temporary file created
 * exclusively (O_EXCL, a random name) in its target's folder, and only when all are written are they renamed over
 * their targets — the exports first, the workbook last, so a workbook whose record logs a round always has the
 * round's letters and lists beside it. A lock file beside the output keeps two runs from writing one output.
 * Paths are compared by their real paths, so a symlink cannot make an output of the input; a rename replaces a
 * symlink itself, never the file it points to.
 */

/** A refusal or failure with a one-line message in both languages, naming the file. */
export class FileError extends Error {
  constructor(readonly text: Localized) {
    super(text["en-US"]);
    this.name = "FileError";
  }
}

/** The real path a file has or would have: symlinks in its folders (and the file itself, when it is one) resolved. */
export function realTarget(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync(absolute);
  } catch {
    const dir = path.dirname(absolute);
    if (dir === absolute) return absolute;
    return path.join(realTarget(dir), path.basename(absolute));
  }
}

const TEMP = /^\..+\.arrears-(\d+)-[0-9a-f]{12}\.tmp$/;

function tempName(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.arrears-${process.pid}-${crypto.randomBytes(6).toString("hex")}.tmp`,
  );
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temporary files a killed run left in a folder (its process gone); never follows a symlink. */
export function removeLeftovers(dir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
      removed++;
    } catch {
      // Another run removed it, or the folder is read-only: nothing to do.
    }
  }
  return removed;
}

/** A lock older than this is stale whatever it says (a run takes minutes at most). */
const STALE_LOCK_MS = 6 * 60 * 60 * 1000;

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

export function lockPath(output: string): string {
  return path.join(path.dirname(output), `.${path.basename(output)}.lock`);
}

/**
 * Takes the lock on an output (an exclusive lock file beside it) and returns the function that releases it; a lock
 * left by a run that is gone (its process ended on this machine, or hours old) is taken over.
 */
export function lockOutput(output: string, now: () => number = Date.now): () => void {
  const file = lockPath(output);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      const info: LockInfo = {
        pid: process.pid,
        host: os.hostname(),
        started: new Date(now()).toISOString(),
      };
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw writeFailure(output, error);
    }
    const held = readLock(file);
    const stale =
      held === null
        ? lockAge(file, now) > 60_000
        : (held.host === os.hostname() && !processAlive(held.pid)) ||
          now() - Date.parse(held.started) > STALE_LOCK_MS;
    if (!stale || attempt > 0) {
      const since = held ? held.started.replace("T", " ").slice(0, 19) : "?";
      const pid = held ? String(held.pid) : "?";
      throw new FileError(
        localized(
          `${output}：另一次运行正在写这个文件（进程 ${pid}，开始于 ${since} UTC）；` +
            `请等它结束再运行，或换一个 --out。若确定没有别的运行，删除 ${file} 后再试`,
          `${output}: another run is writing this file (process ${pid}, since ${since} ` +
            "UTC); wait for it to finish or choose another --out. If no other run " +
            `is going, delete ${file} and run again`,
        ),
      );
    }
    fs.rmSync(file, { force: true });
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockInfo>;
    if (typeof info.pid !== "number" || typeof info.host !== "string" || typeof info.started !== "string")
      return null;
    return info as LockInfo;
  } catch {
    return null;
  }
}

function lockAge(file: string, now: () => number): number {
  try {
    return now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** A file of the round: `exclusive` for an output that must not replace an existing file (the default name). */
export interface RoundFile {
  readonly target: string;
  readonly bytes: Uint8Array;
  readonly exclusive?: boolean;
}

/** Test hook: called after each temporary is written, before any is renamed. */
export type StageHook = (target: string) => void;

/**
 * Writes all files of a round: each to an exclusive temporary in its folder, then all renamed into place (in the
 * order given: the workbook last). A failure before the renames removes the temporaries and leaves every target
 * as it was.
 */
export function writeRound(files: readonly RoundFile[], afterStage?: StageHook): void {
  const staged: { file: RoundFile; tmp: string }[] = [];
  try {
    for (const file of files) {
      const dir = path.dirname(path.resolve(file.target));
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch (error) {
        throw writeFailure(file.target, error);
      }
      const tmp = tempName(path.resolve(file.target));
      let fd: number;
      try {
        // "wx": O_CREAT | O_EXCL — never opens a file (or a symlink) that is already there.
        fd = fs.openSync(tmp, "wx", 0o644);
      } catch (error) {
        throw writeFailure(file.target, error);
      }
      staged.push({ file, tmp });
      try {
        let at = 0;
        while (at < file.bytes.length) at += fs.writeSync(fd, file.bytes, at, file.bytes.length - at);
        fs.fsyncSync(fd);
      } catch (error) {
        throw writeFailure(file.target, error);
      } finally {
        fs.closeSync(fd);
      }
      afterStage?.(file.target);
    }
    for (const { file, tmp } of staged) {
      try {
        if (file.exclusive) placeExclusively(tmp, file.target);
        else fs.renameSync(tmp, file.target);
      } catch (error) {
        throw writeFailure(file.target, error);
      }
    }
  } catch (error) {
    for (const { tmp } of staged) fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Puts a temporary in place of a target that must not exist: link() fails when the target exists, so a default
 * output never replaces a file. On a file system without hard links (FAT, some shares), the target is checked and
 * the temporary renamed — under the output's lock, so no run of ours can come in between.
 */
function placeExclusively(tmp: string, target: string): void {
  try {
    fs.linkSync(tmp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    if (fs.existsSync(target)) throw Object.assign(new Error("exists"), { code: "EEXIST" });
    fs.renameSync(tmp, target);
    return;
  }
  fs.unlinkSync(tmp);
}

/** A file-system failure as one line naming the file the user asked for (never the temporary). */
export function writeFailure(target: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? "";
  const dir = path.dirname(path.resolve(target));
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return new FileError(
        localized(
          `${target}：磁盘已满，未写入（之前的文件保持不变）；腾出空间后再运行`,
          `${target}: the disk is full; nothing was written (earlier files are as ` +
            "they were). Free some space and run again",
        ),
      );
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new FileError(
        localized(
          `${target}：没有权限写入文件夹 ${dir}；换一个 --out 或检查文件夹权限`,
          `${target}: no permission to write in the folder ${dir}; choose another ` +
            "--out or check the folder's permissions",
        ),
      );
    case "EEXIST":
      return new FileError(
        localized(
          `${target}：文件已存在，未覆盖；再运行一次会取下一个文件名`,
          `${target}: the file already exists and was not overwritten; run again to take the next name`,
        ),
      );
    case "ENOTDIR":
    case "EISDIR":
      return new FileError(
        localized(
          `${target}：路径中有同名的文件或文件夹挡住了；换一个 --out`,
          `${target}: a file or folder of that name is in the way; choose another path`,
        ),
      );
    default:
      return new FileError(
        localized(
          `${target}：无法写入（${code || "未知错误"}）；检查磁盘和文件夹后再运行`,
          `${target}: could not be written (${code || "unknown error"}); check the ` +
            "disk and the folder, then run again",
        ),
      );
  }
}

export function message(error: FileError, lang: Lang): string {
  return error.text[lang];
}
