// timeline-svg.js: a plan drawn as a timeline, the same drawing generator/render's
// TimelineSVG writes into the home page, built here with the DOM for the calculator's and
// the companion's own plans. The same functions in the same order as timelinesvg.go:
// timelineMarks (the dots), timelineShapes (the layout, a tree of plain objects, tested
// with `node --test` against the Go drawing's bytes) and timelineSVG (the elements). Loaded
// with the engine, never with the page. Text only ever becomes text nodes.
import { parseDateTime, dateOfTime, clockOf, weekday, weekdayName, formatClock } from './civil.js';

// The drawing's geometry, in viewBox units, as timelinesvg.go's.
const WIDTH = 340, AXIS_X = 12, TEXT_X = 32, TOP = 14, AXIS = 200, LABEL_GAP = 40, BOTTOM = 28;
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
 * close, just below that one, with a line to its dot. The lines are one path and the dots
 * another, as timelinesvg.go says why.
 */
export function timelineShapes(marks) {
  const span = Math.max(1, ...marks.map(m => m.minutes));
  const whens = [], labels = [];
  let leaders = '', dots = '', dotY = 0, labelY = 0;
  marks.forEach((m, i) => {
    dotY = TOP + Math.round(m.minutes * AXIS / span);
    labelY = i === 0 ? dotY : Math.max(dotY, labelY + LABEL_GAP);
    dots += `M${AXIS_X} ${dotY}h0`;
    if (labelY !== dotY) leaders += `M${AXIS_X + 5} ${dotY}L${TEXT_X - 6} ${labelY}`;
    whens.push(node('text', [['x', `${TEXT_X}`], ['y', `${labelY + 5}`]], m.when));
    labels.push(node('text', [['x', `${TEXT_X}`], ['y', `${labelY + 23}`]], m.label));
  });
  const height = Math.max(dotY, labelY) + BOTTOM;
  return node('svg', [['class', 'tl'], ['role', 'img'], ['viewBox', `0 0 ${WIDTH} ${height}`],
    ['width', `${WIDTH}`], ['height', `${height}`], ['fill', 'currentColor'], ['font-size', '14']], '', [
    node('title', [], `Timeline. ${marks.map(m => `${m.when}: ${m.label}`).join('. ')}.`),
    node('path', [['d', `M${AXIS_X} ${TOP}V${dotY}${leaders}`], ['fill', 'none'], ['stroke', 'currentColor'], ['stroke-opacity', '.4'], ['stroke-width', '2']]),
    node('path', [['class', 'tl-dot'], ['d', dots], ['stroke', 'currentColor'], ['stroke-linecap', 'round'], ['stroke-width', '10']]),
    node('g', [['fill-opacity', '.8'], ['font-size', '13']], '', whens),
    ...labels,
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
