// template.js: the one placeholder filler of the browser, the rules of Go's messages.Parse
// and messages.Template.Fill (generator/load/messages/template.go). The template pages
// (fill.js) and the plan's notes (timeline.js) both use it; static/js/testdata/
// fill-cases.json holds the cases it and Go must agree on, run by template.test.mjs and by
// TestFillCasesAgreeWithGo.

const isNameStart = (c) => c >= "a" && c <= "z";
const isNameChar = (c) => isNameStart(c) || (c >= "0" && c <= "9") || c === "_";

/** validName reports whether s can name a field and a placeholder, as messages.ValidName. */
export function validName(s) {
  if (typeof s !== "string" || s === "" || !isNameStart(s[0])) return false;
  for (let i = 1; i < s.length; i++) if (!isNameChar(s[i])) return false;
  return true;
}

/** TemplateSyntaxError is a template that cannot be parsed; offset is in UTF-16 units. */
export class TemplateSyntaxError extends Error {
  constructor(offset, message) {
    super(`at ${offset}: ${message}`);
    this.name = "TemplateSyntaxError";
    this.offset = offset;
  }
}

/**
 * parse splits text into literal parts {text} and placeholders {name}, with the rules of
 * Go's messages.Parse: "{{" is a literal "{", "}}" a literal "}" (a lone "}" is literal
 * too), and any other "{" must open a placeholder {name} whose name is a lowercase letter
 * then lowercase letters, digits and "_". Adjacent literal text is one part.
 */
export function parse(text) {
  const parts = [];
  let lit = "";
  const flush = () => {
    if (lit !== "") parts.push({ text: lit });
    lit = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" && text[i + 1] === "{") {
      lit += "{";
      i++;
    } else if (c === "}" && text[i + 1] === "}") {
      lit += "}";
      i++;
    } else if (c === "{") {
      let j = i + 1;
      while (j < text.length && isNameChar(text[j])) j++;
      const name = text.slice(i + 1, j);
      if (j >= text.length || text[j] !== "}" || !validName(name)) {
        throw new TemplateSyntaxError(i, 'a "{" must start a placeholder such as {interviewer_name}, or be doubled as "{{" for a literal brace');
      }
      flush();
      parts.push({ name });
      i = j;
    } else {
      lit += c;
    }
  }
  flush();
  return parts;
}

/** names returns the placeholder names of parts in order of first use, each once. */
export function names(parts) {
  const seen = new Set();
  for (const p of parts) if (p.name !== undefined) seen.add(p.name);
  return [...seen];
}

/**
 * fill is Go's messages.Template.Fill: each placeholder replaced by its value, and one with
 * a missing or empty value left visible as "{name}". static/js/testdata/fill-cases.json
 * holds the cases both fillers must agree on.
 */
export function fill(parts, values) {
  let out = "";
  for (const p of parts) {
    if (p.name === undefined) out += p.text;
    else out += hasValue(values, p.name) ? values[p.name] : `{${p.name}}`;
  }
  return out;
}

/** hasValue reports whether values gives name a value: a string that is not empty. */
export function hasValue(values, name) {
  return Object.hasOwn(values, name) && typeof values[name] === "string" && values[name] !== "";
}

