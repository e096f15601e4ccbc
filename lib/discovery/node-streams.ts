/**
 * The TCP side of the driver (docs/gossip-wire-format.md#tcp-streams): answering inbound streams, and running the push/pulls
 * and fallback pings the core asks for. Every outcome goes back into the core, then the driver pumps.
 */
import type { MembershipCore, PushPullRequest, StreamPingRequest } from './core/types';
import type { PushPullMessage } from './wire/messages';
import { WireDecodeError } from './wire/errors';
import type { GossipCodec } from './transport/codec';
import type { NetTransport } from './transport/net-transport';
import type { StreamConn } from './transport/stream-conn';
import { readStreamMessage } from './transport/stream-io';
import { GossipNodeError } from './node-errors';
import type { UserMessageEvent } from './node-events';
import { dropReason } from './node-drops';

export interface StreamContext {
  readonly core: MembershipCore;
  readonly codec: GossipCodec;
  readonly transport: NetTransport;
  running(): boolean;
  pump(): void;
  deliverUser(message: UserMessageEvent): void;
}

/** An accepted TCP stream: push/pull, TCP ping or reliable user message (docs/gossip-wire-format.md#tcp-streams). */
export async function answerStream(ctx: StreamContext, conn: StreamConn): Promise<void> {
  let msg;
  try {
    msg = await readStreamMessage(conn, ctx.codec.streamDecoder(true));
  } catch (err) {
    ctx.transport.counters.dropStream(dropReason(err));
    // Like Go, tell a peer that sent something unreadable why (errMsg, docs/gossip-wire-format.md#tcp-streams) — best effort.
    if (err instanceof WireDecodeError) {
      await conn.write(ctx.codec.encodeStream({ type: 'err', error: err.message }, false)).catch(() => undefined);
    }
    return;
  }
  if (!ctx.running()) return;
  switch (msg.type) {
    case 'pushPull': {
      const reply: PushPullMessage = { type: 'pushPull', join: msg.join, nodes: ctx.core.localState() };
      await conn.write(ctx.codec.encodeStream(reply, false));
      const merged = ctx.core.mergeRemoteState(msg.nodes, msg.join, Date.now());
      if (!merged.ok) ctx.transport.counters.dropStream('merge-rejected');
      ctx.pump();
      return;
    }
    case 'ping':
      if (ctx.core.shouldAnswerPing(msg)) await conn.write(ctx.codec.encodeStream({ type: 'ack', seqNo: msg.seqNo }, false));
      return;
    case 'user':
      ctx.deliverUser({ payload: msg.payload, from: { addr: conn.remoteAddress, port: conn.remotePort }, reliable: true });
      return;
    default:
      ctx.transport.counters.dropStream('unexpected-type');
  }
}

/** Our side of a push/pull the core asked for (docs/gossip-wire-format.md#push-pull); the outcome always goes back to the core. */
export async function runPushPull(ctx: StreamContext, req: PushPullRequest): Promise<void> {
  let outcome: { ok: true } | { ok: false; error: Error };
  try {
    const conn = await ctx.transport.dial(req.to.addr, req.to.port);
    try {
      const mine: PushPullMessage = { type: 'pushPull', join: req.join, nodes: ctx.core.localState() };
      await conn.write(ctx.codec.encodeStream(mine, true));
      const answer = await readStreamMessage(conn, ctx.codec.streamDecoder(false));
      if (answer.type === 'err') throw new GossipNodeError('GOSSIP_SEND_FAILED', `remote error: ${answer.error}`);
      if (answer.type !== 'pushPull') throw new GossipNodeError('GOSSIP_SEND_FAILED', `expected push/pull answer, got ${answer.type}`);
      if (!ctx.running()) return;
      outcome = ctx.core.mergeRemoteState(answer.nodes, answer.join, Date.now());
    } finally {
      conn.destroy();
    }
  } catch (err) {
    outcome = { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
  if (!ctx.running()) return;
  ctx.core.pushPullResult(req, outcome, Date.now());
  ctx.pump();
}

/** TCP fallback ping (docs/gossip-wire-format.md#tcp-fallback-ping); reported to the core by the deadline, success or not. */
export async function runStreamPing(ctx: StreamContext, req: StreamPingRequest): Promise<void> {
  let ok = false;
  const budget = Math.max(1, req.deadline - Date.now());
  try {
    const conn = await ctx.transport.dial(req.to.addr, req.to.port, budget);
    try {
      await conn.write(ctx.codec.encodeStream(req.ping, true));
      const answer = await readStreamMessage(conn, ctx.codec.streamDecoder(false));
      ok = answer.type === 'ack' && answer.seqNo === req.ping.seqNo;
    } finally {
      conn.destroy();
    }
  } catch {
    // a failed dial, write or read is a failed ping: ok stays false
  }
  if (!ctx.running()) return;
  ctx.core.streamPingResult(req.ping.seqNo, ok, Date.now());
  ctx.pump();
}
