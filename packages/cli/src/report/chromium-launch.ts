/** Where the project's Chromium is (Debian's `chromium` package), unless `PUSHPULL_CHROMIUM` says otherwise. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The flags every headless Chromium of the project runs with (the dashboard browser suite and the
 * review pack's PDF printer): no sandbox (containers, root), no GPU, and no background networking
 * (no update checks, no safe-browsing pings: a printed review must not talk to anyone).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * The options to pass to playwright-core's `chromium.launch`, in one place (exported as
 * `@pushpull/cli/chromium-launch` for the other suites that drive Chromium).
 *
 * @example const browser = await chromium.launch(chromiumLaunchOptions(process.env.PUSHPULL_CHROMIUM));
 */
export function chromiumLaunchOptions(executablePath: string = DEFAULT_CHROMIUM_PATH): {
  executablePath: string;
  args: string[];
} {
  return { executablePath, args: [...CHROMIUM_ARGS] };
}
