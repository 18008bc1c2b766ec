import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml, read without Docker: the app built from the Dockerfile, with ClamAV's
 * official image beside it and the app's clamd address pointing at that service.
 */

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

const root = path.join(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml: the app and clamd', () => {
  const { app, clamav } = compose.services;

  it('runs ClamAV from its official image, with its signatures on a volume and a health check', () => {
    expect(clamav?.image).toMatch(/^clamav\/clamav:/);
    expect(clamav?.volumes).toContain('clamav-db:/var/lib/clamav');
    expect(clamav?.healthcheck?.test).toEqual(['CMD', 'clamdcheck.sh']);
    expect(compose.volumes).toHaveProperty('clamav-db');
  });

  it('builds the app from the Dockerfile and points its clamd address at that service, once healthy', () => {
    expect(app?.build).toBe('.');
    expect(app?.environment).toEqual({ CLAMD_HOST: 'clamav', CLAMD_PORT: '3310' });
    expect(app?.environment).not.toHaveProperty('CLAMD_SOCKET');
    expect(app?.depends_on).toEqual({ clamav: { condition: 'service_healthy' } });
    // DATA_DIR (/data in the image) is a volume, the port the image listens on is published
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/DATA_DIR=\/data/);
    expect(dockerfile).toMatch(/EXPOSE 3978/);
    expect(app?.volumes).toContain('imp-intake-data:/data');
    expect(app?.ports).toContain('3978:3978');
  });
});
