'use strict';
// The stand-in's channel view: renders what the bot posted (Block Kit, threads, ephemerals, modals) and
// sends what the chosen person types or clicks to the server, which passes it to the bot as Slack would.
(function () {
  const EMOJI = {
    ':white_check_mark:': '✅', ':warning:': '⚠️', ':no_entry:': '⛔', ':x:': '❌', ':clock3:': '🕒',
    ':large_yellow_circle:': '🟡', ':large_blue_circle:': '🔵', ':large_green_circle:': '🟢', ':red_circle:': '🔴',
    ':white_circle:': '⚪', ':floppy_disk:': '💾', ':rotating_light:': '🚨', ':arrow_forward:': '▶️',
    ':hourglass_flowing_sand:': '⏳', ':tada:': '🎉', ':lock:': '🔒', ':mag:': '🔍', ':rewind:': '⏪'
  };
  const SUGGESTIONS = ['/migrate help', '/migrate targets', '/migrate plan staging', '/migrate apply staging trying the sandbox',
    '/migrate apply production', '/migrate status', '/migrate history'];

  const state = { info: null, user: null, version: -1, feed: null, thread: null, modal: null };
  const byId = (id) => document.getElementById(id);

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (key === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(key, value === true ? '' : String(value));
    });
    children.flat().forEach((child) => {
      if (child === undefined || child === null || child === false) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  async function call(path, body) {
    const options = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    };
    const response = await fetch(path, options);
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || 'HTTP ' + response.status);
    return answer;
  }

  // ---- mrkdwn -------------------------------------------------------------------------------------

  function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  // Slack escapes &, < and > in message text; the page escapes again for HTML.
  function unescapeSlack(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function emojify(text) {
    return String(text || '').replace(/:[a-z0-9_+-]+:/g, (code) => EMOJI[code] || code);
  }

  function userName(id) {
    if (state.info && id === state.info.bot.id) return 'MigrateOps';
    if (id === 'USLACKBOT') return 'Slackbot';
    const user = state.info && state.info.users.find((u) => u.id === id);
    return user ? user.name : id;
  }

  function special(inner) {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? null : unescapeSlack(inner.slice(bar + 1));
    if (target.startsWith('@')) {
      return '<span class="mention">@' + escapeHtml(userName(target.slice(1))) + '</span>';
    }
    if (target.startsWith('#')) {
      const name = label || (state.info && target.slice(1) === state.info.channel.id ? state.info.channel.name : target.slice(1));
      return '<span class="mention">#' + escapeHtml(name) + '</span>';
    }
    if (target.startsWith('!subteam^')) {
      return '<span class="mention">' + escapeHtml(label || '@' + target.slice('!subteam^'.length)) + '</span>';
    }
    if (target.startsWith('!')) {
      return '<span class="mention">@' + escapeHtml(label || target.slice(1)) + '</span>';
    }
    if (/^(https?:|mailto:)/.test(target)) {
      return '<a href="' + escapeHtml(unescapeSlack(target)) + '" target="_blank" rel="noopener">'
        + escapeHtml(label || unescapeSlack(target)) + '</a>';
    }
    return escapeHtml('<' + unescapeSlack(inner) + '>');
  }

  function mrkdwn(text) {
    const kept = [];
    const keep = (html) => '\u0000' + (kept.push(html) - 1) + '\u0000';
    let s = String(text || '');
    s = s.replace(/```([\s\S]*?)```/g, (_, code) => keep('<pre>' + escapeHtml(unescapeSlack(code)) + '</pre>'));
    s = s.replace(/`([^`\n]+)`/g, (_, code) => keep('<code>' + escapeHtml(unescapeSlack(code)) + '</code>'));
    s = s.replace(/<([^<>\n]+)>/g, (_, inner) => keep(special(inner)));
    s = escapeHtml(unescapeSlack(s));
    const edge = '(?=$|[\\s.,:;!?)\\u0000])';
    s = s.replace(new RegExp('(^|[\\s(\\u0000])\\*([^*\\n]+)\\*' + edge, 'g'), '$1<b>$2</b>');
    s = s.replace(new RegExp('(^|[\\s(\\u0000])_([^_\\n]+)_' + edge, 'g'), '$1<i>$2</i>');
    s = s.replace(new RegExp('(^|[\\s(\\u0000])~([^~\\n]+)~' + edge, 'g'), '$1<s>$2</s>');
    s = emojify(s).replace(/\n/g, '<br>');
    return s.replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)]);
  }

  function textObject(text, className) {
    const node = h('span', { class: className });
    if (!text) return node;
    if (text.type === 'mrkdwn') node.innerHTML = mrkdwn(text.text);
    else node.textContent = emojify(text.text);
    return node;
  }

  // ---- Block Kit ----------------------------------------------------------------------------------

  function blocks(list, where) {
    return h('div', { class: 'blocks' }, (list || []).map((b) => block(b, where)));
  }

  function block(b, where) {
    switch (b.type) {
      case 'header':
        return h('div', { class: 'bk-header' }, textObject(b.text));
      case 'section':
        return h('div', { class: 'bk-section' },
          h('div', { class: 'bk-section-main' },
            b.text ? h('div', { class: 'bk-text' }, textObject(b.text)) : null,
            b.fields ? h('div', { class: 'bk-fields' }, b.fields.map((f) => h('div', { class: 'bk-field' }, textObject(f)))) : null),
          b.accessory ? h('div', { class: 'bk-accessory' }, element(b.accessory, b.block_id, where)) : null);
      case 'context':
        return h('div', { class: 'bk-context' }, (b.elements || []).map((e) => e.type === 'image'
          ? h('img', { src: e.image_url, alt: e.alt_text || '' }) : textObject(e)));
      case 'divider':
        return h('hr', { class: 'bk-divider' });
      case 'actions':
        return h('div', { class: 'bk-actions' }, (b.elements || []).map((e) => element(e, b.block_id, where)));
      case 'image':
        return h('img', { class: 'bk-image', src: b.image_url, alt: b.alt_text || '' });
      case 'input':
        return input(b, where);
      default:
        return h('div', { class: 'bk-unsupported' }, 'This block type is not shown by the stand-in: ' + b.type);
    }
  }

  function element(e, blockId, where) {
    if (e.type !== 'button') {
      return h('span', { class: 'bk-unsupported' }, 'Element not shown by the stand-in: ' + e.type);
    }
    const button = h('button', {
      type: 'button', class: 'bk-button' + (e.style ? ' bk-' + e.style : ''), 'data-action-id': e.action_id
    }, emojify(e.text && e.text.text));
    button.addEventListener('click', () => {
      if (e.url) {
        window.open(e.url, '_blank', 'noopener');
        return;
      }
      const go = () => clicked(where.message, blockId, e);
      if (e.confirm) confirmDialog(e.confirm, e.style, go); else go();
    });
    return button;
  }

  function input(b, where) {
    const e = b.element || {};
    const field = e.multiline
      ? h('textarea', { rows: 3, 'data-block-id': b.block_id, 'data-action-id': e.action_id })
      : h('input', { type: 'text', 'data-block-id': b.block_id, 'data-action-id': e.action_id });
    if (e.placeholder) field.setAttribute('placeholder', e.placeholder.text);
    if (e.initial_value) field.value = e.initial_value;
    const error = where.errors && where.errors[b.block_id];
    return h('label', { class: 'bk-input' + (error ? ' has-error' : '') },
      h('span', { class: 'bk-label' }, emojify(b.label && b.label.text), b.optional ? h('span', { class: 'optional' }, ' (optional)') : null),
      field,
      b.hint ? h('span', { class: 'bk-hint' }, textObject(b.hint)) : null,
      error ? h('span', { class: 'bk-error' }, error) : null);
  }

  // ---- messages -----------------------------------------------------------------------------------

  function time(ts) {
    return new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function message(m, replies) {
    const isBot = m.user === state.info.bot.id;
    const author = userName(m.user);
    return h('div', { class: 'message' + (m.visibleTo ? ' ephemeral' : ''), 'data-ts': m.ts },
      h('div', { class: 'avatar' + (isBot ? ' bot' : '') }, author.charAt(0).toUpperCase()),
      h('div', { class: 'body' },
        h('div', { class: 'meta' },
          h('span', { class: 'author' }, author),
          isBot ? h('span', { class: 'app-tag' }, 'APP') : null,
          h('span', { class: 'time' }, time(m.ts)),
          m.edited ? h('span', { class: 'edited' }, '(edited)') : null),
        m.blocks && m.blocks.length ? blocks(m.blocks, { message: m })
          : h('div', { class: 'text' }, textObject({ type: 'mrkdwn', text: m.text })),
        m.visibleTo ? h('div', { class: 'ephemeral-note' }, 'Only visible to you') : null,
        replies && replies.length ? h('button', {
          type: 'button', class: 'replies', 'data-thread': m.ts, onclick: () => openThread(m.ts)
        }, replies.length + (replies.length === 1 ? ' reply' : ' replies')) : null));
  }

  function replace(container, nodes) {
    const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
    container.replaceChildren(...nodes);
    if (atBottom) container.scrollTop = container.scrollHeight;
  }

  function render() {
    const feed = state.feed;
    const replies = {};
    feed.messages.filter((m) => m.threadTs).forEach((m) => (replies[m.threadTs] = replies[m.threadTs] || []).push(m));
    const top = feed.messages.filter((m) => !m.threadTs);
    const list = byId('messages');
    replace(list, top.length ? top.map((m) => message(m, replies[m.ts]))
      : [h('div', { class: 'empty' }, 'Nothing here yet. Pick who you are below and type /migrate help.')]);
    const thread = byId('thread');
    const parent = state.thread && feed.messages.find((m) => m.ts === state.thread);
    thread.hidden = !parent;
    if (parent) {
      const answers = replies[parent.ts] || [];
      replace(byId('thread-messages'), [message(parent), h('div', { class: 'thread-divider' },
        answers.length + (answers.length === 1 ? ' reply' : ' replies'))].concat(answers.map((m) => message(m))));
    }
    renderModal(feed.modal);
  }

  function openThread(ts) {
    state.thread = ts;
    render();
    const pane = byId('thread-messages');
    pane.scrollTop = pane.scrollHeight;
  }

  // ---- dialogs ------------------------------------------------------------------------------------

  function overlay(dialog) {
    const layer = byId('overlay');
    layer.replaceChildren(dialog);
    layer.hidden = false;
  }

  function closeOverlay() {
    const layer = byId('overlay');
    layer.hidden = true;
    layer.replaceChildren();
  }

  function confirmDialog(confirm, style, go) {
    const text = (o) => (o && o.text) || '';
    overlay(h('div', { class: 'dialog confirm', role: 'dialog' },
      h('div', { class: 'dialog-title' }, emojify(text(confirm.title) || 'Are you sure?')),
      h('div', { class: 'dialog-body' }, textObject(confirm.text)),
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', class: 'bk-button', 'data-confirm': 'deny', onclick: closeOverlay }, text(confirm.deny) || 'Cancel'),
        h('button', {
          type: 'button', class: 'bk-button ' + (style === 'danger' || confirm.style === 'danger' ? 'bk-danger' : 'bk-primary'),
          'data-confirm': 'confirm', onclick: () => { closeOverlay(); go(); }
        }, text(confirm.confirm) || 'Yes'))));
  }

  function renderModal(modal) {
    const shown = state.modal;
    if (!modal) {
      if (shown) closeOverlay();
      state.modal = null;
      return;
    }
    const errorsKey = JSON.stringify(modal.errors || {});
    if (shown && shown.viewId === modal.viewId && shown.errorsKey === errorsKey) return;
    const typed = {};
    document.querySelectorAll('#overlay .modal [data-block-id]').forEach((f) => (typed[f.dataset.blockId] = f.value));
    const view = modal.view;
    const form = h('form', { class: 'dialog modal', role: 'dialog', 'data-view-id': modal.viewId },
      h('div', { class: 'dialog-title' }, emojify(view.title && view.title.text)),
      blocks(view.blocks, { errors: modal.errors || {} }),
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', class: 'bk-button', 'data-modal': 'close', onclick: closeModal }, (view.close && view.close.text) || 'Cancel'),
        view.submit ? h('button', { type: 'submit', class: 'bk-button bk-primary', 'data-modal': 'submit' }, view.submit.text) : null));
    form.querySelectorAll('[data-block-id]').forEach((f) => {
      if (typed[f.dataset.blockId] !== undefined) f.value = typed[f.dataset.blockId];
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitModal(form, modal.viewId);
    });
    overlay(form);
    state.modal = { viewId: modal.viewId, errorsKey };
    const first = form.querySelector('input, textarea');
    if (first) first.focus();
  }

  // ---- actions ------------------------------------------------------------------------------------

  async function act(path, body) {
    try {
      await call(path, Object.assign({ user: state.user }, body));
      showStatus('');
    } catch (error) {
      showStatus('Not delivered: ' + error.message);
    }
    refresh();
  }

  function clicked(m, blockId, e) {
    return act('/sandbox/click', { ts: m.ts, blockId: blockId || '', actionId: e.action_id, value: e.value || '' });
  }

  function submitModal(form, viewId) {
    const values = {};
    form.querySelectorAll('[data-block-id]').forEach((f) => {
      values[f.dataset.blockId] = values[f.dataset.blockId] || {};
      values[f.dataset.blockId][f.dataset.actionId] = f.value;
    });
    return act('/sandbox/submit', { viewId, values });
  }

  function closeModal() {
    state.modal = null;
    closeOverlay();
    return act('/sandbox/close', {});
  }

  function showStatus(text) {
    const status = byId('status');
    status.textContent = text;
    status.hidden = !text;
  }

  // ---- feed ---------------------------------------------------------------------------------------

  let pending = null;

  async function refresh() {
    try {
      const user = state.user;
      const response = await fetch('/sandbox/feed?user=' + encodeURIComponent(user) + '&since=' + state.version);
      if (!response.ok) throw new Error('HTTP ' + response.status);
      // a feed asked for before the person was switched is that other person's view
      if (response.status === 200 && user === state.user) {
        state.feed = await response.json();
        state.version = state.feed.version;
        render();
      }
      if (byId('status').textContent.startsWith('The bot is not answering')) showStatus('');
    } catch (error) {
      showStatus('The bot is not answering (' + error.message + '). Is MigrateOps still running?');
    }
  }

  function poll() {
    clearTimeout(pending);
    refresh().finally(() => (pending = setTimeout(poll, 500)));
  }

  function duration(iso) {
    const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
    if (!match) return iso;
    const parts = [];
    if (match[1]) parts.push(match[1] + ' h');
    if (match[2]) parts.push(match[2] + ' min');
    if (match[3]) parts.push(match[3] + ' s');
    return parts.length ? parts.join(' ') : '0 s';
  }

  async function start() {
    state.info = await call('/sandbox/workspace');
    byId('channel-name').textContent = state.info.channel.name;
    byId('cadence').textContent = 'Status updates every ' + duration(state.info.statusInterval) + ' · monitoring window '
      + state.info.targets.map((t) => t.name + ' ' + duration(t.monitoringWindow)).join(', ');
    const select = byId('as-user');
    state.info.users.forEach((u) => select.append(h('option', { value: u.id }, u.name + ' (' + u.role + ')')));
    state.user = state.info.users[0].id;
    select.addEventListener('change', () => {
      state.user = select.value;
      state.version = -1;
      state.modal = null;
      closeOverlay();
      refresh();
    });
    const composer = byId('composer');
    SUGGESTIONS.forEach((text) => byId('suggestions').append(h('button', {
      type: 'button', class: 'suggestion', onclick: () => { composer.value = text; composer.focus(); }
    }, text)));
    byId('composer-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = composer.value.trim();
      if (!text) return;
      composer.value = '';
      act('/sandbox/type', { text });
    });
    byId('close-thread').addEventListener('click', () => {
      state.thread = null;
      render();
    });
    poll();
  }

  start().catch((error) => showStatus('The sandbox could not start: ' + error.message));
}());
