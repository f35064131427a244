// The plan as an iCalendar file, byte for byte as rules.ICS writes it with no zone
// (`playbook plan --format ics` on a machine without one): floating local times, which
// is what a civil plan means in any calendar.
import { parseCivil, ymd, dayOf, clock } from './timeline.js';

const stamp = t => ymd(dayOf(t)).map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('') + 'T' + clock(t - dayOf(t) * 1440).replace(':', '') + '00';
const text = s => s.replace(/[\\;,]|\r\n|\n|\r/g, c => c.length > 1 || c < ' ' ? '\\n' : '\\' + c);

// fold ends a line with CRLF, cutting it every 75 octets (74 after the leading space of a
// continuation) but never inside a UTF-8 sequence.
function fold(line) {
  let b = new TextEncoder().encode(line), out = '', limit = 75;
  const dec = new TextDecoder();
  while (b.length > limit) {
    let cut = limit;
    while (cut > 0 && (b[cut] & 0xc0) === 0x80) cut--;
    out += dec.decode(b.subarray(0, cut)) + '\r\n ';
    b = b.subarray(cut);
    limit = 74;
  }
  return out + dec.decode(b) + '\r\n';
}

// ics returns plan (computed from input with rules) as an .ics file's text: every step,
// or only the step at index only, keeping its UID so that importing it again updates it.
export function ics(rules, input, plan, only) {
  const iv = stamp(parseCivil(input.interview));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Follow-Up Playbook//playbook plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  plan.steps.forEach((s, i) => {
    if (only !== undefined && only !== i) return;
    const t = parseCivil(s.suggested), title = rules.steps.find(r => r.id === s.id)?.title ?? s.message;
    lines.push('BEGIN:VEVENT', `UID:${iv}-${i + 1}-${s.id}@followup-playbook`, `DTSTAMP:${iv}Z`,
      'DTSTART:' + stamp(t), 'DTEND:' + stamp(t + 15), 'SUMMARY:' + text(`Send: ${title} (to ${s.to})`),
      'DESCRIPTION:' + text(`${s.note}\nWindow: ${s.earliest.replace('T', ' ')} to ${s.latest.replace('T', ' ')}.\nTemplate: ${s.message}`),
      'CATEGORIES:Follow-up,' + text(s.id), 'TRANSP:TRANSPARENT', 'END:VEVENT');
  });
  return [...lines, 'END:VCALENDAR'].map(fold).join('');
}
