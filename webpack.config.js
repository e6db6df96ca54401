// Builds the browser bundle of the ExcelJS-edge engine (src/xlsx/run.ts): the same job the command line runs, on
// the bytes of an .xlsx chosen in a browser (for teams on WPS or LibreOffice). The Excel task pane and its pages
// are added here by the add-in work.
const path = require("path");

module.exports = (env, argv) => ({
  mode: argv.mode || "production",
  devtool: argv.mode === "development" ? "source-map" : false,
  entry: { "arrears-desk-engine": "./src/xlsx/run.ts" },
  output: {
    path: path.resolve(__dirname, "dist"),
    filename: "[name].js",
    library: { name: "ArrearsDesk", type: "umd" },
    globalObject: "globalThis",
    clean: true,
  },
  resolve: {
    extensions: [".ts", ".js"],
    // ExcelJS's own browser build brings what it needs from Node (streams, buffers) with it.
    alias: { exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js") },
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          // ES modules for webpack, so unused code is shaken out (commonjs defeats it).
          options: {
            configFile: "tsconfig.json",
            compilerOptions: { module: "es2020", sourceMap: argv.mode === "development" },
          },
        },
      },
    ],
  },
  performance: { hints: false },
});
