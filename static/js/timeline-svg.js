// timeline-svg.js: a plan drawn as a timeline, the same drawing generator/render's
// TimelineSVG writes into the home page, built here with the DOM for the calculator's and
// the companion's own plans. The same functions in the same order as timelinesvg.go:
// timelineMarks (the dots), timelineShapes (the layout, a tree of plain objects, tested
// with `node --test` against the Go drawing's bytes) and timelineSVG (the elements). Loaded
// with the engine, never with the page. Text only ever becomes text nodes.
import { parseDateTime, dateOfTime, clockOf, weekday, weekdayName, formatClock } from './civil.js';

// The drawing's geometry, in viewBox units, as timelinesvg.go's.
const WIDTH = 360, AXIS_X = 12, TEXT_X = 32, TOP = 14, AXIS = 200, LABEL_GAP = 40, BOTTOM = 28;
const INTERVIEW = 'The interview';
const SVG_NS = 'http://www.w3.org/2000/svg';

// dayWhen writes t (minutes) as its day counted from the interview's start, its weekday and time.
function dayWhen(start, t) {
  return `Day ${dateOfTime(t) - dateOfTime(start)}, ${weekdayName(weekday(dateOfTime(t)))} ${formatClock(clockOf(t))}`;
}

/**
 * timelineMarks lists the dots {minutes, when, label}: the interview (interview, its
 * start, YYYY-MM-DDTHH:MM), then each step's time (when it was sent, for a sent one), the
 * steps at the same time as the one before under one dot. Titles are rules.steps'.
 */
export function timelineMarks(rules, plan, interview) {
  const start = parseDateTime(interview);
  const marks = [{ minutes: 0, when: dayWhen(start, start), label: INTERVIEW }];
  let lastID = '', lastAt = '';
  for (const s of plan.steps) {
    const at = s.sent || s.suggested;
    if (s.id === lastID && at === lastAt) continue;
    lastID = s.id;
    lastAt = at;
    const t = parseDateTime(at);
    marks.push({ minutes: t - start, when: dayWhen(start, t), label: rules.steps.find(r => r.id === s.id)?.title ?? s.id });
  }
  return marks;
}

const node = (tag, attrs, text = '', kids = []) => ({ tag, attrs, text, kids });

/**
 * timelineShapes lays the marks out as a tree of {tag, attrs: [[name, value]], text, kids}:
 * each dot at its time on the axis, each label at its dot or, when the one above is too
 * close, just below that one, with a line to its dot.
 */
export function timelineShapes(marks) {
  const span = Math.max(1, ...marks.map(m => m.minutes));
  const lines = [node('path', [['d', '']])], dots = [], labels = [];
  let dotY = 0, labelY = 0;
  marks.forEach((m, i) => {
    dotY = TOP + Math.round(m.minutes * AXIS / span);
    labelY = i === 0 ? dotY : Math.max(dotY, labelY + LABEL_GAP);
    dots.push(node('circle', [['cx', `${AXIS_X}`], ['cy', `${dotY}`], ['r', '5']]));
    if (labelY !== dotY) lines.push(node('path', [['d', `M${AXIS_X + 5} ${dotY}L${TEXT_X - 6} ${labelY}`]]));
    labels.push(node('text', [['x', `${TEXT_X}`], ['y', `${labelY + 5}`], ['class', 'tl-when']], m.when),
      node('text', [['x', `${TEXT_X}`], ['y', `${labelY + 23}`]], m.label));
  });
  lines[0].attrs[0][1] = `M${AXIS_X} ${TOP}V${dotY}`;
  const height = Math.max(dotY, labelY) + BOTTOM;
  return node('svg', [['class', 'tl'], ['role', 'img'], ['viewBox', `0 0 ${WIDTH} ${height}`], ['width', `${WIDTH}`], ['height', `${height}`]], '', [
    node('title', [], `Timeline. ${marks.map(m => `${m.when}: ${m.label}`).join('. ')}.`),
    node('g', [['class', 'tl-line'], ['fill', 'none'], ['stroke', 'currentColor'], ['stroke-width', '2']], '', lines),
    node('g', [['class', 'tl-dot'], ['fill', 'currentColor']], '', dots),
    node('g', [['fill', 'currentColor'], ['font-size', '14']], '', labels),
  ]);
}

// build makes the elements of a shape in doc.
function build(doc, n) {
  const e = doc.createElementNS(SVG_NS, n.tag);
  for (const [k, v] of n.attrs) e.setAttribute(k, v);
  if (n.text) e.textContent = n.text;
  e.append(...n.kids.map(k => build(doc, k)));
  return e;
}

/**
 * timelineSVG is plan, for an interview that started at interview, drawn as an svg element
 * of doc; null for a plan without steps, which has nothing to draw.
 */
export function timelineSVG(doc, rules, plan, interview) {
  if (plan.steps.length === 0) return null;
  return build(doc, timelineShapes(timelineMarks(rules, plan, interview)));
}
