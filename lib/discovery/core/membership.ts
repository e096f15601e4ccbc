/**
 * The membership state machine (docs/gossip-wire-format.md#membership): alive / suspect / dead handling with memberlist's incarnation rules,
 * refutation, Lifeguard suspicion timers, push/pull merge. Accepted changes are queued for gossip.
 */
import type { AliveMessage, DeadMessage, PacketMessage, PushNodeState, SuspectMessage } from '../wire/messages';
import type { CoreContext } from './context';
import { isDeadOrLeft, toMemberInfo, type NodeRecord } from './member-list';
import { SuspicionTimer, expectedConfirmations, suspicionTimeout } from './suspicion';
import type { TimerHandle } from './timer-queue';
import type { MembershipEventType } from './types';

function bytesEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  const x = a ?? new Uint8Array(0);
  const y = b ?? new Uint8Array(0);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function vsnEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export class Membership {
  /** Our incarnation counter (memberlist m.incarnation), separate from our record's stored value. */
  private incarnation = 0;
  /** Set by leave(): alive messages about ourselves are ignored and a dead about us is accepted. */
  leaving = false;
  private readonly suspicions = new Map<string, { timer: SuspicionTimer; handle: TimerHandle }>();

  constructor(private readonly ctx: CoreContext) {}

  nextIncarnation(): number {
    this.incarnation = (this.incarnation + 1) >>> 0;
    return this.incarnation;
  }

  /** Suspicion state for a node (tests and metrics). */
  suspicionOf(name: string): SuspicionTimer | undefined {
    return this.suspicions.get(name)?.timer;
  }

  private event(type: MembershipEventType, n: NodeRecord): void {
    this.ctx.emit({ kind: 'event', type, node: toMemberInfo(n) });
  }

  private queue(key: string, message: PacketMessage, onFinished?: () => void): void {
    this.ctx.broadcasts.queue({ key, message, size: this.ctx.opts.sizeOf(message), onFinished });
  }

  private cancelSuspicion(name: string): void {
    const s = this.suspicions.get(name);
    if (s) {
      this.ctx.timers.cancel(s.handle);
      this.suspicions.delete(name);
    }
  }

  /** memberlist aliveNode (docs/gossip-wire-format.md#incarnation-rules). `bootstrap` = our own start-up / UpdateNode alive. */
  alive(a: AliveMessage, now: number, bootstrap = false, onFinished?: () => void): void {
    const { opts, list } = this.ctx;
    const isLocal = a.node === opts.name;
    if (this.leaving && isLocal) return;
    const [pMin, pMax] = a.vsn;
    if (a.vsn.length >= 3 && (pMin === 0 || pMax === 0 || pMin > pMax)) {
      this.ctx.counters.messagesDropped++;
      return;
    }
    let state = list.get(a.node);
    let updatesNode = false;
    if (!state) {
      // Unknown node: created as dead (so accepting it is a join), incarnation 0, at a random position.
      state = {
        name: a.node,
        addr: a.addr,
        port: a.port,
        meta: a.meta ?? new Uint8Array(0),
        incarnation: 0,
        state: 'dead',
        vsn: a.vsn,
        stateChange: Number.NEGATIVE_INFINITY,
      };
      list.add(state);
    } else if (state.addr !== a.addr || state.port !== a.port) {
      // Address conflict: only a left node, or one dead for longer than deadNodeReclaim, may move.
      const canReclaim = opts.reclaimTimeoutMs > 0 && now - state.stateChange > opts.reclaimTimeoutMs;
      if (state.state === 'left' || (state.state === 'dead' && canReclaim)) updatesNode = true;
      else {
        this.ctx.counters.messagesDropped++;
        this.ctx.emit({
          kind: 'nameConflict',
          name: a.node,
          known: { addr: state.addr, port: state.port },
          other: { addr: a.addr, port: a.port },
        });
        return;
      }
    }
    if (a.incarnation <= state.incarnation && !isLocal && !updatesNode) return;
    if (a.incarnation < state.incarnation && isLocal) return;
    this.cancelSuspicion(a.node);
    const oldState = state.state;
    const oldMeta = state.meta;
    if (!bootstrap && isLocal) {
      // Same incarnation and same content: an echo of our own alive. Anything else is refuted.
      if (a.incarnation === state.incarnation && bytesEqual(a.meta, state.meta) && vsnEqual(a.vsn, opts.vsn)) return;
      this.refute(state, a.incarnation);
    } else {
      const meta = a.meta ?? new Uint8Array(0);
      const msg: AliveMessage = { ...a, meta: meta.length > 0 ? meta : undefined };
      this.queue(a.node, msg, onFinished);
      state.vsn = a.vsn;
      state.incarnation = a.incarnation;
      state.meta = meta;
      state.addr = a.addr;
      state.port = a.port;
      if (state.state !== 'alive') {
        state.state = 'alive';
        state.stateChange = now;
      }
    }
    if (oldState === 'dead' || oldState === 'left') this.event('join', state);
    else {
      if (oldState === 'suspect' && state.state === 'alive') this.event('alive', state);
      if (!bytesEqual(oldMeta, state.meta)) this.event('update', state);
    }
  }

  /** memberlist suspectNode (docs/gossip-wire-format.md#incarnation-rules, docs/gossip-wire-format.md#suspicion-timeout). */
  suspect(s: SuspectMessage, now: number): void {
    const { opts, list } = this.ctx;
    const state = list.get(s.node);
    if (!state) return;
    if (s.incarnation < state.incarnation) return;
    const running = this.suspicions.get(s.node);
    if (running) {
      // A new, independent confirmation shortens the timeout and is re-gossiped.
      if (running.timer.confirm(s.from)) {
        this.queue(s.node, s);
        this.rearm(s.node, running.timer);
      }
      return;
    }
    if (state.state !== 'alive') return;
    if (state.name === opts.name) {
      this.refute(state, s.incarnation);
      return;
    }
    this.queue(s.node, s);
    this.ctx.counters.suspicions++;
    state.incarnation = s.incarnation;
    state.state = 'suspect';
    state.stateChange = now;
    this.event('suspect', state);
    const n = list.size;
    const min = suspicionTimeout(opts.suspicionMult, n, opts.probeIntervalMs);
    // Without Lifeguard: the classic fixed timeout, no confirmations.
    const k = opts.lifeguard ? expectedConfirmations(opts.suspicionMult, n) : 0;
    const max = opts.suspicionMaxTimeoutMult * min;
    const timer = new SuspicionTimer(s.from, k, min, max, now);
    this.rearm(s.node, timer);
  }

  private rearm(name: string, timer: SuspicionTimer): void {
    const old = this.suspicions.get(name);
    if (old) this.ctx.timers.cancel(old.handle);
    const changeTime = timer.start;
    const handle = this.ctx.timers.set(timer.deadline, (now) => {
      this.suspicions.delete(name);
      const st = this.ctx.list.get(name);
      if (st && st.state === 'suspect' && st.stateChange === changeTime) {
        this.dead({ type: 'dead', incarnation: st.incarnation, node: name, from: this.ctx.opts.name }, now);
      }
    });
    this.suspicions.set(name, { timer, handle });
  }

  /** memberlist deadNode (docs/gossip-wire-format.md#incarnation-rules). `node === from` marks the node left. */
  dead(d: DeadMessage, now: number, onFinished?: () => void): void {
    const { opts, list } = this.ctx;
    const state = list.get(d.node);
    if (!state) return;
    if (d.incarnation < state.incarnation) return;
    this.cancelSuspicion(d.node);
    if (isDeadOrLeft(state)) return;
    if (state.name === opts.name) {
      if (!this.leaving) {
        this.refute(state, d.incarnation);
        return;
      }
    }
    this.queue(d.node, d, onFinished);
    state.incarnation = d.incarnation;
    state.state = d.node === d.from ? 'left' : 'dead';
    state.stateChange = now;
    // Count only deaths our own suspicion timer declared (received dead messages are not ours).
    if (state.state === 'dead' && d.from === opts.name) this.ctx.counters.deathsDeclared++;
    this.event(state.state === 'left' ? 'leave' : 'dead', state);
  }

  /** memberlist refute: a new incarnation above the accusation, health +1, alive broadcast. */
  private refute(me: NodeRecord, accused: number): void {
    let inc = this.nextIncarnation();
    if (accused >= inc) {
      this.incarnation = (accused + 1) >>> 0;
      inc = this.incarnation;
    }
    me.incarnation = inc;
    this.ctx.counters.refutations++;
    if (this.ctx.opts.lifeguard) this.ctx.awareness.applyDelta(1);
    const msg: AliveMessage = {
      type: 'alive',
      incarnation: inc,
      node: me.name,
      addr: me.addr,
      port: me.port,
      meta: me.meta.length > 0 ? me.meta : undefined,
      vsn: this.ctx.opts.vsn,
    };
    // memberlist queues a refutation under our address string, not our name (docs/gossip-wire-format.md#broadcast-queue quirk).
    this.queue(me.addr, msg);
  }

  /** memberlist mergeState (docs/gossip-wire-format.md#push-pull): alive as alive, left as dead-from-itself, dead/suspect as our suspicion. */
  merge(remote: readonly PushNodeState[], now: number): void {
    for (const r of remote) {
      switch (r.state) {
        case 'alive':
          this.alive(
            {
              type: 'alive',
              incarnation: r.incarnation,
              node: r.name,
              addr: r.addr,
              port: r.port === 0 ? this.ctx.opts.advertisePort : r.port,
              meta: r.meta,
              vsn: r.vsn,
            },
            now,
          );
          break;
        case 'left':
          this.dead({ type: 'dead', incarnation: r.incarnation, node: r.name, from: r.name }, now);
          break;
        case 'dead':
        case 'suspect':
          this.suspect({ type: 'suspect', incarnation: r.incarnation, node: r.name, from: this.ctx.opts.name }, now);
          break;
      }
    }
  }

  /** Forget timers (shutdown). */
  clear(): void {
    for (const name of [...this.suspicions.keys()]) this.cancelSuspicion(name);
  }
}
