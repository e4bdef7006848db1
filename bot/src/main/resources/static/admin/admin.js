// The admin script editor: edit a script's YAML with the linter running as you type, see it as a
// diagram, try the draft in a preview chat, publish, roll back, compare versions, read the audit log.
// Talks to /api/admin (same origin, session cookie, CSRF header). No inline script: the page's
// Content-Security-Policy allows only files of this server.
(function () {
  'use strict';

  var fr = (navigator.language || 'en').toLowerCase().indexOf('fr') === 0;
  var TEXTS = {
    title: ['Scripts du dialogue', 'Dialog scripts'],
    script: ['Script', 'Script'],
    signOut: ['Se déconnecter', 'Sign out'],
    insights: ['Tableau de bord', 'Insights'],
    comment: ['Commentaire de la publication', 'Comment for this version'],
    publish: ['Publier', 'Publish'],
    import: ['Importer un fichier…', 'Import a file…'],
    diagram: ['Diagramme', 'Diagram'],
    preview: ['Aperçu', 'Preview'],
    history: ['Historique', 'History'],
    audit: ['Journal', 'Audit log'],
    legendUnreachable: ['inaccessible', 'unreachable'],
    legendDeadEnd: ['sans issue', 'no way out'],
    legendMissing: ['état inexistant', 'not a state'],
    previewHint: ['Le brouillon de l’éditeur, sur le vrai moteur. Rien n’est enregistré. Une action attend que vous la lanciez (l’analyseur réel) ou que vous choisissiez son résultat.',
      'The draft in the editor, on the real engine. Nothing is stored. An action waits for you to run it (the real analyzer) or to pick its outcome.'],
    previewInput: ['Écrire comme l’employé…', 'Type as the employee…'],
    send: ['Envoyer', 'Send'],
    restart: ['Recommencer', 'Start again'],
    version: ['Version', 'Version'],
    who: ['Qui', 'Who'],
    when: ['Quand', 'When'],
    commentHead: ['Commentaire', 'Comment'],
    diffFrom: ['Comparer', 'Compare'],
    diffTo: ['à', 'with'],
    showDiff: ['Afficher les différences', 'Show differences'],
    address: ['Adresse', 'Address'],
    action: ['Action', 'Action'],
    detail: ['Détail', 'Detail'],
    published: ['publiée', 'published'],
    open: ['Ouvrir', 'Open'],
    export: ['Exporter', 'Export'],
    rollback: ['Revenir à cette version', 'Roll back to this'],
    confirmRollback: ['Publier à nouveau la version {v} ? Les nouvelles conversations la prendront aussitôt.',
      'Publish version {v} again? New conversations take it at once.'],
    status: ['Version publiée : {p} (dernière : {l}). Le texte ci-dessous : {e}.', 'Published version: {p} (latest: {l}). Editing: {e}.'],
    linting: ['Vérification…', 'Checking…'],
    lintOk: ['Aucun problème : le script peut être publié.', 'No problems: the script can be published.'],
    lintProblems: ['{n} problème(s) : corrigez-les pour pouvoir publier.', '{n} problem(s): fix them to publish.'],
    line: ['ligne {l}, colonne {c}', 'line {l}, column {c}'],
    wholeFile: ['tout le fichier', 'whole file'],
    publishedAs: ['Version {v} publiée : les nouvelles conversations la prennent dès maintenant.', 'Version {v} published: new conversations take it from now on.'],
    rejected: ['Refusé : le script ne passe pas la vérification.', 'Refused: the script does not lint.'],
    rolledBack: ['La version {v} est à nouveau publiée.', 'Version {v} is published again.'],
    failed: ['Échec : {m}', 'Failed: {m}'],
    unreachable: ['Inaccessibles', 'Unreachable'],
    deadEnds: ['Sans issue', 'No way out'],
    noDiagram: ['Pas de diagramme : le texte n’est pas encore lisible.', 'No diagram: the text cannot be read yet.'],
    draftInvalid: ['Le brouillon ne passe pas la vérification : corrigez-le pour l’essayer.', 'The draft does not lint: fix it to try it.'],
    waitingAction: ['Action {a} : lancez la vraie action, ou choisissez son résultat.', 'Action {a}: run the real action, or pick its outcome.'],
    runReal: ['Lancer la vraie action', 'Run the real action'],
    ended: ['Conversation terminée : {s}.', 'Conversation over: {s}.'],
    // The engine's end states, as words (the page never shows the engine's raw status names).
    statusRESOLVED: ['problème résolu', 'problem solved'],
    statusESCALATED: ['transmise à l’assistance', 'handed over to the helpdesk'],
    rollbackRefused: ['Retour refusé : la version {v} ne passe plus la vérification d’aujourd’hui. Rien n’a changé.',
      'Rollback refused: version {v} no longer passes today’s checks. Nothing changed.'],
    sha: ['Empreinte SHA-256', 'SHA-256 fingerprint'],
    download: ['Téléchargement', 'Download'],
    unsaved: ['brouillon modifié', 'modified draft'],
    versionN: ['version {v}', 'version {v}'],
    imported: ['Fichier {f} chargé dans l’éditeur : publiez-le pour l’enregistrer.', 'File {f} loaded into the editor: publish it to store it.'],
    noDiff: ['Aucune différence.', 'No differences.']
  };

  function t(key, values) {
    var text = (TEXTS[key] || [key, key])[fr ? 0 : 1];
    Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
    return text;
  }

  function $(id) { return document.getElementById(id); }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  document.documentElement.lang = fr ? 'fr' : 'en';
  document.title = 'certdesk – ' + t('title');
  document.querySelectorAll('[data-t]').forEach(function (e) { e.textContent = t(e.getAttribute('data-t')); });
  document.querySelectorAll('[data-t-placeholder]').forEach(function (e) {
    e.setAttribute('placeholder', t(e.getAttribute('data-t-placeholder')));
  });

  // --- HTTP ---------------------------------------------------------------------------------------
  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function api(method, url, body, contentType) {
    var headers = { 'X-Certdesk-Console': '1' };
    if (method !== 'GET') { headers['X-XSRF-TOKEN'] = csrfToken(); }
    if (contentType) { headers['Content-Type'] = contentType; }
    return fetch(url, { method: method, headers: headers, body: body, credentials: 'same-origin' }).then(function (r) {
      if (r.status === 401) {
        location.href = '/login';
        throw new Error('signed out');
      }
      return r;
    });
  }

  function fail(error) {
    $('publish-result').textContent = t('failed', { m: error && error.message ? error.message : String(error) });
    $('publish-result').className = 'error';
  }

  // --- state --------------------------------------------------------------------------------------
  var scriptId = null;
  var info = null;           // { publishedVersion, versions: [...] }
  var editing = null;        // the stored version loaded into the editor, or null after an import
  var problems = [];
  var warnings = [];
  var lintedText = null;     // the text the last lint answer was for
  var lintSeq = 0;
  var lastMermaid = null;
  var diagramSeq = 0;

  // --- editor -------------------------------------------------------------------------------------
  var editor = CodeMirror.fromTextArea($('yaml'), {
    mode: 'yaml', lineNumbers: true, tabSize: 2, indentUnit: 2, indentWithTabs: false, lineWrapping: false,
    gutters: ['CodeMirror-lint-markers', 'CodeMirror-linenumbers'],
    extraKeys: { Tab: function (cm) { cm.replaceSelection('  '); } },
    lint: { getAnnotations: lint, async: true, delay: 300 }
  });
  window.certdeskEditor = editor; // for the browser test and the console

  editor.on('change', function () {
    updatePublishButton();
    if (editing !== null && editor.getValue() !== editing.text) { showStatus(); }
  });

  function lint(text, updateLinting, options, cm) {
    var seq = ++lintSeq;
    $('lint-state').textContent = t('linting');
    $('lint-state').className = 'lint-state';
    api('POST', '/api/admin/lint' + (scriptId ? '?id=' + encodeURIComponent(scriptId) : ''), text, 'application/yaml')
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (seq !== lintSeq) { return; } // an older answer after a newer request
        problems = answer.problems || [];
        warnings = answer.warnings || [];
        lintedText = text;
        showProblems();
        showDiagram(answer);
        function mark(severity) {
          return function (p) {
            var line = Math.max(0, p.line - 1);
            var column = Math.max(0, p.column - 1);
            return { from: CodeMirror.Pos(line, column), to: CodeMirror.Pos(line, column + 1), message: p.message, severity: severity };
          };
        }
        updateLinting(cm, problems.map(mark('error')).concat(warnings.map(mark('warning'))));
      })
      .catch(fail);
  }

  function showProblems() {
    var list = $('problems');
    list.textContent = '';
    problems.concat(warnings).forEach(function (p, i) {
      var item = element('li', i < problems.length ? 'problem' : 'problem warning', (p.line > 0 ? t('line', { l: p.line, c: p.column }) : t('wholeFile')) + ' : ' + p.message);
      item.setAttribute('data-line', p.line);
      item.addEventListener('click', function () {
        if (p.line > 0) { editor.focus(); editor.setCursor({ line: p.line - 1, ch: Math.max(0, p.column - 1) }); }
      });
      list.appendChild(item);
    });
    $('lint-state').textContent = problems.length ? t('lintProblems', { n: problems.length }) : t('lintOk');
    $('lint-state').className = 'lint-state' + (problems.length ? '' : ' ok');
    updatePublishButton();
  }

  function updatePublishButton() {
    var unchanged = editing !== null && info !== null && editing.version === info.publishedVersion
      && editor.getValue() === editing.text;
    $('publish').disabled = !scriptId || unchanged || problems.length > 0 || lintedText !== editor.getValue();
  }

  function showStatus() {
    if (!info) { return; }
    var latest = info.versions.length ? info.versions[0].version : 0;
    var what = editing === null || editor.getValue() !== editing.text ? t('unsaved') : t('versionN', { v: editing.version });
    $('status').textContent = t('status', { p: info.publishedVersion, l: latest, e: what });
  }

  // --- diagram ------------------------------------------------------------------------------------
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', flowchart: { htmlLabels: false, useMaxWidth: false } });

  function showDiagram(answer) {
    var marks = $('marks');
    marks.textContent = '';
    if (!answer.graph) {
      marks.textContent = t('noDiagram');
      return;
    }
    var unreachable = answer.graph.states.filter(function (s) { return s.unreachable; }).map(function (s) { return s.id; });
    var deadEnds = answer.graph.states.filter(function (s) { return s.deadEnd; }).map(function (s) { return s.id; });
    var parts = [];
    if (unreachable.length) { parts.push(t('unreachable') + ' : ' + unreachable.join(', ')); }
    if (deadEnds.length) { parts.push(t('deadEnds') + ' : ' + deadEnds.join(', ')); }
    marks.textContent = parts.join(' — ');
    if (answer.mermaid === lastMermaid) { return; }
    lastMermaid = answer.mermaid;
    var seq = ++diagramSeq;
    mermaid.render('diagram-svg-' + seq, answer.mermaid).then(function (out) {
      if (seq === diagramSeq) { $('diagram').innerHTML = out.svg; } // Mermaid's own SVG, sanitized in strict mode
    }).catch(function (e) { $('diagram').textContent = String(e && e.message ? e.message : e); });
  }

  // --- scripts, versions, publish -----------------------------------------------------------------
  function loadScripts() {
    return api('GET', '/api/admin/scripts').then(function (r) { return r.json(); }).then(function (scripts) {
      var select = $('script');
      select.textContent = '';
      scripts.forEach(function (s) { select.appendChild(new Option(s.id, s.id)); });
      if (scripts.length) { return openScript(scripts[0].id); }
    });
  }

  function openScript(id) {
    scriptId = id;
    $('script').value = id;
    return loadVersions().then(function () { return openVersion(info.publishedVersion); });
  }

  function loadVersions() {
    return api('GET', '/api/admin/scripts/' + encodeURIComponent(scriptId) + '/versions')
      .then(function (r) { return r.json(); })
      .then(function (body) { info = body; showVersions(); showStatus(); updatePublishButton(); });
  }

  function openVersion(version) {
    return api('GET', '/api/admin/scripts/' + encodeURIComponent(scriptId) + '/versions/' + version)
      .then(function (r) { return r.text(); })
      .then(function (text) {
        editing = { version: version, text: text };
        editor.setValue(text);
        editor.clearHistory();
        showStatus();
        updatePublishButton();
      });
  }

  function publish() {
    $('publish').disabled = true;
    var comment = $('comment').value;
    var url = '/api/admin/scripts/' + encodeURIComponent(scriptId) + (comment ? '?comment=' + encodeURIComponent(comment) : '');
    api('PUT', url, editor.getValue(), 'application/yaml').then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    }).then(function (answer) {
      var result = $('publish-result');
      if (answer.status === 201) {
        result.textContent = t('publishedAs', { v: answer.body.version });
        result.className = 'ok';
        $('comment').value = '';
        return loadVersions().then(function () { return openVersion(answer.body.version); }).then(loadAudit);
      }
      if (answer.status === 422) {
        problems = answer.body.problems || [];
        showProblems();
        result.textContent = t('rejected');
      } else {
        result.textContent = t('failed', { m: answer.body.detail || answer.status });
      }
      result.className = 'error';
      updatePublishButton();
    }).catch(fail);
  }

  function rollback(version) {
    if (!window.confirm(t('confirmRollback', { v: version }))) { return; }
    api('POST', '/api/admin/scripts/' + encodeURIComponent(scriptId) + '/rollback/' + version).then(function (r) {
      // A version stored under an older linter may no longer load: 422 with the linter's problems.
      if (r.status === 422) {
        return r.json().then(function (body) {
          var result = $('publish-result');
          result.textContent = t('rollbackRefused', { v: version }) + ' ' + (body.problems || []).map(function (p) {
            return (p.line > 0 ? t('line', { l: p.line, c: p.column }) + ' : ' : '') + p.message;
          }).join(' · ');
          result.className = 'error';
        });
      }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      $('publish-result').textContent = t('rolledBack', { v: version });
      $('publish-result').className = 'ok';
      return loadVersions().then(loadAudit);
    }).catch(fail);
  }

  function showVersions() {
    var body = $('versions');
    body.textContent = '';
    var from = $('diff-from');
    var to = $('diff-to');
    from.textContent = '';
    to.textContent = '';
    info.versions.forEach(function (v) {
      var row = element('tr');
      var number = element('td', null, String(v.version));
      if (v.version === info.publishedVersion) { number.appendChild(element('span', 'published-mark', ' · ' + t('published'))); }
      row.appendChild(number);
      row.appendChild(element('td', null, v.author));
      row.appendChild(element('td', null, new Date(v.createdAt).toLocaleString(fr ? 'fr-FR' : 'en-GB')));
      row.appendChild(element('td', null, v.comment || ''));
      var actions = element('td');
      var open = element('button', 'secondary', t('open'));
      open.type = 'button';
      open.addEventListener('click', function () { openVersion(v.version); });
      actions.appendChild(open);
      var exportLink = element('a', 'button secondary', t('export'));
      exportLink.href = '/api/admin/scripts/' + encodeURIComponent(scriptId) + '/versions/' + v.version;
      exportLink.setAttribute('download', scriptId + '-v' + v.version + '.yaml');
      actions.appendChild(exportLink);
      if (v.version !== info.publishedVersion) {
        var back = element('button', 'secondary', t('rollback'));
        back.type = 'button';
        back.addEventListener('click', function () { rollback(v.version); });
        actions.appendChild(back);
      }
      row.appendChild(actions);
      body.appendChild(row);
      from.appendChild(new Option('v' + v.version, v.version));
      to.appendChild(new Option('v' + v.version, v.version));
    });
    if (info.versions.length > 1) { from.selectedIndex = 1; }
  }

  function showDiff() {
    api('GET', '/api/admin/scripts/' + encodeURIComponent(scriptId) + '/diff?from=' + $('diff-from').value + '&to=' + $('diff-to').value)
      .then(function (r) { return r.json(); })
      .then(function (body) {
        var out = $('diff-out');
        out.textContent = '';
        var changed = body.lines.filter(function (l) { return l.op !== 'SAME'; }).length;
        if (!changed) { out.textContent = t('noDiff'); return; }
        body.lines.forEach(function (l) {
          var mark = l.op === 'ADDED' ? '+ ' : l.op === 'REMOVED' ? '- ' : '  ';
          out.appendChild(element('span', l.op === 'ADDED' ? 'added' : l.op === 'REMOVED' ? 'removed' : 'same', mark + l.text));
        });
      }).catch(fail);
  }

  function loadAudit() {
    return api('GET', '/api/admin/audit').then(function (r) { return r.json(); }).then(function (entries) {
      var body = $('audit');
      body.textContent = '';
      entries.forEach(function (e) {
        var row = element('tr');
        [new Date(e.at).toLocaleString(fr ? 'fr-FR' : 'en-GB'), e.who, e.address || '', e.action, e.scriptId,
          e.version === null ? '' : String(e.version), e.detail || ''].forEach(function (text) {
          row.appendChild(element('td', null, text));
        });
        body.appendChild(row);
      });
    });
  }

  function importFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      editing = null;
      editor.setValue(String(reader.result));
      showStatus();
      $('publish-result').textContent = t('imported', { f: file.name });
      $('publish-result').className = '';
    };
    reader.readAsText(file, 'utf-8');
  }

  // --- preview ------------------------------------------------------------------------------------
  var previewState = null;
  var previewArguments = null;

  function previewSay(className, text) {
    var log = $('preview-log');
    log.appendChild(element('div', className, text));
    log.scrollTop = log.scrollHeight;
  }

  function previewTurn(type, value, echo) {
    if (echo) { previewSay('me', echo); }
    var request = { yaml: editor.getValue(), state: type === 'start' ? null : previewState, locale: fr ? 'fr' : 'en',
      type: type, value: value, arguments: type === 'run' ? previewArguments : null };
    api('POST', '/api/admin/preview', JSON.stringify(request), 'application/json').then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    }).then(function (answer) {
      var buttons = $('preview-buttons');
      buttons.textContent = '';
      if (answer.status === 422) { previewSay('note', t('draftInvalid')); return; }
      if (answer.status !== 200) { previewSay('note', t('failed', { m: answer.body.detail || answer.status })); return; }
      previewState = answer.body.state;
      answer.body.messages.forEach(function (m) {
        if (m.kind === 'TEXT') { previewSay('bot', m.text); }
        if (m.kind === 'FACTS') { previewSay('bot', m.facts.map(function (f) { return f.label + ' : ' + f.value; }).join('\n')); }
        if (m.kind === 'DOWNLOAD') { previewSay('bot', t('download') + ' : ' + m.fileName + '\n' + t('sha') + ' : ' + m.sha256); }
        if (m.kind === 'CHOICES') {
          if (m.text) { previewSay('bot', m.text); }
          m.options.forEach(function (o) {
            var b = element('button', 'secondary', o.label);
            b.type = 'button';
            b.addEventListener('click', function () { previewTurn('choice', o.id, o.label); });
            buttons.appendChild(b);
          });
        }
      });
      previewArguments = answer.body.pendingAction ? answer.body.pendingAction.arguments : null;
      if (answer.body.pendingAction) {
        previewSay('note', t('waitingAction', { a: answer.body.pendingAction.name }));
        var run = element('button', 'outcome real', t('runReal'));
        run.type = 'button';
        run.addEventListener('click', function () { previewTurn('run', null, '⚙ ' + t('runReal')); });
        buttons.appendChild(run);
        answer.body.pendingAction.outcomes.forEach(function (o) {
          var b = element('button', 'outcome', o.name);
          b.type = 'button';
          b.title = o.description;
          b.addEventListener('click', function () { previewTurn('outcome', o.name, '⚙ ' + o.name); });
          buttons.appendChild(b);
        });
      }
      if (answer.body.status === 'RESOLVED' || answer.body.status === 'ESCALATED') {
        previewSay('note', t('ended', { s: t('status' + answer.body.status) }));
      }
    }).catch(fail);
  }

  // --- wiring -------------------------------------------------------------------------------------
  document.querySelectorAll('.tabs button').forEach(function (button) {
    button.addEventListener('click', function () {
      document.querySelectorAll('.tabs button').forEach(function (b) { b.setAttribute('aria-selected', String(b === button)); });
      document.querySelectorAll('.tab').forEach(function (tab) { tab.hidden = tab.id !== 'tab-' + button.getAttribute('data-tab'); });
      if (button.getAttribute('data-tab') === 'preview' && previewState === null) { previewTurn('start'); }
      if (button.getAttribute('data-tab') === 'audit') { loadAudit().catch(fail); }
    });
  });
  document.querySelector('.tabs button').setAttribute('aria-selected', 'true');
  $('publish').addEventListener('click', publish);
  $('script').addEventListener('change', function () { openScript($('script').value).catch(fail); });
  $('import').addEventListener('change', function () { if (this.files[0]) { importFile(this.files[0]); } this.value = ''; });
  $('diff').addEventListener('click', showDiff);
  $('preview-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('preview-input').value.trim();
    if (!text) { return; }
    $('preview-input').value = '';
    previewTurn('text', text, text);
  });
  $('preview-restart').addEventListener('click', function () { $('preview-log').textContent = ''; previewState = null; previewTurn('start'); });
  $('sign-out').addEventListener('click', function () {
    api('POST', '/logout').then(function () { location.href = '/login?signed-out'; }).catch(fail);
  });

  loadScripts().then(loadAudit).catch(fail);
}());
