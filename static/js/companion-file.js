// companion-file.js: the follow-up companion's files, both ways in which the visitor's list
// is a file rather than the page's: opening a saved list (validated, then previewed, and
// nothing changes until the visitor chooses), and a stored list the page cannot read, kept
// as it is and offered back as a download. companion.js loads it the first time either is
// needed. page is companion.js's (see start).
import { LIMITS } from './companion-state.js';
import { validateImport, previewImport } from './companion-import.js';
import { label, sentence } from './companion-words.js';
import { problemText, storageNote } from './companion-problems.js';
import { confirm } from './companion-dialog.js';

// The preview of each page, built once.
const previews = new WeakMap();

/**
 * openFile reads the file chosen in input (the page's #fu-import) and shows what opening it
 * would do, or why it cannot be opened; the visitor then adds it to the list or not.
 */
export async function openFile(page, input) {
  const file = input.files[0];
  if (!file) return;
  const v = file.size > LIMITS.bytes
    ? { ok: false, problems: [{ path: '', code: 'too-large', args: { bytes: file.size, max: LIMITS.bytes } }] }
    : validateImport(await file.text());
  showPreview(page, v, input);
}

/** previewText shows what opening text (a link's content) would do: showPreview's. */
export const previewText = (page, text, back) => showPreview(page, validateImport(text), back);

/**
 * showPreview shows what opening v (validateImport's, of a file or of a link from another
 * device) would do, or why it cannot be opened; nothing changes until the visitor chooses.
 * back is what gets the focus when they cancel.
 */
export function showPreview(page, v, back) {
  if (!previews.has(page)) previews.set(page, build(page));
  const pv = previews.get(page), { el } = page;
  pv.back = back;
  pv.pending = null;
  const p = v.ok ? previewImport(page.log, v, page.stamp, page.check) : null;
  const problems = v.ok ? p.problems : v.problems;
  pv.heading.textContent = problems.length ? 'This file cannot be opened' : 'What this file adds';
  if (!v.ok) {
    pv.text.textContent = 'Nothing has changed. The file was refused because:';
    pv.list.replaceChildren(...v.problems.map(q => el('li', {}, sentence(problemText(q)))));
  } else {
    const n = (k, one, many) => (p[k].length === 1 ? one : p[k].length + ' ' + many);
    const parts = [p.added.length && `adds ${n('added', 'one interview', 'interviews')}`, p.changed.length && `changes ${n('changed', 'one', 'interviews')} you have`,
      p.removed.length && `deletes ${n('removed', 'one', 'interviews')} you have (deleted on the other device)`,
      p.unchanged.length && `has ${n('unchanged', 'one', 'interviews')} you already have, unchanged`].filter(Boolean);
    pv.text.textContent = problems.length ? sentence(problems.map(problemText).join('; ')) + ' Nothing has changed.'
      : `This file ${parts.join(', ') || 'brings nothing new'}. Nothing changes until you choose; afterwards, Undo takes it all back.`;
    pv.list.replaceChildren(...[...p.added.map(x => ['Add', x]), ...p.changed.map(x => ['Change', x]), ...p.removed.map(x => ['Delete', x])]
      .map(([what, x]) => el('li', {}, `${what}: ${label(x)}`)));
    if (!problems.length && p.changes.length) [pv.pending, pv.opened] = [p.changes, openedText(p)];
  }
  pv.ok.hidden = !pv.pending;
  pv.box.hidden = false;
  pv.heading.focus();
}

/**
 * openedText says what opening a file (or link) did to the list, from previewImport's p:
 * "Added 1 interview to your list of 3; 2 changed." The preview said the same before the
 * visitor chose; this is what the page announces after, with its Undo.
 */
export function openedText({ added, changed, removed, had }) {
  const list = had === 0 ? 'your empty list' : `your list of ${had}`;
  const also = [changed.length && `${changed.length} changed`, removed.length && `${removed.length} deleted`].filter(Boolean);
  if (added.length) return sentence([`Added ${added.length} interview${added.length === 1 ? '' : 's'} to ${list}`, ...also].join('; '));
  return also.length ? sentence(`In ${list}: ${also.join('; ')}`) : sentence(`Opened: nothing in ${list} changed`);
}

function build(page) {
  const { el } = page;
  const pv = {
    heading: el('h3', { id: 'fu-preview-h', tabIndex: -1 }),
    text: el('p', { id: 'fu-preview-text' }),
    list: el('ul', { id: 'fu-preview-list' }),
    ok: el('button', { type: 'button', id: 'fu-import-ok', className: 'primary' }, 'Add them to my list'),
    pending: null,
    opened: '',
    back: null,
  };
  const no = el('button', { type: 'button', id: 'fu-import-no' }, 'Cancel');
  pv.box = el('div', { className: 'fu-preview', id: 'fu-preview', hidden: true }, pv.heading, pv.text, pv.list, el('p', { className: 'fu-buttons' }, pv.ok, ' ', no));
  page.$('fu-import').parentElement.after(pv.box);
  const end = () => {
    pv.pending = null;
    pv.box.hidden = true;
    page.$('fu-import').value = '';
  };
  pv.ok.addEventListener('click', () => {
    const changes = pv.pending;
    if (!changes) return;
    // Another device's changes go in as they are: a merge, not an edit to be checked (what
    // does not fit is set aside and shown on its interview's card).
    page.keep(changes, pv.opened, { merge: true });
    end();
    page.$('fu-todo-h').focus();
  });
  no.addEventListener('click', () => {
    end();
    page.say('Nothing was changed.');
    pv.back?.focus();
  });
  return pv;
}

/**
 * offerUnreadable says that the stored list could not be read (l is the store's load():
 * "unreadable", "newer-version" or "old" with raw), offers it back as a download, and
 * offers to start a new list, which removes it.
 */
export function offerUnreadable(page, l) {
  const { $, el, win } = page;
  const why = l.status === 'newer-version'
    ? `it was saved by a newer version of this page (version ${l.version})`
    : (l.problems || []).slice(0, 3).map(problemText).join('; ');
  page.alert(`Your saved list could not be read: ${why}. It is left exactly as it was, and nothing will write over it. Download it to keep a copy. ${storageNote('kept')}`);
  $('fu-raw-p')?.remove();
  const fresh = el('button', { type: 'button', id: 'fu-fresh' }, 'Start a new list');
  $('fu-alert').append(el('p', { id: 'fu-raw-p' },
    el('a', { id: 'fu-raw', className: 'button', download: 'follow-ups-unreadable.txt', href: win.URL.createObjectURL(new win.Blob([l.raw], { type: 'application/octet-stream' })) }, 'Download what could not be read'),
    ' ', fresh));
  fresh.addEventListener('click', () => confirm(page, 'Start a new list?', 'The list that could not be read is removed from this browser. Download it first if you may want it.', 'Start a new list', () => {
    page.store.discard();
    page.note = '';
    page.alert('');
    $('fu-raw-p').remove();
    page.keep([], '');
    page.say('A new list is started.');
  }));
}
