/*
 * Faultline's live dashboard. One EventSource on /dashboard/stream?level=...:
 *   history  (once)         {level, protectedLevel: [point], unprotected: [point], events: [event]}
 *   snapshot (every second) {time, level, protectedLevel: column, unprotected: column, traffic, chaos: {targets: [...]},
 *                            backendReplicas: [row], droppedEvents, streams, replica, sharedState}
 *   event    (as it happens) {time, level, source, type, kind, message}
 * Buttons POST/DELETE to the UI (with the page's CSRF token); the UI talks to the backend, never the browser. A chaos
 * button goes to the whole backend, or to the one replica chosen beside the buttons (shown with more than one).
 * The controls are the speaker's when the UI has a speaker token: the page arrives with them disabled and a reason
 * for any other browser, and a 403 speaker-only answer (say, the cookie expired) disables them the same way.
 */
(function () {
  'use strict';

  const root = document.getElementById('dashboard');
  const base = root.dataset.base;
  const csrf = { header: root.dataset.csrfHeader, token: root.dataset.csrf };
  const levelSelect = document.getElementById('level');
  const toggle = document.getElementById('traffic-toggle');
  const hideSuccess = document.getElementById('hide-success');
  const streamStatus = document.getElementById('stream-status');
  const updatedAt = document.getElementById('updated-at');
  const POINTS = 120;
  const LOG_SIZE = 50;

  let level = levelSelect.value;
  let rate = Number((document.querySelector('.rate[aria-pressed="true"]') || document.querySelector('.rate')).dataset.rate);
  let source = null;
  let events = [];
  let seq = 0;
  let trafficRunning = false;
  let locked = root.dataset.locked === 'true';

  const charts = { protected: chart('chart-protected'), none: chart('chart-none') };

  function chart(id) {
    const labels = [];
    for (let i = POINTS; i > 0; i--) {
      labels.push(i % 30 === 0 ? '-' + i + ' s' : '');
    }
    const zeros = () => new Array(POINTS).fill(0);
    const gaps = () => new Array(POINTS).fill(null);
    return new Chart(document.getElementById(id), {
      data: {
        labels: labels,
        datasets: [
          { type: 'bar', label: 'live', data: zeros(), backgroundColor: '#1f9d4c', stack: 'reads', yAxisID: 'y' },
          { type: 'bar', label: 'cached', data: zeros(), backgroundColor: '#f0a202', stack: 'reads', yAxisID: 'y' },
          { type: 'bar', label: 'failed', data: zeros(), backgroundColor: '#d62828', stack: 'reads', yAxisID: 'y' },
          { type: 'line', label: 'p50 ms', data: gaps(), borderColor: '#1f5fbf', borderWidth: 2, pointRadius: 0, yAxisID: 'ms', spanGaps: false },
          { type: 'line', label: 'p99 ms', data: gaps(), borderColor: '#14171c', borderWidth: 2, borderDash: [5, 3], pointRadius: 0, yAxisID: 'ms', spanGaps: false }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 13 } } } },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { autoSkip: false, maxRotation: 0, font: { size: 12 } } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'reads/s' }, ticks: { precision: 0 } },
          ms: { position: 'right', beginAtZero: true, title: { display: true, text: 'ms' }, grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  function fill(c, points) {
    const ds = c.data.datasets;
    const recent = points.slice(-POINTS);
    const pad = POINTS - recent.length;
    for (let i = 0; i < POINTS; i++) {
      const p = i < pad ? null : recent[i - pad];
      ds[0].data[i] = p ? p.live : 0;
      ds[1].data[i] = p ? p.cached : 0;
      ds[2].data[i] = p ? p.failed : 0;
      ds[3].data[i] = p ? p.p50 : null;
      ds[4].data[i] = p ? p.p99 : null;
    }
    c.lastT = recent.length ? recent[recent.length - 1].t : 0;
    c.update('none');
  }

  function push(c, p) {
    if (!p || p.t <= (c.lastT || 0)) {
      return;
    }
    const values = [p.live, p.cached, p.failed, p.p50, p.p99];
    c.data.datasets.forEach((ds, i) => { ds.data.shift(); ds.data.push(values[i]); });
    c.lastT = p.t;
    c.update('none');
  }

  function percent(value) {
    return value < 0 ? '–' : Math.round(value) + '%';
  }

  function seconds(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function set(column, field, text, over) {
    const el = column.querySelector('[data-field="' + field + '"]');
    if (el.textContent !== text) {
      el.textContent = text;
    }
    el.classList.toggle('over', Boolean(over));
  }

  function render(columnId, snap, now) {
    const column = document.getElementById('col-' + columnId);
    const lamp = document.getElementById('lamp-' + columnId);
    const b = snap.breaker;
    lamp.dataset.lamp = snap.lamp;
    lamp.dataset.state = b ? b.state : '';
    set(column, 'level', snap.level);
    if (b) {
      // A state a peer replica's verdict put it in says so: "OPEN · from ui-2".
      set(column, 'state', b.origin ? b.state + ' · from ' + b.origin : b.state);
      set(column, 'since', 'for ' + seconds(b.timeInStateMs));
      set(column, 'halfOpen', b.nextHalfOpenAt ? 'half-open in ' + seconds(b.nextHalfOpenAt - now) : '\u00a0');
      set(column, 'failureRate', percent(b.failureRate) + '/' + Math.round(b.failureRateThreshold),
        b.failureRate >= b.failureRateThreshold);
      set(column, 'slowRate', percent(b.slowCallRate) + '/' + Math.round(b.slowCallRateThreshold),
        b.slowCallRate >= b.slowCallRateThreshold);
      set(column, 'buffered', b.windowUnit === 'seconds'
        ? b.bufferedCalls + ' in ' + b.windowSize + ' s' : b.bufferedCalls + '/' + b.windowSize);
      set(column, 'notPermitted', String(b.notPermittedTotal));
    }
    else {
      set(column, 'state', snap.level === 'none' ? 'no breaker' : 'no breaker at ' + snap.level);
      set(column, 'since', '\u00a0');
      set(column, 'halfOpen', '\u00a0');
      ['failureRate', 'slowRate', 'buffered', 'notPermitted'].forEach((f) => set(column, f, '–'));
    }
    const r = snap.retry;
    set(column, 'retries', r ? r.successWithoutRetry + '/' + r.successWithRetry + '/' + (r.failedWithRetry + r.failedWithoutRetry) : '–');
    set(column, 'timeouts', snap.timeLimiter ? String(snap.timeLimiter.timeouts) : '–');
    set(column, 'bulkhead', snap.bulkhead ? snap.bulkhead.available + '/' + snap.bulkhead.max + ' ×' + snap.bulkhead.rejected : '–',
      snap.bulkhead && snap.bulkhead.available === 0);
    const recent = snap.recent;
    set(column, 'rate', recent.ratePerSecond.toFixed(1));
    set(column, 'outcome', recent.live + '/' + recent.cached + '/' + recent.failed, recent.failed > 0);
    set(column, 'latency', (recent.p50 === null ? '–' : recent.p50) + '/' + (recent.p99 === null ? '–' : recent.p99));
  }

  function renderTraffic(t) {
    trafficRunning = t.running;
    toggle.dataset.running = String(t.running);
    toggle.textContent = t.running ? toggle.dataset.stop : toggle.dataset.start;
    document.getElementById('traffic-status').textContent = t.running
      ? t.rate + '/s · ' + seconds(t.remainingSeconds * 1000) + ' left · skipped ' + t.skipped
      : 'off';
  }

  function describeChaos(t) {
    if (!t.reachable) {
      return t.problem || 'chaos API unreachable';
    }
    if (t.faults.length === 0) {
      return 'no chaos';
    }
    // The scenario's name first: the word on the button and in scripts/chaos.
    return (t.scenario ? t.scenario + ': ' : '')
      + t.faults.map((f) => f.fault + ' · ' + seconds(f.remainingSeconds * 1000) + ' left').join(', ');
  }

  // One line for the whole backend when every replica has the same trouble (or none); otherwise what most have, then
  // by name each replica that differs, such as "no chaos · backend-2 outage". The details are in the tooltip.
  function renderChaos(chaos) {
    const el = document.getElementById('chaos-status');
    const targets = chaos.targets;
    const kinds = targets.map((t) => t.reachable ? (t.scenario || '') + '|' + t.faults.map((f) => f.fault).join(',') : 'unreachable');
    // Unreachable replicas are always named: which one is down is the news.
    const common = kinds.find((k) => k !== 'unreachable' && kinds.filter((other) => other === k).length > 1);
    const word = (t) => !t.reachable ? 'unreachable' : t.scenario || t.faults.map((f) => f.fault).join(',') || 'no chaos';
    let text;
    if (kinds.every((k) => k === kinds[0])) {
      text = describeChaos(targets[0]);
    }
    else {
      const parts = common === undefined ? [] : [describeChaos(targets[kinds.indexOf(common)])];
      targets.forEach((t, i) => {
        if (kinds[i] !== common) {
          parts.push(t.target + ' ' + word(t));
        }
      });
      text = parts.join(' · ');
    }
    if (el.textContent !== text) {
      el.textContent = text;
      el.title = targets.map((t) => (targets.length > 1 ? t.target + ': ' : '')
        + (t.problem || t.faults.map((f) => f.summary || f.fault).join(', ') || 'no chaos')).join('\n');
    }
  }

  const replicaTable = document.querySelector('.replica-table');
  const rotationLabels = {
    'in rotation': replicaTable.dataset.inRotation, 'ejected': replicaTable.dataset.ejected, 'trial': replicaTable.dataset.trial
  };

  function renderReplicas(rows) {
    const body = document.getElementById('replica-rows');
    // Hosts alone when that names each replica: "backend-1" rather than "backend-1:8081" (the tooltip has both).
    const host = (id) => id.slice(0, id.lastIndexOf(':'));
    const short = new Set(rows.map((r) => host(r.replica))).size === rows.length;
    if (body.children.length !== rows.length) {
      body.replaceChildren(...rows.map(() => {
        const tr = document.createElement('tr');
        ['name', 'rotation', 'calls', 'answered'].forEach((field) => {
          const td = document.createElement('td');
          td.className = field;
          tr.append(td);
        });
        return tr;
      }));
    }
    rows.forEach((r, i) => {
      const tr = body.children[i];
      tr.dataset.rotation = r.rotation;
      tr.title = r.replica + ' · breaker ' + r.breaker;
      const cells = [short ? host(r.replica) : r.replica, rotationLabels[r.rotation] || r.rotation,
        r.calls + '/' + r.failures, String(r.answered)];
      cells.forEach((text, c) => {
        if (tr.children[c].textContent !== text) {
          tr.children[c].textContent = text;
        }
      });
    });
    const windowLabel = document.getElementById('replicas-window');
    if (rows.length > 0) {
      windowLabel.textContent = windowLabel.dataset.label.replace('{0}', rows[0].windowSeconds);
    }
  }

  function renderEvents() {
    const log = document.getElementById('event-log');
    const shown = events.filter((e) => !(hideSuccess.checked && e.kind === 'success')).slice(0, LOG_SIZE);
    const items = shown.map((e) => {
      const li = document.createElement('li');
      li.className = 'ev-' + e.kind;
      const time = document.createElement('span');
      time.className = 'time';
      time.textContent = new Date(e.time).toLocaleTimeString([], { hour12: false }) + ' ';
      const lvl = document.createElement('span');
      lvl.className = 'lvl';
      lvl.textContent = e.level + ' ';
      li.append(time, lvl, document.createTextNode(e.source + ': ' + e.message + (e.count > 1 ? ' ×' + e.count : '')));
      li.title = e.type + ': ' + e.message;
      return li;
    });
    log.replaceChildren(...items);
  }

  // Busy traffic repeats the same event many times a second: a repeat of one of the newest few entries moves that
  // entry to the top with a count, so a state change is not scrolled away by a hundred identical rejections.
  let eventsDirty = false;
  function addEvent(e) {
    // State changes are what the audience watches for: never folded into a count.
    const key = e.kind === 'state' ? null : e.level + '|' + e.source + '|' + e.type;
    const at = key === null ? -1 : events.slice(0, 8).findIndex((old) => old.key === key);
    if (at >= 0) {
      const repeated = events.splice(at, 1)[0];
      e.count = (repeated.count || 1) + 1;
    }
    e.key = key;
    events.unshift(e);
    if (events.length > LOG_SIZE * 4) {
      events.length = LOG_SIZE * 4;
    }
    eventsDirty = true;
  }
  setInterval(() => {
    if (eventsDirty) {
      eventsDirty = false;
      renderEvents();
    }
  }, 250);

  function connect() {
    if (source) {
      source.close();
    }
    source = new EventSource(base + '/stream?level=' + encodeURIComponent(level));
    source.addEventListener('open', () => { streamStatus.textContent = 'live'; streamStatus.classList.remove('down'); });
    source.addEventListener('error', () => { streamStatus.textContent = 'reconnecting...'; streamStatus.classList.add('down'); });
    source.addEventListener('history', (message) => {
      const h = JSON.parse(message.data);
      fill(charts.protected, h.protectedLevel);
      fill(charts.none, h.unprotected);
      events = [];
      h.events.slice().reverse().forEach(addEvent);
      renderEvents();
    });
    source.addEventListener('snapshot', (message) => {
      const s = JSON.parse(message.data);
      render('protected', s.protectedLevel, s.time);
      render('none', s.unprotected, s.time);
      push(charts.protected, s.protectedLevel.latest);
      push(charts.none, s.unprotected.latest);
      renderTraffic(s.traffic);
      renderChaos(s.chaos);
      renderReplicas(s.backendReplicas);
      seq++;
      updatedAt.dataset.seq = String(seq);
      updatedAt.textContent = 'updated ' + new Date(s.time).toLocaleTimeString([], { hour12: false })
        + ' · ' + s.replica + ' · shared breakers: ' + s.sharedState
        + ' · streams ' + s.streams + (s.droppedEvents ? ' · dropped events ' + s.droppedEvents : '');
    });
    source.addEventListener('event', (message) => addEvent(JSON.parse(message.data)));
  }

  function call(method, path) {
    const headers = { 'Accept': 'application/json' };
    headers[csrf.header] = csrf.token;
    return fetch(base + path, { method: method, headers: headers, credentials: 'same-origin' }).then((response) =>
      response.json().then((body) => {
        if (!response.ok) {
          if (response.status === 403 && body.rule) {
            lock(body.detail);
          }
          throw new Error(body.detail || ('HTTP ' + response.status));
        }
        return body;
      }));
  }

  // This browser may look but not change the demo: every control disabled, the reason on one line.
  function lock(reason) {
    locked = true;
    document.querySelectorAll('.controls button').forEach((button) => { button.disabled = true; });
    const line = document.getElementById('controls-lock');
    line.textContent = reason;
    line.hidden = false;
  }

  function report(error) {
    streamStatus.textContent = error.message;
    streamStatus.classList.add('down');
  }

  function startTraffic() {
    return call('POST', '/traffic?level=' + encodeURIComponent(level) + '&rate=' + rate).then(renderTraffic, report);
  }

  document.querySelectorAll('.rate').forEach((button) => button.addEventListener('click', () => {
    rate = Number(button.dataset.rate);
    document.querySelectorAll('.rate').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
    if (trafficRunning && !locked) {
      startTraffic();
    }
  }));

  toggle.addEventListener('click', () => {
    if (trafficRunning) {
      call('DELETE', '/traffic').then(renderTraffic, report);
    }
    else {
      startTraffic();
    }
  });

  const chaosTarget = document.getElementById('chaos-target');
  document.querySelectorAll('.chaos-action').forEach((button) => button.addEventListener('click', () => {
    const target = chaosTarget ? '?target=' + encodeURIComponent(chaosTarget.value) : '';
    call('POST', '/chaos/' + encodeURIComponent(button.dataset.action) + target).then((result) => {
      document.querySelectorAll('.chaos-action').forEach((b) => b.classList.toggle('active', b === button && b.dataset.action !== 'off'));
      renderChaos(result.status);
      // Some replicas took it and some did not: say which did not, on the status line.
      const missed = result.outcomes.filter((o) => o.result !== 'applied');
      if (missed.length > 0) {
        report(new Error(result.action + ' not applied on ' + missed.map((o) => o.target + ' (' + o.result + ')').join(', ')));
      }
    }, report);
  }));

  levelSelect.addEventListener('change', () => {
    level = levelSelect.value;
    connect();
    // The speaker's traffic keeps its level when a visitor only looks at another one.
    if (trafficRunning && !locked) {
      startTraffic();
    }
  });

  hideSuccess.addEventListener('change', renderEvents);

  connect();
}());
