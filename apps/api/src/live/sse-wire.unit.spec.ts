import { SseParser, type SseEvent } from '@ledger/client';
import { sseComment, sseMessage, sseRetry } from './sse-wire';

const parsed = (text: string): SseEvent[] => {
  const out: SseEvent[] = [];
  new SseParser((e) => out.push(e)).push(text);
  return out;
};

describe('SSE wire format', () => {
  it('writes id, event and one JSON data line, ended by a blank line', () => {
    expect(sseMessage({ id: 42, event: 'program-dashboard', data: { funds: 1 } })).toBe(
      'id: 42\nevent: program-dashboard\ndata: {"funds":1}\n\n',
    );
  });

  it('keeps data with newlines on one data line, and a parser gets it back intact', () => {
    const data = { message: 'line one\nline two\r\nline three' };
    const text = sseMessage({ id: 1, data });
    expect(text.split('\n').filter((l) => l.startsWith('data:'))).toHaveLength(1);
    expect(JSON.parse(parsed(text)[0]!.data)).toEqual(data);
  });

  it('refuses an event name that would break the framing', () => {
    expect(() => sseMessage({ event: 'a\nid: 9', data: 1 })).toThrow();
  });

  it('writes comments (heartbeats) and retry that parsers do not report as messages', () => {
    expect(sseComment('heartbeat\nnot a field')).toBe(': heartbeat not a field\n\n');
    expect(parsed(sseComment('heartbeat') + sseRetry(2000))).toEqual([]);
  });
});
