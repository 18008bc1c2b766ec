import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/open-storage';

const azurite =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;';

describe('the settings of several instances', () => {
  it('keeps the lowdb files as the default', () => {
    expect(loadConfig({}).STORAGE).toBe('file');
  });

  it('refuses azure-blob without a connection string, or with a container name Azure refuses', () => {
    expect(() => loadConfig({ STORAGE: 'azure-blob', SINGLE_INSTANCE: '1' })).toThrow(
      /STORAGE=azure-blob needs AZURE_STORAGE_CONNECTION_STRING/,
    );
    expect(() =>
      loadConfig({
        STORAGE: 'azure-blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite,
        AZURE_STORAGE_CONTAINER: 'Leads_2026',
        SINGLE_INSTANCE: '1',
      }),
    ).toThrow(/AZURE_STORAGE_CONTAINER: a container name/);
    expect(() => loadConfig({ STORAGE: 'azure' })).toThrow(/STORAGE/);
  });

  it('refuses the built-in chat channel on the shared store unless told this is the only instance', () => {
    const shared = { STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: azurite };
    expect(() => loadConfig(shared)).toThrow(/DIRECT_LINE_DOMAIN.*SINGLE_INSTANCE=1/s);
    expect(loadConfig({ ...shared, SINGLE_INSTANCE: '1' }).SINGLE_INSTANCE).toBe(true);
    expect(
      loadConfig({
        ...shared,
        DIRECT_LINE_DOMAIN: 'https://directline.botframework.com/v3/directline',
        DIRECT_LINE_SECRET: 'azure-direct-line-secret-as-azure-issues-it',
        INSTANCES: '3',
      }).INSTANCES,
    ).toBe(3);
    expect(() => loadConfig({ ...shared, SINGLE_INSTANCE: '1', INSTANCES: '2' })).toThrow(/contradicts/);
  });

  it('says so at start when the connection string is not one', async () => {
    const config = loadConfig({
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: 'not a connection string',
      SINGLE_INSTANCE: '1',
    });
    await expect(openStorage(config)).rejects.toThrow(/AZURE_STORAGE_CONNECTION_STRING is not a valid/);
  });

  it('keeps a notification lease longer than a send may take', () => {
    expect(() => loadConfig({ NOTIFY_LEASE_SECONDS: '5' })).toThrow(/NOTIFY_LEASE_SECONDS: at least 20/);
  });
});
