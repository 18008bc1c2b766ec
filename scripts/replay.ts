/**
 * Replays recorded conversations against this build and shows what changed.
 *
 *   npm run replay -- <files or folders> [--url http://host:port/api/messages --allow-writes]
 *                     [--update] [--json] [--out report.json]
 *
 * Reads .transcript (a JSON array of Bot Framework activities: recorded by the bot and exported
 * with `npm run transcript:export`, or saved by the Bot Framework Emulator) and .chat (Chatdown)
 * files. Exits 1 when any conversation differs.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { InProcessBot } from '../src/bot/in-process-bot';
import { InProcessDriver } from '../tools/replay/in-process-driver';
import { replayInWorkers } from '../tools/replay/workers';
import { IntakeEngine } from '../src/intake/conversation';
import { loadFlows } from '../src/intake/flows';
import { MachineCoverage } from '../tools/replay/coverage';
import { HttpDriver } from '../tools/replay/http-driver';
import { Redaction } from '../src/intake/redaction';
import { colors, formatFileReport, formatSummary, jsonReport, plain } from '../tools/replay/report';
import {
  replayFiles,
  summarize,
  type FileReport,
  type ReplayDriver,
  type ReplayReport,
} from '../tools/replay/runner';
import { collectScriptFiles } from '../tools/replay/script';

const usage = `Usage: npm run replay -- <files or folders> [options]

Replays each .transcript / .chat file and compares the bot's replies with the recorded ones
(text, suggested actions, channelData.intake.step) and, when <name>.lead.json exists, the lead.

Options:
  --url <url>     replay against a running bot (its /api/messages), instead of in-process;
                  needs --allow-writes: the bot stores these conversations (marked as test
                  traffic: no lead for staff, no notification)
  --allow-writes  agree to --url writing conversations into that bot's data
  --update        rewrite the expected replies (and existing .lead.json files) with this build's
  --json          print a machine-readable report instead of text (through npm, use
                  npm run --silent replay -- … --json, or --out, to keep npm's banner out)
  --out <file>    also write the machine-readable report to <file>
  --coverage      also report which states and transitions of the intake machine were exercised
  --flows <dir>   in-process: use the wording in <dir> (en-CA.yaml, fr-CA.yaml) instead of flows/
  --jobs <n>      in-process: lanes to spread the files over, this process and n - 1
                  children (default 1; 2 pay off from a few hundred files on two cores:
                  see npm run bench:replay)
  --verbose       list every file, passed ones included
  -h, --help      show this help`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'allow-writes': { type: 'boolean', default: false },
      update: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      coverage: { type: 'boolean', default: false },
      flows: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`${usage}\n\nerror: give at least one file or folder to replay`);
    return 2;
  }
  if (values.url && !values['allow-writes']) {
    console.error(
      `error: --url replays into a running bot, which stores the conversations (marked as test traffic: no lead for staff, no notification). Add --allow-writes to go ahead.`,
    );
    return 2;
  }
  if (values.url && (values.flows || values.coverage)) {
    console.error('error: --flows and --coverage apply to in-process replays, not to a running bot (--url)');
    return 2;
  }
  process.env.LOG_LEVEL ??= 'warn';

  const files = collectScriptFiles(positionals);
  if (files.length === 0) {
    console.error(`error: no .transcript or .chat file in ${positionals.join(', ')}`);
    return 2;
  }
  const flows = loadFlows(values.flows);
  const redaction = new Redaction(flows);
  const engine = new IntakeEngine(flows);
  const coverage = values.coverage ? new MachineCoverage(engine, flows) : undefined;

  const style = process.stdout.isTTY && !process.env.NO_COLOR ? colors : plain;
  const listAll = values.verbose || files.length <= 40;
  const onFile = (file: FileReport) => {
    if (values.json) return;
    if (listAll || file.status !== 'passed' || file.updated) console.log(formatFileReport(file, style));
  };
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error('error: --jobs needs a whole number of at least 1');
    return 2;
  }
  let report: ReplayReport;
  if (!values.url && jobs > 1) {
    const started = performance.now();
    const parallel = await replayInWorkers(files, {
      jobs,
      flows,
      update: values.update,
      coverage: values.coverage,
      onFile,
    });
    if (coverage && parallel.coverage) coverage.merge(parallel.coverage);
    report = summarize(
      parallel.reports,
      `in-process in ${jobs} processes`,
      performance.now() - started,
      coverage?.report(),
    );
  } else {
    const driver: ReplayDriver = values.url
      ? new HttpDriver(values.url)
      : new InProcessDriver(new InProcessBot({ flows, engine, coverage }));
    report = await replayFiles(files, driver, redaction, { update: values.update, coverage, onFile });
  }
  if (values.out) fs.writeFileSync(values.out, `${jsonReport(report)}\n`);
  console.log(values.json ? jsonReport(report) : formatSummary(report, style));
  return report.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
