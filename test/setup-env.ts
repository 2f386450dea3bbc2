/**
 * Tests set their own environment: what the caller's shell exports must not
 * change what a build under test does. The build's settings are cleared here,
 * in every test worker, and a test that wants one sets it itself (runBuild's
 * `env`, pdfDate's `env` argument): ours start with ZINE_ (the zine folder,
 * the output, the cache, ZINE_VERBOSE, the time limits), Eleventy's with
 * ELEVENTY_, and SOURCE_DATE_EPOCH (scripts/lib/up-to-date.ts reads the same
 * list). A ZINE_VERBOSE=1 left in the shell made the browser-failure tests
 * see the details they check are hidden. CHROME_PATH stays: it says where
 * this machine's browser is, not what to build.
 */
for (const name of Object.keys(process.env)) {
  if (/^(ZINE_|ELEVENTY_)/.test(name) || name === "SOURCE_DATE_EPOCH") delete process.env[name];
}
