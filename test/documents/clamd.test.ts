import net from 'node:net';
import { ClamdClient, ScannerUnavailableError } from '../../src/documents/clamd';
import { EICAR, EICAR_SIGNATURE, startClamd, type TestClamd } from '../support/clamd';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('the ClamAV clamd client (INSTREAM)', () => {
  let clamd: TestClamd;
  beforeAll(async () => {
    clamd = await startClamd();
  }, 90_000);
  afterAll(async () => {
    await clamd?.stop();
  });

  it.each(['socket', 'tcp'] as const)('passes a clean file over the %s listener', async (kind) => {
    await expect(clamd.client(kind).scan(pdf)).resolves.toEqual({ clean: true });
  });

  it.each(['socket', 'tcp'] as const)('finds the EICAR test file over the %s listener', async (kind) => {
    await expect(clamd.client(kind).scan(Buffer.from(EICAR))).resolves.toEqual({
      clean: false,
      signature: EICAR_SIGNATURE,
    });
  });

  it('streams a file larger than one chunk (several INSTREAM chunks)', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(3 * 64 * 1024 + 17, 0x20)]);
    await expect(clamd.client().scan(big)).resolves.toEqual({ clean: true });
  });
});

describe('when the scanner is down', () => {
  it('refuses with ScannerUnavailableError ("try again later") when nothing listens', async () => {
    const client = new ClamdClient({ socket: '/nonexistent/clamd.sock' }, 2_000);
    await expect(client.scan(pdf)).rejects.toBeInstanceOf(ScannerUnavailableError);
    await expect(client.scan(pdf)).rejects.toThrow(/try again later/);
    expect(await client.ping()).toBe(false);
  });

  it('refuses once a running clamd has stopped', async () => {
    const clamd = await startClamd();
    const client = clamd.client('tcp');
    await expect(client.scan(pdf)).resolves.toEqual({ clean: true });
    await clamd.stop();
    await expect(client.scan(pdf)).rejects.toBeInstanceOf(ScannerUnavailableError);
  }, 90_000);
});

describe("the tests' own clamd (test/support/clamd.ts)", () => {
  it('starts on another port when the one it picked is taken before clamd binds it', async () => {
    // what a busy machine does between choosing a free port and clamd binding it (clamd binds
    // only after loading its signatures): another socket takes the port
    const squatter = net.createServer(() => {});
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    let clamd: TestClamd | undefined;
    try {
      clamd = await startClamd({ port: taken });
      expect(clamd.port).not.toBe(taken);
      await expect(clamd.client('tcp').scan(pdf)).resolves.toEqual({ clean: true });
    } finally {
      await clamd?.stop();
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 90_000);
});
