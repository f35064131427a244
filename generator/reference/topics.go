package reference

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/config"
	"github.com/followup-playbook/playbook/generator/load/content"
	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/rules/holidays"
)

// Topic is what `playbook help NAME` prints: the keys of one file, or the figures.
type Topic struct {
	Name    string // as `playbook help` names it
	Summary string // one line, for the list of topics
	Title   string // the heading: the file it documents
	Intro   []string
	Tables  []Table
	Notes   []Note
}

// Note is a part of a topic after its tables: paragraphs, a list of names with their
// meanings, an example.
type Note struct {
	Title   string
	Text    []string
	Items   []Item
	Example string
}

// Item is one name of a Note's list and what it means.
type Item struct{ Name, Meaning string }

// Names lists the topics, in order.
func Names() []string { return []string{"config", "pages", "messages", "timing", "figures"} }

// Summaries gives each topic's one-line summary, by name, for `playbook help`.
func Summaries() map[string]string {
	return map[string]string{
		"config":   "the keys of site.toml, the menu among them",
		"pages":    "the front matter of a page, content/**/*.md",
		"messages": "the keys of a message template, content/messages/ID.toml",
		"timing":   "the [timing] keys of a message and the [timeline] policy of site.toml",
		"figures":  "the figure keys of {{< rule KEY >}}, with this site's values",
	}
}

// Topics returns every topic. r gives the figures topic its keys and their values, with
// site naming where they come from ("the built-in site"); a nil r lists the kinds alone.
func Topics(r *rules.Rules, site string) ([]Topic, error) {
	c, err := configTopic()
	if err != nil {
		return nil, err
	}
	p, err := pagesTopic()
	if err != nil {
		return nil, err
	}
	m, err := messagesTopic()
	if err != nil {
		return nil, err
	}
	t, err := timingTopic()
	if err != nil {
		return nil, err
	}
	return []Topic{c, p, m, t, figuresTopic(r, site)}, nil
}

// MenuExample is the example of [[menu]] entries the config topic shows; a test builds
// the built-in site with it.
const MenuExample = `# A call to action at the end of the menu.
[[menu]]
name = "Talk to a recruiter"
url = "https://example-agency.com/contact/"

# The templates under another name, in the automatic "Templates" entry's place.
[[menu]]
name = "Message templates"
page = "templates"

# The calculator first, before every page heavier than 1.
[[menu]]
name = "Plan your follow-ups"
page = "calculator"
weight = 1

# A path on the site: under -b https://example.org/careers/playbook/ it links to
# /careers/playbook/follow-ups/.
[[menu]]
name = "Your follow-ups"
url = "/follow-ups/"
`

func configTopic() (Topic, error) {
	tables, err := Tables(config.Default(), "")
	if err != nil {
		return Topic{}, err
	}
	return Topic{
		Name: "config", Summary: Summaries()["config"], Title: config.File,
		Intro: []string{
			"The site's settings, in " + config.File + " at the site's root. Only title is required. A misspelt key is an error that names the key you meant, and a value of the wrong type is reported at the value.",
		},
		Tables: tables,
		Notes: []Note{{
			Title: "The menu",
			Text: []string{
				"The navigation lists every top-level page (a file right under content/) in reading order, then the list of message templates. Each [[menu]] entry adds to it; with [menu_options] replace = true, the entries are the whole menu. playbook check, like build, reports an entry that leads to no page under the base URL, at its line, with the page or path you probably meant.",
				`page names a page of the site: by its path under content/, as a Markdown link names it ("chaser.md", "guides/_index.md"), with or without ".md"; the list of templates as "templates" (or "messages", "messages/_index.md"); one template as "templates/ID" (or "messages/ID.toml"); and a page by its layout ("calculator", "follow-ups") when no file has that name.`,
				`url is a path on the site or an address. A path ("/templates/", "/#timeline", "/files/brochure.pdf" for static/files/brochure.pdf) is written from the site's root and the base URL's path is put in front of it, so the same site.toml works under every --baseURL: do not write the base path yourself. An address with a scheme ("https://", "mailto:") is written as it is; one under the site's own base URL is checked like a path.`,
				"Where an entry goes: an entry for a page the automatic menu lists takes that entry's place, under its own name. An entry with a weight goes before the first automatic entry whose page is heavier (the pages without a weight and the list of templates come after every weight), and moves its page there. Any other entry goes at the end, in the order written.",
			},
			Example: MenuExample,
		}},
	}, nil
}

// PageExample is the example page the pages topic shows; a test builds it.
const PageExample = `+++
title = "The spring careers fair"
description = "Meet forty employers in the Great Hall on 6 May."
date = 2026-04-01
publishDate = 2026-04-20
expiryDate = 2026-05-07
aliases = ["/fair/"]
weight = 5
+++
Bring copies of your CV.[^1] The fair's map is [on the events page](/events/).

![The Great Hall](hall.jpg)

[^1]: Ten is plenty.
`

func pagesTopic() (Topic, error) {
	tables, err := Tables(content.FrontMatter{}, "")
	if err != nil {
		return Topic{}, err
	}
	return Topic{
		Name: "pages", Summary: Summaries()["pages"], Title: content.Dir + "/**/*.md",
		Intro: []string{
			"Each page is a Markdown file under " + content.Dir + "/ that starts with its front matter: TOML between +++ lines. content/guides/fair.md is the page /guides/fair/, content/guides/_index.md the list of that folder. Only title is required; any other key is an error that names the key you meant, and a value of the wrong type is reported at the value.",
		},
		Tables: tables,
		Notes: []Note{
			{
				Title: "Links and images",
				Text: []string{
					`A link names the file of a page or message: [the chaser](chaser.md), [the template](messages/chaser.toml), [a heading](../guides/x.md#when). A path on the site, [the templates](/templates/) or ![the logo](/images/logo.svg) (a file of static/), is written from the site's root and put under the base URL's path. A file beside the page under content/ (hall.jpg) is published beside it, and an image names it by its path from the page's folder. Every link and image is checked: a page, file, heading or image that does not exist stops the build at its position.`,
					`An image states its width and height, read from its file (PNG, JPEG, GIF, WebP, or an SVG's size or viewBox), and one past the page's first two blocks loads lazily. Markdown has GFM tables and task lists, footnotes and definition lists, and {{< rule KEY >}} writes a timing figure (playbook help figures).`,
				},
			},
			{Title: "Example", Example: PageExample},
		},
	}, nil
}

// MessageExample is the example message file the messages topic shows; a test decodes it.
const MessageExample = `id = "thank-you"
title = "Thank-you note to one interviewer"
channel = "email"
subject = "Thank you for your time today"
body = """
Dear {interviewer},

Thank you for meeting me about the {role} role. I enjoyed hearing about {detail}.

Best wishes,
{your_name}
"""

[guidance]
when = "Within {{< rule thank-you.within >}} of the interview."

[[fields]]
name = "interviewer"
label = "Interviewer's name"
example = "Ana Ruiz"
required = true

[[fields]]
name = "role"
label = "Role"
example = "Data Analyst"
required = true

[[fields]]
name = "detail"
label = "Something you discussed"
example = "how the team plans its quarter"

[[fields]]
name = "your_name"
label = "Your name"
example = "Sam Lee"
required = true
yours = true
`

func messagesTopic() (Topic, error) {
	tables, err := Tables(messages.Message{}, "", "timing")
	if err != nil {
		return Topic{}, err
	}
	return Topic{
		Name: "messages", Summary: Summaries()["messages"], Title: messages.Dir + "/ID.toml",
		Intro: []string{
			"One file for each message template, " + messages.Dir + "/ID.toml: the text to send, the blanks to fill in, short advice and, for a message that is a step of the plan, its [timing]. Each becomes a page of its own, /templates/ID/, with a form that fills the blanks.",
		},
		Tables: tables,
		Notes: []Note{
			{
				Title: "Placeholders",
				Text:  []string{`{name} in the subject or body is replaced by what the visitor types in the field named name. Write {{ and }} for a brace itself. The channels are ` + quoteList(messages.Channels()) + "."},
			},
			{Title: "Example", Example: MessageExample},
		},
	}, nil
}

func timingTopic() (Topic, error) {
	timing, err := Tables(messages.Timing{}, "timing")
	if err != nil {
		return Topic{}, err
	}
	timing[0].Doc = "In a message file: when to send the message, as a step of the plan. A key left out means what its default says."
	policy, err := Tables(rules.DefaultPolicy(), "timeline")
	if err != nil {
		return Topic{}, err
	}
	policy[0].Doc = "In site.toml: the site-wide policy every plan follows. A key left out keeps its default."
	notes := []Note{
		{
			Title: "Durations",
			Text: []string{fmt.Sprintf("wait, suggest_after, within and wait_without take a whole number and a unit, %s: \"24 hours\", \"1 day\", \"14 days\", \"2 business days\"; at most a year. A day is a calendar day at the same time of day, whatever the clocks do.",
				quoteList([]string{rules.Hours, rules.Days, rules.BusinessDays}))},
		},
		{
			Title: "Events",
			Text:  []string{"What a step may follow (after), wait for (day_after) or be dropped by (unless): " + quoteList(rules.Events()) + ". The interview counts from its end. rejected, offer, withdrew and next-round (invited to another round) are outcomes, at most one a plan: a step that names one in unless is dropped when it came by the step's suggested time, or by today when the step is not sent. The next round is planned as an interview of its own, with its own thank-you notes and chasers."},
		},
		{
			Title: "Earliest, suggested, latest",
			Text: []string{
				"Each step has three times. Earliest is its anchor plus wait (and, with day_after, no sooner than the first business day after that event), never on a non-business day. Suggested is the first moment in business hours, on a business day, at or after the later of earliest and anchor plus suggest_after. Latest is anchor plus within; a step without within, or whose window closes before its suggested time, has until the end of business hours on its suggested day.",
				"A chaser's window is the business day it falls on: it opens at the start of business hours (or at its anchor, when later that day), closes at their end, and the chaser is suggested at chaser_time that day (or at its earliest, when later).",
				"Only the first max_chasers chasers are kept. A reply plans the chasers again from it.",
				"With today, a step overdue and not sent counts, for the steps that follow it, as sent today: none of them is suggested before now.",
			},
		},
		{Title: "Note placeholders", Text: []string{"A note, note_weekend or note_without may use these, where the step sets the key they show:"}, Items: noteVars()},
		{
			Title: "Regions",
			Text:  []string{fmt.Sprintf("The codes region and regions take, whose public holidays are known for %d to %d: %s.", holidays.First, holidays.Last, strings.Join(holidays.Regions(), ", "))},
		},
	}
	return Topic{
		Name: "timing", Summary: Summaries()["timing"], Title: "[timing] and [timeline]",
		Intro: []string{
			"The timing of each step is in its message's [timing] table; the site-wide policy is the [timeline] table of site.toml. playbook plan, /rules.json and the calculator in the browser, the home page's sample timeline and every {{< rule KEY >}} figure follow them. A rule that names a message or event that does not exist, or that depends on itself, stops the build with its position.",
		},
		Tables: append(timing, policy...),
		Notes:  notes,
	}, nil
}

func figuresTopic(r *rules.Rules, site string) Topic {
	var kinds []Item
	for _, k := range rules.FigureKinds() {
		kinds = append(kinds, Item{k.Key, k.Meaning})
	}
	t := Topic{
		Name: "figures", Summary: Summaries()["figures"], Title: "{{< rule KEY >}}",
		Intro: []string{
			"{{< rule KEY >}} in a page's Markdown or in a message's [guidance] writes a timing figure from the rules, so the words cannot drift from them: {{< rule thank-you.within >}} is \"24 hours\" while thank-you.toml says within = \"24 hours\". An unknown key stops the build at its position, with the key you probably meant.",
		},
		Notes: []Note{{Title: "Keys", Text: []string{"<step> is a step's id, <anchor> what it follows (its after). A step has a figure for each duration its [timing] sets."}, Items: kinds}},
	}
	if r != nil {
		f := rules.Figures(r)
		var items []Item
		for _, k := range slices.Sorted(maps.Keys(f)) {
			items = append(items, Item{k, f[k]})
		}
		t.Notes = append(t.Notes, Note{Title: "The figures of " + site, Items: items})
	}
	return t
}

func noteVars() []Item {
	vars := rules.NoteVars()
	var items []Item
	for _, k := range slices.Sorted(maps.Keys(vars)) {
		items = append(items, Item{"{" + k + "}", vars[k]})
	}
	return items
}

// quoteList writes names as "a", "b" or "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
