import { SseParser, type SseEvent } from './sse-parser';

const parse = (...chunks: string[]): SseEvent[] => {
  const out: SseEvent[] = [];
  const parser = new SseParser((e) => out.push(e));
  for (const chunk of chunks) parser.push(chunk);
  return out;
};

describe('SseParser', () => {
  it('parses id, event and data of each message; a blank line ends a message', () => {
    expect(parse('id: 7\nevent: program-dashboard\ndata: {"a":1}\n\nid: 9\ndata: {"a":2}\n\n')).toEqual([
      { id: '7', event: 'program-dashboard', data: '{"a":1}', retry: undefined },
      { id: '9', event: 'message', data: '{"a":2}', retry: undefined },
    ]);
  });

  it('skips comment lines (heartbeats) and messages without data', () => {
    expect(parse(': connected\n\n: heartbeat\n\nid: 3\n\ndata: x\n\n')).toEqual([
      { id: '3', event: 'message', data: 'x', retry: undefined },
    ]);
  });

  it('joins several data lines with newlines and keeps values without the one leading space', () => {
    expect(parse('data:first\ndata:  second\n\n')).toEqual([
      { id: undefined, event: 'message', data: 'first\n second', retry: undefined },
    ]);
  });

  it('gives the same messages however the bytes are split, including between \\r and \\n', () => {
    const text =
      'retry: 2000\r\n\r\nid: 1\r\nevent: close\r\ndata: {"reason":"slow-consumer"}\r\n\r\nid: 2\rdata: y\r\r\n';
    const whole = parse(text);
    expect(whole).toEqual([
      { id: '1', event: 'close', data: '{"reason":"slow-consumer"}', retry: 2000 },
      { id: '2', event: 'message', data: 'y', retry: 2000 },
    ]);
    for (let cut = 1; cut < text.length; cut++) expect(parse(text.slice(0, cut), text.slice(cut))).toEqual(whole);
    expect(parse(...text.split(''))).toEqual(whole);
  });

  it('holds back an unfinished message until its blank line arrives', () => {
    expect(parse('id: 5\ndata: partial')).toEqual([]);
  });
});
