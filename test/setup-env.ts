/**
 * Tests set their own environment: what the caller's shell exports must not
 * change what a build under test does. The build's inputs are cleared here,
 * in every test worker, and a test that wants one sets it itself (runBuild's
 * `env`, pdfDate's `env` argument). CHROME_PATH stays: it says where this
 * machine's browser is, not what to build.
 */
for (const name of ["SOURCE_DATE_EPOCH", "ZINE_DIR", "ZINE_OUTPUT"]) delete process.env[name];
