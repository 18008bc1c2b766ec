import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { documentsEnabled, instanceShare, type Config } from '../config';
import type { Flows } from '../intake/flows';
import { log } from '../logger';
import { projectRoot } from '../paths';
import { ChannelConversations, defaultLimits } from './conversations';
import { DirectLineChannel } from './direct-line';
import { forgottenKeepMs } from './direct-line-auth';
import { ForgottenConversations } from './forgotten';
import type { ForgottenConversation } from '../ports/forgotten-conversations';
import type { Documents } from '../ports/store';
import { ResumeCodes } from './resume-codes';
import { type ResumeCodeRecord } from '../ports/resume-codes';
import { loadChannelSecret } from './secret';
import { TokenSigner } from './tokens';
import { compressedPage, readManifest, webAssets, type WebManifest } from './web-assets';
import { azureTokenSource, builtInTokenSource, tokenRouter } from './webchat-token';

/**
 * The firm's website: the page (/), its Web Chat bundle (/build), the page's token endpoint and,
 * unless DIRECT_LINE_DOMAIN points the page at Azure, the built-in Direct Line channel.
 */

export const webSourceDir = path.join(projectRoot, 'web');
export const webBuildDir = path.join(projectRoot, 'public', 'build');

export interface WebsiteOptions {
  /** The bot's app id when one is configured: the id its replies come from. */
  botId?: string;
  /** Where resume codes are kept (the storage backend's `resumeCodes`). */
  resumeCodes: Documents<ResumeCodeRecord>;
  /** Where privacy deletions of website conversations are kept (the storage's `forgottenConversations`). */
  forgottenConversations: Documents<ForgottenConversation>;
  /** The built-in channel's clock (rate limits, idle conversations); tests pass their own. */
  clock?: () => number;
}

export function createWebsite(config: Config, flows: Flows, options: WebsiteOptions) {
  const azureDomain = config.DIRECT_LINE_DOMAIN;
  if (azureDomain && !config.DIRECT_LINE_SECRET)
    throw new Error(
      'Invalid configuration: DIRECT_LINE_DOMAIN needs DIRECT_LINE_SECRET (the Direct Line secret)',
    );
  const secret = loadChannelSecret(config.DIRECT_LINE_SECRET, config.DATA_DIR);
  const resumeCodes = new ResumeCodes(options.resumeCodes, secret);
  const forgotten = new ForgottenConversations(options.forgottenConversations, forgottenKeepMs());

  const channel = azureDomain
    ? undefined
    : new DirectLineChannel({
        signer: new TokenSigner(secret),
        secret,
        botId: options.botId ?? 'imp-intake-bot',
        botName: flows['en-CA'].firm.name,
        publicUrl: config.PUBLIC_URL,
        forgotten,
        trustedProxies: config.TRUST_PROXY ? Number(config.TRUST_PROXY) : 0,
        conversations: new ChannelConversations(
          { ...defaultLimits, postsPerSecond: config.DIRECT_LINE_MESSAGES_PER_MINUTE / 60 },
          options.clock,
        ),
      });

  const issuer = channel
    ? builtInTokenSource((conversationId, userId) => channel.issue(conversationId, userId))
    : azureTokenSource(azureDomain!, secret);
  // a conversation deleted on a privacy request is gone, whatever code or token is presented
  const source = {
    domain: issuer.domain,
    start: () => issuer.start(),
    resume: async (conversationId: string, userId: string) =>
      (await forgotten.isForgotten(conversationId)) ? undefined : issuer.resume(conversationId, userId),
  };

  const router = express.Router();
  // the limits count per process: several instances (INSTANCES) each allow their share
  const share = (limit: number) => instanceShare(limit, config.INSTANCES);
  router.use(
    tokenRouter({
      source,
      resumeCodes,
      tokensPerMinute: share(20),
      failedResumesPerQuarterHour: share(10),
      documents: documentsEnabled(config),
    }),
  );
  if (channel) {
    router.use('/v3/directline', channel.router());
  }

  const page = renderPage(flows);
  // Web Chat's upload reads the chosen file from its blob: URL before posting it
  const connectSources = [
    "'self'",
    ...(azureDomain ? directLineOrigins(azureDomain) : []),
    ...(documentsEnabled(config) ? ['blob:'] : []),
  ];
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'connect-src': connectSources,
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': config.PUBLIC_URL?.startsWith('https:') ? [] : null,
      },
    },
  });
  router.get('/', secureHeaders, compressedPage(page));
  router.use('/build', secureHeaders, webAssets(webBuildDir));
  if (!readManifest(webBuildDir))
    log.warn('web-bundle-missing', { hint: 'run npm run build:web (npm start does it first)' });

  const purge = setInterval(
    () => {
      void resumeCodes.purgeExpired().catch(() => undefined);
      void forgotten.purgeExpired().catch(() => undefined);
    },
    60 * 60 * 1000,
  );
  purge.unref();

  return {
    /** Adds the website's routes to the express app. */
    mount(app: Express) {
      if (config.TRUST_PROXY) app.set('trust proxy', Number(config.TRUST_PROXY));
      app.use(router);
    },
    channel,
    resumeCodes,
    /**
     * What a privacy deletion removes from the website channel: the conversation's resume code,
     * its log in the channel's memory, its live streams and every token issued for it.
     */
    records: {
      async forget(conversationKey: string) {
        const prefix = 'directline/conversations/';
        if (conversationKey.startsWith(prefix)) {
          const conversationId = conversationKey.slice(prefix.length);
          if (channel) await channel.forget(conversationId);
          else await forgotten.forget(conversationId);
        }
        return resumeCodes.forget(conversationKey);
      },
    },
    /** Once the server listens: the built-in channel's WebSocket streams. */
    attach(server: Server) {
      channel?.attach(server);
    },
    close() {
      clearInterval(purge);
      channel?.close();
    },
  };
}

function directLineOrigins(domain: string): string[] {
  const { origin, host } = new URL(domain);
  return [origin, `${origin.startsWith('https:') ? 'wss' : 'ws'}://${host}`];
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** web/index.html with the firm's details from flows/ (the firm edits them there, once). */
export function renderPage(
  flows: Flows,
  template = fs.readFileSync(path.join(webSourceDir, 'index.html'), 'utf8'),
  manifest: WebManifest | undefined = readManifest(webBuildDir),
) {
  const values: Record<string, string> = {};
  for (const [locale, flow] of Object.entries(flows)) {
    const lang = locale.slice(0, 2);
    for (const [key, value] of Object.entries(flow.firm)) values[`firm.${key}.${lang}`] = value;
  }
  const firm = flows['en-CA'].firm;
  Object.assign(values, {
    'firm.name': firm.name,
    'firm.city': firm.city,
    'firm.phone': firm.phone,
    'firm.phoneHref': `tel:${firm.phone.replace(/[^\d+]/g, '')}`,
    'firm.email': firm.email,
    'firm.website': firm.website,
  });
  // The build's hashed file names (web-assets.ts); before a build, the names it will have.
  const entries = manifest?.entries ?? {
    'page.js': 'page.js',
    'language.js': 'language.js',
    'page.css': 'page.css',
    'favicon.svg': 'favicon.svg',
  };
  for (const [name, file] of Object.entries(entries)) values[`build.${name}`] = `/build/${file}`;
  const preload = (manifest?.pageImports ?? []).map(
    (file) => `<link rel="modulepreload" href="/build/${escapeHtml(file)}" />`,
  );
  values['build.chat'] = (manifest?.chat ?? []).map((file) => `/build/${file}`).join(' ');
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => {
    if (key === 'build.preload') return preload.join('\n    ');
    const value = values[key];
    if (value === undefined) throw new Error(`web/index.html: unknown placeholder ${whole}`);
    return escapeHtml(value);
  });
}
