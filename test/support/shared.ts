import * as fs from "fs";
import * as path from "path";

/** ../shared beside the repository: the team's reference files, never copied into the project. */
export const SHARED_DIR = path.resolve(__dirname, "..", "..", "..", "shared");

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/**
 * `describe` for tests that read ../shared. In a user's clone without it the block is skipped (and says so);
 * under CI=true its absence is a failure, so CI can never pass by skipping.
 */
export function describeWithShared(name: string, body: () => void): void {
  if (fs.existsSync(SHARED_DIR)) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("needs ../shared beside the repository", () => {
        throw new Error(`../shared is missing (looked in ${SHARED_DIR}); CI must provide it`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ../shared not found beside the repository)`, () => {
      it("skipped", () => undefined);
    });
  }
}
