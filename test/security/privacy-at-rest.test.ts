import fs from 'node:fs';
import path from 'node:path';
import { stepCatalogue } from '../../src/intake/steps';
import { startServer } from '../../src/server';
import { intraCompanyWorker, noAdmissibilityConcerns } from '../support/answers';
import { ask } from '../support/http-bot';
import { flows, typedAnswer } from '../support/talk';
import { filesUnder, tempConfig } from '../support/temp-data';

/**
 * Admissibility answers, names, emails and phone numbers live in the conversation and lead stores
 * only: after intakes that answer yes to every admissibility question in free text, no log line,
 * no transcript and no other file holds any of them.
 */

const en = () => flows()['en-CA'];
// The admissibility screeners, and the step the catalogue marks sensitive (mistreatment by an employer).
const admissibility = [
  ...Object.keys(noAdmissibilityConcerns),
  ...Object.entries(stepCatalogue)
    .filter(([, step]) => (step as { sensitive?: true }).sensitive === true)
    .map(([id]) => id),
];

/** The prospect's answer to `step`; a follow-up the fixture does not cover gets its first choice. */
function valueFor(step: string, answers: Record<string, unknown>): unknown {
  if (step in answers) return answers[step];
  const input = stepCatalogue[step as keyof typeof stepCatalogue].input as {
    kind: string;
    choices?: readonly string[];
  };
  if (input.kind === 'yesno') return true;
  if (input.kind === 'choice' && input.choices) return input.choices[0];
  // the follow-ups of a "yes": which country, what year
  if (input.kind === 'country') return 'IN';
  if (input.kind === 'number') return 2020;
  return null;
}

describe('sensitive answers at rest and in logs', () => {
  it('stay out of logs, transcripts and every file outside the conversation and lead stores', async () => {
    const logged: string[] = [];
    const previousLevel = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'debug';
    const capture = (stream: NodeJS.WriteStream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logged.push(String(chunk));
        return true;
      });
    const out = capture(process.stdout);
    const err = capture(process.stderr);
    const config = tempConfig();
    const server = await startServer(config);
    const secrets: string[] = [];
    try {
      for (const [n, prospect] of [
        [
          '1',
          {
            name: 'Oluwaseun Quintero-Abadi',
            email: 'oquintero@private-mail.example',
            phone: '+16045550177',
          },
        ],
        ['2', { name: 'Zhivago Marchetti', email: 'zmarchetti@elsewhere.example', phone: '+14165550188' }],
      ] as const) {
        const answers = {
          ...intraCompanyWorker,
          ...Object.fromEntries(admissibility.map((step) => [step, true])),
          impairedDrivingSince2018: false,
          contactName: prospect.name,
          contactEmail: prospect.email,
          contactPhone: prospect.phone,
        };
        secrets.push(prospect.name, prospect.email, prospect.phone.slice(2), prospect.phone.slice(-7));
        const id = `private-${n}`;
        let replies = await ask(server.url, id, 'hello');
        for (let turn = 0; turn < 200 && replies.at(-1)?.channelData?.intake?.step !== 'review'; turn++) {
          const step = replies.at(-1)!.channelData!.intake!.step;
          if (admissibility.includes(step)) {
            const story = `yes, ${step} story ${n}: convicted in Tallahassee for zyxwv${n}${step}`;
            secrets.push(`zyxwv${n}${step}`, 'Tallahassee');
            replies = await ask(server.url, id, story);
            if (replies.at(-1)?.channelData?.intake?.step === step)
              replies = await ask(
                server.url,
                id,
                typedAnswer(step, answers[step as keyof typeof answers], en()),
              );
            continue;
          }
          replies = await ask(server.url, id, typedAnswer(step, valueFor(step, answers), en()));
        }
        expect([replies.at(-1)?.channelData?.intake?.step, replies.at(-1)?.text]).toEqual([
          'review',
          expect.anything(),
        ]);
        const done = await ask(server.url, id, 'confirm');
        expect(done.map((a) => a.text).join(' ')).toMatch(/IMP-\d{4}/);
      }
      await server.transcripts.settled();
      await server.close();
      // a restart, so that what a start saves (the lead list's rows) is on disk too
      const again = await startServer(config);
      await again.staff.ready;
      await again.close();
    } finally {
      await server.close();
      out.mockRestore();
      err.mockRestore();
      process.env.LOG_LEVEL = previousLevel;
    }
    try {
      expect(logged.length).toBeGreaterThan(10);
      const logText = logged.join('');
      const files = filesUnder(config.DATA_DIR);
      const outside = Object.entries(files).filter(
        ([file]) => !file.startsWith(`conversations${path.sep}`) && !file.startsWith(`leads${path.sep}`),
      );
      expect(outside.some(([file]) => file.startsWith('transcripts'))).toBe(true);
      const found: string[] = [];
      for (const secret of secrets) {
        if (logText.includes(secret)) found.push(`log: ${secret}`);
        for (const [file, content] of outside) if (content.includes(secret)) found.push(`${file}: ${secret}`);
      }
      expect([...new Set(found)]).toEqual([]);
      // They are in the stores meant for them (the check above could not pass by storing nothing).
      const stores = Object.entries(files)
        .filter(([file]) => !outside.some(([other]) => other === file))
        .map(([, content]) => content)
        .join('\n');
      expect(stores).toContain('oquintero@private-mail.example');
    } finally {
      config.cleanup();
      expect(fs.existsSync(config.DATA_DIR)).toBe(false);
    }
  }, 120_000);
});
