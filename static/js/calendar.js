// A plan as an .ics file, as rules.ICS writes it with no zone: floating local times.
import { parseDateTime, dateString, dateOfTime, clockOf, formatClock } from './civil.js';

const stamp = t => dateString(dateOfTime(t)).replaceAll('-', '') + 'T' + formatClock(clockOf(t)).replace(':', '') + '00';
const text = s => s.replace(/[\\;,]|\r\n|\n|\r/g, c => c < ' ' ? '\\n' : '\\' + c);

// fold ends a line with CRLF and cuts it into 75 octets (74 after a continuation's
// space), never inside a UTF-8 sequence.
function fold(line) {
  let b = new TextEncoder().encode(line), out = '', cut = 75;
  const dec = new TextDecoder();
  for (; b.length > cut; cut = 74) {
    while ((b[cut] & 0xc0) === 0x80) cut--;
    out += dec.decode(b.subarray(0, cut)) + '\r\n ';
    b = b.subarray(cut);
  }
  return out + dec.decode(b) + '\r\n';
}

// ics writes plan (from input and rules): every step, or only the step at index only,
// with the UID it has in the whole plan, so importing both updates one event.
export function ics(rules, input, plan, only) {
  const iv = stamp(parseDateTime(input.interview)), out = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Follow-Up Playbook//playbook plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  plan.steps.forEach((s, i) => {
    const t = parseDateTime(s.suggested), title = rules.steps.find(r => r.id === s.id)?.title ?? s.message, day = v => v.replace('T', ' ');
    if (only === undefined || only === i) {
      out.push('BEGIN:VEVENT', `UID:${iv}-${i + 1}-${s.id}@followup-playbook`, `DTSTAMP:${iv}Z`, 'DTSTART:' + stamp(t), 'DTEND:' + stamp(t + 15),
        'SUMMARY:' + text(`Send: ${title} (to ${s.to})`), 'DESCRIPTION:' + text(`${s.note}\nWindow: ${day(s.earliest)} to ${day(s.latest)}.\nTemplate: ${s.message}`),
        'CATEGORIES:Follow-up,' + text(s.id), 'TRANSP:TRANSPARENT', 'END:VEVENT');
    }
  });
  return [...out, 'END:VCALENDAR'].map(fold).join('');
}
