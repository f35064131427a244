// companion-keep.js: keeping the follow-up companion's list, and carrying it: asking the
// browser to keep its storage (navigator.storage.persist), saying when a copy was last
// kept and suggesting one, offering to install the app (an installed app's storage is
// kept: Safari deletes a site's storage after seven days without a visit, but not an app's
// on the home screen), and sending the list to another device as a link whose fragment,
// which browsers never send to a server, holds the log sealed with a code
// (companion-link.js, loaded only to send or to open a link). companion.js loads this
// module with the first screen's status. page is companion.js's (see start). The pure parts it uses are tested with
// `node --test static/js/`; this one is tested in the browser (generator's
// TestCompanionKeep).
import { civilTime, exportText } from './companion-state.js';
import { whenText } from './companion-words.js';

/** COPIED_KEY keeps when a copy of the list (a file, a link) was last made in this browser. */
export const COPIED_KEY = 'followup-playbook:copied';
const WEEK = 7 * 86400000;

// copied is when a copy was last made (milliseconds), or 0.
function copied(page) {
  try {
    return Number(page.storage?.getItem(COPIED_KEY)) || 0;
  } catch {
    return 0;
  }
}
function noteCopy(page) {
  try {
    page.storage?.setItem(COPIED_KEY, String(page.now().getTime()));
  } catch {
    // Storage that keeps nothing has been said already.
  }
  lastCopy(page);
}

// lastCopy says when a copy was last kept, and suggests one when changes older than a week
// are in none.
function lastCopy(page) {
  const { $, log } = page, at = copied(page);
  const oldest = log.find(c => Number(c.id.slice(0, 13)) > at);
  const stale = oldest && page.now().getTime() - Number(oldest.id.slice(0, 13)) > WEEK;
  $('fu-last-copy').textContent = !log.length ? ''
    : (at ? `Last copy kept: ${whenText(civilTime(new page.win.Date(at)))}.` : 'No copy of this list has been kept yet.') +
      (stale ? ' Some of your changes are more than a week old and in no copy: save a copy or send it to another device now.' : '');
}

// persist asks the browser to keep the list's storage, once there is something to keep,
// and says what its answer means; a browser without the question is said to lack it.
async function persist(page, ask) {
  const { $, win } = page, s = win.navigator.storage;
  if (!s?.persist) {
    $('fu-persist').textContent = 'This browser cannot be asked to keep your list. It may clear it when space runs low (Safari clears it after seven days without a visit): keep a copy, or install the app.';
    return;
  }
  const kept = (await s.persisted()) || (ask && (await s.persist()));
  $('fu-persist').textContent = kept
    ? 'This browser has agreed to keep your list until you delete it yourself.'
    : ask ? 'This browser did not agree to keep your list for good: it may clear it when space runs low, or (Safari) after seven days without a visit. Keep a copy, or install the app, whose storage is kept.'
      : '';
}

// started: the status is said once a page.
let started = false;
/** status says, once a page has a list, how it is kept (the page offers the app itself). */
export function status(page) {
  if (started) return;
  started = true;
  lastCopy(page);
  persist(page, false);
  page.$('fu-export').addEventListener('click', () => noteCopy(page));
}

/**
 * afterChange follows a change kept: the status starts with the first (a page that opened
 * on an empty list says nothing of keeping it), and the first interview asks for
 * persistent storage.
 */
export function afterChange(page) {
  status(page);
  if (page.view.interviews.length === 1 && page.log.length <= 2) persist(page, true);
  lastCopy(page);
}

/**
 * send seals the list in a link for another device: the code is shown here, never put in
 * the link; the link goes out by the share sheet where there is one, else is copied.
 */
export async function send(page) {
  const { $, el, win } = page, box = $('fu-send-box');
  const { newCode, sealLink } = await import('./companion-link.js');
  const code = newCode(b => win.crypto.getRandomValues(b));
  box.replaceChildren(el('p', {}, 'Locking your list…'));
  box.hidden = false;
  let frag;
  try {
    frag = await sealLink(exportText(page.log, page.view), code, { crypto: win.crypto });
  } catch (e) {
    box.replaceChildren(el('p', { className: 'error' }, `The list could not be locked (${e.code || e.message}). Save it as a file instead.`));
    return;
  }
  const url = new win.URL(win.location.pathname + '#' + frag, win.location.href).href;
  const field = el('input', { type: 'text', id: 'fu-send-link', readOnly: true, value: url });
  const share = el('button', { type: 'button', className: 'primary', id: 'fu-share' }, win.navigator.share ? 'Share the link' : 'Copy the link');
  box.replaceChildren(
    el('h3', { id: 'fu-send-h', tabIndex: -1 }, 'Send to another device'),
    el('p', {}, `1. Open this link on your other device (${url.length.toLocaleString('en')} characters). It holds your list, locked: whoever finds it in a mailbox or a chat cannot read it without the code.`),
    el('div', { className: 'field' }, el('label', { htmlFor: 'fu-send-link' }, 'The link'), field),
    el('p', {}, share),
    el('p', {}, '2. When it asks, type this code there. It is shown only here, and is not in the link:'),
    el('p', { className: 'fu-code', id: 'fu-code' }, code),
    el('p', { className: 'hint' }, 'The other device adds your list to its own; both keep everything. Close this box once you are done: the code is not kept.'),
    el('p', {}, el('button', { type: 'button', id: 'fu-send-done' }, 'Done')));
  share.addEventListener('click', async () => {
    try {
      if (win.navigator.share) await win.navigator.share({ title: 'My follow-ups', url });
      else await win.navigator.clipboard.writeText(url);
      page.say(win.navigator.share ? 'The link is shared. Now type the code on the other device.' : 'The link is copied. Now open it on the other device and type the code.');
      noteCopy(page);
    } catch {
      field.select();
      page.say('Copy the link from the field above.');
    }
  });
  $('fu-send-done').addEventListener('click', () => {
    box.replaceChildren();
    box.hidden = true;
    $('fu-send').focus();
  });
  $('fu-send-h').focus();
}

/**
 * receive asks for the code of a link from another device (the page's address), opens it,
 * and shows what it adds as a file's preview: nothing changes until the visitor chooses.
 * The address loses the link at once.
 */
export async function receive(page) {
  const { $, el, win } = page, box = $('fu-receive');
  const frag = win.location.hash.slice(1);
  win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  const { normalizeCode, openLink } = await import('./companion-link.js');
  const input = el('input', { type: 'text', id: 'fu-code-in', autocomplete: 'off', spellcheck: false });
  input.setAttribute('aria-describedby', 'fu-code-h fu-code-e');
  const err = el('p', { className: 'error', id: 'fu-code-e', hidden: true });
  const form = el('form', { id: 'fu-code-form', noValidate: true },
    el('h2', { id: 'fu-receive-h', tabIndex: -1 }, 'A list from your other device'),
    el('div', { className: 'field' }, el('label', { htmlFor: 'fu-code-in' }, 'The code your other device shows'),
      el('p', { className: 'hint', id: 'fu-code-h' }, 'Ten letters and digits, such as 7K2PQ-9XM4D.'), input, err),
    el('p', { className: 'fu-buttons' }, el('button', { type: 'submit', className: 'primary' }, 'Open it'), ' ', el('button', { type: 'button', id: 'fu-code-no' }, 'Cancel')));
  box.replaceChildren(form);
  box.hidden = false;
  const fail = text => {
    err.textContent = text;
    err.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  form.addEventListener('submit', async e => {
    e.preventDefault();
    let code;
    try {
      code = normalizeCode(input.value);
    } catch {
      return fail('Type the ten letters and digits your other device shows.');
    }
    let text;
    try {
      text = await openLink(frag, code, { crypto: win.crypto });
    } catch (x) {
      return fail({
        'wrong-code': 'That code does not open this link. Check it against your other device (and that the link arrived whole).',
        'too-large': 'This link holds more than a list can: it was not opened.',
      }[x.code] || 'This is not a whole link from the companion: it was not opened. Send it again from your other device.');
    }
    box.hidden = true;
    page.use('file', f => f.previewText(page, text, $('fu-send')));
  });
  $('fu-code-no').addEventListener('click', () => {
    box.hidden = true;
    page.say('The link was not opened.');
  });
  $('fu-receive-h').focus();
}
