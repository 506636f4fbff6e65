// Reads a Server-Sent Events stream from a fetch() response body. EventSource cannot send the
// X-Api-Key header, so the page uses fetch and parses the stream itself (WHATWG "server-sent events").
(function () {
  'use strict';

  function createParser(onMessage) {
    let buffer = '';
    let data = [];
    let event = '';
    let lastId;
    let retry;
    function line(text) {
      if (text === '') {
        if (data.length > 0) onMessage({ id: lastId, event: event || 'message', data: data.join('\n'), retry: retry });
        data = [];
        event = '';
        return;
      }
      if (text.startsWith(':')) return;
      const colon = text.indexOf(':');
      const field = colon === -1 ? text : text.slice(0, colon);
      let value = colon === -1 ? '' : text.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) lastId = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    return function push(chunk) {
      buffer += chunk;
      let match;
      while ((match = /\r\n|\r|\n/.exec(buffer)) !== null) {
        // A lone \r at the end may be the first half of \r\n: wait for more.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    };
  }

  async function read(body, onMessage) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const push = createParser(onMessage);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      push(value);
    }
  }

  window.LedgerSse = { createParser: createParser, read: read };
})();
