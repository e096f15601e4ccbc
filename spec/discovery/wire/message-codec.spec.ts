import { strict as assert } from 'node:assert';
import { decodeMessage, encodeMessage, encodedSize } from '../../../lib/discovery/wire/message-codec';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { AliveMessage, PushPullMessage } from '../../../lib/discovery/wire/messages';
import { capture, hex, toHex } from './support/captures';
import { throwsCode } from '../../support/errors';

const text = (s: string): string => Buffer.from(s).toString('hex');
const fix = (s: string): string => (0xa0 + s.length).toString(16) + text(s);

describe('wire/message-codec', () => {
  describe('captured Go messages', () => {
    it('decodes the captured ping and re-encodes it byte for byte', () => {
      const bytes = capture('memberlist-0.2.2-nocompress.json', 15).bytes;
      const m = decodeMessage(bytes);
      assert.deepEqual(m, { type: 'ping', seqNo: 1, node: 'c2', sourceAddr: '127.0.0.1', sourceNode: 'c1', sourcePort: 7980 });
      assert.equal(toHex(encodeMessage(m)), toHex(bytes));
    });

    it('decodes the captured ack with a nil payload and re-encodes it byte for byte', () => {
      const bytes = capture('memberlist-0.2.2-nocompress.json', 16).bytes;
      const m = decodeMessage(bytes);
      assert.deepEqual(m, { type: 'ack', seqNo: 1 });
      assert.equal(toHex(encodeMessage(m)), toHex(bytes));
    });

    it('decodes the captured push/pull (join) and re-encodes it byte for byte', () => {
      for (const id of [4, 6]) {
        const bytes = capture('memberlist-0.2.2-nocompress.json', id).bytes;
        const m = decodeMessage(bytes) as PushPullMessage;
        assert.equal(m.type, 'pushPull');
        assert.equal(m.join, true);
        assert.equal(m.nodes.length, 1);
        assert.equal(m.nodes[0].name, id === 4 ? 'c2' : 'c1');
        assert.equal(m.nodes[0].port, id === 4 ? 7981 : 7980);
        assert.equal(m.nodes[0].addr, '127.0.0.1');
        assert.equal(m.nodes[0].state, 'alive');
        assert.deepEqual(m.nodes[0].vsn, [1, 5, 2, 0, 0, 0]);
        assert.equal(Buffer.from(m.nodes[0].meta ?? []).toString(), id === 4 ? '{"role":"b"}' : '{"role":"a"}');
        assert.equal(m.userState, undefined);
        assert.equal(toHex(encodeMessage(m)), toHex(bytes));
      }
    });

    it('round-trips the spec examples of indirect ping, nack, suspect and err', () => {
      const examples = [
        `0188${fix('Nack')}c3${fix('Node')}${fix('goC')}${fix('Port')}cd461c${fix('SeqNo')}04${fix('SourceAddr')}a47f000001${fix('SourceNode')}${fix('goB')}${fix('SourcePort')}cd461b${fix('Target')}a47f000001`,
        `0b81${fix('SeqNo')}04`,
        `0383${fix('From')}${fix('goB')}${fix('Incarnation')}01${fix('Node')}${fix('goC')}`,
        `0d81${fix('Error')}${fix('boom')}`,
      ];
      for (const h of examples) assert.equal(toHex(encodeMessage(decodeMessage(hex(h)))), h);
      assert.deepEqual(decodeMessage(hex(examples[0])), {
        type: 'indirectPing',
        seqNo: 4,
        target: '127.0.0.1',
        port: 0x461c,
        node: 'goC',
        nack: true,
        sourceAddr: '127.0.0.1',
        sourceNode: 'goB',
        sourcePort: 0x461b,
      });
    });

    it('encodes the spec push/pull example with raw user state after the node states', () => {
      const m: PushPullMessage = {
        type: 'pushPull',
        join: true,
        userState: Buffer.from('state-goA'),
        nodes: [
          {
            name: 'goA',
            addr: '127.0.0.1',
            port: 0x461a,
            meta: Buffer.from('meta-goA'),
            incarnation: 1,
            state: 'alive',
            vsn: [1, 5, 2, 0, 0, 0],
          },
        ],
      };
      const expected =
        `0683${fix('Join')}c3${fix('Nodes')}01${fix('UserStateLen')}09` +
        `87${fix('Addr')}a47f000001${fix('Incarnation')}01${fix('Meta')}${fix('meta-goA')}${fix('Name')}${fix('goA')}` +
        `${fix('Port')}cd461a${fix('State')}00${fix('Vsn')}a6010502000000${text('state-goA')}`;
      assert.equal(toHex(encodeMessage(m)), expected);
      assert.equal(expected.length / 2, 111);
      const back = decodeMessage(hex(expected)) as PushPullMessage;
      assert.equal(Buffer.from(back.userState ?? []).toString(), 'state-goA');
    });
  });

  describe('encoding like Go', () => {
    it('writes a 40-character name as raw16 (da), never str8', () => {
      const name = 'n'.repeat(40);
      const bytes = encodeMessage({ type: 'suspect', incarnation: 1, node: name, from: 'x' });
      assert.ok(toHex(bytes).includes(`da0028${text(name)}`));
      assert.ok(!toHex(bytes).includes('d928'));
    });

    it('writes IPv6 as 16 bytes and an IPv4-mapped text as 4 bytes', () => {
      const alive = (addr: string): AliveMessage => ({ type: 'alive', incarnation: 1, node: 'n', addr, port: 1, vsn: [1, 5, 2, 0, 0, 0] });
      assert.ok(toHex(encodeMessage(alive('fd00::2'))).includes('b0fd000000000000000000000000000002'));
      assert.ok(toHex(encodeMessage(alive('::ffff:10.0.0.1'))).includes('a40a000001'));
      assert.equal((decodeMessage(encodeMessage(alive('fd00::2'))) as AliveMessage).addr, 'fd00::2');
    });

    it('writes text addresses for the go-doudou fork when asked', () => {
      const m: AliveMessage = { type: 'alive', incarnation: 1, node: 'n', addr: 'db01.svc', port: 1, vsn: [1, 5, 2, 0, 0, 0] };
      const b = encodeMessage(m, { addrEncoding: 'text' });
      assert.ok(toHex(b).includes(fix('db01.svc')));
      assert.equal((decodeMessage(b, { addrEncoding: 'text' }) as AliveMessage).addr, 'db01.svc');
    });

    it('omits empty Source* fields of a ping like omitempty', () => {
      assert.equal(toHex(encodeMessage({ type: 'ping', seqNo: 3, node: '' })), `0082${fix('Node')}a0${fix('SeqNo')}03`);
    });

    it('reports encodedSize equal to the encoded length', () => {
      const m = decodeMessage(capture('memberlist-0.2.2-nocompress.json', 15).bytes);
      assert.equal(encodedSize(m), 61);
    });
  });

  describe('tolerant decoding', () => {
    it('accepts str8 and bin for strings and byte fields, any int width, Vsn as an array, and ignores unknown keys', () => {
      const h =
        `0487` +
        `d904${text('Addr')}c4047f000001` +
        `${fix('Incarnation')}d300000000000000ff` +
        `${fix('Meta')}c0` +
        `${fix('Node')}d902${text('c9')}` +
        `${fix('Port')}d1461b` +
        `${fix('Extra')}82a178c0a17991c0` +
        `${fix('Vsn')}96010502000000`;
      assert.deepEqual(decodeMessage(hex(h)), {
        type: 'alive',
        incarnation: 255,
        node: 'c9',
        addr: '127.0.0.1',
        port: 0x461b,
        vsn: [1, 5, 2, 0, 0, 0],
      });
    });

    it('leaves missing keys at zero values and maps IPv4-mapped 16-byte addresses to IPv4 text', () => {
      assert.deepEqual(decodeMessage(hex(`0080`)), { type: 'ping', seqNo: 0, node: '' });
      const h = `0481${fix('Vsn')}a6010502000000`;
      assert.equal((decodeMessage(hex(h)) as AliveMessage).addr, '');
      const mapped = `0482${fix('Addr')}b000000000000000000000ffff0a000001${fix('Vsn')}a6010502000000`;
      assert.equal((decodeMessage(hex(mapped)) as AliveMessage).addr, '10.0.0.1');
    });

    it('does not match keys case-insensitively', () => {
      assert.deepEqual(decodeMessage(hex(`0081${fix('seqno')}05`)), { type: 'ping', seqNo: 0, node: '' });
    });
  });

  describe('refusing malformed input', () => {
    it('refuses a negative value in an unsigned field with BAD_VALUE', () => {
      throwsCode(() => decodeMessage(hex(`0081${fix('SeqNo')}ff`)), WireDecodeError, 'BAD_VALUE');
    });

    it('refuses a Vsn that is not 6 bytes with BAD_VALUE (0.2.2 would panic)', () => {
      throwsCode(() => decodeMessage(hex(`0481${fix('Vsn')}a50105020000`)), WireDecodeError, 'BAD_VALUE');
    });

    it('refuses a 5-byte address with BAD_VALUE', () => {
      throwsCode(() => decodeMessage(hex(`0482${fix('Addr')}a50102030405${fix('Vsn')}a6010502000000`)), WireDecodeError, 'BAD_VALUE');
    });

    it('refuses a cut body with TRUNCATED and a map instead of a string with BAD_TYPE', () => {
      const bytes = capture('memberlist-0.2.2-nocompress.json', 15).bytes;
      throwsCode(() => decodeMessage(bytes.subarray(0, 40)), WireDecodeError, 'TRUNCATED');
      throwsCode(() => decodeMessage(hex(`0081${fix('Node')}80`)), WireDecodeError, 'BAD_TYPE');
    });

    it('refuses layer types and unknown types with UNKNOWN_MESSAGE, and empty input with TRUNCATED', () => {
      for (const t of ['07', '09', '0a', '0c', '0e', 'f4'])
        throwsCode(() => decodeMessage(hex(`${t}80`)), WireDecodeError, 'UNKNOWN_MESSAGE');
      throwsCode(() => decodeMessage(new Uint8Array(0)), WireDecodeError, 'TRUNCATED');
    });

    it('refuses a map header claiming 4 billion entries without looping', () => {
      throwsCode(() => decodeMessage(hex('00dfffffffff')), WireDecodeError, 'TRUNCATED');
    });
  });
});
