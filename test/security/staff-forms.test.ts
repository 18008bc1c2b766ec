import { log } from '../../src/logger';
import { startServer } from '../../src/server';
import { addStaff, StaffClient, type Running } from '../staff/support';
import { tempConfig } from '../support/temp-data';

/** Bodies the staff form parser refuses (too many fields, a charset it does not read, too large). */
const refusedBodies: [string, string, string, number][] = [
  [
    '60 fields',
    'application/x-www-form-urlencoded',
    Array.from({ length: 60 }, (_, i) => `f${i}=${i}`).join('&'),
    413,
  ],
  ['charset=utf-16', 'application/x-www-form-urlencoded; charset=utf-16', 'email=a%40b.c', 415],
  ['charset=koi8-r', 'application/x-www-form-urlencoded; charset=koi8-r', 'email=a%40b.c', 415],
  ['a 70 kB body', 'application/x-www-form-urlencoded', `email=${'a'.repeat(70 * 1024)}`, 413],
  ['a 5 MB body', 'application/x-www-form-urlencoded', 'a'.repeat(5 * 1024 * 1024), 413],
];

describe('staff forms with a body the form parser refuses', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  let errors: jest.SpyInstance;
  beforeAll(async () => {
    config = tempConfig();
    await addStaff(config.DATA_DIR);
    server = await startServer(config);
  });
  beforeEach(() => {
    errors = jest.spyOn(log, 'error');
  });
  afterEach(() => errors.mockRestore());
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it.each(refusedBodies)(
    'POST /staff/login with %s answers the sign-in page with a 4xx, and logs no error',
    async (_name, type, body, status) => {
      const client = new StaffClient(server.url);
      await client.get('/staff/login');
      const answer = await client.request('/staff/login', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect(answer.status).toBe(status);
      const page = await answer.text();
      expect(page).toContain('name="password"');
      expect(page).toMatch(/could not be read/);
      expect(errors).not.toHaveBeenCalled();
    },
  );

  it.each(refusedBodies)(
    'a signed-in staff form with %s answers the form error page with a 4xx, and logs no error',
    async (_name, type, body, status) => {
      const client = new StaffClient(server.url);
      expect((await client.login()).status).toBe(303);
      const answer = await client.request('/staff/logout', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect(answer.status).toBe(status);
      expect(await answer.text()).toMatch(/could not be read/);
      expect(errors).not.toHaveBeenCalled();
      // still signed in: the form was refused, not acted on
      expect((await client.get('/staff/leads')).status).toBe(200);
    },
  );
});
