// The state program dashboard: one live stream (/v1/live/programs/:id) drives every chart and table.
(function () {
  'use strict';

  const KEY_STORAGE = 'procurement-ledger.dashboard.api-key';
  const SEVERITIES = ['serious', 'violation', 'warning', 'info'];
  const MAX_RETRY_MS = 30000;
  const $ = (id) => document.getElementById(id);
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const count = new Intl.NumberFormat('en-US');
  const money = (cents) => usd.format(cents / 100);
  const dollars = (cents) => cents / 100;

  let apiKey = sessionStorage.getItem(KEY_STORAGE) || '';
  let program = new URLSearchParams(location.search).get('program') || '';
  let connection;
  const charts = {};

  function status(text, isError) {
    const el = $('status');
    el.textContent = text;
    el.classList.toggle('error', Boolean(isError));
  }

  // ---- tables -------------------------------------------------------------------------------
  // Cells are set through textContent only: ledger data is never parsed as HTML.
  function fillTable(id, rows, numericColumns) {
    const body = $(id).tBodies[0];
    const fresh = document.createElement('tbody');
    for (const cells of rows) {
      const tr = document.createElement('tr');
      cells.forEach((value, index) => {
        const cell = document.createElement(index === 0 ? 'th' : 'td');
        if (index === 0) cell.scope = 'row';
        if (numericColumns.includes(index)) cell.className = 'number';
        cell.textContent = value;
        tr.appendChild(cell);
      });
      fresh.appendChild(tr);
    }
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = $(id).tHead.rows[0].cells.length;
      td.textContent = 'None yet.';
      tr.appendChild(td);
      fresh.appendChild(tr);
    }
    body.replaceWith(fresh);
  }

  // ---- charts -------------------------------------------------------------------------------
  function chart(id, type, labels, datasets, extra) {
    const existing = charts[id];
    if (existing) {
      existing.data.labels = labels;
      existing.data.datasets.forEach((dataset, i) => (dataset.data = datasets[i].data));
      existing.update('none');
      return;
    }
    const options = Object.assign(
      { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } },
      extra,
    );
    charts[id] = new window.Chart($(id), { type, data: { labels, datasets }, options });
  }

  function describe(id, text) {
    $(id).setAttribute('aria-label', text + ' The table below has the figures.');
  }

  // ---- rendering ----------------------------------------------------------------------------
  function render(d, position) {
    $('main').hidden = false;
    $('main').dataset.position = String(position);
    $('program-name').textContent = d.name + ' (' + d.program + ')';
    $('fact-state').textContent = d.usState;
    $('fact-funding').textContent = d.fundingSource;
    // The terms the program states now; unconfirmed terms say so (the findings carry the note).
    const t = d.terms;
    $('fact-ruleset').textContent =
      d.ruleSet +
      (t ? ' · terms v' + t.version + ' from ' + t.effectiveFrom + (t.terms.unconfirmed ? ' (unconfirmed)' : '') : '');
    $('fact-status').textContent = d.status;
    $('fact-asof').textContent = d.asOf;
    $('fact-position').textContent = String(position);

    const f = d.funds;
    const fundRows = [
      ['Total', f.total],
      ['Allocated', f.allocated],
      ['Unallocated', f.unallocated],
      ['Committed', f.committed],
      ['Spent', f.spent],
      ['Remaining', f.remaining],
    ].concat(f.overCommitted > 0 ? [['Over-committed', f.overCommitted]] : []);
    fillTable(
      'table-funds',
      fundRows.map(([label, cents]) => [label, money(cents)]),
      [1],
    );
    chart(
      'chart-funds',
      'bar',
      ['Allocated', 'Committed', 'Spent', 'Remaining'],
      [
        {
          label: 'USD',
          data: [f.allocated, f.committed, f.spent, f.remaining].map(dollars),
          backgroundColor: ['#0b5cad', '#f0a500', '#2e7d32', '#6a737d'],
        },
      ],
      { plugins: { legend: { display: false } } },
    );
    describe(
      'chart-funds',
      'Funds: allocated ' +
        money(f.allocated) +
        ', committed ' +
        money(f.committed) +
        ', spent ' +
        money(f.spent) +
        ', remaining ' +
        money(f.remaining) +
        '.',
    );

    const shareTotal = d.shares.state + d.shares.district;
    const pct = (cents) => (shareTotal === 0 ? '—' : ((100 * cents) / shareTotal).toFixed(1) + '%');
    fillTable(
      'table-shares',
      [
        ['State', money(d.shares.state), pct(d.shares.state)],
        ['Districts', money(d.shares.district), pct(d.shares.district)],
      ],
      [1, 2],
    );
    chart(
      'chart-shares',
      'doughnut',
      ['State', 'Districts'],
      [
        {
          label: 'USD',
          data: [dollars(d.shares.state), dollars(d.shares.district)],
          backgroundColor: ['#0b5cad', '#f0a500'],
        },
      ],
    );
    describe(
      'chart-shares',
      'State pays ' + money(d.shares.state) + ', districts pay ' + money(d.shares.district) + '.',
    );

    fillTable(
      'table-lea',
      d.byLea.map((r) => [
        r.name,
        count.format(r.orders),
        count.format(r.devices),
        count.format(r.hotspots),
        money(r.allocated),
        money(r.committed),
        money(r.spent),
      ]),
      [1, 2, 3, 4, 5, 6],
    );
    chart(
      'chart-lea',
      'bar',
      d.byLea.map((r) => r.name),
      [
        { label: 'Devices', data: d.byLea.map((r) => r.devices), backgroundColor: '#0b5cad' },
        { label: 'Hotspots', data: d.byLea.map((r) => r.hotspots), backgroundColor: '#f0a500' },
      ],
    );
    describe('chart-lea', 'Devices and hotspots for ' + d.byLea.length + ' LEAs.');

    fillTable(
      'table-vendor',
      d.byVendor.map((r) => [
        r.vendor,
        count.format(r.orders),
        count.format(r.devices),
        count.format(r.hotspots),
        money(r.total),
      ]),
      [1, 2, 3, 4],
    );
    chart(
      'chart-vendor',
      'bar',
      d.byVendor.map((r) => r.vendor),
      [
        { label: 'Devices', data: d.byVendor.map((r) => r.devices), backgroundColor: '#0b5cad' },
        { label: 'Hotspots', data: d.byVendor.map((r) => r.hotspots), backgroundColor: '#f0a500' },
      ],
    );
    describe('chart-vendor', 'Devices and hotspots for ' + d.byVendor.length + ' vendors.');

    fillTable(
      'table-tiers',
      d.volumeTiers.map((t) => [
        t.description,
        t.vendor,
        count.format(t.cohortQuantity),
        'Tier ' + t.tierReached.tier,
        money(t.tierReached.unitPrice),
        t.nextTier ? count.format(t.nextTier.minCohortQuantity) : 'top tier',
        t.nextTier ? count.format(t.nextTier.unitsToGo) : '—',
      ]),
      [2, 4, 5, 6],
    );
    chart(
      'chart-tiers',
      'bar',
      d.volumeTiers.map((t) => t.description),
      [
        { label: 'Cohort quantity', data: d.volumeTiers.map((t) => t.cohortQuantity), backgroundColor: '#0b5cad' },
        {
          label: 'Next tier threshold',
          data: d.volumeTiers.map((t) => (t.nextTier ? t.nextTier.minCohortQuantity : null)),
          backgroundColor: '#c9ced6',
        },
      ],
      { indexAxis: 'y' },
    );
    describe('chart-tiers', 'Cohort quantity against the next price tier for ' + d.volumeTiers.length + ' items.');

    const open = d.sla.openBreaches;
    fillTable(
      'table-sla',
      open.map((b) => [
        b.breachId + ': ' + b.description,
        b.order,
        count.format(b.units),
        b.reportedOn,
        b.remedyDueOn || '—',
        b.status,
      ]),
      [2],
    );
    const openCount = open.filter((b) => b.status === 'open').length;
    const overdueCount = open.filter((b) => b.status === 'overdue').length;
    chart(
      'chart-sla',
      'bar',
      ['Open', 'Overdue'],
      [{ label: 'Breaches', data: [openCount, overdueCount], backgroundColor: ['#f0a500', '#b00020'] }],
      { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    );
    describe('chart-sla', openCount + ' open and ' + overdueCount + ' overdue SLA breaches.');

    const bySeverity = SEVERITIES.map((s) => d.findings.filter((x) => x.severity === s).length);
    fillTable(
      'table-severity',
      SEVERITIES.map((s, i) => [s, count.format(bySeverity[i])]),
      [1],
    );
    fillTable(
      'table-findings',
      d.findings.map((x) => [x.severity, x.ruleId, x.subject, x.message]),
      [],
    );
    chart(
      'chart-findings',
      'bar',
      SEVERITIES,
      [{ label: 'Findings', data: bySeverity, backgroundColor: ['#7f0000', '#b00020', '#f0a500', '#6a737d'] }],
      { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    );
    describe('chart-findings', SEVERITIES.map((s, i) => bySeverity[i] + ' ' + s).join(', ') + '.');
  }

  // ---- the live connection ------------------------------------------------------------------
  const sleep = (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });

  async function problemText(response) {
    try {
      const p = await response.json();
      return p.detail || p.title || response.statusText;
    } catch (e) {
      return response.statusText;
    }
  }

  async function follow(id, signal) {
    let lastEventId;
    let delay = 1000;
    while (!signal.aborted) {
      try {
        const headers = { 'X-Api-Key': apiKey, Accept: 'text/event-stream' };
        if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch('/v1/live/programs/' + encodeURIComponent(id), {
          headers,
          signal,
          cache: 'no-store',
        });
        if (response.status >= 400 && response.status < 500) {
          const why = await problemText(response);
          status(
            (response.status === 401 || response.status === 403
              ? 'The key was refused: '
              : response.status === 404
                ? 'No such program: '
                : 'Cannot follow this program: ') + why,
            true,
          );
          return;
        }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        status('Connected; waiting for the program…');
        await window.LedgerSse.read(response.body, (message) => {
          if (message.event === 'close') {
            const reason = JSON.parse(message.data);
            status('The server closed the stream (' + reason.reason + '); reconnecting…');
            return;
          }
          lastEventId = message.id;
          delay = 1000;
          render(JSON.parse(message.data), Number(message.id));
          status(
            'Live: ' + id + ' updated at ' + new Date().toLocaleTimeString() + ' (ledger position ' + message.id + ').',
          );
        });
      } catch (error) {
        if (signal.aborted) return;
        status('Connection lost (' + error.message + '); retrying in ' + Math.round(delay / 1000) + ' s…', true);
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  function connect() {
    if (connection) connection.abort();
    connection = undefined;
    if (!apiKey) return status('Enter an API key with the dashboard or auditor role.');
    if (!program) return status('Enter a program id.');
    connection = new AbortController();
    status('Connecting to ' + program + '…');
    void follow(program, connection.signal);
  }

  // ---- forms --------------------------------------------------------------------------------
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    apiKey = $('api-key').value.trim();
    $('api-key').value = '';
    sessionStorage.setItem(KEY_STORAGE, apiKey);
    connect();
  });
  $('forget-key').addEventListener('click', () => {
    apiKey = '';
    sessionStorage.removeItem(KEY_STORAGE);
    connect();
  });
  $('program-form').addEventListener('submit', (event) => {
    event.preventDefault();
    program = $('program-id')
      .value.trim()
      .replace(/^program-/, '');
    const url = new URL(location.href);
    url.searchParams.set('program', program);
    history.replaceState(null, '', url);
    connect();
  });
  $('program-id').value = program;
  if (apiKey) $('api-key').placeholder = 'A key is set for this tab';
  connect();
})();
