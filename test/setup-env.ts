/**
 * Tests set their own environment: what the caller's shell exports must not
 * change what a build under test does. The build's settings are cleared here,
 * in every test worker, and a test that wants one sets it itself (runBuild's
 * `env`, pdfDate's `env` argument): the list is the one the up-to-date check
 * keys a build on (isBuildSetting: ZINE_*, ELEVENTY_*, SOURCE_DATE_EPOCH).
 * A ZINE_VERBOSE=1 left in the shell made the browser-failure tests see the
 * details they check are hidden. CHROME_PATH stays: it says where this
 * machine's browser is, not what to build.
 */
import { isBuildSetting } from "../scripts/lib/up-to-date.ts";

for (const name of Object.keys(process.env)) if (isBuildSetting(name)) delete process.env[name];
