// `node --import ./bench/rss-at-exit.mjs <script>`: at exit, one JSON line on stdout with the exit code
// and the process's peak resident set size (bench/harness-rss.ts reads it from the compiled CLI, which
// has no hook of its own for it). Nothing else is changed in the process.
import { writeSync } from 'node:fs';

process.on('exit', (code) => {
  writeSync(1, `\n${JSON.stringify({ code, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
});
