/**
 * `node --import tsx peak-rss.ts run …`: the gauntlet command in this process, then one JSON line with
 * its exit code, its stderr lines and the process's peak resident set size. For the tests that hold
 * the harness's memory to a bound: the target under test runs in another process, so the figure is the
 * harness's own.
 */
import { main } from '../../../harness/cli.ts';
import { captureOut } from '../../../harness/cli/out.ts';

const out = captureOut();
const code = await main(process.argv.slice(2), out);
process.stdout.write(
  `${JSON.stringify({ code, errors: out.errors, lines: out.lines.length, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
