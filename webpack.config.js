// Two builds. "engine": the ExcelJS-edge engine as a UMD library (dist/arrears-desk-engine.js), the same job the
// command line runs, for scripts. "app": the add-in's pages — the task pane in Excel (taskpane.html, Office.js),
// the same pane as a plain web page over an .xlsx file (browser.html, ExcelJS), the ribbon's function file and
// the help page — with the manifest and icons. `webpack serve` (npm run dev-server) serves them over https on
// localhost:3000 with the Office dev certificates.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
// Where the add-in is hosted in production: set ADDIN_URL when building for a real server.
const PROD_URL = process.env.ADDIN_URL || DEV_URL;

/**
 * The manifest for a server at `url`: every URL under the dev server's, and the AppDomain (an origin, written
 * without the trailing slash), moved there.
 */
function manifestFor(xml, url) {
  const base = url.endsWith("/") ? url : `${url}/`;
  const origin = /^https?:\/\/[^/]+/.exec(base)[0];
  return xml
    .replaceAll(DEV_URL, base)
    .replaceAll(`<AppDomain>${DEV_URL.slice(0, -1)}</AppDomain>`, `<AppDomain>${origin}</AppDomain>`);
}

function tsRule(development) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      // ES modules for webpack, so unused code is shaken out (commonjs defeats it).
      options: {
        configFile: "tsconfig.json",
        onlyCompileBundledFiles: true,
        compilerOptions: { module: "es2020", sourceMap: development },
      },
    },
  };
}

const resolve = {
  extensions: [".ts", ".tsx", ".js"],
  // ExcelJS's own browser build brings what it needs from Node (streams, buffers) with it.
  alias: { exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js") },
};

function engine(development, outDir) {
  return {
    name: "engine",
    mode: development ? "development" : "production",
    devtool: development ? "source-map" : false,
    entry: { "arrears-desk-engine": "./src/xlsx/run.ts" },
    output: {
      path: outDir,
      filename: "[name].js",
      library: { name: "ArrearsDesk", type: "umd" },
      globalObject: "globalThis",
    },
    resolve,
    module: { rules: [tsRule(development)] },
    performance: { hints: false },
  };
}

function app(development, outDir) {
  const page = (chunk, template, filename) =>
    new HtmlWebpackPlugin({ filename, template, chunks: chunk ? [chunk] : [], scriptLoading: "defer" });
  return {
    name: "app",
    mode: development ? "development" : "production",
    devtool: development ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/office.tsx",
      browser: "./src/taskpane/browser.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: outDir,
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
    },
    resolve,
    module: { rules: [tsRule(development)] },
    plugins: [
      page("taskpane", "./src/taskpane/taskpane.html", "taskpane.html"),
      page("browser", "./src/taskpane/browser.html", "browser.html"),
      page("commands", "./src/commands/commands.html", "commands.html"),
      page(null, "./src/help.html", "help.html"),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (development ? content : manifestFor(content.toString(), PROD_URL)),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: outDir },
      // https with the Office dev certificates: filled in below, only under `webpack serve`.
      server: { type: "https" },
    },
  };
}

/** `--env only=engine|app` builds one of the two; `--env out=DIR` writes elsewhere than dist/ (the tests). */
module.exports = (env = {}, argv = {}) => {
  const development = argv.mode === "development";
  const outDir = env.out ? path.resolve(env.out) : path.resolve(__dirname, "dist");
  const builds = { engine: engine(development, outDir), app: app(development, outDir) };
  const configs = env.only ? [builds[env.only]] : [builds.engine, builds.app];
  if (!env.WEBPACK_SERVE) return configs;
  // The certificates are made (and trusted) on first use: `npx office-addin-dev-certs install`.
  return require("office-addin-dev-certs")
    .getHttpsServerOptions()
    .then((options) => {
      builds.app.devServer.server.options = options;
      return [builds.app];
    });
};
module.exports.manifestFor = manifestFor;
