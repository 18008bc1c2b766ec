import fs from 'node:fs';
import { botMessages, compareTurn, REFERENCE_PATTERN, type Mismatch } from './compare';
import type { CoverageReport, MachineCoverage } from './coverage';
import { diffFields, normalizeLead, type FieldDifference } from './lead-diff';
import { intakeStepOf, type Redaction } from '../../src/intake/redaction';
import {
  activityToSend,
  describeUserActivity,
  layoutOf,
  readScript,
  rewriteChat,
  rewriteTranscript,
  serializeTranscript,
  type ActivityJson,
  type ReplayScript,
} from './script';

/** Sends a conversation's prospect activities to a bot, one turn at a time, and collects the replies. */
export interface ReplayDriver {
  readonly description: string;
  converse(sends: ActivityJson[], conversation: { channelId: string }): Promise<ConversationRun>;
}

export interface ConversationRun {
  /** The bot's activities in answer to each sent activity. */
  replies: ActivityJson[][];
  /** The lead the conversation produced, if it submitted one. */
  lead?: unknown;
  /** Set when the driver cannot see leads (a bot reached over HTTP). */
  leadUnavailable?: string;
}

export interface LeadComparison {
  compared: boolean;
  differences: FieldDifference[];
  note?: string;
}

export interface FileReport {
  file: string;
  status: 'passed' | 'failed' | 'error';
  turns: number;
  mismatches: Mismatch[];
  lead?: LeadComparison;
  notes: string[];
  error?: string;
  /** `--update` rewrote the expected replies (and lead). */
  updated?: boolean;
}

export interface ReplayReport {
  driver: string;
  files: FileReport[];
  passed: number;
  failed: number;
  updated: number;
  durationMs: number;
  coverage?: CoverageReport;
}

export interface ReplayOptions {
  /** Rewrite each file's expected replies (and an existing lead sidecar) with what the bot said. */
  update?: boolean;
  /** Called as each file finishes, for progress output. */
  onFile?: (report: FileReport) => void;
  /** Collects which machine states the replies stopped at. */
  coverage?: MachineCoverage;
}

export async function replayScript(
  script: ReplayScript,
  driver: ReplayDriver,
  redaction: Redaction,
  options: ReplayOptions = {},
): Promise<FileReport> {
  if (script.turns.length === 0)
    throw new Error('no user activity to replay (is it a transcript of this bot?)');
  const report: FileReport = {
    file: script.file,
    status: 'passed',
    turns: script.turns.length,
    mismatches: [],
    notes: [],
  };
  const unreplayable = script.preamble.filter((a) => a.type === 'message').length;
  if (unreplayable > 0) {
    report.notes.push(
      `${unreplayable} bot message(s) before the first user activity cannot be replayed and are not compared`,
    );
  }
  const sends = script.turns.map((turn) => activityToSend(turn.user, redaction));
  const channelId = script.turns.find((t) => t.user.channelId)?.user.channelId ?? 'replay';
  const run = await driver.converse(sends, { channelId });

  const changedTurns = script.turns.map((turn, i) => {
    const actual = run.replies[i] ?? [];
    for (const reply of botMessages(actual)) options.coverage?.reachedPosition(intakeStepOf(reply));
    const mismatches = compareTurn(turn, describeUserActivity(turn.user, sends[i]), actual, redaction);
    report.mismatches.push(...mismatches);
    return mismatches.length > 0;
  });

  if (script.expectedLead !== undefined) {
    if (run.leadUnavailable) {
      report.lead = { compared: false, differences: [], note: run.leadUnavailable };
      report.notes.push(run.leadUnavailable);
    } else {
      const actual = run.lead === undefined ? undefined : normalizeLead(run.lead);
      report.lead = { compared: true, differences: diffFields(normalizeLead(script.expectedLead), actual) };
    }
  }

  const leadDiffers = (report.lead?.differences.length ?? 0) > 0;
  const differs = report.mismatches.length > 0 || leadDiffers;
  if (differs && options.update) {
    writeUpdate(script, run, redaction, changedTurns, leadDiffers);
    report.updated = true;
  } else if (differs) {
    report.status = 'failed';
  }
  return report;
}

/**
 * Writes what changed, and only that: a turn whose replies compare equal keeps its recorded
 * activities (ids, timestamps, the reference number they show), and the lead file is rewritten
 * only when the lead differs. A rerun of `--update` on an up-to-date file changes no byte.
 */
function writeUpdate(
  script: ReplayScript,
  run: ConversationRun,
  redaction: Redaction,
  changedTurns: boolean[],
  leadDiffers: boolean,
): void {
  if (changedTurns.some(Boolean)) {
    const replies = run.replies.map((activities, i) =>
      changedTurns[i]
        ? botMessages(activities).map((a, r) =>
            keepReference(
              redaction.redactBotActivity(JSON.parse(JSON.stringify(a)) as ActivityJson),
              script.turns[i]!.expected[r],
            ),
          )
        : script.turns[i]!.expected,
    );
    if (script.format === 'chat') {
      fs.writeFileSync(script.file, rewriteChat(script, replies));
    } else {
      const layout = layoutOf(fs.readFileSync(script.file, 'utf8'));
      fs.writeFileSync(
        script.file,
        serializeTranscript(rewriteTranscript(script, replies, changedTurns), layout),
      );
    }
  }
  if (leadDiffers && run.lead !== undefined && !run.leadUnavailable) {
    fs.writeFileSync(script.leadFile, `${JSON.stringify(normalizeLead(run.lead), null, 2)}\n`);
  }
}

/** A new reply shows the reference number the recorded one showed (each run makes a new one). */
function keepReference(reply: ActivityJson, recorded: ActivityJson | undefined): ActivityJson {
  const reference =
    typeof recorded?.text === 'string' ? recorded.text.match(REFERENCE_PATTERN)?.[0] : undefined;
  if (!reference || typeof reply.text !== 'string') return reply;
  return { ...reply, text: reply.text.replace(REFERENCE_PATTERN, reference) };
}

/** Reads and replays one file; a file that cannot be read or replayed is reported, not thrown. */
export async function replayFile(
  file: string,
  driver: ReplayDriver,
  redaction: Redaction,
  options: ReplayOptions = {},
): Promise<FileReport> {
  try {
    return await replayScript(readScript(file), driver, redaction, options);
  } catch (error) {
    return {
      file,
      status: 'error',
      turns: 0,
      mismatches: [],
      notes: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export async function replayFiles(
  files: string[],
  driver: ReplayDriver,
  redaction: Redaction,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const started = performance.now();
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = await replayFile(file, driver, redaction, options);
    reports.push(report);
    options.onFile?.(report);
  }
  return summarize(reports, driver.description, performance.now() - started, options.coverage?.report());
}

export function summarize(
  files: FileReport[],
  driver: string,
  durationMs: number,
  coverage?: CoverageReport,
): ReplayReport {
  return {
    driver,
    files,
    passed: files.filter((f) => f.status === 'passed').length,
    failed: files.filter((f) => f.status !== 'passed').length,
    updated: files.filter((f) => f.updated).length,
    durationMs,
    coverage,
  };
}
