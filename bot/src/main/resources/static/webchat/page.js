// The web chat page: fills in the texts in the browser's language, gets a Direct Line token for a new
// conversation, and runs Microsoft's Web Chat (window.WebChat, from webchat.js) against this server.
// Web Chat polls (webSocket: false): the server implements Direct Line's polling API only.
'use strict';

(function () {
  const byId = id => document.getElementById(id);

  function say(id, text) {
    byId(id).textContent = text; // never innerHTML: texts and host names are data, not markup
  }

  function status(text, isError) {
    const element = byId('status');
    element.textContent = text || '';
    element.className = isError ? 'error' : '';
  }

  async function json(response) {
    if (!response.ok) {
      throw new Error(response.url + ' answered ' + response.status);
    }
    return response.json();
  }

  function fillIn(settings) {
    const texts = settings.texts;
    document.documentElement.lang = settings.lang;
    document.title = texts.title;
    say('heading', texts.heading);
    say('intro', texts.intro);
    say('hosts-intro', settings.hosts.length ? texts.hosts : texts.hostsNone);
    const list = byId('hosts');
    for (const host of settings.hosts) {
      const item = document.createElement('li');
      item.textContent = host;
      list.appendChild(item);
    }
    say('footer', texts.footer);
  }

  async function start() {
    const browserLocale = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    const settings = await fetch('webchat/settings?locale=' + encodeURIComponent(browserLocale), {
      headers: { Accept: 'application/json' }
    }).then(json);
    fillIn(settings);
    if (!settings.open) {
      status(settings.texts.signInRequired, true);
      return;
    }
    status(settings.texts.connecting);
    try {
      // The locale given here is the welcome's language, so the bot greets in the page's language.
      const { token } = await fetch('v3/directline/tokens/generate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ locale: settings.locale })
      }).then(json);
      const domain = new URL('v3/directline', document.baseURI).href;
      const directLine = window.WebChat.createDirectLine({
        domain,
        token,
        webSocket: false,
        conversationStartProperties: { locale: settings.locale }
      });
      window.WebChat.renderWebChat(
        {
          directLine,
          locale: settings.locale,
          styleOptions: {
            hideUploadButton: true, // the server takes no files
            suggestedActionLayout: 'flow', // all buttons visible at once, wrapped, also on a phone
            botAvatarInitials: 'CD',
            bubbleMaxWidth: 560,
            rootHeight: '100%'
          }
        },
        byId('webchat')
      );
      status('');
    } catch (error) {
      console.error('web chat could not start', error);
      status(settings.texts.failed, true);
    }
  }

  start().catch(error => {
    console.error('web chat page could not load its settings', error);
    status('L’assistant ne répond pas. / The assistant is not answering.', true);
  });
})();
