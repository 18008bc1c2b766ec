import fs from 'node:fs';
import path from 'node:path';
import { InProcessBot } from '../../src/bot/in-process-bot';
import { InProcessDriver } from '../../tools/replay/in-process-driver';
import { IntakeEngine } from '../../src/intake/conversation';
import { MachineCoverage } from '../../tools/replay/coverage';
import { generateModelPaths } from '../../tools/replay/model-paths';
import { Redaction } from '../../src/intake/redaction';
import { formatFileReport, formatSummary } from '../../tools/replay/report';
import { replayFiles, type ReplayReport } from '../../tools/replay/runner';
import { collectScriptFiles, readScript } from '../../tools/replay/script';
import { flows } from '../support/talk';

const corpusDir = path.join(__dirname, '..', 'transcripts');
const generatedDir = path.join(corpusDir, 'generated');

describe('the regression corpus and the model-based paths (test/transcripts)', () => {
  let report: ReplayReport;
  let generated: ReplayReport;
  beforeAll(async () => {
    const engine = new IntakeEngine(flows());
    const pathCoverage = new MachineCoverage(engine, flows());
    const coverage = new MachineCoverage(engine, flows());
    const replay = (files: string[], collector: MachineCoverage) =>
      replayFiles(
        files,
        new InProcessDriver(new InProcessBot({ flows: flows(), engine, coverage: collector })),
        new Redaction(flows()),
        {
          coverage: collector,
        },
      );
    const all = collectScriptFiles([corpusDir]);
    generated = await replay(
      all.filter((f) => f.startsWith(generatedDir)),
      pathCoverage,
    );
    report = await replay(
      all.filter((f) => !f.startsWith(generatedDir)),
      coverage,
    );
    coverage.merge(pathCoverage.state());
    report = {
      ...report,
      files: [...generated.files, ...report.files],
      passed: report.passed + generated.passed,
      failed: report.failed + generated.failed,
      durationMs: report.durationMs + generated.durationMs,
      coverage: coverage.report(),
    };
    console.log(
      `generated paths — ${formatSummary(generated)}\n\nall conversations — ${formatSummary(report)}`,
    );
  }, 120_000);

  it('replays every recorded, hand-written and generated conversation without a difference', () => {
    const failures = report.files.filter((f) => f.status !== 'passed').map((f) => formatFileReport(f));
    expect(failures).toEqual([]);
    expect(report.failed).toBe(0);
  });

  it('reaches every question, the review and both final states through the generated paths alone', () => {
    // Only the restart command leads to the restart confirmation, and the paths' one sample
    // worker citizenship on employer leads is not American or Mexican; their one sample worker
    // citizenship (Mexico) is no IEC partner since §10, so the age is not asked: the recorded
    // corpus covers them.
    expect(generated.coverage!.states.missing).toEqual([
      'age',
      'employerCusmaProfession',
      'employerWorkerLicence',
      'intake.confirmingRestart',
    ]);
  });

  it('reaches every state of the intake machine with the corpus and the paths together', () => {
    expect(report.coverage!.states.missing).toEqual([]);
    expect(report.coverage!.states.covered).toBe(report.coverage!.states.total);
    expect(report.coverage!.transitions.covered).toBeGreaterThan(report.coverage!.transitions.total / 2);
  });

  it('covers workers and employers, English and French, the Emulator and Chatdown, and leads', () => {
    const corpus = collectScriptFiles([corpusDir]).filter((f) => !f.startsWith(generatedDir));
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    const texts = corpus.map((f) => fs.readFileSync(f, 'utf8'));
    expect(texts.some((t) => t.includes('"locale":"fr-CA"'))).toBe(true);
    expect(texts.some((t) => t.includes("I'm a Canadian employer"))).toBe(true);
    expect(texts.some((t) => t.includes("I'm a foreign worker"))).toBe(true);
    expect(corpus.filter((f) => f.endsWith('.chat'))).not.toHaveLength(0);
    expect(readScript(path.join(corpusDir, 'emulator-employer.transcript')).turns[0]!.user.channelId).toBe(
      'emulator',
    );
    expect(
      corpus.filter((f) => fs.existsSync(f.replace(/\.(transcript|chat)$/, '.lead.json'))).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('has one generated conversation per path of the current machine (else: npm run paths:generate)', () => {
    const model = generateModelPaths({ flows: flows() });
    const manifest = JSON.parse(fs.readFileSync(path.join(generatedDir, 'paths.json'), 'utf8')) as {
      graph: { nodes: number; edges: number; simplePaths: number };
      paths: { file: string; branches: string[]; positions: string[] }[];
    };
    expect(manifest.graph).toEqual({
      nodes: model.nodes,
      edges: model.edges,
      simplePaths: model.simplePaths,
    });
    expect(manifest.paths).toEqual(
      model.paths.map((p) => ({
        file: `${p.name}.transcript`,
        branches: p.branches,
        positions: p.positions,
      })),
    );
    const files = fs.readdirSync(generatedDir).filter((f) => f.endsWith('.transcript'));
    expect(files.sort()).toEqual(manifest.paths.map((p) => p.file).sort());
    // The generated conversations end where the machine ends: submitted or declined.
    expect(new Set(model.paths.map((p) => p.positions.at(-1)))).toEqual(new Set(['submitted', 'declined']));
  });
});
