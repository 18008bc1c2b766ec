import { startServer } from '../../src/server';
import { employer } from '../support/answers';
import { ask } from '../support/http-bot';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import { addStaff, StaffClient, submitIntake, type Running } from '../staff/support';

const en = () => flows()['en-CA'];
const forgot = 'I forgot to mention my wife is a nurse';

describe('a message after submitting, over /api/messages', () => {
  const config = tempConfig();
  let server: Running;
  beforeAll(async () => {
    server = await startServer(config);
    await addStaff(config.DATA_DIR);
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it('is added to the lead with its time, staff are told, and the prospect hears it was added', async () => {
    const reference = await submitIntake(server, 'after-1', employer);
    const [lead] = await server.leads.all();
    const before = Date.now();
    const replies = await ask(server.url, 'after-1', forgot);

    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(en().messages.addedAfterSubmission.replace('{reference}', reference));
    const stored = await server.leads.get(lead!.id);
    expect(stored!.additions).toHaveLength(1);
    expect(stored!.additions![0]!.text).toBe(forgot);
    expect(Date.parse(stored!.additions![0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    const deliveries = await server.staff.notifier.deliveriesOf(lead!.id);
    expect(
      deliveries
        .filter((d) => d.kind === 'addition')
        .map((d) => d.target)
        .sort(),
    ).toEqual(['email', 'webhook']);

    const client = new StaffClient(server.url);
    await client.login();
    const page = await (await client.get(`/staff/leads/${lead!.id}`)).text();
    expect(page).toContain('Added after submission');
    expect(page).toContain(forgot);
  });

  it('still starts a new intake on "restart"', async () => {
    await submitIntake(server, 'after-2', employer);
    const replies = await ask(server.url, 'after-2', 'restart');
    expect(replies.at(-1)?.channelData?.intake?.step).toBe('consent');
  });
});
