import { leadSchema } from '../../src/screening/lead';
import { categoryOf, describeSource, leadSourceSchema, sourceFrom } from '../../src/screening/source';
import { intraCompanyWorker } from '../support/answers';
import { leadOf } from '../notify/support';

describe('the lead source, from the page or the channel', () => {
  it.each([
    [{ referrerHost: 'www.google.com' }, 'search'],
    [{ referrerHost: 'google.co.uk' }, 'search'],
    [{ referrerHost: 'duckduckgo.com' }, 'search'],
    [{ referrerHost: 'l.facebook.com' }, 'social'],
    [{ referrerHost: 'www.linkedin.com' }, 'social'],
    [{ referrerHost: 't.co' }, 'social'],
    [{ referrerHost: 'settlement-services.example.org' }, 'referral'],
    [{}, 'direct'],
    [{ landingPath: '/fr' }, 'direct'],
    [{ utm: { source: 'newsletter', medium: 'email', campaign: 'spring-2026' } }, 'campaign'],
    [{ utm: { source: 'google', medium: 'cpc' }, referrerHost: 'www.google.com' }, 'campaign'],
    [{ utm: { source: 'facebook' } }, 'social'],
    [{ utm: { source: 'linkedin', medium: 'social', campaign: 'tech-hiring' } }, 'social'],
    [{ utm: { source: 'bing', medium: 'organic' } }, 'search'],
    [{ utm: { source: 'partner-site', medium: 'referral' } }, 'referral'],
    [{ utm: { campaign: 'job-fair' } }, 'campaign'],
  ] as const)('classifies %j as %s', (website, category) => {
    expect(categoryOf(website)).toBe(category);
    expect(sourceFrom('directline', website).category).toBe(category);
  });

  it('keeps only what is well formed: a hostile page can put nothing else on a lead', () => {
    const source = sourceFrom('directline', {
      referrerHost: '<script>alert(1)</script>',
      utm: { source: '=HYPERLINK("http://evil")', medium: 'email', campaign: '<img src=x onerror=alert(1)>' },
      landingPath: 'javascript:alert(1)',
      extra: { nested: { deep: true } },
    });
    expect(source).toEqual({
      channel: 'directline',
      website: { utm: { medium: 'email' } },
      category: 'campaign',
    });
    expect(leadSourceSchema.safeParse(source).success).toBe(true);
    for (const junk of [null, 'google', 42, [], { utm: 'x', referrerHost: ['a'] }])
      expect(() => sourceFrom('directline', junk)).not.toThrow();
    expect(sourceFrom('directline', 'google')).toEqual({ channel: 'directline', category: 'other' });
    expect(sourceFrom('Bad Channel!', undefined).channel).toBe('unknown');
    // long but valid tags are cut, not dropped; hosts are lower case
    expect(sourceFrom('directline', { utm: { campaign: 'x'.repeat(5000) } }).website?.utm?.campaign).toBe(
      'x'.repeat(80),
    );
    expect(sourceFrom('directline', { referrerHost: 'WWW.Bing.COM.' }).website).toEqual({
      referrerHost: 'www.bing.com',
    });
  });

  it('names the channel of a conversation that is not the website', () => {
    expect(sourceFrom('msteams', undefined)).toEqual({ channel: 'msteams', category: 'other' });
    expect(describeSource(sourceFrom('emulator', undefined))).toBe('other — channel emulator');
  });

  it('describes a source in one line for staff', () => {
    expect(
      describeSource(
        sourceFrom('directline', {
          referrerHost: 'www.google.ca',
          utm: { source: 'google', medium: 'cpc', campaign: 'lmia-exempt' },
          landingPath: '/fr',
        }),
      ),
    ).toBe('campaign — campaign lmia-exempt from google (cpc), via www.google.ca, landed on /fr');
    expect(describeSource(sourceFrom('directline', { landingPath: '/' }))).toBe(
      'direct — no referrer, landed on /',
    );
  });

  it('reads a lead stored with the former "How did you hear about us?" answer as its source', () => {
    const { source: _source, ...current } = leadOf(intraCompanyWorker, 'lead-old');
    const stored = JSON.parse(
      JSON.stringify({ ...current, answers: { ...current.answers, heardAbout: 'socialMedia' } }),
    );
    const lead = leadSchema.parse(stored);
    expect(lead.source).toEqual({ channel: 'unknown', reported: 'socialMedia', category: 'social' });
    expect(lead.answers).not.toHaveProperty('heardAbout');
    expect(describeSource(lead.source)).toBe('social media — the prospect said: social media');
    const { heardAbout: _h, ...withoutAnswer } = stored.answers;
    expect(leadSchema.parse({ ...stored, answers: withoutAnswer }).source).toEqual({
      channel: 'unknown',
      category: 'other',
    });
  });

  it('puts the source the channel told on the lead, and its line in the summary', () => {
    const lead = leadOf(intraCompanyWorker, 'lead-new');
    expect(lead.source).toEqual({ channel: 'unknown', category: 'other' });
    expect(lead.summary.text).toMatch(/^Source: other$/m);
  });
});
