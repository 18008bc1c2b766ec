import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { log } from '../logger';
import type { DirectLineAuth } from './direct-line-auth';
import {
  watermarkNumber,
  type ActivitySet,
  type ChannelConversation,
  type ChannelConversations,
  type Subscriber,
} from './conversations';

/**
 * The built-in channel's WebSocket streams: a stream URL's token opens one stream, once; a
 * conversation has one live stream (a new one replaces the one before: a reloaded page, a
 * reconnect); one client address holds at most `maxPerAddress` open streams.
 */

export interface StreamOptions {
  auth: DirectLineAuth;
  conversations: ChannelConversations;
  /** Open streams one client address may hold (20 unless told). */
  maxPerAddress?: number;
  /** Behind a reverse proxy: how many proxies to trust for the client address (TRUST_PROXY). */
  trustedProxies?: number;
  /** Told when a conversation's live stream closes (the prospect may have left). */
  onStreamsClosed?: (conversation: ChannelConversation) => void;
}

const HEARTBEAT_MS = 30_000;

export class DirectLineStreams {
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  /** Open (or opening) streams per client address. */
  private readonly perAddress = new Map<string, number>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly options: StreamOptions) {}

  /** Once the server listens: WebSocket upgrades; `tick` runs with every heartbeat. */
  attach(server: Server, tick: () => void): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(req, socket, head, server).catch((error: unknown) => {
        log.warn('direct-line-upgrade-refused', { error: String(error).slice(0, 100) });
        refuse(socket, 400, 'Bad Request');
      });
    });
    this.heartbeat = setInterval(() => {
      for (const client of this.sockets.clients) {
        const live = client as WebSocket & { alive?: boolean };
        if (live.alive === false) live.terminate();
        else {
          live.alive = false;
          live.ping();
        }
      }
      tick();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, server: Server): Promise<void> {
    socket.on('error', () => socket.destroy());
    // Any malformed URL throws here: the caller answers 400 and closes the socket.
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/.exec(url.pathname);
    if (!match) {
      // Leave other upgrades to whoever else listens; refuse them when nobody does.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    const watermark = url.searchParams.get('watermark') ?? undefined;
    if (watermark !== undefined && Number.isNaN(watermarkNumber(watermark))) {
      refuse(socket, 400, 'Bad Request');
      return;
    }
    // the token is used here, before anything is awaited: two upgrades with it cannot both pass
    const claims = this.options.auth.useStreamToken(url.searchParams.get('t') ?? undefined, conversationId);
    if (!claims || (await this.options.auth.forgotten.isForgotten(conversationId))) {
      refuse(socket, 403, 'Forbidden');
      return;
    }
    if (!this.reserve(clientAddress(req, this.options.trustedProxies ?? 0), socket)) {
      refuse(socket, 429, 'Too Many Requests');
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      this.open(ws, this.options.conversations.ensure(conversationId, claims.user), watermark);
    });
  }

  /** Counts a stream for the address until its socket closes; false when the address has its share. */
  private reserve(address: string, socket: Duplex): boolean {
    const open = this.perAddress.get(address) ?? 0;
    if (open >= (this.options.maxPerAddress ?? 20)) {
      log.warn('direct-line-streams-per-address', { open });
      return false;
    }
    this.perAddress.set(address, open + 1);
    socket.once('close', () => {
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
    return true;
  }

  /** The conversation's live stream from now on: the one before it is closed. */
  private open(ws: WebSocket, conversation: ChannelConversation, watermark: string | undefined): void {
    conversation.closeStreams('replaced by a newer stream');
    const live = ws as WebSocket & { alive?: boolean };
    live.alive = true;
    ws.on('pong', () => (live.alive = true));
    ws.on('error', () => ws.terminate());
    const subscriber = gatheringSubscriber(ws);
    const backlog = conversation.since(watermark);
    if (backlog.activities.length > 0) subscriber.send(backlog);
    conversation.subscribers.add(subscriber);
    ws.on('message', () => conversation.touch());
    ws.on('close', () => {
      const wasLive = conversation.subscribers.delete(subscriber);
      conversation.touch();
      if (wasLive && conversation.subscribers.size === 0) this.options.onStreamsClosed?.(conversation);
    });
  }
}

/**
 * What a turn appends (the prospect's message, the replies, the prompt) goes out as one activity
 * set, once the turn's synchronous work is done: one frame, not one per activity.
 */
function gatheringSubscriber(ws: WebSocket): Subscriber {
  let pending: ActivitySet | undefined;
  const flush = () => {
    if (!pending) return;
    const set = pending;
    pending = undefined;
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
  };
  return {
    flush,
    send: (set: ActivitySet) => {
      if (!pending) {
        pending = { activities: [...set.activities], watermark: set.watermark };
        setImmediate(flush);
        return;
      }
      pending.activities.push(...set.activities);
      pending.watermark = set.watermark;
    },
    close: (reason) => ws.close(1000, reason),
  };
}

/** The client's address: the socket's, or behind `trustedProxies` proxies the one they forwarded. */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const remote = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return remote;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  const chain = [...forwarded, remote];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
