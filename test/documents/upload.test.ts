import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Answers } from '../../src/intake/steps';
import {
  botMessages,
  directLine,
  postMessage,
  requestChat,
  startSite,
  type DirectLineActivity,
} from '../channel/support';
import { intraCompanyWorker } from '../support/answers';
import { startClamd, EICAR, type TestClamd } from '../support/clamd';
import { flows, typedAnswer } from '../support/talk';
import { filesUnder } from '../support/temp-data';
import { pdfBytes, windowsExe } from './samples';

type Site = Awaited<ReturnType<typeof startSite>>;
type Chat = { token: string; conversationId: string; userId: string };

async function startedChat(site: Site): Promise<Chat> {
  const chat = (await requestChat(site.url)).body;
  expect((await directLine(site.url, chat.token, 'POST', '/conversations', { locale: 'en-CA' })).status).toBe(
    201,
  );
  return chat;
}

async function activities(site: Site, chat: Chat): Promise<DirectLineActivity[]> {
  const response = await directLine(
    site.url,
    chat.token,
    'GET',
    `/conversations/${chat.conversationId}/activities`,
  );
  return (response.body as unknown as { activities: DirectLineActivity[] }).activities;
}

async function submit(site: Site, chat: Chat): Promise<void> {
  const en = flows()['en-CA'];
  const answers: Answers = intraCompanyWorker;
  await postMessage(site.url, chat, 'yes');
  await postMessage(site.url, chat, en.steps.role.choices![answers.role as string]!);
  for (const step of site.server.engine.reviewSteps(answers))
    await postMessage(site.url, chat, typedAnswer(step, answers[step as keyof Answers], en));
  await postMessage(site.url, chat, 'confirm');
}

/** What botframework-directlinejs sends for Web Chat's upload button. */
function upload(site: Site, chat: Chat, file: Buffer, name: string, text = '', token = chat.token) {
  const form = new FormData();
  const activity = {
    type: 'message',
    text,
    from: { id: chat.userId },
    channelData: { clientActivityID: 'c-1' },
  };
  form.append(
    'activity',
    new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }),
  );
  form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), name);
  return fetch(
    `${site.url}/v3/directline/conversations/${chat.conversationId}/upload?userId=${chat.userId}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    },
  );
}

const lastBotText = async (site: Site, chat: Chat) =>
  botMessages(await activities(site, chat)).at(-1)?.text ?? '';

describe("the built-in Direct Line channel's upload route", () => {
  let clamd: TestClamd;
  let site: Site;
  beforeAll(async () => {
    clamd = await startClamd();
    site = await startSite({
      DOCUMENTS_KEY: randomBytes(32).toString('base64'),
      CLAMD_HOST: '127.0.0.1',
      CLAMD_PORT: String(clamd.port),
      DIRECT_LINE_MESSAGES_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await site?.stop();
    await clamd?.stop();
  });

  it('takes documents only once the answers are sent, then acknowledges what was kept', async () => {
    const chat = await startedChat(site);
    expect((await upload(site, chat, pdfBytes, 'offer.pdf', 'offer letter')).status).toBe(200);
    expect(await lastBotText(site, chat)).toMatch(/once you have sent your answers/);

    await submit(site, chat);
    // the thanks for submitting says documents may be attached, and how
    expect(await lastBotText(site, chat)).toMatch(/Documents the lawyer will want[\s\S]*"offer letter"/);
    const leadId = (await site.server.intake.load(`directline/conversations/${chat.conversationId}`))!
      .leadId!;
    const response = await upload(site, chat, pdfBytes, 'Ana-Perez-offer.pdf', 'offer letter');
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    const echo = (await activities(site, chat)).find((a) => a.id === id)!;
    expect(echo.text).toBe('1 document: offer letter, PDF, 1 kB');
    expect(echo.channelData).toMatchObject({ clientActivityID: 'c-1' });
    expect(await lastBotText(site, chat)).toMatch(/^Received: offer letter, PDF, 1 kB\./);
    const kept = await site.server.documents!.list(leadId);
    expect(kept.map((d) => [d.label, d.kind, d.size])).toEqual([['offer letter', 'pdf', pdfBytes.length]]);

    // the transcript says what it was; no file under DATA_DIR holds its bytes or its name
    await site.server.transcripts.settled();
    const files = filesUnder(site.config.DATA_DIR);
    const transcript = Object.entries(files).filter(([name]) => name.startsWith('transcripts'));
    expect(transcript.map(([, text]) => text).join('')).toContain('1 document: offer letter, PDF, 1 kB');
    const everything = Object.values(files).join('\n');
    expect(everything).not.toContain('Job offer letter for Ana Perez');
    expect(everything).not.toContain('Ana-Perez-offer');
  });

  it('refuses an infected file and an executable named .pdf, keeping nothing, in words', async () => {
    const chat = await startedChat(site);
    await submit(site, chat);
    const leadId = (await site.server.intake.load(`directline/conversations/${chat.conversationId}`))!
      .leadId!;
    await upload(site, chat, Buffer.concat([pdfBytes, Buffer.from(EICAR)]), 'offer.pdf');
    expect(await lastBotText(site, chat)).toMatch(/virus scanner found a threat/);
    await upload(site, chat, windowsExe, 'offer.pdf');
    expect(await lastBotText(site, chat)).toMatch(/not a PDF, JPEG, PNG or HEIC/);
    expect(await site.server.documents!.list(leadId)).toEqual([]);
  });

  it('keeps exactly five of eight files uploaded at once; the others are told five is the most', async () => {
    const chat = await startedChat(site);
    await submit(site, chat);
    const leadId = (await site.server.intake.load(`directline/conversations/${chat.conversationId}`))!
      .leadId!;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(site, chat, pdfBytes, `page-${i}.pdf`, `page ${i}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await site.server.documents!.list(leadId)).toHaveLength(5);
    const replies = botMessages(await activities(site, chat)).map((a) => a.text ?? '');
    expect(replies.filter((text) => /^Received: page \d, PDF, 1 kB\./.test(text))).toHaveLength(5);
    expect(replies.filter((text) => /already attached 5 documents, the most/.test(text))).toHaveLength(3);
  });

  it("refuses another conversation's token and another user's id", async () => {
    const chat = await startedChat(site);
    const other = await startedChat(site);
    expect((await upload(site, chat, pdfBytes, 'a.pdf', '', other.token)).status).toBe(403);
    const response = await fetch(
      `${site.url}/v3/directline/conversations/${chat.conversationId}/upload?userId=${other.userId}`,
      { method: 'POST', headers: { authorization: `Bearer ${chat.token}` }, body: new FormData() },
    );
    expect(response.status).toBe(403);
  });
});

describe('without DOCUMENTS_KEY', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ DIRECT_LINE_MESSAGES_PER_MINUTE: '100000' });
  });
  afterAll(() => site.stop());

  it('tells the prospect documents are not taken, and keeps nothing', async () => {
    const chat = await startedChat(site);
    await submit(site, chat);
    expect(await lastBotText(site, chat)).not.toMatch(/Documents the lawyer will want/);
    expect((await upload(site, chat, pdfBytes, 'offer.pdf', 'offer letter')).status).toBe(200);
    expect(await lastBotText(site, chat)).toMatch(/does not accept documents/);
    expect(fs.existsSync(path.join(site.config.DATA_DIR, 'documents'))).toBe(false);
  });
});

describe('the upload rate', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ DIRECT_LINE_MESSAGES_PER_MINUTE: '1' });
  });
  afterAll(() => site.stop());

  it("counts each upload against the conversation's post rate, as a message (429 past the burst)", async () => {
    const chat = await startedChat(site);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await upload(site, chat, pdfBytes, 'offer.pdf')).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
