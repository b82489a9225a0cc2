/**
 * The command line: `gauntlet run | idp | mint | list | replay | report`. Parsing is commander's; each
 * command lives in harness/cli/. Every user mistake ends as one line on stderr and exit code 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isSigningAlg, SIGNING_ALGS, type SigningAlg } from '../mocks/idp/algs.ts';
import { DEFAULT_MAX_BODY, DEFAULT_MAX_TIMEOUTS, FORMATS, type Format } from './defaults.ts';
import { REVOCATION_MODES } from './core/policy.ts';
import { processOut, type Out } from './cli/out.ts';
import { algsValue, commaList, portValue } from './cli/idp-args.ts';
import { failure, keyPool } from './cli/start.ts';
import { VERSION } from './version.ts';

const int =
  (name: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  (v: string): number => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} must be a whole number, got "${v}"`);
    if (n < min) throw new InvalidArgumentError(`${name} must be ${min} or more, got ${v}`);
    if (n > max) throw new InvalidArgumentError(`${name} must be ${max} or less, got ${v}`);
    return n;
  };
/** A TCP port: 0 (any free port) to 65535. */
const port =
  (name: string) =>
  (v: string): number => {
    const n = portValue(v);
    if (n === undefined) throw new InvalidArgumentError(`${name} must be a port from 0 to 65535 (0 = any free port), got "${v}"`);
    return n;
  };
const list = commaList;
const repeat = (v: string, prev: string[] = []): string[] => [...prev, v];
const algs = (v: string): SigningAlg[] => {
  const out = algsValue(v);
  if (!out)
    throw new InvalidArgumentError(
      `unknown algorithm ${
        list(v)
          .filter((a) => !isSigningAlg(a))
          .join(', ') || '(none)'
      }; use a comma list of ${SIGNING_ALGS.join(', ')}`,
    );
  return out;
};
const formats = (v: string): Format[] => {
  const out = list(v);
  const bad = out.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length) throw new InvalidArgumentError(`unknown format ${bad.join(', ')}; use a comma list of ${FORMATS.join(', ')}`);
  return out as Format[];
};

// Each command's module is imported when that command runs, not before: `gauntlet idp` loads the IdP
// and nothing of the harness, `gauntlet --help` loads none of them.

// Choice lists kept literal here so the CLI starts without loading the modules that use them
// (harness/adopt/gate.ts FAIL_ON, harness/cli/reporters.ts REPORTERS, harness/cli/init-command.ts FRAMEWORKS).
const FAIL_ON = ['critical', 'major', 'minor'] as const;
const REPORTERS = ['live', 'dots', 'failures', 'github', 'json'] as const;
const FRAMEWORKS = ['express', 'fastify', 'koa', 'hono', 'url'] as const;

export async function main(argv: string[], out: Out = processOut): Promise<number> {
  let code = 0;
  let commanderError = '';
  const program = new Command('gauntlet')
    .description('Does your API reject every bad access token, and say so correctly?')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.log(s.trimEnd()), writeErr: (s) => void (commanderError += s.trim()) })
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description('run the scenarios against a target and write reports (exit 0 pass, 1 fail, 2 not judgeable)')
    .option('--config <file>', 'config file (default gauntlet.config.ts/.js/.mjs/.json if present)')
    .option('--target <url>', 'base URL of the API under test')
    .option('--endpoint <spec>', 'endpoint "METHOD /path[ scope1 scope2]" (repeatable)', repeat)
    .option('--audience <aud>', 'audience the target expects in aud')
    .option('--idp-port <n>', 'port of the IdP the run starts (default 0 = any free port)', port('--idp-port'))
    .option('--keys <file>', 'persist IdP keys in this file across runs')
    .option('--algs <list>', `keys the IdP loads (default ${SIGNING_ALGS.join(',')}); the baseline uses the first`, algs)
    .option('--typ <typ>', 'typ of the baseline token (default at+jwt)')
    .option(
      '--leeway <s>',
      'clock leeway the API declares on exp, nbf and iat, seconds (held exactly; undeclared: only refusal beyond 300 s is required)',
      int('--leeway'),
    )
    .option(
      '--max-lifetime <s>',
      'longest token lifetime (exp − iat) the API declares, seconds (undeclared: too-broad is not applicable)',
      int('--max-lifetime', 1),
    )
    .addOption(
      new Option(
        '--revocation <mode>',
        'how the API learns of revoked tokens; none = stateless: revocation scenarios are reported not applicable',
      ).choices(REVOCATION_MODES),
    )
    .option('--profile <name|file>', 'expectation profile: rfc6750 (default), lenient, audit-codes, gateway-messages, mcp, or a file')
    .option('--only <ids>', 'run only these scenario ids (comma list)', list)
    .option('--skip <ids>', 'skip these scenario ids (comma list)', list)
    .option('--runs <n>', 'property cases per endpoint (default 100; 0 = no properties)', int('--runs'))
    .option('--seed <s>', 'property seed: the same seed gives the same cases', int('--seed', Number.MIN_SAFE_INTEGER))
    .option('--out <dir>', 'report directory (default reports/out)')
    .option('--format <list>', `report formats (default ${FORMATS.join(',')})`, formats)
    .option('--timeout <ms>', 'per-request timeout in ms (default 5000)', int('--timeout', 1))
    .option(
      '--max-body <bytes>',
      `bytes of an answer read at most; a longer one is marked truncated (default ${DEFAULT_MAX_BODY})`,
      int('--max-body', 1),
    )
    .option(
      '--max-timeouts <n>',
      `consecutive timeouts on one endpoint before its remaining probes are skipped (default ${DEFAULT_MAX_TIMEOUTS})`,
      int('--max-timeouts', 1),
    )
    .option(
      '--concurrency <n>',
      'scenario × endpoint units run side by side (default from the CPU count; 1 = one at a time)',
      int('--concurrency', 1),
    )
    .option('--scenarios <glob>', 'your own scenario modules (repeatable)', repeat)
    .option('--redact-tokens', 'name every token sent (<token:expired>) instead of writing it, in every report and line')
    .option(
      '--openapi <file|url>',
      'OpenAPI 3.0/3.1 document: its OAuth2 / OpenID Connect / bearer operations become endpoints (README "Endpoints from OpenAPI")',
    )
    .option('--openapi-param <name=value>', 'with --openapi: the value of a path or required query parameter (repeatable)', repeat)
    .option('--only-tags <tags>', 'with --openapi: only operations with one of these tags (comma list)', list)
    .option('--operation <id>', 'with --openapi: only this operation, by operationId or "METHOD /path/{param}" (repeatable)', repeat)
    .option(
      '--expected-failures <file>',
      'YAML list of known failures reported as expected, not failing the run (README "Gradual adoption")',
    )
    .addOption(new Option('--fail-on <severity>', 'least severity that fails the run (default minor)').choices(FAIL_ON))
    .option('--shard <i/n>', 'run the i-th of n slices of the scenarios (properties in shard 1); combine with "gauntlet merge"')
    .addOption(
      new Option(
        '--reporter <name>',
        'what is printed while it runs: live (default), dots, failures, github (annotations; the default under GITHUB_ACTIONS), json (NDJSON events on stdout)',
      ).choices(REPORTERS),
    )
    .option('--quiet', 'print only the summary')
    .action(async (flags) => {
      keyPool(true);
      const { runCommand } = await import('./cli/run-command.ts');
      code = await runCommand(flags, out);
    });

  program
    .command('idp')
    .description('start the mock IdP as a standalone server; prints one JSON line when listening')
    .option('--port <n>', 'port (default 0 = any free port)', port('--port'))
    .option('--host <addr>', 'bind address (default 127.0.0.1)')
    .option('--issuer <url>', 'issuer URL when it differs from the bind address')
    .option('--keys <file>', 'persist keys in this file so kids survive restarts')
    .option('--algs <list>', `algorithms to load (default ${SIGNING_ALGS.join(',')})`, algs)
    .option('--audience <aud>', 'audience of the tokens it issues')
    .option('--tls', 'serve https with a generated CA (its path is printed)')
    .action(async (flags) => {
      keyPool();
      const { idpCommand } = await import('./cli/idp-command.ts');
      code = await idpCommand(flags, out);
    });

  program
    .command('mint')
    .description('print one forged token for a scenario id, or "baseline" (alias "valid") for a plain valid token (stdout, token only)')
    .argument('<scenario-id>')
    .option('--issuer <url>', 'issuer (default: the one recorded in --keys by "gauntlet idp --keys", else http://127.0.0.1:9400)')
    .option('--config <file>', 'config whose fixtures, client id header and audience the scenarios use')
    .option('--audience <aud>', 'audience')
    .option('--keys <file>', 'key file shared with a running "gauntlet idp --keys"')
    .option('--algs <list>', 'algorithms to load', algs)
    .option('--typ <typ>', 'baseline typ')
    .option('--endpoint <spec>', 'endpoint whose scopes the token carries, e.g. "GET /admin admin"')
    .option('--scenarios <glob>', 'your own scenario modules (repeatable)', repeat)
    .action(async (id: string, flags) => {
      const { mintCommand } = await import('./cli/mint-command.ts');
      code = await mintCommand(id, flags, out);
    });

  program
    .command('list')
    .description('list the catalogue: id, category, severity, title, spec references')
    .option('--json', 'as JSON')
    .addOption(new Option('--scenarios <glob>', 'include your own scenario modules').argParser(repeat))
    .action(async (flags) => {
      const { listCommand } = await import('./cli/list-command.ts');
      code = await listCommand(flags, out);
    });

  program
    .command('report')
    .description('render reports again from a report.json (validated against its schema first)')
    .argument('<report.json>')
    .option('--format <list>', 'formats to render (default junit,markdown,html)', formats)
    .option('--out <dir>', "output directory (default the report's directory)")
    .action(async (file: string, flags) => {
      const { reportCommand } = await import('./cli/report-command.ts');
      code = await reportCommand(file, flags, out);
    });

  program
    .command('init')
    .description(
      'write a commented gauntlet.config.ts for the framework package.json names, add .gauntlet/ and the report folder to .gitignore (asks nothing)',
    )
    .addOption(
      new Option('--framework <name>', 'express, fastify, koa, hono, or url (default: found in package.json, else url)').choices(
        FRAMEWORKS,
      ),
    )
    .option('--target <url>', 'your API already running at this URL (implies --framework url)')
    .option('--force', 'write over an existing gauntlet.config.ts')
    .action(async (flags) => {
      const { initCommand } = await import('./cli/init-command.ts');
      code = await initCommand(flags, out);
    });

  program
    .command('merge')
    .description(
      'combine the reports of "gauntlet run --shard i/n" runs into one report (exit 0 pass, 1 fail, 2 not the shards of one run)',
    )
    .argument('<dirs...>', 'the --out directory (or report.json) of each shard')
    .option('--out <dir>', 'where the merged reports go (default reports/merged)')
    .option('--format <list>', `formats (default ${FORMATS.join(',')})`, formats)
    .action(async (dirs: string[], flags) => {
      const { mergeCommand } = await import('./cli/merge-command.ts');
      code = await mergeCommand(dirs, flags, out);
    });

  program
    .command('replay')
    .description(
      'replay the failing cases of a report and mark each FIXED or STILL FAILING (exit 0 all fixed, 1 some fail, 2 cannot replay)',
    )
    .argument('<report.json>')
    .option('--config <file>', 'config file, as for run (default gauntlet.config.ts/.js/.mjs/.json if present)')
    .option('--target <url>', "base URL of the API (default the report's when it ran against a URL, else the config starts it)")
    .option('--endpoint <spec>', 'endpoint "METHOD /path[ scope1 scope2]" (repeatable; default the report\'s)', repeat)
    .option('--audience <aud>', 'audience the target expects in aud')
    .option(
      '--idp-port <n>',
      "port of the IdP replay starts (default the report's for a URL target, else any free port)",
      port('--idp-port'),
    )
    .option('--keys <file>', "IdP keys file (default the report's)")
    .option('--profile <name|file>', "expectation profile (default the report's)")
    .option('--only <ids>', 'replay only the failing cases of these scenarios or properties (comma list)', list)
    .option('--leeway <s>', "declared clock leeway, seconds (default the report's)", int('--leeway'))
    .option('--max-lifetime <s>', "declared maximum token lifetime, seconds (default the report's)", int('--max-lifetime', 1))
    .option('--timeout <ms>', 'per-request timeout in ms (default 5000)', int('--timeout', 1))
    .addOption(new Option('--scenarios <glob>', 'your own scenario modules (repeatable)').argParser(repeat))
    .action(async (file: string, flags) => {
      keyPool(true);
      const { replayCommand } = await import('./cli/replay-command.ts');
      code = await replayCommand(file, flags, out);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; every other commander error already printed its one line.
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code)) return 0;
      // One line: commander's reason, then where to look for the right flags.
      const reason = (commanderError || err.message).replace(/^error:\s*/i, '').replace(/\s+/g, ' ');
      const known = program.commands.some((c) => c.name() === argv[0]);
      out.error(`gauntlet: ${reason}; see "gauntlet ${known ? `${argv[0]} ` : ''}--help"`);
      return 2;
    }
    // The IdP's own errors (a keys file, a port) are user mistakes too: one line, exit 2.
    return failure(err, out);
  }
}
