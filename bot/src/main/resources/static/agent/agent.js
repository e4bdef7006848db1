// The agent console: the queue of cases (live, through server-sent events), a case with its
// report and transcript, and the chat box. Everything a person typed is put in the page as text
// (textContent), never as markup; the page's CSP allows no other script anyway.
'use strict';
(function () {
  const TEXTS = {
    en: {
      title: 'certdesk – helpdesk', signOut: 'Sign out', queue: 'Cases', empty: 'No open case.',
      missing: 'Missing certificates', take: 'Take case', resolve: 'Resolved', returnAt: 'Hand back to the bot at',
      'return': 'Hand back', transcript: 'Conversation', send: 'Send', live: 'Live', offline: 'Reconnecting…',
      caseTitle: 'Case {0}', waiting: 'waiting {0}', takenBy: 'taken by {0}', employee: 'Employee',
      channel: 'Channel', android: 'Android', reason: 'Reason', verdict: 'Verdict', report: 'Report',
      status: 'Status', created: 'Opened', download: 'download', alreadyTaken: 'Already taken by {0}.',
      failed: 'That did not work: {0}', notSent: 'Not sent: {0} Your text is kept; send it again.',
      unknown: 'unknown', bot: 'Bot', noneFound: 'none recorded',
      statuses: { open: 'waiting', taken: 'taken', resolved: 'resolved', returned: 'handed back', cancelled: 'cancelled' }
    },
    fr: {
      title: 'certdesk – support', signOut: 'Se déconnecter', queue: 'Dossiers', empty: 'Aucun dossier ouvert.',
      missing: 'Certificats manquants', take: 'Prendre le dossier', resolve: 'Résolu', returnAt: 'Rendre la main au bot à',
      'return': 'Rendre la main', transcript: 'Conversation', send: 'Envoyer', live: 'En direct',
      offline: 'Reconnexion…', caseTitle: 'Dossier n° {0}', waiting: 'attend depuis {0}', takenBy: 'pris par {0}',
      employee: 'Employé', channel: 'Canal', android: 'Android', reason: 'Motif', verdict: 'Diagnostic',
      report: 'Rapport', status: 'État', created: 'Ouvert', download: 'télécharger',
      alreadyTaken: 'Déjà pris par {0}.', failed: 'Échec : {0}',
      notSent: 'Message non envoyé : {0} Votre texte est conservé ; renvoyez-le.', unknown: 'inconnu', bot: 'Bot',
      noneFound: 'aucun enregistré',
      statuses: { open: 'en attente', taken: 'pris', resolved: 'résolu', returned: 'rendu au bot', cancelled: 'annulé' }
    }
  };
  const lang = (navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const T = TEXTS[lang];
  const fmt = (text, ...args) => args.reduce((t, a, i) => t.replace('{' + i + '}', a), text);
  const $ = (id) => document.getElementById(id);

  let me = null;
  let cases = [];
  let selected = null;   // the case shown, as the API gave it
  let selectedId = null;
  let unsent = null;     // the message being sent, with its id, until the server accepted it
  let sending = false;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  async function api(method, path, body) {
    // Accept-Language: the server's words (reasons, errors) in the console's language.
    const headers = { 'X-Certdesk-Console': '1', 'Accept': 'application/json', 'Accept-Language': lang };
    if (method !== 'GET') {
      headers['X-XSRF-TOKEN'] = csrfToken();
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('signed out');
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((data && data.detail) || response.statusText);
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function duration(seconds) {
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
    return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
  }

  // Wait times tick in the page between reloads: the server's figure plus the time since it was read.
  function waited(c) {
    if (c.status !== 'open') return c.waitSeconds;
    return c.waitSeconds + Math.floor((Date.now() - c.readAt) / 1000);
  }

  function renderQueue() {
    const list = $('cases');
    list.replaceChildren();
    for (const c of cases) {
      const item = el('li');
      item.id = 'queue-case-' + c.id;
      item.dataset.caseId = c.id;
      if (c.id === selectedId) item.classList.add('selected');
      item.append(el('strong', null, '#' + c.id + ' '));
      item.append(el('span', 'who', c.employee.name || c.employee.teamsId || T.unknown));
      const state = c.status === 'taken' ? fmt(T.takenBy, c.takenByName || c.takenBy) : fmt(T.waiting, duration(waited(c)));
      item.append(el('span', 'wait status-' + c.status, state));
      item.append(el('div', 'muted', c.reasonText || c.reason));
      item.addEventListener('click', () => { window.location.hash = 'case-' + c.id; });
      list.append(item);
    }
    $('empty').hidden = cases.length > 0;
  }

  async function loadQueue() {
    const now = Date.now();
    cases = (await api('GET', '/api/agent/cases?status=active')).map(c => Object.assign(c, { readAt: now }));
    renderQueue();
  }

  function fact(list, label, value, className) {
    list.append(el('dt', null, label));
    list.append(el('dd', className, value === null || value === undefined || value === '' ? T.unknown : value));
  }

  function renderCase() {
    const c = selected;
    $('case').hidden = !c;
    if (!c) return;
    $('case-title').textContent = fmt(T.caseTitle, c.id);
    const facts = $('case-facts');
    facts.replaceChildren();
    fact(facts, T.status, (T.statuses[c.status] || c.status) + (c.takenBy ? ' – ' + (c.takenByName || c.takenBy) : ''));
    fact(facts, T.employee, c.employee.name || c.employee.teamsId);
    fact(facts, T.channel, c.employee.channel);
    fact(facts, T.android, c.androidVersion);
    fact(facts, T.reason, c.reasonText || c.reason);
    fact(facts, T.verdict, c.verdictText || c.verdict);
    fact(facts, T.report, c.reportSummary);
    fact(facts, T.created, new Date(c.createdAt).toLocaleString(lang));
    const missing = $('case-missing');
    missing.replaceChildren();
    for (const m of c.missingCertificates) {
      const item = el('li');
      item.append(el('strong', null, m.name + ' '));
      if (m.sha256) item.append(el('span', 'fingerprint', 'SHA-256 ' + m.sha256 + ' '));
      if (m.downloadUrl) {
        const link = el('a', null, T.download);
        link.href = m.downloadUrl;
        link.rel = 'noopener noreferrer';
        item.append(link);
      }
      missing.append(item);
    }
    if (!c.missingCertificates.length) missing.append(el('li', 'muted', T.noneFound));
    const transcript = $('transcript');
    transcript.replaceChildren();
    for (const line of c.transcript) {
      const item = el('li', line.author);
      const who = line.author === 'bot' ? T.bot : line.author === 'employee'
        ? (line.name || c.employee.name || T.employee) : (line.name || line.author);
      item.append(el('span', 'who', who));
      item.append(el('span', 'text', line.text));
      transcript.append(item);
    }
    transcript.scrollTop = transcript.scrollHeight;
    const mine = c.status === 'taken' && me && c.takenBy === me.account;
    $('take').hidden = c.status !== 'open';
    $('resolve').disabled = !mine;
    $('return').disabled = !mine;
    $('send').disabled = !mine;
    $('say-text').disabled = !mine;
    const select = $('return-state');
    const previous = select.value;
    select.replaceChildren();
    for (const state of c.states) {
      const option = el('option', null, state);
      option.value = state;
      select.append(option);
    }
    if (c.states.includes(previous)) select.value = previous;
    select.disabled = !mine;
  }

  async function loadCase() {
    if (selectedId === null) {
      selected = null;
      renderCase();
      return;
    }
    try {
      selected = await api('GET', '/api/agent/cases/' + selectedId);
    } catch (e) {
      selected = null;
      showError(e);
    }
    renderCase();
    renderQueue();
  }

  function showError(e) {
    const message = e.status === 409 && e.data && e.data.takenBy ? fmt(T.alreadyTaken, e.data.takenBy)
      : fmt(T.failed, e.message);
    $('case-error').textContent = message;
  }

  async function act(method, path, body) {
    $('case-error').textContent = '';
    try {
      await api(method, path, body);
    } catch (e) {
      showError(e);
    }
    await Promise.all([loadQueue(), loadCase()]);
  }

  function fromHash() {
    const match = window.location.hash.match(/^#case-(\d+)$/);
    selectedId = match ? Number(match[1]) : null;
    $('case-error').textContent = '';
    loadCase();
  }

  function listen() {
    const source = new EventSource('/api/agent/events');
    source.addEventListener('hello', () => { $('live').textContent = T.live; loadQueue(); loadCase(); });
    source.addEventListener('queue', () => { loadQueue(); loadCase(); });
    source.addEventListener('message', (event) => {
      const data = JSON.parse(event.data);
      if (data.caseId === selectedId) loadCase();
    });
    source.onerror = () => { $('live').textContent = T.offline; };
  }

  // As with csrf.spa() (LazyCsrfTokens), a token in a form field must be the masked one, which the page
  // does not have: the raw cookie value is accepted only in the X-XSRF-TOKEN header, so sign-out is a
  // fetch too.
  async function signOut() {
    let response = null;
    try {
      // 'manual': the 302 to the sign-in page is not followed here but by the page itself.
      response = await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual',
        headers: { 'X-XSRF-TOKEN': csrfToken(), 'X-Certdesk-Console': '1' } });
    } catch (e) {
      response = null;
    }
    if (response && (response.type === 'opaqueredirect' || response.ok)) {
      window.location.assign('/login?signed-out');
    } else {
      $('live').textContent = fmt(T.failed, response ? response.status : T.unknown);
    }
  }

  async function start() {
    document.documentElement.lang = lang;
    document.title = T.title;
    for (const node of document.querySelectorAll('[data-text]')) node.textContent = T[node.dataset.text];
    $('logout').addEventListener('click', signOut);
    $('take').addEventListener('click', () => act('POST', '/api/agent/cases/' + selectedId + '/take'));
    $('resolve').addEventListener('click', () => act('POST', '/api/agent/cases/' + selectedId + '/resolve'));
    $('return').addEventListener('click', () => act('POST', '/api/agent/cases/' + selectedId + '/return',
      { state: $('return-state').value }));
    $('say').addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = $('say-text').value;
      if (!text.trim() || sending) return;
      // The id makes a retried request harmless: the server records and sends a message once per id.
      // Sending the same text again after a failure reuses it, so a request that did arrive (and only
      // its answer got lost) is not sent twice.
      if (!unsent || unsent.text !== text || unsent.caseId !== selectedId) {
        unsent = { text, caseId: selectedId,
          id: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).slice(0, 64) };
      }
      sending = true;
      $('case-error').textContent = '';
      try {
        await api('POST', '/api/agent/cases/' + selectedId + '/messages', { text, id: unsent.id });
        // Cleared only once the server accepted it, and only if the agent did not start another one.
        if ($('say-text').value === text) $('say-text').value = '';
        unsent = null;
      } catch (e) {
        $('case-error').textContent = fmt(T.notSent, (e.data && e.data.detail) || e.message);
      } finally {
        sending = false;
      }
      await Promise.all([loadQueue(), loadCase()]);
    });
    window.addEventListener('hashchange', fromHash);
    setInterval(renderQueue, 10000);
    // Events reach every instance's consoles (docs/several-instances.md); this slow refresh is only the
    // safety net for events lost while the event stream reconnected.
    setInterval(() => { loadQueue(); loadCase(); }, 30000);
    me = await api('GET', '/api/agent/me');
    $('me').textContent = me.displayName;
    await loadQueue();
    fromHash();
    listen();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
