/** `--verbose` on the command line (or ZINE_VERBOSE=1): details under the sentences for people. */
export function isVerbose(argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes("--verbose") || /^(1|true|oui)$/i.test(env.ZINE_VERBOSE ?? "");
}
