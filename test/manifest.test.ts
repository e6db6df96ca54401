import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describeWithShared, sharedPath } from "./support/shared";

const MANIFEST = path.join(__dirname, "..", "manifest.xml");

function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describeWithShared("manifest.xml", () => {
  const available = hasXmllint();
  const run = available || process.env.CI === "true" ? it : it.skip;

  run("passes the Office add-in manifest schema offline (xmllint)", () => {
    // Under CI, .ci/run installs libxml2-utils; a missing xmllint there fails here rather than skipping.
    const out = execFileSync(
      "xmllint",
      ["--noout", "--schema", sharedPath("manifest-schemas", "OfficeAppManifestV1_1.xsd"), MANIFEST],
      { cwd: sharedPath("manifest-schemas"), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(out).toBe("");
  });

  it("names the add-in in zh-CN as well as en-US and points at icons that exist", () => {
    const xml = fs.readFileSync(MANIFEST, "utf8");
    expect(xml).toContain('<Override Locale="zh-CN" Value="物业费催缴助手"/>');
    expect(xml).toContain("<Permissions>ReadWriteDocument</Permissions>");
    const icons = [...xml.matchAll(/assets\/(icon-\d+\.png)/g)].map((m) => m[1]);
    expect(new Set(icons)).toEqual(new Set(["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png"]));
    for (const icon of icons) expect(fs.existsSync(path.join(__dirname, "..", "assets", icon))).toBe(true);
  });
});

describe("manifest.xml without the schemas", () => {
  it("declares ExcelApi 1.7, which the Office.js edge needs (getRangeByIndexes, freezePanes, setXAxisValues)", () => {
    const xml = fs.readFileSync(MANIFEST, "utf8");
    expect(xml).toMatch(
      /<\/Hosts>\s*<Requirements>\s*<Sets DefaultMinVersion="1.1">\s*<Set Name="ExcelApi" MinVersion="1.7"\/>\s*<\/Sets>\s*<\/Requirements>\s*<DefaultSettings>/,
    );
  });

  it("the production build's manifest has no localhost in it, the AppDomain included", () => {
    // The same transform webpack's CopyWebpackPlugin applies to manifest.xml in a production build.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { manifestFor } = require("../webpack.config.js") as {
      manifestFor: (xml: string, url: string) => string;
    };
    const built = manifestFor(fs.readFileSync(MANIFEST, "utf8"), "https://addin.example.com/arrears/");
    expect(built).not.toMatch(/localhost/);
    expect(built).toContain("<AppDomain>https://addin.example.com</AppDomain>");
    expect(built).toContain(
      '<SourceLocation DefaultValue="https://addin.example.com/arrears/taskpane.html"/>',
    );
  });
});
