// The insights dashboard: is the bot helping? Reads /api/admin/insights (the figures of a period)
// and /api/admin/findings (the open server findings with their fix) and draws them with Chart.js.
// Same origin, session cookie; no inline script (the admin pages' Content-Security-Policy). Every
// text from the server is put in the page as text, never as HTML.
(function () {
  'use strict';

  var fr = (navigator.language || 'en').toLowerCase().indexOf('fr') === 0;
  var TEXTS = {
    title: ['Le bot aide-t-il ?', 'Is the bot helping?'],
    preset: ['Période', 'Period'],
    last7: ['7 derniers jours', 'Last 7 days'],
    last30: ['30 derniers jours', 'Last 30 days'],
    last90: ['90 derniers jours', 'Last 90 days'],
    custom: ['Dates…', 'Dates…'],
    from: ['Du', 'From'],
    to: ['au', 'to'],
    show: ['Afficher', 'Show'],
    csv: ['Exporter en CSV', 'Export CSV'],
    scripts: ['Scripts', 'Scripts'],
    signOut: ['Se déconnecter', 'Sign out'],
    kpiConversations: ['conversations', 'conversations'],
    kpiResolved: ['résolues par le bot', 'resolved by the bot'],
    kpiEscalated: ['transmises au support', 'handed to the helpdesk'],
    kpiAbandoned: ['abandonnées', 'abandoned'],
    kpiFindings: ['constats serveur ouverts', 'open server findings'],
    perDay: ['Conversations par jour', 'Conversations per day'],
    outcomes: ['Comment elles se sont terminées', 'How they ended'],
    funnel: ['Où les employés s’arrêtent', 'Where employees drop off'],
    funnelHint: ['Conversations qui ont atteint chaque étape du script.', 'Conversations that reached each step of the script.'],
    verdicts: ['Ce que l’analyseur a trouvé dans les conversations, par serveur et version d’Android',
      'What the analyzer found in the chats, per host and Android release'],
    helpdesk: ['Support', 'Helpdesk'],
    median: ['Médiane', 'Median'],
    p90: ['90e centile', '90th percentile'],
    toTake: ['Délai de prise en charge', 'Time to take a case'],
    toResolve: ['Délai de résolution', 'Time to resolve a case'],
    cases: ['{n} dossier(s) ouvert(s) sur la période, {t} pris, {r} résolu(s).', '{n} case(s) opened in the period, {t} taken, {r} resolved.'],
    checks: ['Serveurs de connexion, dernière vérification', 'Sign-in servers, last check'],
    server: ['Serveur', 'Server'],
    verdict: ['Verdict', 'Verdict'],
    noChecks: ['Pas encore vérifiés (certdesk.analyzer.watch-interval).', 'Not checked yet (certdesk.analyzer.watch-interval).'],
    findings: ['Constats serveur ouverts', 'Open server findings'],
    noFindings: ['Aucun constat ouvert : les serveurs de connexion envoient ce qu’il faut aux téléphones.',
      'No open finding: the sign-in servers send what phones need.'],
    findingTitle: ['Constat n° {id} : {host} — {problem}', 'Finding {id}: {host} — {problem}'],
    certificate: ['Certificat', 'Certificate'],
    android: ['Android concernés', 'Android releases affected'],
    employees: ['Employés concernés', 'Employees affected'],
    since: ['Vu depuis', 'Seen since'],
    fix: ['Correctif', 'Fix'],
    resolved: ['résolues', 'resolved'],
    escalated: ['transmises : {r}', 'escalated: {r}'],
    abandoned: ['abandonnées', 'abandoned'],
    inProgress: ['en cours', 'in progress'],
    conversations: ['conversations', 'conversations'],
    failed: ['Impossible de charger les chiffres : {m}', 'Could not load the figures: {m}'],
    reason_second_certificate_missing: ['un deuxième certificat manque', 'a second certificate is missing'],
    reason_several_missing: ['plusieurs certificats manquent', 'several certificates are missing'],
    reason_server_problem: ['problème du serveur', 'server problem'],
    reason_no_pc: ['pas de PC', 'no PC'],
    reason_no_padlock: ['pas de cadenas', 'no padlock'],
    reason_user_asked: ['demande d’une personne', 'asked for a person'],
    reason_not_understood: ['pas compris', 'not understood'],
    reason_lookup_failed: ['certificat introuvable', 'certificate not found']
  };
  // The analyzer's verdicts, each with its colour on the charts (red: the server must act).
  var VERDICT_COLOURS = {
    OK: '#107c10', INCOMPLETE_CHAIN: '#e3008c', ROOT_MISSING_ON_THIS_ANDROID: '#ca5010', UNTRUSTED_ROOT: '#c50f1f',
    EXPIRED: '#750b1c', NOT_YET_VALID: '#8e562e', HOSTNAME_MISMATCH: '#5c2e91', WEAK_SIGNATURE: '#986f0b',
    INVALID_CHAIN: '#4f6bed', UNREACHABLE: '#7a7574', REFUSED_ADDRESS: '#a19f9d', NOT_TLS: '#605e5c'
  };
  var PALETTE = ['#0f6cbd', '#e3008c', '#ca5010', '#5c2e91', '#986f0b', '#4f6bed', '#038387', '#8e562e'];

  function t(key, values) {
    var text = (TEXTS[key] || [key, key])[fr ? 0 : 1];
    Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
    return text;
  }

  function $(id) { return document.getElementById(id); }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function translatePage() {
    document.documentElement.lang = fr ? 'fr' : 'en';
    document.title = 'certdesk – ' + t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (node) { node.textContent = t(node.getAttribute('data-t')); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-t-label]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-t-label')));
    });
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json', 'X-Certdesk-Console': '1' }, credentials: 'same-origin' })
      .then(function (r) {
        if (r.status === 401) { location.href = '/login'; throw new Error('signed out'); }
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body && body.detail ? body.detail : 'HTTP ' + r.status); }
          return body;
        });
      });
  }

  // --- period ---------------------------------------------------------------------------------
  function isoDay(date) { return date.toISOString().slice(0, 10); }

  function applyPreset() {
    var days = $('preset').value;
    if (days === 'custom') { return; }
    var to = new Date();
    var from = new Date(to.getTime() - (Number(days) - 1) * 86400000);
    $('from').value = isoDay(from);
    $('to').value = isoDay(to);
  }

  function query() {
    return '?from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value);
  }

  // --- formatting -----------------------------------------------------------------------------
  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    if (seconds < 60) { return seconds + ' s'; }
    if (seconds < 3600) { return Math.round(seconds / 60) + ' min'; }
    if (seconds < 86400) { return Math.floor(seconds / 3600) + ' h ' + String(Math.round(seconds % 3600 / 60)).padStart(2, '0'); }
    return (seconds / 86400).toFixed(1) + (fr ? ' j' : ' d');
  }

  function percent(part, total) { return total ? Math.round(100 * part / total) + ' %' : '–'; }

  function reasonText(reason) { return TEXTS['reason_' + reason] ? t('reason_' + reason) : reason; }

  // --- charts ---------------------------------------------------------------------------------
  var charts = {};

  function draw(id, config) {
    if (charts[id]) { charts[id].destroy(); }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    charts[id] = new Chart($(id), config);
  }

  function drawDays(insights) {
    var days = insights.conversations.perDay;
    draw('chart-days', {
      type: 'bar',
      data: { labels: days.map(function (d) { return d.day; }),
        datasets: [{ label: t('conversations'), data: days.map(function (d) { return d.conversations; }), backgroundColor: '#0f6cbd' }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function drawOutcomes(insights) {
    var o = insights.outcomes;
    var labels = [t('resolved')];
    var data = [o.resolved];
    var colours = ['#107c10'];
    Object.keys(o.escalatedByReason).forEach(function (reason, i) {
      labels.push(t('escalated', { r: reasonText(reason) }));
      data.push(o.escalatedByReason[reason]);
      colours.push(PALETTE[(i + 1) % PALETTE.length]);
    });
    labels.push(t('abandoned'), t('inProgress'));
    data.push(o.abandoned, o.inProgress);
    colours.push('#a19f9d', '#d1d1d1');
    draw('chart-outcomes', { type: 'doughnut', data: { labels: labels, datasets: [{ data: data, backgroundColor: colours }] },
      options: { plugins: { legend: { position: 'bottom' } } } });
  }

  function drawFunnel(insights) {
    draw('chart-funnel', {
      type: 'bar',
      data: { labels: insights.funnel.map(function (s) { return s.state; }),
        datasets: [{ label: t('conversations'), data: insights.funnel.map(function (s) { return s.conversations; }), backgroundColor: '#038387' }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function drawVerdicts(insights) {
    var columns = [];
    var verdicts = [];
    insights.verdicts.forEach(function (v) {
      var column = v.host + (v.port === 443 ? '' : ':' + v.port) + ' · Android ' + v.android;
      if (columns.indexOf(column) < 0) { columns.push(column); }
      if (verdicts.indexOf(v.verdict) < 0) { verdicts.push(v.verdict); }
    });
    var datasets = verdicts.map(function (verdict) {
      return { label: verdict, backgroundColor: VERDICT_COLOURS[verdict] || '#0f6cbd', data: columns.map(function (column) {
        var count = 0;
        insights.verdicts.forEach(function (v) {
          if (v.verdict === verdict && v.host + (v.port === 443 ? '' : ':' + v.port) + ' · Android ' + v.android === column) { count += v.count; }
        });
        return count;
      }) };
    });
    draw('chart-verdicts', { type: 'bar', data: { labels: columns, datasets: datasets },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } });
  }

  // --- tables ---------------------------------------------------------------------------------
  function renderKpis(insights, openFindings) {
    var o = insights.outcomes;
    var total = insights.conversations.total;
    $('kpi-conversations').textContent = total;
    $('kpi-resolved').textContent = percent(o.resolved, total);
    $('kpi-escalated').textContent = percent(o.escalated, total);
    $('kpi-abandoned').textContent = percent(o.abandoned, total);
    $('kpi-findings').textContent = openFindings.length;
  }

  function renderHelpdesk(insights) {
    var h = insights.helpdesk;
    $('take-median').textContent = duration(h.timeToTake.median);
    $('take-p90').textContent = duration(h.timeToTake.p90);
    $('resolve-median').textContent = duration(h.timeToResolve.median);
    $('resolve-p90').textContent = duration(h.timeToResolve.p90);
    $('cases').textContent = t('cases', { n: h.cases, t: h.taken, r: h.resolved });
  }

  function renderChecks(insights) {
    var body = $('checks');
    body.textContent = '';
    if (!insights.serverChecks.length) {
      var row = element('tr');
      var cell = element('td', t('noChecks'), 'hint');
      cell.colSpan = 3;
      row.appendChild(cell);
      body.appendChild(row);
    }
    insights.serverChecks.forEach(function (check) {
      var row = element('tr');
      row.appendChild(element('td', check.host + (check.port === 443 ? '' : ':' + check.port)));
      row.appendChild(element('td', check.android));
      var verdict = element('td', check.verdict);
      verdict.style.color = VERDICT_COLOURS[check.verdict] || '';
      row.appendChild(verdict);
      body.appendChild(row);
    });
  }

  function renderFindings(findings) {
    var list = $('findings');
    list.textContent = '';
    $('no-findings').hidden = findings.length > 0;
    findings.forEach(function (f) {
      var box = element('article', null, 'finding');
      box.id = 'finding-' + f.id;
      box.appendChild(element('h3', t('findingTitle', { id: f.id, host: f.host + (f.port === 443 ? '' : ':' + f.port), problem: f.codeText })));
      var facts = element('dl', null, 'facts');
      function fact(name, value, className) {
        facts.appendChild(element('dt', name));
        facts.appendChild(element('dd', value, className));
      }
      if (f.certificate.name) {
        fact(t('certificate'), f.certificate.name + (f.certificate.sha256 ? ' — SHA-256 ' + f.certificate.sha256 : ''), 'fingerprint');
      }
      fact(t('android'), f.androidReleases.join(', '));
      fact(t('employees'), f.employeesAffected);
      fact(t('since'), new Date(f.firstSeen).toLocaleString(fr ? 'fr-FR' : 'en-GB'));
      fact(t('fix'), fr ? f.fix.fr : f.fix.en, 'fix');
      box.appendChild(facts);
      list.appendChild(box);
    });
    if (location.hash && document.getElementById(location.hash.slice(1))) {
      document.getElementById(location.hash.slice(1)).scrollIntoView();
    }
  }

  function load() {
    $('error').textContent = '';
    document.body.removeAttribute('data-ready');
    $('csv').href = '/api/admin/insights.csv' + query();
    Promise.all([getJson('/api/admin/insights' + query()), getJson('/api/admin/findings')]).then(function (answers) {
      var insights = answers[0];
      var findings = answers[1];
      renderKpis(insights, findings);
      drawDays(insights);
      drawOutcomes(insights);
      drawFunnel(insights);
      drawVerdicts(insights);
      renderHelpdesk(insights);
      renderChecks(insights);
      renderFindings(findings);
      document.body.setAttribute('data-ready', 'true');
    }).catch(function (error) {
      $('error').textContent = t('failed', { m: error && error.message ? error.message : String(error) });
    });
  }

  translatePage();
  // A link may name the period (/admin/insights?from=2026-11-01&to=2026-11-30): shareable views.
  var asked = new URLSearchParams(location.search);
  if (/^\d{4}-\d{2}-\d{2}$/.test(asked.get('from') || '') && /^\d{4}-\d{2}-\d{2}$/.test(asked.get('to') || '')) {
    $('preset').value = 'custom';
    $('from').value = asked.get('from');
    $('to').value = asked.get('to');
  } else {
    applyPreset();
  }
  $('preset').addEventListener('change', function () { applyPreset(); load(); });
  ['from', 'to'].forEach(function (id) { $(id).addEventListener('change', function () { $('preset').value = 'custom'; }); });
  $('period').addEventListener('submit', function (event) { event.preventDefault(); load(); });
  $('sign-out').addEventListener('click', function () {
    var match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    fetch('/logout', { method: 'POST', credentials: 'same-origin',
      headers: { 'X-XSRF-TOKEN': match ? decodeURIComponent(match[1]) : '', 'X-Certdesk-Console': '1' } })
      .then(function () { location.href = '/login?signed-out'; });
  });
  load();
}());
